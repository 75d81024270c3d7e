// The failure classes drydock exists for, as users meet them, with the whole diagnostic text:
// ensurepip missing on Debian's Python (DD3001), a bare `python` after USER (DD3004), and
// COPY . . before the dependency install (DD5001), a context full of junk and no .dockerignore
// (DD8001, DD8002); each also silent once fixed.
#include <gtest/gtest.h>

#include "base/file_system.h"
#include "lint/runner.h"

namespace drydock::lint {
namespace {

std::string Lint(const std::string& text, std::set<std::string> only,
                 const MemoryFileSystem* context_fs = nullptr) {
  SourceFile file("Dockerfile", text);
  LintRequest request;
  BuildContext context{"/src/app", "/src/app/Dockerfile", context_fs};
  if (context_fs) request.build_context = &context;
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

TEST(SeedCases, ContextJunkWithoutDockerignore) {
  const std::string dockerfile =
      "FROM python:3.12-slim\n"
      "WORKDIR /app\n"
      "COPY . .\n"
      "RUN pip install --no-cache-dir .\n";
  MemoryFileSystem fs;
  fs.Write("/src/app/Dockerfile", dockerfile);
  fs.Write("/src/app/pyproject.toml", std::string(400, 'x'));
  fs.Write("/src/app/app.py", std::string(1200, 'x'));
  fs.Write("/src/app/.git/HEAD", "ref: refs/heads/main\n");
  fs.Write("/src/app/.git/config", std::string(300, 'x'));
  fs.Write("/src/app/.git/objects/pack/pack-1.pack", std::string(3 << 20, 'x'));
  fs.Write("/src/app/venv/pyvenv.cfg", "home = /usr/bin\n");
  fs.Write("/src/app/venv/bin/python3", std::string(100, 'x'));
  fs.Write("/src/app/weights.zip", std::string(5 << 20, 'x'));
  EXPECT_EQ(Lint(dockerfile, {"DD8001", "DD8002"}, &fs),
            "Dockerfile:3:1: warning: COPY of `.` takes the whole build context and there is no "
            ".dockerignore (nor Dockerfile.dockerignore): add one that excludes what the image "
            "does not need (.git, venvs, caches, archives, secrets) [DD8001 missing-dockerignore]\n"
            "COPY . .\n"
            "^~~~~~~~\n"
            "Dockerfile:3:1: warning: COPY of `.` puts .git/ (version-control history, 3 files, "
            "3.0 MiB) from the build "
            "context into the image: add `/.git` to .dockerignore [DD8002 context-junk-copied]\n"
            "COPY . .\n"
            "^~~~~~~~\n"
            "Dockerfile:3:1: warning: COPY of `.` puts venv/ (a Python virtualenv, 2 files, 116 B) "
            "from the build context into the image: add `/venv` to .dockerignore "
            "[DD8002 context-junk-copied]\n"
            "COPY . .\n"
            "^~~~~~~~\n"
            "Dockerfile:3:1: warning: COPY of `.` puts weights.zip (an archive, 5.0 MiB) from the "
            "build context into the image: add `/weights.zip` to .dockerignore "
            "[DD8002 context-junk-copied]\n"
            "COPY . .\n"
            "^~~~~~~~\n");
  fs.Write("/src/app/.dockerignore", ".git\nvenv\n*.zip\n");
  EXPECT_EQ(Lint(dockerfile, {"DD8001", "DD8002"}, &fs), "");
}

}  // namespace
}  // namespace drydock::lint
