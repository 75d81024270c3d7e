// Unit tests of the `.env` reader (compose-go dotenv.GetEnvFromFile). The expected values are
// what compose-go returns.
#include "project/dotenv.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace drydock::project {
namespace {

using Env = std::map<std::string, std::string>;
using Pairs = std::vector<std::pair<std::string, std::string>>;

constexpr std::string_view kPath = "/project/.env";

VariableLookup LookupIn(const Env& env) {
  return [&env](std::string_view name) -> std::optional<std::string> {
    auto it = env.find(std::string(name));
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
}

Pairs Parse(std::string_view text, const Env& env = {},
            std::vector<std::string>* warnings = nullptr) {
  Result<Pairs> result = ParseDotEnv(text, kPath, LookupIn(env), warnings);
  EXPECT_TRUE(result.ok()) << result.error().message;
  return result.ok() ? result.value() : Pairs{};
}

std::string ParseError(std::string_view text, const Env& env = {}) {
  Result<Pairs> result = ParseDotEnv(text, kPath, LookupIn(env));
  EXPECT_FALSE(result.ok());
  return result.ok() ? "" : result.error().message;
}

TEST(DotEnvTest, KeyValueLines) {
  EXPECT_EQ(Parse("A=1\nB=2\n"), (Pairs{{"A", "1"}, {"B", "2"}}));
  EXPECT_EQ(Parse("A = 1\nB =2\nC= 3\nD=\nE = \n"),
            (Pairs{{"A", "1"}, {"B", "2"}, {"C", "3"}, {"D", ""}, {"E", ""}}));
  EXPECT_EQ(Parse("NO_NEWLINE=x"), (Pairs{{"NO_NEWLINE", "x"}}));
  EXPECT_EQ(Parse("VAR.DOTS=1\nVAR-DASH=2\nARR[0]=3\n456=4\n"),
            (Pairs{{"VAR.DOTS", "1"}, {"VAR-DASH", "2"}, {"ARR[0]", "3"}, {"456", "4"}}));
  EXPECT_EQ(Parse("KEY=value = with = equals\n"), (Pairs{{"KEY", "value = with = equals"}}));
}

TEST(DotEnvTest, YamlStyleColon) {
  EXPECT_EQ(Parse("FOO:BAR\nZOT: QIX\n"), (Pairs{{"FOO", "BAR"}, {"ZOT", "QIX"}}));
}

TEST(DotEnvTest, ExportPrefix) {
  EXPECT_EQ(Parse("export A=1\nexport\tB='2'\n  export   C=3\n"),
            (Pairs{{"A", "1"}, {"B", "2"}, {"C", "3"}}));
  // Only `export` followed by white space is the prefix.
  EXPECT_EQ(Parse("exported=1\n"), (Pairs{{"exported", "1"}}));
}

TEST(DotEnvTest, LaterDuplicateReplacesInPlace) {
  EXPECT_EQ(Parse("A=1\nB=2\nA=3\n"), (Pairs{{"A", "3"}, {"B", "2"}}));
}

TEST(DotEnvTest, CommentsAndBlankLines) {
  EXPECT_EQ(Parse("# a comment\n\n   \n\t# indented comment\nA=1 # inline\nB=x#not-a-comment\n"),
            (Pairs{{"A", "1"}, {"B", "x#not-a-comment"}}));
  EXPECT_EQ(Parse("A=a#b c #d\n"), (Pairs{{"A", "a#b c"}}));
  EXPECT_EQ(Parse("A=\"quoted # kept\" # dropped\n"), (Pairs{{"A", "quoted # kept"}}));
  EXPECT_EQ(Parse("# only a comment"), Pairs{});
}

TEST(DotEnvTest, WindowsLineEndingsAndByteOrderMark) {
  EXPECT_EQ(Parse("\xEF\xBB\xBF" "A=1\r\nB=\"2\"\r\n"), (Pairs{{"A", "1"}, {"B", "2"}}));
}

TEST(DotEnvTest, SingleQuotesAreLiteral) {
  const Env env{{"B", "b"}};
  EXPECT_EQ(Parse("A='x\\'y\\\\z\\n$B ${B}'\n", env), (Pairs{{"A", "x'y\\\\z\\n$B ${B}"}}));
  EXPECT_EQ(Parse("A=''\n"), (Pairs{{"A", ""}}));
}

TEST(DotEnvTest, DoubleQuotesUnderstandEscapes) {
  EXPECT_EQ(Parse("A=\"1\\n2\\t3\\\\4\\\"5\"\n"), (Pairs{{"A", "1\n2\t3\\4\"5"}}));
  // Unknown escapes stay as written.
  EXPECT_EQ(Parse("A=\"\\c\\x\\q\"\n"), (Pairs{{"A", "\\c\\x\\q"}}));
  // \0 and three octal digits is a byte, written as the rune of that value.
  EXPECT_EQ(Parse("A=\"\\0101\\0377\"\n"), (Pairs{{"A", "A\xC3\xBF"}}));
  // Other \0 runs just lose the 0.
  EXPECT_EQ(Parse("A=\"\\0|\\012|\\0400\"\n"), (Pairs{{"A", "\\|\\12|\\400"}}));
  // Unquoted values keep backslashes.
  EXPECT_EQ(Parse("A=1\\n2\n"), (Pairs{{"A", "1\\n2"}}));
}

TEST(DotEnvTest, MultiLineQuotedValues) {
  EXPECT_EQ(Parse("A=\"one\ntwo\"\nB='three\nfour'\nC=5\n"),
            (Pairs{{"A", "one\ntwo"}, {"B", "three\nfour"}, {"C", "5"}}));
}

TEST(DotEnvTest, ExpansionSeesEarlierKeysButTheProcessEnvironmentWins) {
  EXPECT_EQ(Parse("A=file\nB=${A}-$A\nC=\"${A:-x}\"\n"),
            (Pairs{{"A", "file"}, {"B", "file-file"}, {"C", "file"}}));
  EXPECT_EQ(Parse("A=file\nB=${A}\n", {{"A", "env"}}), (Pairs{{"A", "file"}, {"B", "env"}}));
  // Process-environment keys are not part of the result.
  EXPECT_EQ(Parse("B=$OTHER\n", {{"OTHER", "o"}}), (Pairs{{"B", "o"}}));
}

TEST(DotEnvTest, DollarEscapes) {
  const Env env{{"B", "b"}};
  EXPECT_EQ(Parse("A=$$B\n", env), (Pairs{{"A", "$B"}}));
  EXPECT_EQ(Parse("A=\"\\$B $$B\"\n", env), (Pairs{{"A", "$B $B"}}));
}

TEST(DotEnvTest, UnsetVariablesWarn) {
  std::vector<std::string> warnings;
  EXPECT_EQ(Parse("A=${UNSET}\nB=\"$ALSO\"\nC='$NOT'\n", {}, &warnings),
            (Pairs{{"A", ""}, {"B", ""}, {"C", "$NOT"}}));
  EXPECT_EQ(warnings,
            (std::vector<std::string>{
                "warning: The \"UNSET\" variable is not set. Defaulting to a blank string.",
                "warning: The \"ALSO\" variable is not set. Defaulting to a blank string."}));
}

TEST(DotEnvTest, BareKeyCopiesTheProcessValue) {
  EXPECT_EQ(Parse("A=1\nFROM_ENV\nNOT_SET\nexport EXPORTED\n",
                  {{"FROM_ENV", "env"}, {"EXPORTED", "e"}}),
            (Pairs{{"A", "1"}, {"FROM_ENV", "env"}, {"EXPORTED", "e"}}));
  // A key the file already defined keeps its value.
  EXPECT_EQ(Parse("A=1\nA\n"), (Pairs{{"A", "1"}}));
}

TEST(DotEnvTest, KeyAloneAtEndOfFileIsAValueForTheEmptyKey) {
  // Without a terminator the key scan finds no name: upstream stores the text under "".
  EXPECT_EQ(Parse("FOO=1\nBAR"), (Pairs{{"FOO", "1"}, {"", "BAR"}}));
}

TEST(DotEnvTest, UnicodeKeys) {
  EXPECT_EQ(Parse("K\xC3\xA9y\xC2\xB2=v\n"), (Pairs{{"K\xC3\xA9y\xC2\xB2", "v"}}));
}

TEST(DotEnvTest, Errors) {
  EXPECT_EQ(ParseError("A=1\n\n  KEY NAME=2\n"),
            "failed to read /project/.env: line 3: key cannot contain a space");
  EXPECT_EQ(ParseError("A=1\nB!=2\n"),
            "failed to read /project/.env: line 2: unexpected character \"!\" in variable name "
            "\"B!=2\"");
  // The line count of an unterminated value has run to the end of the file.
  EXPECT_EQ(ParseError("A=\"x\ny\nB=2\nC=3\n"),
            "failed to read /project/.env: line 5: unterminated quoted value \"x");
  EXPECT_EQ(ParseError("A='open"),
            "failed to read /project/.env: line 1: unterminated quoted value 'open");
  EXPECT_EQ(ParseError("FOO=1\nexport   "), "failed to read /project/.env: zero length string");
}

TEST(DotEnvTest, ExpansionErrors) {
  EXPECT_EQ(ParseError("A=${\n"), "failed to read /project/.env: Invalid template: \"${\"");
  EXPECT_EQ(ParseError("A=${UNSET:?need it}\n"),
            "failed to read /project/.env: required variable UNSET is missing a value: need it");
}

}  // namespace
}  // namespace drydock::project
