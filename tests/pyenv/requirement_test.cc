#include "pyenv/requirement.h"

#include <gtest/gtest.h>

#include <string>

#include "pyenv/canonical_name.h"

namespace drydock::pyenv {
namespace {

std::string ErrorOf(const char* text) {
  auto r = Requirement::Parse(text);
  return r.ok() ? "accepted as " + r->ToString() : r.error().message;
}

TEST(RequirementTest, Fields) {
  auto r = Requirement::Parse("Foo.Bar [b, a,a] (>=1.0, <2) ; python_version >= '3.8'");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->name(), "Foo.Bar");
  EXPECT_EQ(r->canonical_name(), "foo-bar");
  EXPECT_EQ(r->extras(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r->specifier().ToString(), "<2,>=1.0");
  EXPECT_FALSE(r->url().has_value());
  EXPECT_EQ(r->marker()->ToString(), "python_version >= \"3.8\"");
  EXPECT_EQ(r->ToString(), "Foo.Bar[a,b]<2,>=1.0; python_version >= \"3.8\"");
}

TEST(RequirementTest, Urls) {
  auto r = Requirement::Parse("pkg @ https://x/y.whl ; os_name == 'posix'");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r->url(), "https://x/y.whl");
  EXPECT_EQ(r->ToString(), "pkg @ https://x/y.whl ; os_name == \"posix\"");
  // A ';' right after the URL is part of it.
  auto glued = Requirement::Parse("pkg @ https://x/y;os_name==\"a\"");
  ASSERT_TRUE(glued.ok());
  EXPECT_EQ(*glued->url(), "https://x/y;os_name==\"a\"");
  EXPECT_FALSE(glued->marker().has_value());
}

TEST(RequirementTest, ErrorsSayWhichCharacterIsWrong) {
  EXPECT_EQ(ErrorOf("_x"),
            "invalid requirement '_x': Expected package name at the start of dependency specifier "
            "at position 1 (found '_')");
  EXPECT_EQ(ErrorOf("name>=1\n"),
            "invalid requirement 'name>=1\n': Expected comma (within version specifier), semicolon "
            "(after version specifier) or end at position 8 (found \\x0a)");
  EXPECT_EQ(ErrorOf("name[a b]"),
            "invalid requirement 'name[a b]': Expected comma between extra names at position 8 "
            "(found 'b')");
  EXPECT_EQ(ErrorOf("name>=1.0.*"),
            "invalid requirement 'name>=1.0.*': .* suffix can only be used with `==` or `!=` "
            "operators at position 10 (found '.')");
  EXPECT_EQ(ErrorOf("name @"), "invalid requirement 'name @': Expected URL after @ at position 7 (end of input)");
  EXPECT_EQ(ErrorOf("name; os_name"),
            "invalid requirement 'name; os_name': Expected marker operator, one of <=, <, !=, ==, "
            ">=, >, ~=, ===, in, not in at position 14 (end of input)");
}

TEST(CanonicalNameTest, Pep503) {
  EXPECT_EQ(CanonicalizeName("Foo__Bar.-baz"), "foo-bar-baz");
  EXPECT_EQ(CanonicalizeName("\xc4\xb0x"), "i\xcc\x87x");  // Python's 'İ'.lower().
  EXPECT_TRUE(IsNormalizedName("foo-bar"));
  EXPECT_FALSE(IsNormalizedName("foo--bar"));
  EXPECT_TRUE(IsValidName("a.b_c-d"));
  EXPECT_FALSE(IsValidName("-a"));
  EXPECT_EQ(CanonicalizeVersion("1.0.0"), "1");
  EXPECT_EQ(CanonicalizeVersion("1.0.0", false), "1.0.0");
  EXPECT_EQ(CanonicalizeVersion("2!1.0.0rc1+Local"), "2!1rc1+local");
  EXPECT_EQ(CanonicalizeVersion("not a version"), "not a version");
}

}  // namespace
}  // namespace drydock::pyenv
