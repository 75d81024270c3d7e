#include "base/file_system.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace drydock {
namespace {

TEST(Paths, CleanJoinSplit) {
  EXPECT_EQ(CleanPath("/a/./b//c/../d/"), "/a/b/d");
  EXPECT_EQ(CleanPath("../x/../../y"), "../../y");
  EXPECT_EQ(CleanPath("/../a"), "/a");
  EXPECT_EQ(CleanPath(""), ".");
  EXPECT_EQ(JoinPath("/p/demo", "./services/asr"), "/p/demo/services/asr");
  EXPECT_EQ(JoinPath("/p/demo", "/abs"), "/abs");
  EXPECT_EQ(DirName("/p/demo/compose.yaml"), "/p/demo");
  EXPECT_EQ(DirName("compose.yaml"), ".");
  EXPECT_EQ(BaseName("/p/demo/"), "demo");
}

// Go's path.Clean test table (src/path/path_test.go): the semantics CleanPath follows.
TEST(Paths, CleanMatchesGoPathClean) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "."}, {"abc", "abc"}, {"abc/def", "abc/def"}, {"a/b/c", "a/b/c"}, {".", "."},
      {"..", ".."}, {"../..", "../.."}, {"../../abc", "../../abc"}, {"/abc", "/abc"}, {"/", "/"},
      {"abc/", "abc"}, {"abc/def/", "abc/def"}, {"a/b/c/", "a/b/c"}, {"./", "."}, {"../", ".."},
      {"../../", "../.."}, {"/abc/", "/abc"}, {"abc//def//ghi", "abc/def/ghi"}, {"//abc", "/abc"},
      {"///abc", "/abc"}, {"//abc//", "/abc"}, {"abc//", "abc"}, {"abc/./def", "abc/def"},
      {"/./abc/def", "/abc/def"}, {"abc/.", "abc"}, {"abc/def/ghi/../jkl", "abc/def/jkl"},
      {"abc/def/../ghi/../jkl", "abc/jkl"}, {"abc/def/..", "abc"}, {"abc/def/../..", "."},
      {"/abc/def/../..", "/"}, {"abc/def/../../..", ".."}, {"/abc/def/../../..", "/"},
      {"abc/def/../../../ghi/jkl/../../../mno", "../../mno"}, {"abc/./../def", "def"},
      {"abc//./../def", "def"}, {"abc/../../././../def", "../../def"}, {".a/b", ".a/b"},
      {"a/..b", "a/..b"}, {"/...", "/..."}, {"..a", "..a"},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(CleanPath(in), want) << in;
}

TEST(RealFileSystem, ReadFileWholeFileEmptyFileAndErrors) {
  std::string dir = ::testing::TempDir() + "/drydock-readfile";
  ::mkdir(dir.c_str(), 0755);
  std::string big(100000, 'x');
  big[99999] = 'y';
  std::ofstream(dir + "/big", std::ios::binary) << big;
  std::ofstream(dir + "/empty", std::ios::binary);
  RealFileSystem fs;
  EXPECT_EQ(fs.ReadFile(dir + "/big").value(), big);
  EXPECT_EQ(fs.ReadFile(dir + "/empty").value(), "");
  Result<std::string> missing = fs.ReadFile(dir + "/missing");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, dir + "/missing: No such file or directory");
  Result<std::string> directory = fs.ReadFile(dir);
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.error().message, dir + ": is a directory");
}

TEST(MemoryFileSystem, FilesAndImpliedDirectories) {
  MemoryFileSystem fs;
  fs.Write("/p/demo/compose.yaml", "services: {}\n");
  EXPECT_TRUE(fs.IsFile("/p/demo/compose.yaml"));
  EXPECT_TRUE(fs.IsDirectory("/p/demo"));
  EXPECT_TRUE(fs.IsDirectory("/p"));
  EXPECT_FALSE(fs.IsDirectory("/p/dem"));
  EXPECT_EQ(*fs.ReadFile("/p/demo/./compose.yaml"), "services: {}\n");
  EXPECT_EQ(fs.ReadFile("/p/x").error().message, "/p/x: No such file or directory");
  EXPECT_EQ(fs.ReadFile("/p").error().message, "/p: is a directory");
}

// "name:type:size[:target]" per entry, for whole-listing comparisons.
std::vector<std::string> Describe(const std::vector<DirectoryEntry>& entries) {
  std::vector<std::string> out;
  for (const DirectoryEntry& e : entries) {
    const char* type = e.type == DirectoryEntry::Type::kFile        ? "file"
                       : e.type == DirectoryEntry::Type::kDirectory ? "dir"
                       : e.type == DirectoryEntry::Type::kSymlink   ? "symlink"
                                                                    : "other";
    std::string line = e.name + ":" + type + ":" + std::to_string(e.size);
    if (e.type == DirectoryEntry::Type::kSymlink) line += ":" + e.symlink_target;
    out.push_back(line);
  }
  return out;
}

