#include "cli/check_image.h"

#include <gtest/gtest.h>

#include "base/sha256.h"
#include "image/byte_source.h"
#include "image/image_file_system.h"
#include "image/layer.h"
#include "pyenv/findings.h"
#include "testing/tar_builder.h"

namespace drydock::cli {
namespace {

using testing::ImageBuilder;
using testing::TarBuilder;

std::string Hash(const std::string& c) { return "sha256=" + ToBase64UrlNoPad(Sha256Of(c)); }

// Debian-like python3 only (no `python`), a venv where pymultihash was installed and then
// py-multihash over it, and a config to check.
image::Image MakeImage(const nlohmann::json& config) {
  TarBuilder::Meta exec;
  exec.mode = 0755;
  const std::string site = "opt/venv/lib/python3.11/site-packages/";
  std::string old_init = "from .multihash import *\n", new_init = "from .funcs import Func\n";
  ImageBuilder b;
  b.Layer(TarBuilder()
              .File("etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n")
              .File("bin/sh", "ELF", exec)
              .File("usr/bin/env", "ELF", exec)
              .File("usr/bin/python3.11", "ELF", exec)
              .Symlink("usr/bin/python3", "python3.11")
              .File("usr/lib/python3.11/os.py", "")
              .File("usr/lib/python3.11/ensurepip/__init__.py", "")
              .File("usr/local/bin/start", "#!/usr/bin/env python\nprint(1)\n", exec)
              .File("usr/local/bin/start3", "#!/usr/bin/env python3\nprint(1)\n", exec)
              .File("opt/venv/pyvenv.cfg", "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n")
              .File(site + "pymultihash-0.8.2.dist-info/METADATA", "Name: pymultihash\nVersion: 0.8.2\n")
              .File(site + "pymultihash-0.8.2.dist-info/RECORD",
                    "multihash/__init__.py," + Hash(old_init) + ",25\n")
              .File(site + "py_multihash-2.0.1.dist-info/METADATA", "Name: py-multihash\nVersion: 2.0.1\n")
              .File(site + "py_multihash-2.0.1.dist-info/RECORD",
                    "multihash/__init__.py," + Hash(new_init) + ",24\n")
              .File(site + "multihash/__init__.py", new_init)
              .Finish(),
          "RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install pymultihash py-multihash");
  b.container_config() = config;
  image::MemoryByteSource src(b.DockerSaveLegacy());
  Result<image::Image> img = image::ReadImageArchive(src, image::PythonEnvironmentOptions(), "img.tar");
  DD_CHECK(img.ok());
  return std::move(img).value();
}

std::string Render(const std::vector<pyenv::Finding>& findings) {
  std::string out;
  for (const pyenv::Finding& f : findings) {
    out += f.id + " " + std::string(pyenv::SeverityString(f.severity)) + ": " + f.message + "\n  hint: " + f.hint + "\n";
  }
  return out;
}

TEST(CheckImage, PythonVersusPython3RootAndSecrets) {
  image::Image img = MakeImage({{"Env", {"PATH=/usr/local/bin:/usr/bin:/bin", "API_TOKEN=abcdef", "GPG_KEY=ABCD"}},
                                {"Cmd", {"python", "app.py"}},
                                {"Healthcheck", {{"Test", {"CMD-SHELL", "start --ping"}}}},
                                {"Labels", {{"maintainer", "x"}}}});
  image::ImageFacts facts = image::ComputeFacts(img);
  EXPECT_TRUE(HistoryUsesVenv(img));
  EXPECT_EQ(Render(CheckImageConfig(img, facts)),
            "IM1001 error: CMD runs 'python', which is not on PATH (/usr/local/bin:/usr/bin:/bin) for user "
            "root: the container fails to start\n"
            "  hint: the image has python3; use it in CMD (also: python3.11)\n"
            "IM1002 error: HEALTHCHECK runs /usr/local/bin/start, whose interpreter #!/usr/bin/env python "
            "does not resolve: python (through /usr/bin/env) is not in the image\n"
            "  hint: point the #! line at an interpreter the image has (e.g. python3), or install it\n"
            "IM1003 warning: the image runs as root (USER not set)\n"
            "  hint: add a user and end with USER <name> (RUN useradd -r app; USER app)\n"
            "IM1004 warning: Env API_TOKEN=ab**** looks like a secret, and the image config is readable by "
            "anyone who can pull the image\n"
            "  hint: pass secrets at run time (docker run -e, mounted files) or with RUN "
            "--mount=type=secret during the build\n");

  // The Python side on the same image, through ImageFileSystem and the streamed digests.
  image::ImageFileSystem fs(img.tree);
  pyenv::PythonCheck check = pyenv::CheckPythonEnvironments(fs);
  ASSERT_FALSE(check.findings.empty());
  EXPECT_EQ(check.findings[0].message,
            "py-multihash 2.0.1 and pymultihash 0.8.2 both install multihash/__init__.py (1 file in "
            "/opt/venv/lib/python3.11/site-packages); the file on disk now is py-multihash 2.0.1's, so "
            "pymultihash 0.8.2 is broken (its copies were overwritten)");
}

TEST(CheckImage, FixedConfigIsClean) {
  image::Image img = MakeImage({{"Env", {"PATH=/usr/local/bin:/usr/bin:/bin"}},
                                {"User", "app"},
                                {"Cmd", {"python3", "app.py"}},
                                {"Healthcheck", {{"Test", {"CMD", "start3", "--ping"}}}}});
  image::ImageFacts facts = image::ComputeFacts(img);
  EXPECT_EQ(Render(CheckImageConfig(img, facts)), "");
}

}  // namespace
}  // namespace drydock::cli
