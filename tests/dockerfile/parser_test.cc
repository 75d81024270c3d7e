// The parser's tree: arguments per instruction kind, flags, spans, continuation handling.
#include "dockerfile/parser.h"

#include <string>

#include <gtest/gtest.h>

#include "dockerfile/dump.h"
#include "dockerfile/instructions.h"

namespace drydock::dockerfile {
namespace {

struct Parsed {
  explicit Parsed(std::string text) : file("Dockerfile", std::move(text)), df(Parse(file)) {}
  std::string At(Span span) const {
    return std::string(file.text().substr(span.begin, span.end - span.begin));
  }
  SourceFile file;
  Dockerfile df;
};

TEST(Parser, DumpsEveryInstructionKind) {
  Parsed p(
      "FROM --platform=linux/amd64 debian:bookworm AS build\n"
      "ARG A B=2\n"
      "ENV K=v K2=\"a b\"\n"
      "ENV LEGACY some value\n"
      "LABEL x=y\n"
      "RUN apt-get update\n"
      "RUN [\"echo\", \"hi\"]\n"
      "CMD [\"x\"]\n"
      "ENTRYPOINT /bin/sh -c\n"
      "SHELL [\"/bin/bash\", \"-c\"]\n"
      "EXPOSE 80/tcp 443\n"
      "VOLUME /data /cache\n"
      "WORKDIR /app\n"
      "USER app:app\n"
      "COPY --from=build --chown=1:1 a b /dst/\n"
      "ADD --checksum=sha256:00 https://x/y /z\n"
      "ONBUILD RUN make\n"
      "HEALTHCHECK --interval=5s CMD curl -f http://localhost/\n"
      "STOPSIGNAL SIGTERM\n"
      "MAINTAINER someone\n");
  ASSERT_TRUE(p.df.ok());
  EXPECT_EQ(DumpDockerfile(p.df),
            "(from [\"--platform=linux/amd64\"] \"debian:bookworm\" \"AS\" \"build\")\n"
            "(arg \"A\" \"B=2\")\n"
            "(env \"K\" \"v\" \"=\" \"K2\" \"\\\"a b\\\"\" \"=\")\n"
            "(env \"LEGACY\" \"some value\" \"\")\n"
            "(label \"x\" \"y\" \"=\")\n"
            "(run \"apt-get update\")\n"
            "(run \"echo\" \"hi\")\n"
            "(cmd \"x\")\n"
            "(entrypoint \"/bin/sh -c\")\n"
            "(shell \"/bin/bash\" \"-c\")\n"
            "(expose \"80/tcp\" \"443\")\n"
            "(volume \"/data\" \"/cache\")\n"
            "(workdir \"/app\")\n"
            "(user \"app:app\")\n"
            "(copy [\"--from=build\" \"--chown=1:1\"] \"a\" \"b\" \"/dst/\")\n"
            "(add [\"--checksum=sha256:00\"] \"https://x/y\" \"/z\")\n"
            "(onbuild (run \"make\"))\n"
            "(healthcheck [\"--interval=5s\"] \"CMD\" \"curl -f http://localhost/\")\n"
            "(stopsignal \"SIGTERM\")\n"
            "(maintainer \"someone\")\n");
  EXPECT_TRUE(p.df.instructions[6].json);
  EXPECT_FALSE(p.df.instructions[5].json);
}

TEST(Parser, SpansPointIntoTheSource) {
  Parsed p("FROM alpine\n  COPY --chown=app:app src/ \\\n    /dst\n");
  ASSERT_TRUE(p.df.ok());
  const Instruction& copy = p.df.instructions[1];
  EXPECT_EQ(p.At(copy.keyword_span), "COPY");
  ASSERT_EQ(copy.flags.size(), 1u);
  EXPECT_EQ(p.At(copy.flags[0].span), "--chown=app:app");
  EXPECT_EQ(copy.flags[0].name(), "chown");
  EXPECT_EQ(*copy.flags[0].value(), "app:app");
  ASSERT_EQ(copy.args.size(), 2u);
  EXPECT_EQ(p.At(copy.args[0].span), "src/");
  EXPECT_EQ(p.At(copy.args[1].span), "/dst");  // On the continuation line.
  EXPECT_EQ(p.file.Locate(copy.args[1].span.begin).line, 3u);
  EXPECT_EQ(p.file.Locate(copy.args[1].span.begin).col, 5u);
  EXPECT_EQ(copy.start_line, 2u);
  EXPECT_EQ(copy.end_line, 3u);
  EXPECT_EQ(copy.original, "COPY --chown=app:app src/     /dst");
}

TEST(Parser, ContinuationSkipsCommentsAndWarnsOnEmptyLines) {
  Parsed p("FROM a\nRUN echo 1 \\\n# a comment\n    && echo 2 \\\n\n    && echo 3\nUSER x\n");
  ASSERT_TRUE(p.df.ok());
  EXPECT_EQ(p.df.instructions[1].args[0].value, "echo 1     && echo 2     && echo 3");
  ASSERT_EQ(p.df.warnings.size(), 1u);
  EXPECT_EQ(p.df.warnings[0].line, 6u);
  EXPECT_EQ(p.df.instructions[2].start_line, 7u);
}

TEST(Parser, EscapeDirectiveSwitchesToBacktick) {
  Parsed p("# escape=`\nFROM windows\nRUN dir `\n  C:\\\n");
  ASSERT_TRUE(p.df.ok());
  EXPECT_EQ(p.df.escape, '`');
  ASSERT_EQ(p.df.directives.size(), 1u);
  EXPECT_EQ(p.df.directives[0].name, "escape");
  EXPECT_EQ(p.df.instructions[1].args[0].value, "dir   C:\\");
}

TEST(Parser, DoubleEscapeAtEndOfLineDoesNotContinue) {
  Parsed p("FROM a\nRUN echo \\\\\nRUN b\n");
  ASSERT_TRUE(p.df.ok());
  ASSERT_EQ(p.df.instructions.size(), 3u);
  EXPECT_EQ(p.df.instructions[1].args[0].value, "echo \\\\");
}

TEST(Parser, MalformedJsonFallsBackToShellForm) {
  Parsed p("FROM a\nCMD [\"a\", 'b']\nRUN [\"x\"] tail\n");
  ASSERT_TRUE(p.df.ok());
  EXPECT_FALSE(p.df.instructions[1].json);
  EXPECT_EQ(p.df.instructions[1].args[0].value, "[\"a\", 'b']");
  EXPECT_FALSE(p.df.instructions[2].json);
}

TEST(Parser, JsonEscapesAreDecoded) {
  Parsed p("FROM a\nCMD [\"a\\/b\", \"\\u00e9\", \"\\ud800\"]\n");
  ASSERT_TRUE(p.df.ok());
  const Instruction& cmd = p.df.instructions[1];
  ASSERT_EQ(cmd.args.size(), 3u);
  EXPECT_EQ(cmd.args[0].value, "a/b");
  EXPECT_EQ(cmd.args[1].value, "é");
  EXPECT_EQ(cmd.args[2].value, "\xEF\xBF\xBD");
  EXPECT_EQ(p.At(cmd.args[0].span), "\"a\\/b\"");
}

TEST(Parser, UnknownInstructionKeepsAnEmptyArgument) {
  Parsed p("FROM a\nFOO bar baz\n");
  ASSERT_TRUE(p.df.ok());
  EXPECT_EQ(DumpInstruction(p.df.instructions[1]), "foo \"\"");
  EXPECT_EQ(p.df.instructions[1].keyword, Keyword::kUnknown);
}

TEST(Parser, CommentsAboveAnInstructionAreKept) {
  Parsed p("# syntax=docker/dockerfile:1\n# first\n#\n# second\n  # third\nFROM a\n");
  ASSERT_TRUE(p.df.ok());
  EXPECT_EQ(p.df.instructions[0].comments, (std::vector<std::string>{"second", "# third"}));
}

TEST(Parser, FlagBytesAreReadAsLatin1LikeBuildKit) {
  Parsed p("FROM a\nCOPY --chown=café x y\n");
  ASSERT_TRUE(p.df.ok());
  EXPECT_EQ(p.df.instructions[1].flags[0].text, "--chown=cafÃ©");
}

TEST(Parser, OnbuildWrapsItsTarget) {
  Parsed p("FROM a\nONBUILD COPY --from=x a b\n");
  ASSERT_TRUE(p.df.ok());
  const Instruction& onbuild = p.df.instructions[1];
  ASSERT_TRUE(onbuild.child);
  EXPECT_EQ(onbuild.child->keyword, Keyword::kCopy);
  EXPECT_EQ(p.At(onbuild.child->flags[0].span), "--from=x");
  EXPECT_EQ(DumpInstruction(onbuild), "onbuild (copy [\"--from=x\"] \"a\" \"b\")");
}

TEST(Parser, ByteOrderMarkAndCrlf) {
  Parsed p("\xEF\xBB\xBF" "FROM a\r\nRUN b \\\r\n  c\r\n");
  ASSERT_TRUE(p.df.ok());
  EXPECT_EQ(DumpDockerfile(p.df), "(from \"a\")\n(run \"b   c\")\n");
}

TEST(Parser, ReportsEveryErrorNotJustTheFirst) {
  Parsed p("FROM a\nENV A\nLABEL b\nCMD [\"x\", 1]\nRUN ok\n");
  ASSERT_EQ(p.df.errors.size(), 3u);
  EXPECT_EQ(p.df.errors[0].message, "ENV must have two arguments");
  EXPECT_EQ(p.df.errors[1].message, "LABEL must have two arguments");
  EXPECT_EQ(p.df.errors[2].message,
            "when using JSON array syntax, arrays must be comprised of strings only");
  EXPECT_EQ(p.df.instructions.size(), 2u);  // FROM and RUN.
}

TEST(Instructions, TypedViews) {
  Parsed p("ARG V=1 W\nFROM --platform=$P img:${V} AS Build\nENV A=1 B=2\n"
           "RUN --mount=type=cache,target=/root/.cache --mount=from=deps,source=/x,target=/y b\n"
           "COPY a b c /d/\n");
  ASSERT_TRUE(p.df.ok());
  auto args = ArgDecls(p.df.instructions[0]);
  ASSERT_EQ(args.size(), 2u);
  EXPECT_EQ(args[0].name, "V");
  EXPECT_EQ(*args[0].default_value, "1");
  EXPECT_FALSE(args[1].default_value);
  auto from = AsFrom(p.df.instructions[1]);
  ASSERT_TRUE(from);
  EXPECT_EQ(from->image->value, "img:${V}");
  EXPECT_EQ(from->stage_name->value, "Build");
  EXPECT_EQ(*from->platform, "$P");
  auto env = KeyValues(p.df.instructions[2]);
  ASSERT_EQ(env.size(), 2u);
  EXPECT_EQ(env[1].key->value, "B");
  EXPECT_EQ(env[1].value->value, "2");
  auto mounts = RunMounts(p.df.instructions[3]);
  ASSERT_EQ(mounts.size(), 2u);
  EXPECT_EQ(*mounts[0].Get("type"), "cache");
  EXPECT_EQ(*mounts[1].Get("from"), "deps");
  auto copy = AsSourcesAndDest(p.df.instructions[4]);
  ASSERT_TRUE(copy);
  EXPECT_EQ(copy->sources.size(), 3u);
  EXPECT_EQ(copy->dest->value, "/d/");
}

TEST(Instructions, ChecksFlagsAndArgumentCounts) {
  Parsed p("FROM a b\nCOPY --form=x a b\nRUN --network host\nWORKDIR\nCOPY --link=maybe a b\n"
           "HEALTHCHECK NONE x\nFORM a\nSHELL /bin/sh\nONBUILD FROM x\n");
  ASSERT_TRUE(p.df.ok());
  std::vector<SemanticError> errors;
  for (const Instruction& in : p.df.instructions) CheckInstruction(in, &errors);
  std::vector<std::string> messages;
  for (const auto& e : errors) messages.push_back(e.message);
  EXPECT_EQ(messages, (std::vector<std::string>{
                          "FROM requires either one or three arguments",
                          "unknown flag: --form (did you mean from?)",
                          "missing a value on flag: --network",
                          "WORKDIR requires exactly one argument",
                          "expecting boolean value for flag --link, not: maybe",
                          "HEALTHCHECK NONE takes no arguments",
                          "unknown instruction: FORM (did you mean from?)",
                          "SHELL requires the arguments to be in JSON form",
                          "FROM isn't allowed as an ONBUILD trigger",
                      }));
}

}  // namespace
}  // namespace drydock::dockerfile
