#include "buildcontext/pattern_matcher.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "buildcontext/ignore_file.h"

namespace drydock::buildcontext {
namespace {

// MatchesOrParentMatches of `path` under the .dockerignore `content`: "excluded", "included"
// or the error text.
std::string Decide(const std::string& content, const std::string& path) {
  Result<std::vector<std::string>> patterns = ReadIgnoreFile(content);
  if (!patterns.ok()) return patterns.error().message;
  Result<PatternMatcher> pm = PatternMatcher::New(*patterns);
  if (!pm.ok()) return pm.error().message;
  Result<bool> m = pm->MatchesOrParentMatches(path);
  if (!m.ok()) return m.error().message;
  return *m ? "excluded" : "included";
}

std::string Describe(const std::string& cleaned) {
  CompiledPattern c = CompilePattern(cleaned);
  const char* type = c.type == MatchType::kExact    ? "exact"
                     : c.type == MatchType::kPrefix ? "prefix"
                     : c.type == MatchType::kSuffix ? "suffix"
                                                    : "regexp";
  return std::string(type) + " " + c.regexp + (c.compile_error.empty() ? "" : " !" + c.compile_error);
}

TEST(PatternMatcherTest, DoubleStar) {
  EXPECT_EQ(Decide("**/foo\n", "foo"), "excluded");
  EXPECT_EQ(Decide("**/foo\n", "a/b/foo"), "excluded");
  EXPECT_EQ(Decide("**/foo\n", "a/xfoo"), "included");
  EXPECT_EQ(Decide("dir/**\n", "dir"), "included");  // Only what is inside.
  EXPECT_EQ(Decide("dir/**\n", "dir/a/b"), "excluded");
  EXPECT_EQ(Decide("**/\n", "anything/at/all"), "excluded");  // `**/` is cleaned to `**`.
  EXPECT_EQ(Decide("a**b\n", "a/x/b"), "excluded");
}

TEST(PatternMatcherTest, ExceptionReincludesAFileInAnExcludedDirectory) {
  const std::string ignore = "docs\n!docs/README.md\n";
  EXPECT_EQ(Decide(ignore, "docs/README.md"), "included");
  EXPECT_EQ(Decide(ignore, "docs/other.md"), "excluded");
  // Order matters: an exception before the pattern it should undo has nothing to undo.
  EXPECT_EQ(Decide("!docs/README.md\ndocs\n", "docs/README.md"), "excluded");
}

TEST(PatternMatcherTest, TrailingSlashMatchesFilesToo) {
  EXPECT_EQ(Decide("README.md/\n", "README.md"), "excluded");
  EXPECT_EQ(Decide("build/\n", "build/out.o"), "excluded");
}

TEST(PatternMatcherTest, ParentMatchesExcludeDescendants) {
  EXPECT_EQ(Decide("*/b\n", "a/b/c"), "excluded");
  EXPECT_EQ(Decide("*.log\n", "logs/a.log"), "included");  // `*` stops at `/`.
}

TEST(PatternMatcherTest, BackslashIsARegexpEscape) {
  EXPECT_EQ(Decide("a\\d\n", "a5"), "excluded");
  EXPECT_EQ(Decide("a\\d\n", "ad"), "included");
  EXPECT_EQ(Decide("\\[x\\]\n", "[x]"), "excluded");
  // Not a path separator on Linux: `\R` is an escape Go's regexp rejects on first use...
  EXPECT_EQ(Decide("docs\\README.md\n", "docs/README.md"), "syntax error in pattern");
  EXPECT_EQ(Decide("docs\\/README.md\n", "docs/README.md"), "excluded");  // ...`\/` is `/`.
  EXPECT_EQ(Decide("a\\\n", "a"), "syntax error in pattern");  // Trailing `\`: New rejects it.
}

TEST(PatternMatcherTest, InvalidBrackets) {
  EXPECT_EQ(Decide("[\n", "a"), "syntax error in pattern");      // New rejects it.
  EXPECT_EQ(Decide("[a-]\n", "a"), "syntax error in pattern");
  EXPECT_EQ(Decide("x/[*\n", "a"), "syntax error in pattern");
  // New's filepath.Match(p, ".") stops at the first chunk that cannot match "." and never
  // reads the bad class after it; the regexp then reads `[[^/]*` as a class of `[^/`.
  EXPECT_EQ(Decide("-/*/[*\n", "-/a/[^"), "excluded");
  EXPECT_EQ(Decide("[z-a]\n", "a"), "syntax error in pattern");  // Fails on first use...
  EXPECT_EQ(Decide("nothing\n![z-a]\n", "a"), "included");       // ...and only if used.
  EXPECT_EQ(Decide("!\n", "a"), "illegal exclusion pattern: \"!\"");
}

TEST(PatternMatcherTest, CompiledForms) {
  EXPECT_EQ(Describe("node_modules"), "exact ");
  EXPECT_EQ(Describe("a^b"), "exact ");
  EXPECT_EQ(Describe("dir/**"), "prefix ");
  EXPECT_EQ(Describe("**/foo"), "suffix ");
  EXPECT_EQ(Describe("***"), "regexp ^(.*/)?[^/]*$");
  EXPECT_EQ(Describe("a^b*"), "regexp ^a^b[^/]*$");  // Never matches anything.
  EXPECT_EQ(Describe("*.{c,h}"), "regexp ^[^/]*\\.{c,h}$");  // `{` and `|` are not escaped.
  EXPECT_EQ(Describe("?(x)"), "regexp ^[^/]\\(x\\)$");
  EXPECT_EQ(Describe("[Local-Only]"),
            "regexp ^[Local-Only]$ !error parsing regexp: invalid character class range: `l-O`");
}

TEST(PatternMatcherTest, DeprecatedMatchesChecksOneAncestor) {
  Result<PatternMatcher> pm = PatternMatcher::New({"**/c"});
  ASSERT_TRUE(pm.ok());
  EXPECT_FALSE(*pm->Matches("a/b/c/Dockerfile"));
  EXPECT_TRUE(*pm->MatchesOrParentMatches("a/b/c/Dockerfile"));
}

TEST(PatternMatcherTest, ParentResultsCanDisagreeWithParentMatches) {
  Result<PatternMatcher> pm = PatternMatcher::New({"a", "!a/b", "a"});
  ASSERT_TRUE(pm.ok());
  MatchInfo a, ab, abc;
  EXPECT_TRUE(*pm->MatchesUsingParentResults("a", {}, &a));
  EXPECT_FALSE(*pm->MatchesUsingParentResults("a/b", a, &ab));
  EXPECT_FALSE(*pm->MatchesUsingParentResults("a/b/c", ab, &abc));  // The walkers keep it...
  EXPECT_TRUE(*pm->MatchesOrParentMatches("a/b/c"));                // ...the daemon would not.
}

}  // namespace
}  // namespace drydock::buildcontext
