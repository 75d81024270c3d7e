#include "buildcontext/ignore_file.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace drydock::buildcontext {
namespace {

using Lines = std::vector<std::string>;

Lines Read(const std::string& content) {
  Result<Lines> patterns = ReadIgnoreFile(content);
  EXPECT_TRUE(patterns.ok()) << patterns.error().message;
  return patterns.ok() ? *patterns : Lines{};
}

TEST(ReadIgnoreFileTest, CommentsBlanksAndTrimming) {
  EXPECT_EQ(Read("# comment\n\n  node_modules  \n #not-a-comment\n\tbuild/\n"),
            (Lines{"node_modules", "#not-a-comment", "build"}));
}

TEST(ReadIgnoreFileTest, ExceptionsAreSplitBeforeCleaning) {
  EXPECT_EQ(Read("! /a/./b/\n!\n! \n!!x\n"), (Lines{"!a/b", "!", "!", "!!x"}));
}

TEST(ReadIgnoreFileTest, CleaningKeepsRootAndLeadingDotDot) {
  EXPECT_EQ(Read("/\n.\n./\na/../b\na//b\n..\n/../x\n"),
            (Lines{"/", ".", ".", "b", "a/b", "..", "x"}));
}

TEST(ReadIgnoreFileTest, BomOnlyOnFirstLineAndCrlf) {
  EXPECT_EQ(Read("\xEF\xBB\xBF" "a\r\n\xEF\xBB\xBF" "b\r\nc\r"),
            (Lines{"a", "\xEF\xBB\xBF" "b", "c"}));
}

TEST(ReadIgnoreFileTest, UnicodeSpacesAreTrimmed) {
  // NBSP and U+3000 around the pattern, as Go's strings.TrimSpace.
  EXPECT_EQ(Read("\xC2\xA0x\xE3\x80\x80\n"), (Lines{"x"}));
}

TEST(ReadIgnoreFileTest, LineOf64KiBFailsTheWholeFile) {
  EXPECT_EQ(Read("ok\n" + std::string(65535, 'a')).size(), 2u);
  Result<Lines> too_long = ReadIgnoreFile("ok\n" + std::string(65536, 'a') + "\n");
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().message, "bufio.Scanner: token too long");
}

}  // namespace
}  // namespace drydock::buildcontext
