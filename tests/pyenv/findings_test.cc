#include "pyenv/findings.h"

#include <gtest/gtest.h>

#include "base/sha256.h"
#include "pyenv/requirement.h"
#include "pyenv/version.h"

namespace drydock::pyenv {
namespace {

constexpr char kSite[] = "/opt/venv/lib/python3.11/site-packages";

std::string Hash(const std::string& content) { return "sha256=" + ToBase64UrlNoPad(Sha256Of(content)); }

// A venv made by Debian's python3.11 (with the venv package, so ensurepip is there).
MemoryFileSystem VenvTree() {
  MemoryFileSystem fs;
  fs.Write("/usr/bin/python3.11", "ELF");
  fs.Write("/usr/lib/python3.11/os.py", "");
  fs.Write("/usr/lib/python3.11/ensurepip/__init__.py", "");
  fs.Write("/usr/lib/python3.11/venv/__init__.py", "");
  fs.MakeDirectory("/usr/lib/python3/dist-packages");
  fs.Write("/opt/venv/pyvenv.cfg",
           "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n");
  fs.MakeDirectory(kSite);
  return fs;
}

// Writes a dist-info whose RECORD lists `files` with the given contents; the files themselves
// are written too unless `write_files` is false.
void Install(MemoryFileSystem& fs, const std::string& site, const std::string& name,
             const std::string& version, const std::vector<std::pair<std::string, std::string>>& files,
             const std::string& requires_dist = "", bool write_files = true) {
  std::string info = site + "/" + name + "-" + version + ".dist-info";
  std::string folder = name;
  for (char& c : folder) c = c == '-' ? '_' : c;
  info = site + "/" + folder + "-" + version + ".dist-info";
  std::string metadata = "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n" + requires_dist;
  fs.Write(info + "/METADATA", metadata);
  fs.Write(info + "/INSTALLER", "pip\n");
  std::string record;
  for (const auto& [path, content] : files) {
    if (write_files) fs.Write(site + "/" + path, content);
    record += path + "," + Hash(content) + "," + std::to_string(content.size()) + "\n";
  }
  record += folder + "-" + version + ".dist-info/METADATA," + Hash(metadata) + "," +
            std::to_string(metadata.size()) + "\n";
  record += folder + "-" + version + ".dist-info/RECORD,,\n";
  fs.Write(info + "/RECORD", record);
}

std::string Render(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += f.id + " " + std::string(SeverityString(f.severity)) + ": " + f.message + "\n  hint: " + f.hint + "\n";
  }
  return out;
}

TEST(Findings, MultihashClobberNamesTheDistributionWhoseFilesAreOnDisk) {
  MemoryFileSystem fs = VenvTree();
  // pymultihash first, then py-multihash over it: the files on disk are py-multihash's.
  Install(fs, kSite, "pymultihash", "0.8.2",
          {{"multihash/__init__.py", "from .multihash import *\n"},
           {"multihash/multihash.py", "class Multihash: pass\n"}});
  Install(fs, kSite, "py-multihash", "2.0.1",
          {{"multihash/__init__.py", "from .funcs import Func\n"},
           {"multihash/multihash.py", "Func = 1\n"},
           {"multihash/funcs.py", "class Func: pass\n"}});
  PythonCheck check = CheckPythonEnvironments(fs);
  ASSERT_EQ(check.scan.environments.size(), 2u);
  EXPECT_EQ(check.scan.environments[1].label, "venv /opt/venv");
  EXPECT_EQ(check.scan.environments[1].site_dirs, std::vector<std::string>{kSite});
  ASSERT_FALSE(check.findings.empty());
  const Finding& f = check.findings[0];
  EXPECT_EQ(f.id, "PY1001");
  EXPECT_EQ(f.message,
            "py-multihash 2.0.1 and pymultihash 0.8.2 both install multihash/__init__.py, "
            "multihash/multihash.py (2 files in /opt/venv/lib/python3.11/site-packages); the files "
            "on disk now are py-multihash 2.0.1's, so pymultihash 0.8.2 is broken (its copies were "
            "overwritten)");
  EXPECT_EQ(f.hint,
            "both provide 'multihash'; keep one: pip uninstall -y py-multihash pymultihash, then "
            "pip install only the one your code imports");
  EXPECT_EQ(f.paths, (std::vector<std::string>{kSite + std::string("/multihash/__init__.py"),
                                               kSite + std::string("/multihash/multihash.py")}));
  // Nothing else: pip check is clean here, which is exactly the trap.
  EXPECT_EQ(check.findings.size(), 1u) << Render(check.findings);
  EXPECT_EQ(check.summary.distributions, 2u);
}

TEST(Findings, MixedClobberAndRecordDrift) {
  MemoryFileSystem fs = VenvTree();
  Install(fs, kSite, "a", "1.0", {{"m/x.py", "a-x"}, {"m/y.py", "a-y"}, {"a_only.py", "a"},
                                  {"gone.py", "g"}, {"m/__pycache__/x.cpython-311.pyc", "pyc"}});
  Install(fs, kSite, "b", "2.0", {{"m/x.py", "b-x"}, {"m/y.py", "b-y"}});
  fs.Write(std::string(kSite) + "/m/y.py", "a-y");    // a's copy back on top for one file.
  fs.Write(std::string(kSite) + "/a_only.py", "edited");
  MemoryFileSystem copy = fs;
  (void)copy;
  // Drop gone.py and the bytecode (images often drop __pycache__: never reported).
  MemoryFileSystem fs2 = VenvTree();
  Install(fs2, kSite, "a", "1.0", {{"m/x.py", "a-x"}, {"m/y.py", "a-y"}, {"a_only.py", "a"},
                                   {"gone.py", "g"}, {"m/__pycache__/x.cpython-311.pyc", "pyc"}},
          "", false);
  fs2.Write(std::string(kSite) + "/m/x.py", "b-x");
  fs2.Write(std::string(kSite) + "/m/y.py", "a-y");
  fs2.Write(std::string(kSite) + "/a_only.py", "edited");
  Install(fs2, kSite, "b", "2.0", {{"m/x.py", "b-x"}, {"m/y.py", "b-y"}}, "", false);
  PythonCheck check = CheckPythonEnvironments(fs2);
  EXPECT_EQ(Render(check.findings),
            "PY1001 error: a 1.0 and b 2.0 both install m/x.py, m/y.py (2 files in "
            "/opt/venv/lib/python3.11/site-packages); on disk now: 1 a 1.0's, 1 b 2.0's, 0 "
            "neither's, so both are broken\n"
            "  hint: both provide 'm'; keep one: pip uninstall -y a b, then pip install only the "
            "one your code imports\n"
            "PY1002 warning: a 1.0 in /opt/venv/lib/python3.11/site-packages: 1 file listed in its "
            "RECORD is missing: gone.py\n"
            "  hint: files deleted after install break the package; reinstall it (pip install "
            "--force-reinstall a==1.0) or remove it (pip uninstall a)\n"
            "PY1003 warning: a 1.0 in /opt/venv/lib/python3.11/site-packages: 1 file no longer "
            "matches the hash in its RECORD: a_only.py\n"
            "  hint: something rewrote the installed files (an edit in a later step, or another "
            "package); reinstall with pip install --force-reinstall a==1.0, and make deliberate "
            "patches part of the package\n");
}

// Debian's python3-pip ships the RECORD of its build tree (no INSTALLER): its scripts are
// listed as ../scripts/pip, which dpkg installed as /usr/bin/pip instead. Only a distribution an
// installer laid out by its RECORD is held to entries outside site-packages.
TEST(Findings, OsPackagedRecordEntriesOutsideSitePackagesAreNotMissing) {
  const std::string dist = "/usr/lib/python3/dist-packages";
  for (bool with_installer : {false, true}) {
    MemoryFileSystem fs = VenvTree();
    Install(fs, dist, "pip", "23.0.1", {{"pip/__init__.py", "pip"}, {"../scripts/pip", "#!py"}}, "", false);
    fs.Write(dist + "/pip/__init__.py", "pip");
    if (!with_installer) fs.Remove(dist + "/pip-23.0.1.dist-info/INSTALLER");
    PythonCheck check = CheckPythonEnvironments(fs);
    EXPECT_EQ(Render(check.findings),
              with_installer
                  ? "PY1002 warning: pip 23.0.1 in /usr/lib/python3/dist-packages: 1 file listed in "
                    "its RECORD is missing: /usr/lib/python3/scripts/pip\n"
                    "  hint: files deleted after install break the package; reinstall it (pip "
                    "install --force-reinstall pip==23.0.1) or remove it (pip uninstall pip)\n"
                  : "")
        << with_installer;
  }
}

TEST(Findings, DuplicateEditableAndEnsurepip) {
  MemoryFileSystem fs;
  fs.Write("/usr/bin/python3.11", "ELF");
  fs.Write("/usr/lib/python3.11/os.py", "");  // No ensurepip: Debian without python3.11-venv.
  std::string dp = "/usr/lib/python3/dist-packages";
  fs.Write(dp + "/requests-2.28.0.dist-info/METADATA", "Name: requests\nVersion: 2.28.0\n");
  fs.Write(dp + "/requests-2.31.0.dist-info/METADATA", "Name: requests\nVersion: 2.31.0\n");
  fs.Write(dp + "/app-0.1.dist-info/METADATA", "Name: app\nVersion: 0.1\n");
  fs.Write(dp + "/app-0.1.dist-info/direct_url.json",
           R"({"url": "file:///src/app", "dir_info": {"editable": true}})");
  CheckOptions options;
  options.history_uses_venv = true;
  PythonCheck check = CheckPythonEnvironments(fs, options);
  EXPECT_EQ(Render(check.findings),
            "PY4001 error: app 0.1 in /usr/lib/python3/dist-packages is an editable install of "
            "/src/app, which does not exist in the image, so 'import' of it fails\n"
            "  hint: copy the project into the image before installing it, and install it "
            "normally (pip install /src/app, not pip install -e) in images\n"
            "PY3001 warning: requests is installed 2 times in /usr/lib/python3/dist-packages: "
            "requests-2.28.0.dist-info, requests-2.31.0.dist-info; pip and importlib.metadata see "
            "only requests-2.28.0.dist-info (first in directory order) while the files on disk may "
            "be any of them\n"
            "  hint: remove the stale metadata (rm -r "
            "/usr/lib/python3/dist-packages/requests-2.31.0.dist-info) or reinstall cleanly: pip "
            "uninstall -y requests until none is left, then pip install requests\n"
            "PY5001 warning: /usr/bin/python3.11 has no ensurepip module, so 'python3.11 -m venv' "
            "fails (\"ensurepip is not available\"), and the image's history uses it\n"
            "  hint: install Debian/Ubuntu's python3.11-venv (or python3-venv) package\n");
}

TEST(Findings, RequirementsShadowingAndExtras) {
  MemoryFileSystem fs = VenvTree();
  fs.Write("/opt/venv/pyvenv.cfg",
           "home = /usr/bin\ninclude-system-site-packages = true\nversion = 3.11.2\n");
  Install(fs, kSite, "app", "1.0", {},
          "Requires-Dist: requests (>=2.30)\nRequires-Dist: missing-dep\n"
          "Requires-Dist: winonly ; sys_platform == \"win32\"\nRequires-Dist: lib[fast]\n"
          "Requires-Dist: requests\n");
  Install(fs, kSite, "lib", "1.0", {}, "Provides-Extra: fast\nRequires-Dist: speedup>=2 ; extra == \"fast\"\n");
  Install(fs, kSite, "requests", "2.28.0", {});
  Install(fs, "/usr/lib/python3/dist-packages", "requests", "2.25.1", {});
  PythonCheck check = CheckPythonEnvironments(fs);
  EXPECT_EQ(Render(check.findings),
            "PY2001 error: app 1.0 requires missing-dep, which is not installed (venv /opt/venv)\n"
            "  hint: install it: pip install 'missing-dep' (or add it to the requirements file), "
            "then rerun pip check\n"
            "PY2002 error: app 1.0 has requirement requests>=2.30, but you have requests 2.28.0 "
            "(venv /opt/venv)\n"
            "  hint: install a matching version: pip install 'requests>=2.30', or pin versions "
            "that agree\n"
            "PY2006 error: app 1.0 requires lib[fast] and lib 1.0's extra 'fast' needs speedup>=2, "
            "which is not installed (venv /opt/venv; pip check does not check extras)\n"
            "  hint: pip install 'lib[fast]'\n"
            "PY3002 warning: in venv /opt/venv, requests 2.28.0 "
            "(/opt/venv/lib/python3.11/site-packages) shadows requests 2.25.1 "
            "(/usr/lib/python3/dist-packages); Python imports the first, and pip may remove the "
            "wrong one\n"
            "  hint: install the package in one place only (pip uninstall it from one of them)\n");
}

}  // namespace
}  // namespace drydock::pyenv
