#include "base/file_system.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace drydock
