#include "dockerfile/word_expander.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace drydock::dockerfile {
namespace {

using Words = std::vector<std::string>;

ExpansionEnv TestEnv() {
  return ExpansionEnv::FromList({"FOO=foo", "EMPTY=", "SPACES=a  b", "FILE=archive.tar.gz",
                                 "NL=line1\nline2", "REP=aaa", "1=one", "@=at"});
}

// The expanded word, or "error: <message>".
std::string Expand(std::string_view input, const ExpandOptions& options = {}) {
  Result<ExpandedWord> word = ExpandWord(input, TestEnv(), options);
  return word.ok() ? word->value : "error: " + word.error().message;
}

Words Split(std::string_view input, const ExpandOptions& options = {}) {
  Result<Words> words = ExpandWords(input, TestEnv(), options);
  return words.ok() ? words.value() : Words{"error: " + words.error().message};
}

ExpandOptions Backtick() {
  ExpandOptions options;
  options.escape = '`';
  return options;
}

TEST(ExpansionEnvTest, LaterDuplicatesWinAndBareNamesAreEmpty) {
  ExpansionEnv env = ExpansionEnv::FromList({"A=1", "B", "A=2=3", "=x"});
  EXPECT_EQ(env.Get("A"), "2=3");
  EXPECT_EQ(env.Get("B"), "");
  EXPECT_EQ(env.Get(""), "x");
  EXPECT_EQ(env.Get("a"), std::nullopt);  // Case-sensitive.
  env.Set("B", "now");
  EXPECT_EQ(env.Get("B"), "now");
  EXPECT_EQ(env.entries().size(), 3u);
}

TEST(WordExpanderTest, VariablesAndMatchLists) {
  Result<ExpandedWord> word = ExpandWord("$FOO-${FOO}-$NOPE-${EMPTY}-${NOPE}", TestEnv());
  ASSERT_TRUE(word.ok());
  EXPECT_EQ(word->value, "foo-foo---");
  EXPECT_EQ(word->matched, Words({"EMPTY", "FOO"}));
  EXPECT_EQ(word->unmatched, Words({"NOPE"}));

  Result<ExpandedWord> plain = ExpandWord("just text", TestEnv());
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->value, "just text");
  EXPECT_TRUE(plain->matched.empty());
  EXPECT_TRUE(plain->unmatched.empty());
}

TEST(WordExpanderTest, NamesAndSpecialParameters) {
  EXPECT_EQ(Expand("$1a"), "onea");  // A digit run is the whole name.
  EXPECT_EQ(Expand("$@x"), "atx");   // A special parameter is a one-character name.
  EXPECT_EQ(Expand("$$"), "");       // `$$` names the unset variable `$`.
  EXPECT_EQ(Expand("$(echo hi)"), "$(echo hi)");
  EXPECT_EQ(Expand("a$.b$"), "a$.b$");  // No name: the `$` stays.
  EXPECT_EQ(Expand("$FOO_bar"), "");
}

TEST(WordExpanderTest, DefaultAndAlternateOperators) {
  EXPECT_EQ(Expand("${FOO:-d} ${EMPTY:-d} ${NOPE:-d}"), "foo d d");
  EXPECT_EQ(Expand("${FOO-d} ${EMPTY-d} ${NOPE-d}"), "foo  d");
  EXPECT_EQ(Expand("${FOO:+a} ${EMPTY:+a} ${NOPE:+a}"), "a  ");
  EXPECT_EQ(Expand("${FOO+a} ${EMPTY+a} ${NOPE+a}"), "a a ");
  EXPECT_EQ(Expand("${NOPE:-${FOO:+x$FOO}}"), "xfoo");
  EXPECT_EQ(Expand("${NOPE:-a\\}b}"), "a}b");
  EXPECT_EQ(Expand("${NOPE:-'q }'}"), "q }");
}

TEST(WordExpanderTest, RequiredOperatorErrors) {
  EXPECT_EQ(Expand("${FOO:?msg}"), "foo");
  EXPECT_EQ(Expand("${EMPTY?msg}"), "");
  EXPECT_EQ(Expand("${NOPE:?}"),
            "error: failed to process \"${NOPE:?}\": NOPE: is not allowed to be unset");
  EXPECT_EQ(Expand("${EMPTY:?}"),
            "error: failed to process \"${EMPTY:?}\": EMPTY: is not allowed to be empty");
  EXPECT_EQ(Expand("${NOPE?no $FOO}"),
            "error: failed to process \"${NOPE?no $FOO}\": NOPE: no foo");
}

TEST(WordExpanderTest, PrefixAndSuffixPatterns) {
  EXPECT_EQ(Expand("${FILE#*.}"), "tar.gz");
  EXPECT_EQ(Expand("${FILE##*.}"), "gz");
  EXPECT_EQ(Expand("${FILE%.*}"), "archive.tar");
  EXPECT_EQ(Expand("${FILE%%.*}"), "archive");
  EXPECT_EQ(Expand("${FILE#a?c}"), "hive.tar.gz");
  EXPECT_EQ(Expand("${FILE#\"a*\"}"), "rchive.tar.gz");  // Quotes do not make `*` literal.
  EXPECT_EQ(Expand("${FILE%.(gz)}"), "archive.tar.gz");  // Regexp characters are literal.
  EXPECT_EQ(Expand("${NL##*e}"), "1\nline2");            // `*` stops at a newline.
  // A suffix pattern is reported reversed, escape pairs kept in order.
  EXPECT_EQ(Expand("${FILE%a\\x}"),
            "error: failed to process \"${FILE%a\\\\x}\": invalid pattern (\\xa) in "
            "substitution: invalid escape '\\x'");
  // With the backtick escape `\` is an ordinary character, but still a pattern escape.
  EXPECT_EQ(Expand("${FILE#x\\}", Backtick()),
            "error: failed to process \"${FILE#x\\\\}\": invalid pattern (x\\) in substitution: "
            "invalid escape '\\\xEF\xBF\xBD'");
  EXPECT_EQ(Expand("${FILE:#a}"),
            "error: failed to process \"${FILE:#a}\": unsupported modifier (:#) in substitution");
}

