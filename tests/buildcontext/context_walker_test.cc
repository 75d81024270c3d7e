#include "buildcontext/context_walker.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

namespace drydock::buildcontext {
namespace {

using Paths = std::vector<std::string>;

// The entries' paths, directories with a trailing `/`.
Paths Show(const std::vector<ContextEntry>& entries) {
  Paths out;
  for (const ContextEntry& e : entries) {
    out.push_back(e.path + (e.type == DirectoryEntry::Type::kDirectory ? "/" : ""));
  }
  return out;
}

// A small Node project whose .dockerignore holds `dockerignore`.
MemoryFileSystem NodeProject(const std::string& dockerignore) {
  MemoryFileSystem fs;
  fs.Write("/p/Dockerfile", "FROM scratch\n");
  fs.Write("/p/.dockerignore", dockerignore);
  fs.Write("/p/node_modules/keep/index.js", "");
  fs.Write("/p/node_modules/pkg/index.js", "");
  fs.Write("/p/src/main.c", "");
  return fs;
}

// The walk's paths for `lines`, one exclude pattern per line.
Paths Walk(const FileSystem& fs, const std::string& lines, Walker walker) {
  std::vector<std::string> excludes;
  for (size_t start = 0; start < lines.size();) {
    size_t nl = lines.find('\n', start);
    if (nl == std::string::npos) nl = lines.size();
    excludes.push_back(lines.substr(start, nl - start));
    start = nl + 1;
  }
  Result<ContextWalk> walk = WalkContext(fs, "/p", excludes, walker);
  EXPECT_TRUE(walk.ok());
  EXPECT_FALSE(walk->failure) << *walk->failure;
  return Show(walk->entries);
}

TEST(ContextWalkerTest, ExceptionInsideExcludedDirectory) {
  MemoryFileSystem fs = NodeProject("");
  const std::string ignore = "node_modules\n!node_modules/keep/index.js\n";
  // BuildKit sends the excluded parents late, before the first descendant it sends.
  EXPECT_EQ(Walk(fs, ignore, Walker::kBuildKit),
            (Paths{".dockerignore", "Dockerfile", "node_modules/", "node_modules/keep/",
                   "node_modules/keep/index.js", "src/", "src/main.c"}));
  // The classic tar has the file without its excluded parents.
  EXPECT_EQ(Walk(fs, ignore, Walker::kClassic),
            (Paths{".dockerignore", "Dockerfile", "node_modules/keep/index.js", "src/",
                   "src/main.c"}));
}

TEST(ContextWalkerTest, WildcardExceptionOnlyEntersDirectoriesUnderBuildKit) {
  MemoryFileSystem fs = NodeProject("");
  const std::string ignore = "node_modules\n!**/keep\n";
  EXPECT_EQ(Walk(fs, ignore, Walker::kBuildKit),
            (Paths{".dockerignore", "Dockerfile", "node_modules/", "node_modules/keep/",
                   "node_modules/keep/index.js", "src/", "src/main.c"}));
  EXPECT_EQ(Walk(fs, ignore, Walker::kClassic),
            (Paths{".dockerignore", "Dockerfile", "src/", "src/main.c"}));
}

TEST(ContextWalkerTest, OrderIsPerDirectoryNotByFullPath) {
  MemoryFileSystem fs;
  fs.Write("/p/a/x", "");
  fs.Write("/p/a-b", "");
  EXPECT_EQ(Walk(fs, "", Walker::kBuildKit), (Paths{"a/", "a/x", "a-b"}));
}

TEST(ContextWalkerTest, BadPatternFailsBuildKitAndTruncatesClassic) {
  MemoryFileSystem fs = NodeProject("");
  Result<ContextWalk> bk = WalkContext(fs, "/p", {"node_modules", "!node_modules/kee\\p"},
                                       Walker::kBuildKit);
  ASSERT_TRUE(bk.ok());
  EXPECT_EQ(bk->failure.value_or(""), "failed to match excludepatterns: syntax error in pattern");
  Result<ContextWalk> classic = WalkContext(fs, "/p", {"node_modules", "!node_modules/kee\\p"},
                                            Walker::kClassic);
  ASSERT_TRUE(classic.ok());
  EXPECT_FALSE(classic->failure);
  EXPECT_EQ(Show(classic->entries), (Paths{".dockerignore", "Dockerfile"}));
  EXPECT_EQ(classic->logged, (Paths{"Error matching node_modules: syntax error in pattern"}));
  Result<ContextWalk> rejected = WalkContext(fs, "/p", {"a", "!"}, Walker::kBuildKit);
  EXPECT_EQ(rejected->failure.value_or(""),
            "invalid excludepatterns: [a !]: illegal exclusion pattern: \"!\"");
}

TEST(ContextWalkerTest, FindIgnoreFilePrefersTheDockerfilesOwn) {
  MemoryFileSystem fs;
  fs.Write("/p/ci/app.Dockerfile", "");
  EXPECT_EQ(FindIgnoreFile(fs, "/p", "ci/app.Dockerfile"), std::nullopt);
  fs.Write("/p/.dockerignore", "src\n");
  EXPECT_EQ(FindIgnoreFile(fs, "/p", "ci/app.Dockerfile").value_or(""), "/p/.dockerignore");
  fs.Write("/p/ci/app.Dockerfile.dockerignore", "");  // Wins even when empty.
  EXPECT_EQ(FindIgnoreFile(fs, "/p", "ci/app.Dockerfile").value_or(""),
            "/p/ci/app.Dockerfile.dockerignore");
  EXPECT_EQ(FindIgnoreFile(fs, "/p", "/p/ci/app.Dockerfile").value_or(""),
            "/p/ci/app.Dockerfile.dockerignore");
}

TEST(ContextWalkerTest, ClassicKeepsBuildFilesThenTheDaemonDropsThem) {
  MemoryFileSystem fs = NodeProject("*\n!src\n");
  Result<BuildContext> bc = ComputeBuildContext(fs, "/p", "Dockerfile", Walker::kClassic);
  ASSERT_TRUE(bc.ok());
  EXPECT_EQ(bc->walk_excludes, (Paths{"*", "!src", "!.dockerignore", "!Dockerfile"}));
  EXPECT_EQ(Show(bc->walk.entries), (Paths{".dockerignore", "Dockerfile", "src/", "src/main.c"}));
  EXPECT_EQ(bc->daemon_removes, (Paths{".dockerignore", "Dockerfile"}));
  EXPECT_EQ(Show(bc->context), (Paths{"src/", "src/main.c"}));
  EXPECT_TRUE(bc->dockerfile_sent);
  EXPECT_FALSE(bc->dockerfile_in_context);

  Result<BuildContext> bk = ComputeBuildContext(fs, "/p", "Dockerfile", Walker::kBuildKit);
  ASSERT_TRUE(bk.ok());
  EXPECT_EQ(bk->ignore_file.value_or(""), "/p/.dockerignore");
  EXPECT_EQ(Show(bk->context), (Paths{"src/", "src/main.c"}));
}

TEST(ContextWalkerTest, WalksTheRealFileSystem) {
  char tmpl[] = "/tmp/drydock-ctx-XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  const std::string dir = tmpl;
  ASSERT_EQ(::mkdir((dir + "/logs").c_str(), 0755), 0);
  std::ofstream(dir + "/logs/a.log") << "x";
  std::ofstream(dir + "/Dockerfile") << "FROM scratch\n";
  std::ofstream(dir + "/.dockerignore") << "logs\n";
  ASSERT_EQ(::symlink("logs", (dir + "/link").c_str()), 0);
  RealFileSystem fs;
  Result<BuildContext> bc = ComputeBuildContext(fs, dir, "Dockerfile", Walker::kBuildKit);
  ASSERT_TRUE(bc.ok()) << bc.error().message;
  EXPECT_EQ(Show(bc->context), (Paths{".dockerignore", "Dockerfile", "link"}));
  EXPECT_EQ(bc->context.back().type, DirectoryEntry::Type::kSymlink);
  EXPECT_EQ(bc->context.back().symlink_target, "logs");
  ::unlink((dir + "/link").c_str());
  ::unlink((dir + "/logs/a.log").c_str());
  ::unlink((dir + "/Dockerfile").c_str());
  ::unlink((dir + "/.dockerignore").c_str());
  ::rmdir((dir + "/logs").c_str());
  ::rmdir(dir.c_str());
}

}  // namespace
}  // namespace drydock::buildcontext