TEST(MemoryFileSystem, ListDirectorySortsAndTypesEntries) {
  MemoryFileSystem fs;
  fs.Write("/c/b.txt", "abc");
  fs.Write("/c/a b/x", "");
  fs.Write("/c/a-z", "1");
  fs.MakeDirectory("/c/empty");
  fs.Symlink("/c/link", "b.txt");
  EXPECT_TRUE(fs.IsDirectory("/c/empty"));
  EXPECT_FALSE(fs.IsFile("/c/link"));
  EXPECT_EQ(Describe(*fs.ListDirectory("/c")),
            (std::vector<std::string>{"a b:dir:0", "a-z:file:1", "b.txt:file:3", "empty:dir:0",
                                      "link:symlink:0:b.txt"}));
  EXPECT_TRUE(fs.ListDirectory("/c/empty")->empty());
  EXPECT_EQ(fs.ListDirectory("/c/b.txt").error().message, "/c/b.txt: not a directory");
  EXPECT_EQ(fs.ListDirectory("/nope").error().message, "/nope: No such file or directory");
}

TEST(RealFileSystem, ListDirectoryUsesLstat) {
  char tmpl[] = "/tmp/drydock-fs-XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  const std::string dir = tmpl;
  std::ofstream(dir + "/b.txt") << "hello";
  ASSERT_EQ(::mkdir((dir + "/a").c_str(), 0755), 0);
  ASSERT_EQ(::symlink("a", (dir + "/c").c_str()), 0);
  RealFileSystem fs;
  Result<std::vector<DirectoryEntry>> entries = fs.ListDirectory(dir);
  ASSERT_TRUE(entries.ok()) << entries.error().message;
  EXPECT_EQ(Describe(*entries),
            (std::vector<std::string>{"a:dir:0", "b.txt:file:5", "c:symlink:0:a"}));
  EXPECT_FALSE(fs.ListDirectory(dir + "/missing").ok());
  ::unlink((dir + "/c").c_str());
  ::unlink((dir + "/b.txt").c_str());
  ::rmdir((dir + "/a").c_str());
  ::rmdir(dir.c_str());
}

TEST(FileSystemStatTest, MemoryTreeReportsModesAndALogicalClock) {
  MemoryFileSystem fs;
  fs.Write("/d/a", "abc");
  fs.Symlink("/d/l", "a");
  Result<FileStat> a = fs.Stat("/d/a");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->type, DirectoryEntry::Type::kFile);
  EXPECT_EQ(a->mode, 0644u);
  EXPECT_EQ(a->size, 3u);
  int64_t written = a->mtime_ns;
  fs.Touch("/d/a");
  EXPECT_GT(fs.Stat("/d/a")->mtime_ns, written);
  fs.SetMode("/d/a", 0755);
  EXPECT_EQ(fs.Stat("/d/a")->mode, 0755u);
  EXPECT_EQ(fs.Stat("/d")->type, DirectoryEntry::Type::kDirectory);
  EXPECT_EQ(fs.Stat("/d/l")->type, DirectoryEntry::Type::kSymlink);
  EXPECT_EQ(fs.Stat("/nope").error().message, "/nope: No such file or directory");
}

TEST(FileSystemStatTest, RealFilesAreLstatted) {
  std::string dir = ::testing::TempDir() + "drydock-stat-XXXXXX";
  ASSERT_NE(::mkdtemp(dir.data()), nullptr);
  std::string file = dir + "/f";
  std::ofstream(file) << "12345";
  ::chmod(file.c_str(), 0751);
  ASSERT_EQ(::symlink("f", (dir + "/l").c_str()), 0);
  RealFileSystem fs;
  Result<FileStat> f = fs.Stat(file);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->type, DirectoryEntry::Type::kFile);
  EXPECT_EQ(f->mode, 0751u);
  EXPECT_EQ(f->size, 5u);
  EXPECT_GT(f->mtime_ns, 0);
  EXPECT_NE(f->inode, 0u);
  EXPECT_EQ(fs.Stat(dir + "/l")->type, DirectoryEntry::Type::kSymlink);
  EXPECT_FALSE(fs.Stat(dir + "/missing").ok());
  ::unlink((dir + "/l").c_str());
  ::unlink(file.c_str());
  ::rmdir(dir.c_str());
}

}  // namespace
}  // namespace drydock
