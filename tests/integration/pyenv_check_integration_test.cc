// `drydock check` on images the real engine builds from Debian's own python3, python3-pip and
// python3-venv, with wheels this test makes (tests/integration/pyenv_fixtures.py; no PyPI here)
// installed by the image's pip. Every image is also checked the other way round: `pip check`
// runs inside a container of it, for each environment drydock found, and its lines must equal
// drydock's unsatisfied-requirement findings (PY2001, PY2002).
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "integration/image_engine_helper.h"
#include "integration/pip_check_oracle.h"

namespace drydock::testing {
namespace {

constexpr char kDebian[] = "debian:bookworm-slim";
// Debian's python3 + python3-pip + python3-venv over kDebian. Built once (about 10 s, from the
// apt mirror over the host network) and kept in the engine as a cache like kDebian itself.
constexpr char kPythonBase[] = "drydock-test-pyenv/python3:bookworm";
constexpr char kPrefix[] = "drydock-test-pyenv/";

std::string Drydock() { return DRYDOCK_BINARY; }

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class PyenvCheckIntegration : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    if (FindEngine(&why).empty()) GTEST_SKIP() << "no Docker engine: " << why;
    if (Shell(fmt::format("docker image inspect {} >/dev/null 2>&1", kDebian)).status != 0) {
      GTEST_SKIP() << kDebian << " is not in the engine: run scripts/prepare-base.sh";
    }
    if (Shell("python3 -c 'import zipfile' 2>/dev/null").status != 0) GTEST_SKIP() << "no host python3 to make wheels";
    ASSERT_TRUE(EnsurePythonBase());
    char tmpl[] = "/tmp/drydock-pyenv-it-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    ASSERT_EQ(Shell(fmt::format("python3 {}/pyenv_fixtures.py {} {}", DRYDOCK_FIXTURES_DIR, dir_, kPythonBase)).status, 0);
  }
  void TearDown() override {
    for (const std::string& tag : tags_) Shell("docker image rm -f " + tag + " >/dev/null 2>&1");
    if (!dir_.empty()) Shell("rm -rf " + dir_);
  }

  static bool EnsurePythonBase() {
    if (Shell(fmt::format("docker image inspect {} >/dev/null 2>&1", kPythonBase)).status == 0) return true;
    std::string dockerfile = fmt::format(
        "FROM {}\nRUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "
        "--no-install-recommends python3 python3-pip python3-venv && rm -rf /var/lib/apt/lists/*\n", kDebian);
    return Shell(fmt::format("printf '%s' '{}' | docker build -q --network=host -t {} - >/dev/null", dockerfile,
                             kPythonBase)).status == 0;
  }

  // Builds dir_/Dockerfile.<name> (made by pyenv_fixtures.py) as drydock-test-pyenv/<name>.
  std::string Build(const std::string& name) {
    std::string tag = kPrefix + name + ":latest";
    tags_.push_back(tag);
    CommandResult r = Shell(fmt::format("docker build -q --network=none -f {0}/Dockerfile.{1} -t {2} {0} 2>&1 >/dev/null",
                                        dir_, name, tag));
    EXPECT_EQ(r.status, 0) << "docker build of " << name << " failed: " << r.output;
    return tag;
  }

  // `drydock check [flags] image` exits with `status` and prints exactly `output`.
  static void ExpectCheck(const std::string& flags, const std::string& image, int status, const std::string& output) {
    CommandResult r = Shell(Drydock() + " check " + flags + image);
    EXPECT_EQ(r.status, status) << r.output;
    EXPECT_EQ(r.output, output);
  }

  int ExpectPipCheckAgrees(const std::string& image) {
    return drydock::testing::ExpectPipCheckAgrees(Drydock(), image);
  }

  std::string dir_;
  std::vector<std::string> tags_;
};

TEST_F(PyenvCheckIntegration, PythonBaseIsCleanAndAgreesWithPipCheck) {
  // Only because it runs as root, which a base may.
  ExpectCheck("--severity-threshold=info ", kPythonBase, 1, std::string(kPythonBase) +
                          ": warning: the image runs as root (USER not set) [IM1003 runs-as-root]\n"
                          "  hint: add a user and end with USER <name> (RUN useradd -r app; USER app)\n" +
                          kPythonBase + ": 1 Python environment (python3.11 (/usr)), 3 distributions, 498 RECORD "
                          "files checked: 0 errors, 1 warnings, 0 infos\n");
  EXPECT_EQ(ExpectPipCheckAgrees(kPythonBase), 1);
}

