#include "image/image_file_system.h"

#include <gtest/gtest.h>

#include "image/image_facts.h"
#include "image/open_image.h"
#include "testing/tar_builder.h"

namespace drydock::image {
namespace {

using testing::ImageBuilder;
using testing::TarBuilder;

Image PythonImage(const IndexOptions& options) {
  ImageBuilder b;
  TarBuilder::Meta exec;
  exec.mode = 0755;
  TarBuilder::Meta owner_only;
  owner_only.mode = 0700;
  b.Layer(TarBuilder()
              .File("etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n")
              .File("usr/bin/python3.11", std::string(300, 'E'), exec)
              .Symlink("usr/bin/python3", "python3.11")
              .File("usr/bin/rootonly", "#!/bin/sh\n", owner_only)
              .File("usr/bin/notexec", "x")
              .File("usr/lib/python3.11/venv/__init__.py", "")
              .File("usr/lib/python3.11/EXTERNALLY-MANAGED", "[externally-managed]\n")
              .Dir("opt/venv/bin")
              .File("opt/venv/pyvenv.cfg", "home = /usr/bin\n")
              .Symlink("opt/venv/bin/python", "/usr/bin/python3")
              .File("opt/venv/bin/pip", "#!/opt/venv/bin/python\nimport pip\n" + std::string(400, '#'), exec)
              .File("opt/venv/lib/python3.11/site-packages/x-1.0.dist-info/RECORD", "x/__init__.py,sha256=abc,3\n")
              .File("big.bin", std::string(1000, 'b'))
              .Finish());
  b.container_config() = {{"User", "app"}, {"Env", {"PATH=/opt/venv/bin:/usr/bin"}}, {"Cmd", {"python"}}};
  std::string archive = b.DockerSaveLegacy();
  return *ReadImageFromProducer(
      [&](const std::function<bool(std::string_view)>& sink) -> Result<void> {
        // Odd chunk sizes, as a socket delivers them.
        for (size_t i = 0; i < archive.size(); i += 777) {
          if (!sink(std::string_view(archive).substr(i, 777))) return MakeError("stopped by the reader");
        }
        return {};
      },
      options, "engine");
}

TEST(ImageFileSystem, FollowsSymlinksAndReportsKeptContent) {
  Image image = PythonImage(PythonEnvironmentOptions());
  ImageFileSystem fs(image.tree);
  EXPECT_TRUE(fs.IsFile("/opt/venv/bin/python"));
  EXPECT_TRUE(fs.IsDirectory("/opt/venv/lib/python3.11/site-packages"));
  EXPECT_FALSE(fs.IsDirectory("/opt/venv/bin/python"));
  EXPECT_EQ(*fs.ReadFile("/opt/venv/pyvenv.cfg"), "home = /usr/bin\n");
  EXPECT_EQ(*fs.ReadFile("opt/venv/lib/python3.11/site-packages/x-1.0.dist-info/RECORD"), "x/__init__.py,sha256=abc,3\n");
  EXPECT_EQ(fs.ReadFile("/big.bin").error().message, "/big.bin: content not kept by the image index (1000 bytes)");
  EXPECT_EQ(fs.ReadFile("/opt/venv/bin/pip").error().message,
            "/opt/venv/bin/pip: only the first 256 of 434 bytes were kept by the image index");
  EXPECT_EQ(fs.ReadFileHead("/opt/venv/bin/pip")->substr(0, 23), "#!/opt/venv/bin/python\n");
  EXPECT_EQ(fs.ReadFile("/nope").error().message, "/nope: No such file or directory");
  EXPECT_EQ(fs.FileSha256("/big.bin").error().message, "/big.bin: digest not computed by the image index");
  EXPECT_EQ(ToHex(*fs.FileSha256("/opt/venv/lib/python3.11/site-packages/x-1.0.dist-info/RECORD")),
            ToHex(Sha256Of("x/__init__.py,sha256=abc,3\n")));
  Result<std::vector<DirectoryEntry>> bin = fs.ListDirectory("/opt/venv/bin");
  ASSERT_TRUE(bin.ok());
  ASSERT_EQ(bin->size(), 2u);
  EXPECT_EQ((*bin)[0].name, "pip");
  EXPECT_EQ((*bin)[0].type, DirectoryEntry::Type::kFile);
  EXPECT_EQ((*bin)[0].size, 434u);
  EXPECT_EQ((*bin)[1].name, "python");
  EXPECT_EQ((*bin)[1].type, DirectoryEntry::Type::kSymlink);
  EXPECT_EQ((*bin)[1].symlink_target, "/usr/bin/python3");
  Result<std::vector<DirectoryEntry>> root = fs.ListDirectory("/");
  ASSERT_TRUE(root.ok());
  std::string names;
  for (const auto& e : *root) names += e.name + " ";
  EXPECT_EQ(names, "big.bin etc opt usr ");
}

TEST(ImageFacts, UserPathPythonAndCommands) {
  Image image = PythonImage(PythonEnvironmentOptions());
  ImageFacts facts = ComputeFacts(image);
  EXPECT_EQ(facts.user.name, "app");
  EXPECT_EQ(facts.user.uid, 1000u);
  EXPECT_EQ(facts.user.gid, 1000u);
  EXPECT_EQ(facts.user.home, "/home/app");
  EXPECT_EQ(facts.path_dirs, (std::vector<std::string>{"/opt/venv/bin", "/usr/bin"}));
  EXPECT_EQ(facts.shell, (std::vector<std::string>{"/bin/sh", "-c"}));
  ASSERT_EQ(facts.pythons.size(), 3u);
  EXPECT_EQ(facts.pythons[0].path, "/opt/venv/bin/python");
  EXPECT_EQ(facts.pythons[0].resolved, "/usr/bin/python3.11");
  EXPECT_EQ(facts.pythons[0].version, "3.11");
  EXPECT_EQ(facts.pythons[0].stdlib_dir, "/usr/lib/python3.11");
  EXPECT_FALSE(facts.pythons[0].has_ensurepip);
  EXPECT_TRUE(facts.pythons[0].has_venv);
  EXPECT_TRUE(facts.pythons[0].externally_managed);
  EXPECT_EQ(facts.pythons[0].venv_dir, "/opt/venv");
  EXPECT_EQ(facts.pythons[1].venv_dir, "");
  EXPECT_EQ(facts.pythons[1].path, "/usr/bin/python3");
  EXPECT_EQ(facts.pythons[2].path, "/usr/bin/python3.11");
  std::optional<CommandLookup> pip = LookupCommand(image, facts, "pip");
  ASSERT_TRUE(pip);
  EXPECT_EQ(pip->path, "/opt/venv/bin/pip");
  EXPECT_TRUE(pip->executable);
  std::optional<CommandLookup> rootonly = LookupCommand(image, facts, "rootonly");
  ASSERT_TRUE(rootonly);
  EXPECT_FALSE(rootonly->executable);  // 0700 root:root, USER app.
  EXPECT_FALSE(LookupCommand(image, facts, "curl"));
  EXPECT_EQ(CommandsOnPath(image, facts), (std::vector<std::string>{"pip", "python", "python3", "python3.11"}));
}

TEST(ReadImageFromProducer, ProducerErrorAfterArchive) {
  std::string archive = ImageBuilder().Layer(TarBuilder().File("a", "b").Finish()).DockerSaveLegacy();
  Result<Image> image = ReadImageFromProducer(
      [&](const std::function<bool(std::string_view)>& sink) -> Result<void> {
        sink(archive);
        return MakeError("connection reset");
      },
      {}, "engine");
  EXPECT_EQ(image.error().message, "engine: connection reset");
  Result<Image> truncated = ReadImageFromProducer(
      [&](const std::function<bool(std::string_view)>& sink) -> Result<void> {
        sink(std::string_view(archive).substr(0, 700));
        return {};
      },
      {}, "engine");
  EXPECT_EQ(truncated.error().message, "engine: unexpected end of stream");
}

}  // namespace
}  // namespace drydock::image
