#include "base/strings.h"

#include <gtest/gtest.h>

namespace drydock {
namespace {

TEST(Strings, CaseAndTrim) {
  EXPECT_EQ(ToLowerAscii("FrOm"), "from");
  EXPECT_EQ(ToUpperAscii("run"), "RUN");
  EXPECT_TRUE(EqualsIgnoreCaseAscii("As", "aS"));
  EXPECT_FALSE(EqualsIgnoreCaseAscii("As", "aSs"));
  EXPECT_FALSE(EqualsIgnoreCaseAscii("a[", "A{"));  // Only letters fold: '[' is not '{'.
  EXPECT_TRUE(ContainsIgnoreCaseAscii("RUN echo 'APT::Get::Assume-Yes \"true\";'", "assume-yes"));
  EXPECT_TRUE(ContainsIgnoreCaseAscii("aab", "AB"));  // A partial match before the real one.
  EXPECT_TRUE(ContainsIgnoreCaseAscii("x", ""));
  EXPECT_FALSE(ContainsIgnoreCaseAscii("assume-ye", "assume-yes"));
  EXPECT_FALSE(ContainsIgnoreCaseAscii("apt_conf", "apt.conf"));
  EXPECT_EQ(TrimAsciiSpace(" \t x y \n"), "x y");
  EXPECT_EQ(Join({"a", "b", "c"}, ", "), "a, b, c");
}

TEST(Strings, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("héllo 한국어 😀"));
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xc3"));          // Truncated.
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));      // Overlong.
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));  // Surrogate.
}

TEST(Strings, SuggestClosest) {
  std::vector<std::string> words = {"FROM", "RUN", "COPY", "WORKDIR"};
  EXPECT_EQ(SuggestClosest("FORM", words), "FROM");
  EXPECT_EQ(SuggestClosest("workdri", words), "WORKDIR");
  EXPECT_EQ(SuggestClosest("zzzzzz", words), "");
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
}

}  // namespace
}  // namespace drydock
