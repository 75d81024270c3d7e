#include "build/input_hash.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

namespace drydock::build {
namespace {

struct Fixture {
  MemoryFileSystem fs;
  HashCache cache;
  HashInputs inputs;

  Fixture() {
    fs.Write("/ctx/Dockerfile", "FROM base\nCOPY app.py /\n");
    fs.Write("/ctx/app.py", "print(1)\n");
    inputs.dockerfile = "FROM base\nCOPY app.py /\n";
    inputs.context_dir = "/ctx";
    Walk();
    inputs.build_args = {{"DEBIAN", "bookworm"}};
    inputs.parents = {{"base", "sha256:aaaa"}};
  }
  void Walk() {
    Result<buildcontext::BuildContext> context = buildcontext::ComputeBuildContext(
        fs, "/ctx", "Dockerfile", buildcontext::Walker::kBuildKit);
    ASSERT_TRUE(context.ok());
    inputs.context = context->context;
  }
  std::string Hash() {
    Result<std::string> h = ComputeInputHash(fs, cache, inputs);
    EXPECT_TRUE(h.ok()) << h.error().message;
    return h.ok() ? *h : "";
  }
};

TEST(InputHashTest, IsHexAndStable) {
  Fixture f;
  std::string h = f.Hash();
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(f.Hash(), h);
  Fixture other;
  EXPECT_EQ(other.Hash(), h);
}

TEST(InputHashTest, EveryInputChangesIt) {
  const std::string base = Fixture().Hash();
  std::vector<std::pair<std::string, std::function<void(Fixture&)>>> changes = {
      {"dockerfile", [](Fixture& f) { f.inputs.dockerfile += "RUN true\n"; }},
      {"content, same size", [](Fixture& f) { f.fs.Write("/ctx/app.py", "print(2)\n"); }},
      {"mode", [](Fixture& f) { f.fs.SetMode("/ctx/app.py", 0755); }},
      {"new file", [](Fixture& f) { f.fs.Write("/ctx/extra.txt", ""); f.Walk(); }},
      {"renamed", [](Fixture& f) {
         f.fs = MemoryFileSystem();
         f.fs.Write("/ctx/Dockerfile", "FROM base\nCOPY app.py /\n");
         f.fs.Write("/ctx/main.py", "print(1)\n");
         f.Walk();
       }},
      {"build arg value", [](Fixture& f) { f.inputs.build_args["DEBIAN"] = "trixie"; }},
      {"build arg added", [](Fixture& f) { f.inputs.build_args["X"] = ""; }},
      {"target stage", [](Fixture& f) { f.inputs.target_stage = "runtime"; }},
      {"platform", [](Fixture& f) { f.inputs.platform = "linux/arm64"; }},
      {"parent image", [](Fixture& f) { f.inputs.parents[0].image_id = "sha256:bbbb"; }},
  };
  for (auto& [name, change] : changes) {
    Fixture f;
    change(f);
    EXPECT_NE(f.Hash(), base) << name;
  }
}

TEST(InputHashTest, IgnoredFilesAndTouchesDoNotChangeIt) {
  Fixture f;
  f.fs.Write("/ctx/.dockerignore", "*.log\n");
  f.Walk();
  std::string before = f.Hash();
  f.fs.Write("/ctx/debug.log", "noise");
  f.Walk();
  EXPECT_EQ(f.Hash(), before);
  f.fs.Touch("/ctx/app.py");
  EXPECT_EQ(f.Hash(), before);
}

TEST(InputHashTest, TheCacheAnswersForUnchangedFilesAndRereadsTouchedOnes) {
  Fixture f;
  f.Hash();
  int first = f.cache.reads();
  EXPECT_EQ(first, 2);  // Dockerfile and app.py.
  f.Hash();
  EXPECT_EQ(f.cache.reads(), first);
  f.fs.Touch("/ctx/app.py");
  f.Hash();
  EXPECT_EQ(f.cache.reads(), first + 1);

  // Through its file: the same answers, no reads.
  HashCache reloaded;
  reloaded.Load(f.cache.Serialize());
  std::string h = f.Hash();
  Result<std::string> again = ComputeInputHash(f.fs, reloaded, f.inputs);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, h);
  EXPECT_EQ(reloaded.reads(), 0);
}

TEST(HashCacheTest, SerializesSortedEntriesAndIgnoresGarbage) {
  MemoryFileSystem fs;
  fs.Write("/b", "b");
  fs.Write("/a", "a");
  HashCache cache;
  ASSERT_TRUE(cache.FileHash(fs, "/b", *fs.Stat("/b")).ok());
  ASSERT_TRUE(cache.FileHash(fs, "/a", *fs.Stat("/a")).ok());
  EXPECT_EQ(cache.Serialize(),
            "{\n"
            " \"version\": 1,\n"
            " \"files\": {\n"
            "  \"/a\": {\n"
            "   \"size\": 1,\n"
            "   \"mtime_ns\": 2,\n"
            "   \"inode\": 0,\n"
            "   \"sha256\": \"ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb\"\n"
            "  },\n"
            "  \"/b\": {\n"
            "   \"size\": 1,\n"
            "   \"mtime_ns\": 1,\n"
            "   \"inode\": 0,\n"
            "   \"sha256\": \"3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d\"\n"
            "  }\n"
            " }\n"
            "}\n");
  HashCache garbage;
  garbage.Load("not json");
  EXPECT_EQ(garbage.Serialize(), HashCache().Serialize());
}

}  // namespace
}  // namespace drydock::build
