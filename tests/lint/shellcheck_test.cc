// --shellcheck: scripts as ShellCheck gets them (shebang from SHELL, exported ARG/ENV names,
// continuation lines kept) and its findings mapped back to Dockerfile lines and columns.
#include "lint/shellcheck.h"

#include <cstdlib>

#include <gtest/gtest.h>

#include "dockerfile/parser.h"
#include "lint/runner.h"

namespace drydock::lint {
namespace {

constexpr const char* kDockerfile =
    "FROM debian:bookworm-slim\n"
    "ARG VERSION\n"
    "ENV APP_HOME=/app\n"
    "RUN echo $VERSION && \\\n"
    "    # BuildKit drops this comment line\n"
    "    cd $APP_HOME && ls `pwd`\n"
    "# hadolint ignore=SC2086\n"
    "RUN echo $VERSION $APP_HOME\n"
    "SHELL [\"/bin/bash\", \"-c\"]\n"
    "RUN [[ -n \"$VERSION\" ]] && rm -rf $APP_HOME/*\n"
    "RUN <<EOF\n"
    "#!/bin/sh\n"
    "cd /tmp\n"
    "echo [[ x ]]\n"
    "EOF\n"
    "RUN [\"echo\", \"exec form is not a script\"]\n";

TEST(Shellcheck, ScriptsCarryShebangExportsAndTheDockerfilesOwnLines) {
  SourceFile file("Dockerfile", kDockerfile);
  dockerfile::Dockerfile df = dockerfile::Parse(file);
  dockerfile::StageTable stages = dockerfile::BuildStageTable(df, {});
  Ledger ledger = BuildLedger(df, stages, BuiltinBaseFacts());
  LintContext context(file, df, stages, ledger, nullptr, nullptr);
  std::vector<ShellcheckScript> scripts = ShellcheckScripts(context);
  ASSERT_EQ(scripts.size(), 4u);
  const std::string exports =
      "export ALL_PROXY=1 APP_HOME=1 FTP_PROXY=1 HTTPS_PROXY=1 HTTP_PROXY=1 NO_PROXY=1 PATH=1 "
      "VERSION=1 all_proxy=1 ftp_proxy=1 http_proxy=1 https_proxy=1 no_proxy=1\n";
  EXPECT_EQ(scripts[0].text, "#!/bin/sh\n" + exports +
                                 "echo $VERSION && \\\n"
                                 "\\\n"
                                 "    cd $APP_HOME && ls `pwd`\n");
  EXPECT_EQ(scripts[0].preamble_lines, 2u);
  EXPECT_EQ(scripts[0].first_line, 4u);
  EXPECT_EQ(scripts[0].first_column, 4u);
  EXPECT_EQ(scripts[2].text, "#!/bin/bash\n" + exports + "[[ -n \"$VERSION\" ]] && rm -rf $APP_HOME/*\n");
  // The heredoc body's own shebang wins; its first script line is the one after it.
  EXPECT_EQ(scripts[3].text, "#!/bin/sh\n" + exports + "cd /tmp\necho [[ x ]]\n");
  EXPECT_EQ(scripts[3].first_line, 13u);
  EXPECT_EQ(scripts[3].first_column, 0u);
}

TEST(Shellcheck, FindingsMappedBackToTheDockerfile) {
  const char* path = std::getenv("PATH");
  std::optional<std::string> binary = FindShellcheck(path ? path : "");
  if (!binary) GTEST_SKIP() << "no shellcheck on PATH";
  ShellcheckSession session(*binary);
  SourceFile file("Dockerfile", kDockerfile);
  SourceFile clean("clean.Dockerfile", "FROM debian:bookworm-slim\nRUN echo ok\n");
  LintRequest request;
  request.only_rules = {"DD0001"};
  request.shellcheck = &session;
  request.shellcheck_key = 0;
  EXPECT_TRUE(LintDockerfile(file, request).empty());
  request.shellcheck_key = 1;
  EXPECT_TRUE(LintDockerfile(clean, request).empty());
  Result<std::map<size_t, std::vector<LintFinding>>> found = session.Run();
  ASSERT_TRUE(found.ok()) << found.error().message;
  ASSERT_EQ(found->size(), 2u);
  EXPECT_TRUE(found->at(1).empty());
  std::string text;
  for (const LintFinding& f : found->at(0)) text += FormatDiagnostic(ToDiagnostic(file, f));
  EXPECT_EQ(text,
            "Dockerfile:6:24: info: Use $(...) notation instead of legacy backticks `...`. "
            "[SC2006 shellcheck]\n"
            "    cd $APP_HOME && ls `pwd`\n"
            "                       ^~~~~\n"
            "Dockerfile:6:24: warning: Quote this to prevent word splitting. [SC2046 shellcheck]\n"
            "    cd $APP_HOME && ls `pwd`\n"
            "                       ^~~~~\n"
            "Dockerfile:10:35: warning: Use \"${var:?}\" to ensure this never expands to /* . "
            "[SC2115 shellcheck]\n"
            "RUN [[ -n \"$VERSION\" ]] && rm -rf $APP_HOME/*\n"
            "                                  ^~~~~~~~~~~\n"
            "Dockerfile:13:1: warning: Use 'cd ... || exit' or 'cd ... || return' in case cd fails. "
            "[SC2164 shellcheck]\n"
            "cd /tmp\n"
            "^~~~~~~\n");
}

TEST(Shellcheck, MissingBinary) {
  EXPECT_EQ(FindShellcheck("/nonexistent:/also/not/here"), std::nullopt);
}

}  // namespace
}  // namespace drydock::lint
