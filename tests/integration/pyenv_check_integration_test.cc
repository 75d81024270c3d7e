// `drydock check` on images built by the real engine. The wheels are made here (a wheel is a zip
// with a .dist-info), "installed" into a venv tree on the host the way pip lays files out, one
// wheel per layer in install order, over debian:bookworm-slim. No image on this machine has a
// Python interpreter, so the venv's python is a stand-in script and pip check cannot run inside
// a container (docs/check.md says so); the checks are static anyway.
#include <cstdlib>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "integration/image_engine_helper.h"

namespace drydock::testing {
namespace {

constexpr char kBase[] = "debian:bookworm-slim";

class PyenvCheckIntegration : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    if (FindEngine(&why).empty()) GTEST_SKIP() << "no Docker engine: " << why;
    if (Shell(fmt::format("docker image inspect {} >/dev/null 2>&1", kBase)).status != 0) {
      GTEST_SKIP() << kBase << " is not in the engine: run scripts/prepare-base.sh";
    }
    if (Shell("python3 -c 'import zipfile' 2>/dev/null").status != 0) GTEST_SKIP() << "no host python3 to make wheels";
    char tmpl[] = "/tmp/drydock-pyenv-it-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    for (const std::string& tag : tags_) Shell("docker image rm -f " + tag + " >/dev/null 2>&1");
    if (!dir_.empty()) Shell("rm -rf " + dir_);
  }

  // Makes the wheels and the per-layer install trees in dir_/ctx.
  void MakeContext() {
    std::string script = R"PY(
import base64, hashlib, io, os, sys, zipfile
ctx = sys.argv[1]
site = "opt/venv/lib/python3.11/site-packages"
def b64(data): return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
def wheel(name, version, files):
    info = f"{name.replace('-', '_')}-{version}.dist-info"
    files = dict(files)
    files[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    files[f"{info}/WHEEL"] = "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files[f"{info}/top_level.txt"] = "multihash\n"
    record = "".join(f"{p},sha256={b64(c.encode())},{len(c.encode())}\n" for p, c in files.items())
    files[f"{info}/RECORD"] = record + f"{info}/RECORD,,\n"
    path = os.path.join(ctx, f"{name.replace('-', '_')}-{version}-py3-none-any.whl")
    with zipfile.ZipFile(path, "w") as z:
        for p, c in files.items(): z.writestr(p, c)
    return path
def install(whl, layer):
    root = os.path.join(ctx, layer, site)
    with zipfile.ZipFile(whl) as z:
        z.extractall(root)
        info = [n for n in z.namelist() if n.endswith(".dist-info/RECORD")][0].split("/")[0]
    open(os.path.join(root, info, "INSTALLER"), "w").write("pip\n")
old = wheel("pymultihash", "0.8.2", {"multihash/__init__.py": "from .multihash import *\n", "multihash/multihash.py": "class Multihash:\n    pass\n"})
new = wheel("py-multihash", "2.0.1", {"multihash/__init__.py": "from .funcs import Func\n", "multihash/multihash.py": "from .funcs import Func\n", "multihash/funcs.py": "class Func:\n    pass\n"})
install(old, "layer-old")
install(new, "layer-new")
base = os.path.join(ctx, "base")
for d in ["usr/bin", "usr/lib/python3.11/ensurepip", "opt/venv/bin"]: os.makedirs(os.path.join(base, d), exist_ok=True)
open(os.path.join(base, "usr/bin/python3.11"), "w").write("#!/bin/sh\nexit 0\n")
os.chmod(os.path.join(base, "usr/bin/python3.11"), 0o755)
os.symlink("python3.11", os.path.join(base, "usr/bin/python3"))
open(os.path.join(base, "usr/lib/python3.11/os.py"), "w").write("")
open(os.path.join(base, "usr/lib/python3.11/ensurepip/__init__.py"), "w").write("")
open(os.path.join(base, "opt/venv/pyvenv.cfg"), "w").write("home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n")
os.symlink("/usr/bin/python3", os.path.join(base, "opt/venv/bin/python"))
open(os.path.join(ctx, "app.py"), "w").write("import multihash\nprint(multihash.Func)\n")
)PY";
    std::string py = dir_ + "/make.py";
    ASSERT_EQ(Shell("cat > " + py + " <<'DRYDOCK_EOF'\n" + script + "DRYDOCK_EOF\n").status, 0);
    ASSERT_EQ(Shell("mkdir -p " + dir_ + "/ctx && python3 " + py + " " + dir_ + "/ctx").status, 0);
  }

  // Builds `dockerfile` in dir_/ctx as tag; returns false when the build fails.
  bool Build(const std::string& tag, const std::string& dockerfile) {
    tags_.push_back(tag);
    std::string df = dir_ + "/ctx/Dockerfile." + std::to_string(tags_.size());
    if (Shell("cat > " + df + " <<'DRYDOCK_EOF'\n" + dockerfile + "DRYDOCK_EOF\n").status != 0) return false;
    return Shell("docker build -q -f " + df + " -t " + tag + " " + dir_ + "/ctx >/dev/null").status == 0;
  }

  std::string dir_;
  std::vector<std::string> tags_;
};

TEST_F(PyenvCheckIntegration, MultihashClobberAndPythonVersusPython3) {
  MakeContext();
  std::string broken = "drydock-test-pyenv/broken:latest";
  ASSERT_TRUE(Build(broken, fmt::format("FROM {}\nCOPY base/ /\nCOPY layer-old/ /\nCOPY layer-new/ /\n"
                                        "COPY app.py /app/app.py\nCMD [\"python\", \"/app/app.py\"]\n", kBase)));
  CommandResult r = Shell(std::string(DRYDOCK_BINARY) + " check " + broken);
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_EQ(r.output,
            broken + ": error: CMD runs 'python', which is not on PATH "
            "(/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin) for user root: the container fails "
            "to start [IM1001 command-not-found]\n"
            "  hint: the image has python3; use it in CMD (also: python3.11)\n" +
            broken + ": error: py-multihash 2.0.1 and pymultihash 0.8.2 both install multihash/__init__.py, "
            "multihash/multihash.py (2 files in /opt/venv/lib/python3.11/site-packages); the files on disk now "
            "are py-multihash 2.0.1's, so pymultihash 0.8.2 is broken (its copies were overwritten) "
            "[PY1001 files-clobbered]\n"
            "  hint: both provide 'multihash'; keep one: pip uninstall -y py-multihash pymultihash, then pip "
            "install only the one your code imports\n" +
            broken + ": warning: the image runs as root (USER not set) [IM1003 runs-as-root]\n"
            "  hint: add a user and end with USER <name> (RUN useradd -r app; USER app)\n" +
            broken + ": 2 Python environments (python3.11 (/usr), venv /opt/venv), 2 distributions, 9 RECORD "
            "files checked: 2 errors, 1 warnings, 0 infos\n");

  std::string fixed = "drydock-test-pyenv/fixed:latest";
  ASSERT_TRUE(Build(fixed, fmt::format("FROM {}\nCOPY base/ /\nCOPY layer-new/ /\nCOPY app.py /app/app.py\n"
                                       "USER nobody\nCMD [\"python3\", \"/app/app.py\"]\n", kBase)));
  r = Shell(std::string(DRYDOCK_BINARY) + " check --severity-threshold=info " + fixed);
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(r.output, fixed + ": 2 Python environments (python3.11 (/usr), venv /opt/venv), 1 distributions, 6 "
                              "RECORD files checked: 0 errors, 0 warnings, 0 infos\n");
}

}  // namespace
}  // namespace drydock::testing