TEST_F(PyenvCheckIntegration, VenvGetsPymultihashThenPyMultihash) {
  std::string broken = Build("clobber");
  ExpectCheck("", broken, 1,
            broken + ": error: py-multihash 2.0.1 and pymultihash 0.8.2 both install multihash/__init__.py, "
            "multihash/multihash.py (2 files in /opt/venv/lib/python3.11/site-packages); the files on disk now "
            "are py-multihash 2.0.1's, so pymultihash 0.8.2 is broken (its copies were overwritten) "
            "[PY1001 files-clobbered]\n"
            "  hint: both provide 'multihash'; keep one: pip uninstall -y py-multihash pymultihash, then pip "
            "install only the one your code imports\n" +
            broken + ": 2 Python environments (python3.11 (/usr), venv /opt/venv), 7 distributions, 1268 RECORD "
            "files checked: 1 errors, 0 warnings, 0 infos\n");
  // pip check sees nothing wrong here: that is the point of PY1001.
  EXPECT_EQ(ExpectPipCheckAgrees(broken), 2);

  std::string fixed = Build("clobber-fixed");
  ExpectCheck("--severity-threshold=info ", fixed, 0, fixed + ": 2 Python environments (python3.11 (/usr), venv /opt/venv), 6 distributions, 1262 "
                              "RECORD files checked: 0 errors, 0 warnings, 0 infos\n");
  EXPECT_EQ(ExpectPipCheckAgrees(fixed), 2);
  EXPECT_EQ(Shell("docker run --rm --network=none " + fixed).output, "Func\n");
}

TEST_F(PyenvCheckIntegration, CmdPythonWithOnlyDebiansPython3) {
  std::string broken = Build("python-cmd");
  ExpectCheck("", broken, 1,
            broken + ": error: CMD runs 'python', which is not on PATH "
            "(/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin) for user nobody: the container fails "
            "to start [IM1001 command-not-found]\n"
            "  hint: the image has python3; use it in CMD (also: python3.11)\n" +
            broken + ": 1 Python environment (python3.11 (/usr)), 3 distributions, 498 RECORD files checked: "
            "1 errors, 0 warnings, 0 infos\n");
  // The engine agrees: the container does not start.
  CommandResult run = Shell("docker run --rm --network=none " + broken + " 2>&1");
  EXPECT_NE(run.status, 0);
  EXPECT_NE(run.output.find("\"python\": executable file not found in $PATH"), std::string::npos) << run.output;
  EXPECT_EQ(ExpectPipCheckAgrees(broken), 1);

  std::string fixed = Build("python-cmd-fixed");
  ExpectCheck("--severity-threshold=info ", fixed, 0, fixed + ": 1 Python environment (python3.11 (/usr)), 3 distributions, 498 RECORD files "
                              "checked: 0 errors, 0 warnings, 0 infos\n");
  EXPECT_EQ(ExpectPipCheckAgrees(fixed), 1);
  EXPECT_EQ(Shell("docker run --rm --network=none " + fixed).output, "hello\n");
}

// Requirements broken on purpose (--no-deps), in a venv and in Debian's system Python.
TEST_F(PyenvCheckIntegration, BrokenRequirementsMatchPipCheckInTheContainer) {
  std::string image = Build("broken-requirements");
  ExpectCheck("", image, 1,
            image + ": error: app 1.0 requires missing-dep, which is not installed (venv /opt/venv) "
            "[PY2001 requirement-missing]\n"
            "  hint: install it: pip install 'missing-dep' (or add it to the requirements file), then rerun pip check\n" +
            image + ": error: sysapp 1.0 requires nothere, which is not installed (python3.11 (/usr)) "
            "[PY2001 requirement-missing]\n"
            "  hint: install it: pip install 'nothere' (or add it to the requirements file), then rerun pip check\n" +
            image + ": error: app 1.0 has requirement dep<2, but you have dep 2.0 (venv /opt/venv) "
            "[PY2002 requirement-conflict]\n"
            "  hint: install a matching version: pip install 'dep<2', or pin versions that agree\n" +
            image + ": error: sysapp 1.0 has requirement pip<1, but you have pip 23.0.1 (python3.11 (/usr)) "
            "[PY2002 requirement-conflict]\n"
            "  hint: install a matching version: pip install 'pip<1', or pin versions that agree\n" +
            image + ": error: armthing 1.0 is not supported on this platform (venv /opt/venv, CPython 3.11 on "
            "x86_64) [PY2003 wheel-unsupported]\n"
            "  hint: install a wheel built for this interpreter and architecture (pip install --force-reinstall "
            "from inside the image, or build for the image's platform)\n" +
            image + ": error: app 1.0 requires dep[fast] and dep 2.0's extra 'fast' needs speedup, which is not "
            "installed (venv /opt/venv; pip check does not check extras) [PY2006 extra-unsatisfied]\n"
            "  hint: pip install 'dep[fast]'\n" +
            image + ": 2 Python environments (python3.11 (/usr), venv /opt/venv), 9 distributions, 1277 RECORD "
            "files checked: 6 errors, 0 warnings, 0 infos\n");
  EXPECT_EQ(ExpectPipCheckAgrees(image), 2);
  // PY2003 is pip check's own platform check, which arrived in pip 24.2; Debian bookworm's pip
  // 23.0.1 does not have it yet (the pipcheck-oracle corpus holds that case against pip 26).
  CommandResult pip = Shell("docker run --rm --network=none --entrypoint /opt/venv/bin/python " + image +
                            " -m pip --version 2>/dev/null");
  EXPECT_EQ(pip.output.rfind("pip 23.0.1 ", 0), 0u) << pip.output;
}

