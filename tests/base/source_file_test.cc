#include "base/source_file.h"

#include <gtest/gtest.h>

namespace drydock {
namespace {

TEST(SourceFile, LocatesOffsets) {
  SourceFile f("p", "ab\ncd\n\nef");
  EXPECT_EQ(f.line_count(), 4u);
  EXPECT_EQ(f.Locate(0).line, 1u);
  EXPECT_EQ(f.Locate(4).line, 2u);
  EXPECT_EQ(f.Locate(4).col, 2u);
  EXPECT_EQ(f.Locate(6).line, 3u);
  EXPECT_EQ(f.Locate(9).line, 4u);
  EXPECT_EQ(f.Locate(9).col, 3u);
  EXPECT_EQ(f.LineText(2), "cd");
  EXPECT_EQ(f.LineText(3), "");
  EXPECT_EQ(f.LineText(4), "ef");
  EXPECT_EQ(f.LineText(5), "");
}

TEST(SourceFile, LineTextDropsCrLf) {
  SourceFile f("p", "a\r\nb\r\n");
  EXPECT_EQ(f.line_count(), 2u);
  EXPECT_EQ(f.LineText(1), "a");
  EXPECT_EQ(f.LineText(2), "b");
}

TEST(SourceFile, ReadReportsMissingFiles) {
  auto r = SourceFile::Read("/nonexistent/drydock/Dockerfile");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "/nonexistent/drydock/Dockerfile: No such file or directory");
}

}  // namespace
}  // namespace drydock
