#include "pyenv/specifier.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace drydock::pyenv {
namespace {

SpecifierSet S(const char* text, std::optional<bool> prereleases = std::nullopt) {
  auto r = SpecifierSet::Parse(text, prereleases);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : SpecifierSet();
}

std::string ErrorOf(const char* text) {
  auto r = SpecifierSet::Parse(text);
  return r.ok() ? "accepted as " + r->ToString() : r.error().message;
}

TEST(SpecifierTest, ParsesAndPrints) {
  auto s = Specifier::Parse(" >=  v1.0 ");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->op(), SpecifierOperator::kGreaterEqual);
  EXPECT_EQ(s->version_text(), "v1.0");
  EXPECT_EQ(s->ToString(), ">=v1.0");
  EXPECT_EQ(Specifier::Parse("====1.0")->version_text(), "=1.0");
  EXPECT_EQ(*Specifier::Parse("==1.0"), *Specifier::Parse("==1.0.0"));
  EXPECT_FALSE(*Specifier::Parse("~=1.0") == *Specifier::Parse("~=1.0.0"));
}

TEST(SpecifierSetTest, StrSortsAndCollapsesEqualClauses) {
  EXPECT_EQ(S(" >=1.0 ,, <2.0,!=1.5, ==1.0.0 ,==1.0").ToString(), "!=1.5,<2.0,==1.0,>=1.0");
  EXPECT_EQ(S("").ToString(), "");
}

TEST(SpecifierSetTest, OperatorSemantics) {
  EXPECT_TRUE(S("==1.0").Contains("1.0.0+local"));
  EXPECT_FALSE(S("==1.0+a").Contains("1.0+b"));
  EXPECT_TRUE(S("==1.*").Contains("1.9.post1"));
  EXPECT_FALSE(S("==1.*").Contains("2.0.dev0"));
  EXPECT_TRUE(S("~=1.4.2").Contains("1.4.9"));
  EXPECT_FALSE(S("~=1.4.2").Contains("1.5"));
  EXPECT_FALSE(S("<2.0").Contains("2.0a1"));    // Pre-releases of 2.0 are not below 2.0.
  EXPECT_TRUE(S("<2.0rc1").Contains("2.0a1"));
  EXPECT_FALSE(S(">1.0").Contains("1.0.post1"));  // Post-releases of 1.0 are not above 1.0.
  EXPECT_FALSE(S(">1.0").Contains("1.0+local"));
  EXPECT_TRUE(S(">1.0.post1").Contains("1.0.post2"));
  EXPECT_TRUE(S("<=1.0").Contains("1.0+local"));
  EXPECT_TRUE(S("===Foo").Contains("foo"));
  EXPECT_FALSE(S("===1.0").Contains("1.0.0"));
  EXPECT_FALSE(S(">=1").Contains("not a version"));
}

TEST(SpecifierSetTest, PrereleaseRules) {
  // packaging 26: contains() with no override accepts a matching pre-release.
  EXPECT_TRUE(S(">=1.0").Contains("2.0a1"));
  EXPECT_FALSE(S(">=1.0").Contains("2.0a1", false));
  EXPECT_FALSE(S(">=1.0", false).Contains("2.0a1"));
  EXPECT_TRUE(S(">=1.0", false).Contains("2.0a1", std::nullopt, /*installed=*/true));
  EXPECT_EQ(S(">=1.0a1").prereleases(), std::optional<bool>(true));
  EXPECT_EQ(S(">=1.0").prereleases(), std::nullopt);
  // filter(): pre-releases only when nothing final matches, or the set names one.
  EXPECT_EQ(S(">=1.0").Filter({"1.0", "2.0a1", "1.5"}), (std::vector<std::string>{"1.0", "1.5"}));
  EXPECT_EQ(S(">=1.0").Filter({"2.0a1", "3.0b1"}), (std::vector<std::string>{"2.0a1", "3.0b1"}));
  EXPECT_EQ(S(">=1.0a1").Filter({"1.0", "2.0a1"}), (std::vector<std::string>{"1.0", "2.0a1"}));
  EXPECT_EQ(S("").Filter({"1.0", "x", "2.0a1"}), (std::vector<std::string>{"1.0", "x"}));
}

TEST(SpecifierSetTest, Combine) {
  auto c = SpecifierSet::Combine(S(">2.0"), S("<5.0"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->ToString(), "<5.0,>2.0");
  EXPECT_FALSE(SpecifierSet::Combine(S(">1", true), S("<2", false)).ok());
}

TEST(SpecifierSetTest, ErrorsSayWhichCharacterIsWrong) {
  EXPECT_EQ(ErrorOf("2.0"),
            "invalid specifier '2.0': expected an operator (~=, ==, !=, <=, >=, <, >, ===) at "
            "position 1, found '2'");
  EXPECT_EQ(ErrorOf("=>2.0"),
            "invalid specifier '=>2.0': expected an operator (~=, ==, !=, <=, >=, <, >, ===) at "
            "position 1, found '='");
  EXPECT_EQ(ErrorOf("=="), "invalid specifier '==': expected a version after the operator");
  EXPECT_EQ(ErrorOf("~=1"),
            "invalid specifier '~=1': ~= needs a version with at least two release segments, at "
            "position 3");
  EXPECT_EQ(ErrorOf(">=1.0+abc"),
            "invalid specifier '>=1.0+abc': unexpected '+' at position 6 (a local version label is "
            "only allowed with == and !=)");
  EXPECT_EQ(ErrorOf(">=1.0.*"),
            "invalid specifier '>=1.0.*': unexpected '.' at position 6 (.* is only allowed with == "
            "and !=)");
  EXPECT_EQ(ErrorOf("==1.0a1.*"),
            "invalid specifier '==1.0a1.*': unexpected '.' at position 8 (.* cannot follow a pre-, "
            "post-, dev or local version)");
  EXPECT_EQ(ErrorOf(">=1.0,<2 x"),
            "invalid specifier '<2 x': unexpected 'x' at position 4 (clause at position 7 of "
            "'>=1.0,<2 x')");
}

}  // namespace
}  // namespace drydock::pyenv
