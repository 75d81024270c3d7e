#include "buildcontext/go_regexp.h"

#include <gtest/gtest.h>

#include <string>

namespace drydock::buildcontext {
namespace {

bool Matches(const std::string& expr, const std::string& text) {
  Result<GoRegexp> re = GoRegexp::Compile(expr);
  EXPECT_TRUE(re.ok()) << expr << ": " << re.error().message;
  return re.ok() && re->MatchString(text);
}

std::string CompileError(const std::string& expr) {
  Result<GoRegexp> re = GoRegexp::Compile(expr);
  return re.ok() ? "(compiled)" : re.error().message;
}

TEST(GoRegexpTest, TranslatedGlobs) {
  EXPECT_TRUE(Matches("^(.*/)?a/[^/]*\\.go$", "x/y/a/b.go"));
  EXPECT_TRUE(Matches("^(.*/)?a/[^/]*\\.go$", "a/.go"));
  EXPECT_FALSE(Matches("^(.*/)?a/[^/]*\\.go$", "a/b/c.go"));
  // `.` never matches a newline; negated classes do.
  EXPECT_FALSE(Matches("^a.*$", "a\nb"));
  EXPECT_TRUE(Matches("^a[^/]*$", "a\nb"));
}

TEST(GoRegexpTest, EscapesKeepTheirRegexpMeaning) {
  EXPECT_TRUE(Matches("^a\\d$", "a5"));
  EXPECT_FALSE(Matches("^a\\d$", "ad"));
  EXPECT_TRUE(Matches("^foo\\b$", "foo"));    // Word boundary at the end.
  EXPECT_FALSE(Matches("^a\\bb$", "ab"));      // No boundary between two word characters.
  EXPECT_TRUE(Matches("^\\x41\\101\\t$", "AA\t"));
  EXPECT_TRUE(Matches("^\\Qa.*\\E$", "a.*"));  // Literal up to \E.
  EXPECT_TRUE(Matches("^\\Qa[^/]*$", "a[^/]*$"));  // No \E: literal to the end, `$` included.
  EXPECT_TRUE(Matches("^\\pL\\PL$", "\xC3\xA9" "5"));
  EXPECT_TRUE(Matches("^\\p{Lu}$", "\xC3\x89"));  // É is an upper-case letter.
}

TEST(GoRegexpTest, ClassesAsGoParsesThem) {
  EXPECT_TRUE(Matches("^[[:alpha:]]$", "q"));
  EXPECT_FALSE(Matches("^[[:alpha:]]$", ":"));
  EXPECT_TRUE(Matches("^[]a]$", "]"));      // `]` first is a literal.
  EXPECT_TRUE(Matches("^[a-]$", "-"));      // `-` last is a literal.
  EXPECT_TRUE(Matches("^[^\\d\\s]$", "x"));
  EXPECT_TRUE(Matches("^[[^/]*$", "^^/"));  // `[[^/]` is one class of `[`, `^` and `/`.
}

TEST(GoRegexpTest, AnchorsAlternationAndCounts) {
  EXPECT_FALSE(Matches("^a^b$", "ab"));  // `^` inside is the start of text again.
  EXPECT_TRUE(Matches("^a|b[^/]*$", "abc/def"));  // Unanchored halves: `^a` alone matches.
  EXPECT_TRUE(Matches("^[^/]*{b,c}$", "x{b,c}"));  // Not a count: literal braces.
  EXPECT_TRUE(Matches("^a{2,3}$", "aaa"));
  EXPECT_FALSE(Matches("^a{2,3}$", "aaaa"));
  EXPECT_TRUE(Matches("^a{2,}$", "aaaaa"));
}

TEST(GoRegexpTest, ErrorsUseGoMessages) {
  EXPECT_EQ(CompileError("^\\R$"), "error parsing regexp: invalid escape sequence: `\\R`");
  EXPECT_EQ(CompileError("^[z-a]$"), "error parsing regexp: invalid character class range: `z-a`");
  EXPECT_EQ(CompileError("^\\x[^/]$"), "error parsing regexp: invalid escape sequence: `\\x[^`");
  EXPECT_EQ(CompileError("^[a$"), "error parsing regexp: missing closing ]: `[a$`");
  EXPECT_EQ(CompileError("^\\p$"), "error parsing regexp: invalid character class range: `\\p$`");
  EXPECT_EQ(CompileError("^a{1001}$"), "error parsing regexp: invalid repeat count: `{1001}`");
  EXPECT_EQ(CompileError("^a{2}{3}$"),
            "error parsing regexp: invalid nested repetition operator: `{2}{3}`");
  EXPECT_EQ(CompileError("*"), "error parsing regexp: missing argument to repetition operator: `*`");
}

TEST(GoRegexpTest, NoExponentialBlowUp) {
  // 200 `(.*/)?` groups against a 400-component path that cannot match: a backtracking matcher
  // would never finish; the Pike VM's work is bounded by text length × program size.
  std::string expr = "^";
  for (int i = 0; i < 200; ++i) expr += "(.*/)?a";
  expr += "x$";
  std::string path;
  for (int i = 0; i < 400; ++i) path += "a/";
  path += "a";
  EXPECT_FALSE(Matches(expr, path));
}

}  // namespace
}  // namespace drydock::buildcontext
