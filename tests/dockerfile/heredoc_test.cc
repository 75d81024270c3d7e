// Heredocs in every form BuildKit accepts, and the forms it does not treat as heredocs.
#include "dockerfile/heredoc.h"

#include <string>

#include <gtest/gtest.h>

#include "dockerfile/dump.h"
#include "dockerfile/parser.h"

namespace drydock::dockerfile {
namespace {

struct Parsed {
  explicit Parsed(std::string text) : file("Dockerfile", std::move(text)), df(Parse(file)) {}
  SourceFile file;
  Dockerfile df;
};

TEST(Heredoc, RunWithABody) {
  Parsed p("FROM a\nRUN <<EOF\necho hello\necho world\nEOF\nUSER x\n");
  ASSERT_TRUE(p.df.ok());
  const Instruction& run = p.df.instructions[1];
  ASSERT_EQ(run.heredocs.size(), 1u);
  EXPECT_EQ(run.heredocs[0].name, "EOF");
  EXPECT_EQ(run.heredocs[0].content, "echo hello\necho world\n");
  EXPECT_TRUE(run.heredocs[0].expand);
  EXPECT_FALSE(run.heredocs[0].chomp);
  EXPECT_EQ(run.start_line, 2u);
  EXPECT_EQ(run.end_line, 5u);
  EXPECT_EQ(p.file.text().substr(run.heredocs[0].body_span.begin,
                                 run.heredocs[0].body_span.size()),
            "echo hello\necho world\n");
  EXPECT_EQ(p.df.instructions[2].start_line, 6u);
  EXPECT_EQ(DumpInstruction(run), "run \"<<EOF\"");
}

TEST(Heredoc, CopyToADestination) {
  Parsed p("FROM a\nCOPY <<EOF /etc/motd\nwelcome\nEOF\n");
  ASSERT_TRUE(p.df.ok());
  const Instruction& copy = p.df.instructions[1];
  ASSERT_EQ(copy.heredocs.size(), 1u);
  EXPECT_EQ(copy.heredocs[0].content, "welcome\n");
  EXPECT_EQ(DumpInstruction(copy), "copy \"<<EOF\" \"/etc/motd\"");
}

TEST(Heredoc, SeveralOnOneLineAreReadInOrder) {
  Parsed p("FROM a\nCOPY <<one <<two /dst/\n1\none\n2\ntwo\nRUN x\n");
  ASSERT_TRUE(p.df.ok());
  const Instruction& copy = p.df.instructions[1];
  ASSERT_EQ(copy.heredocs.size(), 2u);
  EXPECT_EQ(copy.heredocs[0].name, "one");
  EXPECT_EQ(copy.heredocs[0].content, "1\n");
  EXPECT_EQ(copy.heredocs[1].name, "two");
  EXPECT_EQ(copy.heredocs[1].content, "2\n");
  EXPECT_EQ(p.df.instructions.size(), 3u);
}

TEST(Heredoc, ChompMatchesAnIndentedTerminatorAndKeepsTabsInTheBody) {
  Parsed p("FROM a\nRUN <<-EOT\n\tindented\n\tEOT\n");
  ASSERT_TRUE(p.df.ok());
  const Heredoc& h = p.df.instructions[1].heredocs[0];
  EXPECT_TRUE(h.chomp);
  EXPECT_EQ(h.content, "\tindented\n");
  EXPECT_EQ(ChompHeredocContent(h.content), "indented\n");
}

TEST(Heredoc, QuotedDelimitersTurnExpansionOff) {
  for (std::string opener : {"<<'EOF'", "<<\"EOF\"", "<<E\"O\"F"}) {
    Parsed p("FROM a\nRUN " + opener + "\necho $HOME\nEOF\n");
    ASSERT_TRUE(p.df.ok()) << opener;
    ASSERT_EQ(p.df.instructions[1].heredocs.size(), 1u) << opener;
    EXPECT_EQ(p.df.instructions[1].heredocs[0].name, "EOF") << opener;
    EXPECT_FALSE(p.df.instructions[1].heredocs[0].expand) << opener;
  }
  Parsed escaped("FROM a\nRUN <<\\EOF\nx\nEOF\n");
  ASSERT_TRUE(escaped.df.ok());
  EXPECT_TRUE(escaped.df.instructions[1].heredocs[0].expand);  // BuildKit's quirk.
}

TEST(Heredoc, FileDescriptorPrefix) {
  Parsed p("FROM a\nRUN 3<<EOF cat /proc/self/fd/3\ndata\nEOF\n");
  ASSERT_TRUE(p.df.ok());
  EXPECT_EQ(p.df.instructions[1].heredocs[0].fd, 3u);
}

TEST(Heredoc, OnbuildAttachesToTheOnbuildInstruction) {
  Parsed p("FROM a\nONBUILD RUN <<EOF\necho hi\nEOF\n");
  ASSERT_TRUE(p.df.ok());
  ASSERT_EQ(p.df.instructions[1].heredocs.size(), 1u);
  EXPECT_EQ(p.df.instructions[1].heredocs[0].content, "echo hi\n");
}

TEST(Heredoc, NotAHeredoc) {
  // Exec form, CMD, a word not starting with <<, and an empty delimiter open no heredoc.
  Parsed p("FROM a\nRUN [\"cat\", \"<<EOF\"]\nCMD <<EOF\nRUN cat x<<EOF\nRUN cat <<''\nUSER u\n");
  ASSERT_TRUE(p.df.ok());
  ASSERT_EQ(p.df.instructions.size(), 6u);
  for (const Instruction& in : p.df.instructions) EXPECT_TRUE(in.heredocs.empty());
}

TEST(Heredoc, TerminatorIncludesPunctuationOfTheWord) {
  Parsed p("FROM a\nRUN <<EOF; echo done\nx\nEOF\nEOF;\n");
  ASSERT_TRUE(p.df.ok());
  EXPECT_EQ(p.df.instructions[1].heredocs[0].name, "EOF;");
  EXPECT_EQ(p.df.instructions[1].heredocs[0].content, "x\nEOF\n");
}

TEST(Heredoc, CrBeforeTheTerminatorsNewlineIsIgnored) {
  Parsed p("FROM a\r\nRUN <<EOF\r\nx\r\nEOF\r\n");
  ASSERT_TRUE(p.df.ok());
  EXPECT_EQ(p.df.instructions[1].heredocs[0].content, "x\r\n");
}

TEST(Heredoc, UnterminatedIsAnError) {
  Parsed p("FROM a\nRUN <<EOF\necho never ends\n");
  ASSERT_EQ(p.df.errors.size(), 1u);
  EXPECT_EQ(p.df.errors[0].message, "unterminated heredoc");
  EXPECT_EQ(p.df.errors[0].buildkit_lines, (std::vector<uint32_t>{2, 3}));
}

TEST(HeredocWord, Forms) {
  auto one = [](std::string_view word) {
    Result<std::vector<Heredoc>> r = ParseHeredocWord(word);
    EXPECT_TRUE(r.ok());
    return r.ok() && r->size() == 1 ? (*r)[0] : Heredoc{"<none>", "", false, false, 0, {}};
  };
  EXPECT_EQ(one("<<EOF").name, "EOF");
  EXPECT_EQ(one("<<-EOF").chomp, true);
  EXPECT_EQ(one("12<<X").fd, 12u);
  EXPECT_EQ(one("<<'a b'").name, "a b");
  EXPECT_EQ(one("<<$X").name, "$X");
  EXPECT_EQ(one("<<").name, "<none>");
  EXPECT_EQ(one("<<<X").name, "<none>");
  EXPECT_EQ(one("x<<EOF").name, "<none>");
}

}  // namespace
}  // namespace drydock::dockerfile
