// The failure classes drydock exists for, as users meet them, with the whole diagnostic text:
// ensurepip missing on Debian's Python (DD3001), a bare `python` after USER (DD3004), and
// COPY . . before the dependency install (DD5001); each also silent once fixed.
#include <gtest/gtest.h>

#include "lint/runner.h"

namespace drydock::lint {
namespace {

std::string Lint(const std::string& text, std::set<std::string> only) {
  SourceFile file("Dockerfile", text);
  LintRequest request;
  request.only_rules = std::move(only);
  std::string out;
  for (const LintFinding& f : LintDockerfile(file, request)) out += FormatDiagnostic(ToDiagnostic(file, f));
  return out;
}

TEST(SeedCases, VenvWithoutEnsurepip) {
  EXPECT_EQ(Lint("FROM debian:bookworm\n"
                 "RUN apt-get update && apt-get install -y --no-install-recommends python3\n"
                 "RUN python3 -m venv /opt/venv\n",
                 {"DD3001"}),
            "Dockerfile:3:5: error: python3 -m venv needs ensurepip, which debian's Python ships "
            "only in python3-venv: install python3-venv (or python3.X-venv, python3-full) before "
            "it, or pass --without-pip [DD3001 venv-without-ensurepip]\n"
            "RUN python3 -m venv /opt/venv\n"
            "    ^~~~~~~~~~~~~~~~~~~~~~~~~\n");
  EXPECT_EQ(Lint("FROM debian:bookworm\n"
                 "RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-venv\n"
                 "RUN python3 -m venv /opt/venv\n",
                 {"DD3001"}),
            "");
}

TEST(SeedCases, PythonAfterUser) {
  EXPECT_EQ(Lint("FROM debian:bookworm\n"
                 "RUN apt-get update && apt-get install -y python3\n"
                 "USER appuser\n"
                 "RUN python -c 'print(1)'\n",
                 {"DD3004"}),
            "Dockerfile:4:5: error: `python` does not exist here: debian:bookworm and the installs "
            "before this provide only python3; call python3, or install python-is-python3 "
            "[DD3004 python-not-provided]\n"
            "RUN python -c 'print(1)'\n"
            "    ^~~~~~~~~~~~~~~~~~~~\n");
  EXPECT_EQ(Lint("FROM debian:bookworm\n"
                 "RUN apt-get update && apt-get install -y python3 python-is-python3\n"
                 "USER appuser\n"
                 "RUN python -c 'print(1)'\n",
                 {"DD3004"}),
            "");
}

TEST(SeedCases, CopyAllBeforeInstall) {
  EXPECT_EQ(Lint("FROM python:3.12-slim\n"
                 "WORKDIR /app\n"
                 "COPY . .\n"
                 "RUN pip install --no-cache-dir -r requirements.txt\n",
                 {"DD5001"}),
            "Dockerfile:3:1: warning: COPY of the whole context before `pip install -r "
            "requirements.txt` (line 4): every source change reruns the install; copy the "
            "dependency manifests first, install, then copy the rest [DD5001 copy-all-before-install]\n"
            "COPY . .\n"
            "^~~~~~~~\n");
  EXPECT_EQ(Lint("FROM python:3.12-slim\n"
                 "WORKDIR /app\n"
                 "COPY requirements.txt .\n"
                 "RUN pip install --no-cache-dir -r requirements.txt\n"
                 "COPY . .\n",
                 {"DD5001"}),
            "");
}

}  // namespace
}  // namespace drydock::lint
