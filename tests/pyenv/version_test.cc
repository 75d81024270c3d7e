#include "pyenv/version.h"

#include <gtest/gtest.h>

#include <string>

namespace drydock::pyenv {
namespace {

Version V(const char* text) {
  auto r = Version::Parse(text);
  EXPECT_TRUE(r.ok()) << text;
  return r.ok() ? *r : Version();
}

std::string ErrorOf(const char* text) {
  auto r = Version::Parse(text);
  return r.ok() ? "accepted as " + r->ToString() : r.error().message;
}

TEST(NumberTest, SmallAndBigOrderNumerically) {
  EXPECT_TRUE(Number(3).fits_uint64());
  Number big = Number::FromDigits("000123456789012345678901234567890");
  EXPECT_FALSE(big.fits_uint64());
  EXPECT_EQ(big.ToString(), "123456789012345678901234567890");
  EXPECT_LT(Number(UINT64_MAX), big);
  EXPECT_EQ(Number::FromDigits("18446744073709551615"), Number(UINT64_MAX));
  EXPECT_FALSE(Number::FromDigits("18446744073709551616").fits_uint64());
  EXPECT_LT(Number::FromDigits("18446744073709551616"), Number::FromDigits("18446744073709551617"));
}

TEST(VersionTest, NormalisesEverySpelling) {
  EXPECT_EQ(V(" v1.0-ALPHA.2_post-3.DEV+Ubuntu-1_2 \n").ToString(), "1.0a2.post3.dev0+ubuntu.1.2");
  EXPECT_EQ(V("1.0-1").ToString(), "1.0.post1");
  EXPECT_EQ(V("1.0rev").ToString(), "1.0.post0");
  EXPECT_EQ(V("1.0c1").ToString(), "1.0rc1");
  EXPECT_EQ(V("1.0preview2").ToString(), "1.0rc2");
  EXPECT_EQ(V("2!01.002").ToString(), "2!1.2");
  EXPECT_EQ(V("1.0+00").ToString(), "1.0+0");
}

TEST(VersionTest, Components) {
  Version v = V("3!1.2.3rc4.post5.dev6+abc.7");
  EXPECT_EQ(v.epoch(), Number(3));
  ASSERT_EQ(v.release().size(), 3u);
  EXPECT_EQ(v.micro(), Number(3));
  EXPECT_EQ(v.pre()->kind, PreKind::kRc);
  EXPECT_EQ(v.pre()->number, Number(4));
  EXPECT_EQ(*v.post(), Number(5));
  EXPECT_EQ(*v.dev(), Number(6));
  EXPECT_EQ(*v.LocalString(), "abc.7");
  EXPECT_EQ(v.Public(), "3!1.2.3rc4.post5.dev6");
  EXPECT_EQ(v.BaseVersion(), "3!1.2.3");
  EXPECT_TRUE(v.is_prerelease());
  EXPECT_TRUE(v.is_postrelease());
  EXPECT_TRUE(v.is_devrelease());
  EXPECT_EQ(V("1").minor(), Number(0));
}

TEST(VersionTest, Ordering) {
  EXPECT_EQ(V("1.0"), V("1.0.0"));
  EXPECT_EQ(V("1.0+00"), V("1.0+0"));
  EXPECT_LT(V("1.0.dev1"), V("1.0a1"));
  EXPECT_LT(V("1.0a1"), V("1.0"));
  EXPECT_LT(V("1.0"), V("1.0+local"));
  EXPECT_LT(V("1.0+local"), V("1.0.post1"));
  EXPECT_LT(V("1.0.post1.dev1"), V("1.0.post1"));
  EXPECT_LT(V("1.0+abc"), V("1.0+1"));  // Numeric local segments sort after alphanumeric.
  EXPECT_LT(V("1.0+1"), V("1.0+1.0"));
  EXPECT_EQ(V("1.0+ABC"), V("1.0+abc"));
  EXPECT_LT(V("9999"), V("1!0"));
  EXPECT_LT(V("1.18446744073709551615"), V("1.18446744073709551616"));
}

TEST(VersionTest, HashFollowsEquality) {
  std::hash<Version> hash;
  EXPECT_EQ(hash(V("1.0")), hash(V("1.0.0")));
  EXPECT_EQ(hash(V("1.0+ABC.00")), hash(V("1.0+abc.0")));
  EXPECT_NE(hash(V("1.0")), hash(V("1.1")));
}

TEST(VersionTest, ErrorsSayWhichCharacterIsWrong) {
  EXPECT_EQ(ErrorOf(""), "invalid version '': empty");
  EXPECT_EQ(ErrorOf("french toast"),
            "invalid version 'french toast': unexpected 'f' at position 1 (expected a release number)");
  EXPECT_EQ(ErrorOf("1.0+a+"), "invalid version '1.0+a+': unexpected '+' at position 6");
  EXPECT_EQ(ErrorOf("1!"), "invalid version '1!': expected a release number at end of input");
  EXPECT_EQ(ErrorOf("1.0+"),
            "invalid version '1.0+': expected a letter or digit of the local version label at end of input");
  EXPECT_EQ(ErrorOf("vv1.0"),
            "invalid version 'vv1.0': unexpected 'v' at position 2 (expected a release number)");
  EXPECT_EQ(ErrorOf("1.0\x01"), "invalid version '1.0\x01': unexpected \\x01 at position 4");
  EXPECT_EQ(ErrorOf("1.\xd9\xa1"), "invalid version '1.\xd9\xa1': unexpected U+0661 at position 3");
  EXPECT_EQ(ErrorOf("1.0-x"), "invalid version '1.0-x': unexpected 'x' at position 5");
  EXPECT_FALSE(Version::TryParse("1.0 2").has_value());
}

}  // namespace
}  // namespace drydock::pyenv
