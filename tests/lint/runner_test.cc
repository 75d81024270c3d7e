// The runner: syntax errors as DD0001, pragmas in every scope, stale suppressions, severity
// overrides, --explain facts, and the config file.
#include "lint/runner.h"

#include <gtest/gtest.h>

#include "lint/config.h"

namespace drydock::lint {
namespace {

std::string Lint(const std::string& text, LintRequest request = {}) {
  SourceFile file("Dockerfile", text);
  std::string out;
  for (const LintFinding& f : LintDockerfile(file, request)) {
    out += FormatDiagnostic(ToDiagnostic(file, f));
  }
  return out;
}

LintRequest Only(std::set<std::string> ids) {
  LintRequest r;
  r.only_rules = std::move(ids);
  return r;
}

TEST(Runner, SyntaxErrorsAreParseErrorFindings) {
  EXPECT_EQ(Lint("FROM busybox\nENV PATH\nRUN [\"a\", 1]\n", Only({"DD0001"})),
            "Dockerfile:2:5: error: ENV must have two arguments [DD0001 parse-error]\n"
            "ENV PATH\n"
            "    ^~~~\n"
            "Dockerfile:3:5: error: when using JSON array syntax, arrays must be comprised of "
            "strings only [DD0001 parse-error]\n"
            "RUN [\"a\", 1]\n"
            "    ^~~~~~~~\n");
}

TEST(Runner, PragmaScopes) {
  std::string text =
      "FROM debian:bookworm-slim AS one\n"
      "# drydock ignore=DD4004 -- next instruction only\n"
      "RUN sudo a\n"
      "RUN sudo b\n"
      "# drydock stage ignore=sudo-in-run\n"
      "FROM debian:bookworm-slim AS two\n"
      "RUN sudo c\n"
      "FROM debian:bookworm-slim AS three\n"
      "# hadolint ignore=DL3004\n"
      "RUN sudo d\n"
      "RUN sudo e\n";
  EXPECT_EQ(Lint(text, Only({"DD4004", "DD0002"})),
            "Dockerfile:4:5: error: sudo in RUN: use USER to change the user instead [DD4004 sudo-in-run]\n"
            "RUN sudo b\n"
            "    ^~~~~~\n"
            "Dockerfile:11:5: error: sudo in RUN: use USER to change the user instead [DD4004 sudo-in-run]\n"
            "RUN sudo e\n"
            "    ^~~~~~\n");
  EXPECT_EQ(Lint("# drydock global ignore=DD4004\nFROM debian\nRUN sudo x\n", Only({"DD4004", "DD0002"})), "");
}

TEST(Runner, StaleSuppressionIsReported) {
  EXPECT_EQ(Lint("FROM debian\n# drydock ignore=DD4004\nRUN echo no sudo here\n", Only({"DD4004", "DD0002"})),
            "Dockerfile:2:1: warning: suppression of DD4004 sudo-in-run suppresses nothing: remove "
            "it [DD0002 useless-suppression]\n"
            "# drydock ignore=DD4004\n"
            "^~~~~~~~~~~~~~~~~~~~~~~\n");
}

TEST(Runner, BuildKitCheckSkipDirective) {
  LintRequest r = Only({"DD0001"});
  EXPECT_EQ(Lint("# check=skip=JSONArgsRecommended\nFROM debian\nFORM x\n", r),
            "Dockerfile:3:1: error: unknown instruction: FORM (did you mean from?) [DD0001 parse-error]\n"
            "FORM x\n"
            "^~~~\n");
}

TEST(Runner, SeverityOverrideAndIgnore) {
  LintRequest r = Only({"DD4004"});
  r.config.severity_override["DD4004"] = Severity::kInfo;
  EXPECT_EQ(Lint("FROM debian\nRUN sudo x\n", r),
            "Dockerfile:2:5: info: sudo in RUN: use USER to change the user instead [DD4004 sudo-in-run]\n"
            "RUN sudo x\n"
            "    ^~~~~~\n");
  r.config.ignored.insert("DD4004");
  EXPECT_EQ(Lint("FROM debian\nRUN sudo x\n", r), "");
}

TEST(Runner, ExplainShowsTheLedger) {
  SourceFile file("Dockerfile",
                  "FROM debian:bookworm\nRUN apt-get update && apt-get install -y python3\n"
                  "USER app\nRUN sudo x\n");
  LintRequest r = Only({"DD4004"});
  r.explain = true;
  std::vector<LintFinding> found = LintDockerfile(file, r);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].explain,
            "facts before line 4: base debian:bookworm (known, debian); user app; workdir /\n"
            "packages installed: python3\n"
            "venvs: (none)");
}

TEST(Config, ParsesTheLintSection) {
  SourceFile file(".drydock.yaml",
                  "lint:\n"
                  "  ignored: [DD0002, DL1000]\n"
                  "  override:\n"
                  "    info: [sudo-in-run]\n"
                  "  failure-threshold: warning\n"
                  "  options:\n"
                  "    DD4004: {max-size: \"10\"}\n"
                  "  ignore: [DD1]\n");
  DiagSink sink;
  Result<LintConfig> config = ParseLintConfig(file, sink);
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->ignored, (std::set<std::string>{"DD0001", "DD0002"}));
  EXPECT_EQ(config->severity_override.at("DD4004"), Severity::kInfo);
  EXPECT_EQ(config->failure_threshold, Severity::kWarning);
  EXPECT_EQ(config->options.at("DD4004").at("max-size"), "10");
  ASSERT_EQ(sink.diagnostics().size(), 1u);
  EXPECT_EQ(FormatDiagnostic(sink.diagnostics()[0]),
            ".drydock.yaml:8:3: warning: unknown key lint.ignore (did you mean ignored?)\n"
            "  ignore: [DD1]\n"
            "  ^~~~~~\n");
}

TEST(Config, UnknownRuleIsAnErrorWithASuggestion) {
  SourceFile file(".drydock.yaml", "lint:\n  ignored: [sudo-in-rn]\n");
  DiagSink sink;
  ASSERT_TRUE(ParseLintConfig(file, sink).ok());
  ASSERT_TRUE(sink.has_errors());
  EXPECT_EQ(sink.diagnostics()[0].message,
            "unknown rule sudo-in-rn (did you mean sudo-in-run?)");
}

}  // namespace
}  // namespace drydock::lint