// `x-drydock: {check: true}` fails a target whose image does not pass, under -k its dependents
// are skipped and other targets still build; the check runs again when the image is up to date.
TEST_F(PyenvCheckIntegration, BuildCheckFailsTheTargetAndSkipsItsDependents) {
  std::string app = std::string(kPrefix) + "checked-app:latest";
  std::string child = std::string(kPrefix) + "checked-child:latest";
  std::string other = std::string(kPrefix) + "checked-other:latest";
  tags_.insert(tags_.end(), {app, child, other});
  std::string compose = fmt::format(
      "name: checked\nservices:\n"
      "  app:\n    image: {}\n    build: {{context: ., dockerfile: Dockerfile.python-cmd}}\n"
      "    x-drydock: {{check: true}}\n"
      "  child:\n    image: {}\n    build: {{context: ., dockerfile: Dockerfile.child}}\n"
      "  other:\n    image: {}\n    build: {{context: ., dockerfile: Dockerfile.python-cmd-fixed}}\n",
      app, child, other);
  ASSERT_EQ(Shell(fmt::format("cd {} && printf '%s' '{}' > compose.yaml && printf 'FROM {}\\nRUN true\\n' > "
                              "Dockerfile.child", dir_, compose, app)).status, 0);
  std::string build = fmt::format("cd {} && CI=true {} build -k --progress=plain", dir_, Drydock());
  std::string failure = "drydock check found 1 error: CMD runs 'python', which is not on PATH "
                        "(/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin) for user nobody: the "
                        "container fails to start [IM1001 command-not-found]";
  auto has_line = [](const std::string& out, const std::string& prefix) {
    for (const std::string& line : Lines(out)) {
      if (line.rfind(prefix, 0) == 0) return true;
    }
    return false;
  };

  CommandResult first = Shell(build + " 2>&1");
  EXPECT_EQ(first.status, 1) << first.output;
  EXPECT_TRUE(has_line(first.output, "[app] failed after ")) << first.output;
  EXPECT_NE(first.output.find(": " + failure + "\n"), std::string::npos) << first.output;
  EXPECT_TRUE(has_line(first.output, "[child] skipped (parent app failed)")) << first.output;
  EXPECT_TRUE(has_line(first.output, "[other] built ")) << first.output;
  EXPECT_TRUE(has_line(first.output, "1 built, 0 up to date, 1 failed, 1 skipped in ")) << first.output;
  EXPECT_NE(Shell("docker image inspect " + child + " >/dev/null 2>&1").status, 0) << "child was built";

  // Nothing changed, --check for every target: app is up to date but still fails its check,
  // other is checked and clean.
  CommandResult second = Shell(build + " --check 2>&1");
  EXPECT_EQ(second.status, 1) << second.output;
  EXPECT_NE(second.output.find("[app] failed after "), std::string::npos) << second.output;
  EXPECT_NE(second.output.find("[other] other: 1 Python environment (python3.11 (/usr)), 3 distributions, 498 "
                               "RECORD files checked: 0 errors, 0 warnings, 0 infos\n"),
            std::string::npos) << second.output;
  EXPECT_TRUE(has_line(second.output, "0 built, 1 up to date, 1 failed, 1 skipped in ")) << second.output;
}

}  // namespace
}  // namespace drydock::testing