TEST(WordExpanderTest, Substitution) {
  EXPECT_EQ(Expand("${REP/a/b}"), "baa");
  EXPECT_EQ(Expand("${REP//a/b}"), "bbb");
  EXPECT_EQ(Expand("${FILE/.*/}"), "archive");
  EXPECT_EQ(Expand("${FILE//[.]/_}"), "archive.tar.gz");
  EXPECT_EQ(Expand("${REP//*/x}"), "x");
  EXPECT_EQ(Expand("${FOO/o/[\\$0]}"), "f[\\$0]o");      // One replacement is literal...
  EXPECT_EQ(Expand("${FOO//o/[\\$0]}"), "f[\\o][\\o]");  // ...all uses Go's $-templates.
  EXPECT_EQ(Expand("${FOO/o}"),
            "error: failed to process \"${FOO/o}\": syntax error: missing '/' in ${}");
}

TEST(WordExpanderTest, QuotesAndEscapes) {
  EXPECT_EQ(Expand("'$FOO \\x'"), "$FOO \\x");
  EXPECT_EQ(Expand("\"$FOO \\x \\\" \\$ \\\\\""), "foo \\x \" $ \\");
  EXPECT_EQ(Expand("a\\ b\\$FOO\\"), "a b$FOO");  // The trailing escape is dropped.
  EXPECT_EQ(Expand("a`$FOO\\n", Backtick()), "a$FOO\\n");
  EXPECT_EQ(Expand("\"`\"`$`` `x\"", Backtick()), "\"$` `x");
  EXPECT_EQ(Expand("<<  EOF"), "<<  EOF");
}

TEST(WordExpanderTest, SyntaxErrors) {
  EXPECT_EQ(Expand("'abc"),
            "error: failed to process \"'abc\": unexpected end of statement while looking for "
            "matching single-quote");
  EXPECT_EQ(Expand("\"abc\\\""),
            "error: failed to process \"\\\"abc\\\\\\\"\": unexpected end of statement while "
            "looking for matching double-quote");
  EXPECT_EQ(Expand("${}"), "error: failed to process \"${}\": syntax error: bad substitution");
  EXPECT_EQ(Expand("${FOO:-x"), "error: failed to process \"${FOO:-x\": syntax error: missing '}'");
  EXPECT_EQ(
      Expand("${FOO"),
      "error: failed to process \"${FOO\": unsupported modifier (\xEF\xBF\xBD) in substitution");
  EXPECT_EQ(Expand("${FOO=x}"),
            "error: failed to process \"${FOO=x}\": unsupported modifier (=) in substitution");
  EXPECT_EQ(Expand("a\tb${#FOO}"),
            "error: failed to process \"a\\tb${#FOO}\": unsupported modifier (F) in substitution");
}

TEST(WordExpanderTest, Options) {
  ExpandOptions skip_unset;
  skip_unset.skip_unset_env = true;
  EXPECT_EQ(Expand("$FOO $NOPE ${NOPE} ${NOPE:-x} ${NOPE//a/b}", skip_unset),
            "foo $NOPE ${NOPE} ${NOPE:-x} ${NOPE/a/b}");

  ExpandOptions raw_quotes;
  raw_quotes.raw_quotes = true;
  EXPECT_EQ(Expand("'a' \"$FOO\"", raw_quotes), "'a' \"foo\"");

  ExpandOptions raw_escapes;
  raw_escapes.raw_escapes = true;
  EXPECT_EQ(Expand("a\\$FOO \"\\t\"", raw_escapes), "a\\$FOO \\\\t");

  ExpandOptions no_quotes;
  no_quotes.skip_process_quotes = true;
  EXPECT_EQ(Expand("'$FOO' \"x", no_quotes), "'foo' \"x");
}

TEST(WordExpanderTest, Utf8) {
  EXPECT_EQ(Expand("\xEF\xBB\xBF$FOO"), "foo");  // A leading BOM is skipped.
  EXPECT_EQ(Expand("a\xFF$FOO"),
            "a\xEF\xBF\xBD"
            "foo");  // An invalid byte becomes U+FFFD.
  EXPECT_EQ(Expand("$é"), "");
}

TEST(WordExpanderWordsTest, SplitsOnUnquotedWhitespace) {
  EXPECT_EQ(Split("  a b\t\"c  d\"e 'f g' h\\ i  "), Words({"a", "b", "c  de", "f g", "h i"}));
  EXPECT_EQ(Split("x$SPACES\"$SPACES\""), Words({"xa", "ba  b"}));
  EXPECT_EQ(Split("a \"\" b"), Words({"a", "b"}));  // An empty quoted word vanishes.
  EXPECT_EQ(Split(""), Words());
  EXPECT_EQ(Split("cat << EOF"), Words({"cat", "<< EOF"}));
  EXPECT_EQ(Split("'a"),
            Words({"error: failed to process \"'a\": unexpected end of statement while looking "
                   "for matching single-quote"}));
}

TEST(WordExpanderWordsTest, NestedExpansionDropsTheWordSoFar) {
  // BuildKit shares one word buffer with nested `${...}` expansions, which reset it.
  EXPECT_EQ(Split("pre-${NOPE:-x}-post"), Words({"x-post"}));
  EXPECT_EQ(Split("pre- ${FOO}-post"), Words({"pre-", "foo-post"}));
}

}  // namespace
}  // namespace drydock::dockerfile
