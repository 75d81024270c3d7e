// Unit tests of Compose variable interpolation (compose-go template.Substitute and
// template.ExtractVariables). The expected values are what compose-go returns.
#include "project/interpolation.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace drydock::project {
namespace {

using Env = std::map<std::string, std::string>;

VariableLookup LookupIn(const Env& env) {
  return [&env](std::string_view name) -> std::optional<std::string> {
    auto it = env.find(std::string(name));
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
}

// The substituted string, or "error: <message>".
std::string Sub(std::string_view tmpl, const Env& env = {},
                std::vector<std::string>* warnings = nullptr) {
  Result<std::string> result = Substitute(tmpl, LookupIn(env), warnings);
  return result.ok() ? result.value() : "error: " + result.error().message;
}

std::string Unset(const std::string& name) {
  return "warning: The \"" + name + "\" variable is not set. Defaulting to a blank string.";
}

TEST(InterpolationTest, TextWithoutVariablesIsUnchanged) {
  EXPECT_EQ(Sub(""), "");
  EXPECT_EQ(Sub("plain text"), "plain text");
  // A `$` that starts no variable is literal.
  EXPECT_EQ(Sub("a $ string"), "a $ string");
  EXPECT_EQ(Sub("^REGEX$"), "^REGEX$");
  EXPECT_EQ(Sub("$}"), "$}");
  EXPECT_EQ(Sub("$1 $-"), "$1 $-");
}

TEST(InterpolationTest, DoubleDollarIsALiteralDollar) {
  const Env env{{"FOO", "first"}};
  EXPECT_EQ(Sub("$$", env), "$");
  EXPECT_EQ(Sub("$${FOO}", env), "${FOO}");
  EXPECT_EQ(Sub("$$FOO", env), "$FOO");
  EXPECT_EQ(Sub("$$$FOO", env), "$first");
  EXPECT_EQ(Sub("$$$$", env), "$$");
}

TEST(InterpolationTest, NamedAndBracedVariables) {
  const Env env{{"FOO", "first"}, {"foo", "lower"}, {"FOO_bar", "2"}, {"EMPTY", ""}};
  EXPECT_EQ(Sub("$FOO", env), "first");
  EXPECT_EQ(Sub("${FOO}", env), "first");
  EXPECT_EQ(Sub("${foo}", env), "lower");  // Names are case-sensitive.
  EXPECT_EQ(Sub("$FOO_bar-x", env), "2-x");
  EXPECT_EQ(Sub("${FOO}bar $FOO.baz", env), "firstbar first.baz");
  EXPECT_EQ(Sub("[${EMPTY}]", env), "[]");
}

TEST(InterpolationTest, UnsetVariableIsBlankWithAWarning) {
  std::vector<std::string> warnings;
  EXPECT_EQ(Sub("a${MISSING}b$OTHER", {}, &warnings), "ab");
  EXPECT_EQ(warnings, (std::vector<std::string>{Unset("MISSING"), Unset("OTHER")}));
}

TEST(InterpolationTest, DefaultWhenUnsetOrEmpty) {
  const Env env{{"SET", "v"}, {"EMPTY", ""}};
  EXPECT_EQ(Sub("${SET:-d}", env), "v");
  EXPECT_EQ(Sub("${EMPTY:-d}", env), "d");
  EXPECT_EQ(Sub("${UNSET:-d}", env), "d");
  EXPECT_EQ(Sub("${UNSET:-}", env), "");
  EXPECT_EQ(Sub("${UNSET:-a default with spaces}", env), "a default with spaces");
}

TEST(InterpolationTest, DefaultWhenUnset) {
  const Env env{{"SET", "v"}, {"EMPTY", ""}};
  EXPECT_EQ(Sub("${SET-d}", env), "v");
  EXPECT_EQ(Sub("${EMPTY-d}", env), "");
  EXPECT_EQ(Sub("${UNSET-d}", env), "d");
}

TEST(InterpolationTest, AlternativeWhenSetAndNotEmpty) {
  const Env env{{"SET", "v"}, {"EMPTY", ""}};
  EXPECT_EQ(Sub("${SET:+alt}", env), "alt");
  EXPECT_EQ(Sub("${EMPTY:+alt}", env), "");
  EXPECT_EQ(Sub("${UNSET:+alt}", env), "");
}

TEST(InterpolationTest, AlternativeWhenSet) {
  const Env env{{"SET", "v"}, {"EMPTY", ""}};
  EXPECT_EQ(Sub("${SET+alt}", env), "alt");
  EXPECT_EQ(Sub("${EMPTY+alt}", env), "alt");
  EXPECT_EQ(Sub("${UNSET+alt}", env), "");
}

TEST(InterpolationTest, OperatorsWarnAboutNothing) {
  std::vector<std::string> warnings;
  EXPECT_EQ(Sub("${A:-x}${A-y}${A:+z}${A+w}", {}, &warnings), "xy");
  EXPECT_TRUE(warnings.empty());
}

TEST(InterpolationTest, RequiredWhenUnsetOrEmpty) {
  const Env env{{"SET", "v"}, {"EMPTY", ""}, {"WHO", "ops"}};
  EXPECT_EQ(Sub("${SET:?boom}", env), "v");
  EXPECT_EQ(Sub("${EMPTY:?boom}", env), "error: required variable EMPTY is missing a value: boom");
  EXPECT_EQ(Sub("${UNSET:?boom}", env), "error: required variable UNSET is missing a value: boom");
  EXPECT_EQ(Sub("${UNSET:?}", env), "error: required variable UNSET is missing a value");
  // The message is itself a template.
  EXPECT_EQ(Sub("${UNSET:?ask $WHO}", env),
            "error: required variable UNSET is missing a value: ask ops");
}

TEST(InterpolationTest, RequiredWhenUnset) {
  const Env env{{"SET", "v"}, {"EMPTY", ""}};
  EXPECT_EQ(Sub("${SET?boom}", env), "v");
  EXPECT_EQ(Sub("${EMPTY?boom}", env), "");
  EXPECT_EQ(Sub("${UNSET?boom}", env), "error: required variable UNSET is missing a value: boom");
  EXPECT_EQ(Sub("${UNSET?}", env), "error: required variable UNSET is missing a value");
}

TEST(InterpolationTest, NestedDefaultsAreSubstituted) {
  const Env env{{"B", "bee"}, {"EMPTY", ""}};
  EXPECT_EQ(Sub("${A:-${B}}", env), "bee");
  EXPECT_EQ(Sub("${A:-$B}", env), "bee");
  EXPECT_EQ(Sub("${A:-${C:-${D:-deep}}}", env), "deep");
  EXPECT_EQ(Sub("${B:+[${B}]}", env), "[bee]");
  EXPECT_EQ(Sub("${A:-x} and ${B}", env), "x and bee");
  EXPECT_EQ(Sub("${A:-${EMPTY:-inner}}-${B-no}", env), "inner-bee");
  // An error inside the default surfaces.
  EXPECT_EQ(Sub("${A:?${C:?inner}}", env), "error: required variable C is missing a value: inner");
}

TEST(InterpolationTest, DefaultsAreEvaluatedLazily) {
  std::vector<std::string> warnings;
  EXPECT_EQ(Sub("${A:+${A}}", {}, &warnings), "");
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(Sub("${A:-$B}", {}, &warnings), "");
  EXPECT_EQ(warnings, std::vector<std::string>{Unset("B")});
}

TEST(InterpolationTest, TextAfterTheClosingBraceIsKept) {
  EXPECT_EQ(Sub("${A:-x}}"), "x}");
  // Upstream's brace counter skips the byte after each `{`, so `{}` stays inside the default.
  EXPECT_EQ(Sub("${A:-{}x}"), "{}x");
}

TEST(InterpolationTest, InvalidTemplates) {
  const Env env{{"FOO", "first"}};
  EXPECT_EQ(Sub("${", env), "error: Invalid template: \"${\"");
  EXPECT_EQ(Sub("${}", env), "error: Invalid template: \"${}\"");
  EXPECT_EQ(Sub("${ }", env), "error: Invalid template: \"${ }\"");
  EXPECT_EQ(Sub("${ foo}", env), "error: Invalid template: \"${ foo}\"");
  EXPECT_EQ(Sub("${foo }", env), "error: Invalid template: \"${foo }\"");
  EXPECT_EQ(Sub("${foo!}", env), "error: Invalid template: \"${foo!}\"");
  EXPECT_EQ(Sub("${1}", env), "error: Invalid template: \"${1}\"");
  EXPECT_EQ(Sub("${FOO:}", env), "error: Invalid template: \"${FOO:}\"");
  EXPECT_EQ(Sub("${FOO:-unclosed", env), "error: Invalid template: \"${FOO:-unclosed\"");
  // The default may not span lines; the template is quoted as Go quotes it.
  EXPECT_EQ(Sub("${A:-a\nb}", env), "error: Invalid template: \"${A:-a\\nb}\"");
  EXPECT_EQ(Sub("say \"${\"", env), "error: Invalid template: \"say \\\"${\\\"\"");
}

TEST(InterpolationTest, InvalidTemplateNamesTheInnermostText) {
  EXPECT_EQ(Sub("${A:-${}}"), "error: Invalid template: \"${}\"");
  EXPECT_EQ(Sub("${A:-x} ${ }"), "error: Invalid template: \" ${ }\"");
}

TEST(InterpolationTest, FirstErrorWinsButLaterVariablesStillWarn) {
  std::vector<std::string> warnings;
  EXPECT_EQ(Sub("${ } ${A:?a} $B", {}, &warnings), "error: Invalid template: \"${ } ${A:?a} $B\"");
  EXPECT_EQ(warnings, std::vector<std::string>{Unset("B")});
  EXPECT_EQ(Sub("${A:?a}${ }"), "error: required variable A is missing a value: a");
}

TEST(InterpolationTest, CaseFoldingAcceptsKelvinSignAndLongS) {
  // Go's case-insensitive [a-z] also matches U+212A and U+017F.
  const Env env{{"\u212A", "kelvin"}, {"a\u017F", "long"}};
  EXPECT_EQ(Sub("$\u212A", env), "kelvin");
  EXPECT_EQ(Sub("${a\u017F}", env), "long");
}

std::vector<std::string> Describe(const std::vector<TemplateVariable>& variables) {
  std::vector<std::string> out;
  for (const TemplateVariable& v : variables) {
    std::string text = v.name;
    if (v.default_value) text += " default=" + *v.default_value;
    if (v.presence_value) text += " presence=" + *v.presence_value;
    if (v.required) text += " required";
    out.push_back(text);
  }
  return out;
}

TEST(ExtractVariablesTest, ListsVariablesSortedByName) {
  EXPECT_EQ(Describe(ExtractVariables("$ZED ${ALPHA} ${MID:-x}")),
            (std::vector<std::string>{"ALPHA", "MID default=x", "ZED"}));
}

TEST(ExtractVariablesTest, RecordsOperators) {
  EXPECT_EQ(Describe(ExtractVariables("${A:-d} ${B-e} ${C:+p} ${D+q} ${E:?m} ${F?n}")),
            (std::vector<std::string>{"A default=d", "B default=e", "C presence=p",
                                      "D presence=q", "E required", "F required"}));
  // An empty default is still a default.
  EXPECT_EQ(Describe(ExtractVariables("${A:-}")), std::vector<std::string>{"A default="});
}

TEST(ExtractVariablesTest, FollowsDefaultsAndPresenceValues) {
  EXPECT_EQ(Describe(ExtractVariables("${A:-${B:-${C:-deep}}}")),
            (std::vector<std::string>{"A default=${B:-${C:-deep}}", "B default=${C:-deep}",
                                      "C default=deep"}));
  EXPECT_EQ(Describe(ExtractVariables("${A:+$B}")),
            (std::vector<std::string>{"A presence=$B", "B"}));
  // Required messages are not searched.
  EXPECT_EQ(Describe(ExtractVariables("${A:?$B}")), std::vector<std::string>{"A required"});
}

TEST(ExtractVariablesTest, SkipsEscapesAndKeepsTheLastOccurrence) {
  EXPECT_TRUE(ExtractVariables("$$FOO $${BAR} plain").empty());
  // Text after the first variable's closing brace is read before the variable itself.
  EXPECT_EQ(Describe(ExtractVariables("${A:-x} ${A}")), std::vector<std::string>{"A default=x"});
  EXPECT_EQ(Describe(ExtractVariables("$A ${A:-x}")), std::vector<std::string>{"A default=x"});
}

TEST(ExtractVariablesTest, InvalidTemplateGivesAnEmptyName) {
  EXPECT_EQ(Describe(ExtractVariables("${X} ${")), (std::vector<std::string>{"", "X"}));
}

}  // namespace
}  // namespace drydock::project
