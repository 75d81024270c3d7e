#include "pyenv/marker.h"

#include <gtest/gtest.h>

#include <string>

namespace drydock::pyenv {
namespace {

MarkerEnvironment Linux311() {
  MarkerEnvironment env;
  env.values = {{"implementation_name", "cpython"},
                {"implementation_version", "3.11.2"},
                {"os_name", "posix"},
                {"platform_machine", "x86_64"},
                {"platform_release", "6.1.0-18-amd64"},
                {"platform_system", "Linux"},
                {"platform_version", "#1 SMP"},
                {"python_full_version", "3.11.2"},
                {"platform_python_implementation", "CPython"},
                {"python_version", "3.11"},
                {"sys_platform", "linux"}};
  return env;
}

Marker M(const char* text) {
  auto r = Marker::Parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : *Marker::Parse("os_name == 'x'");
}

std::string Eval(const char* text, MarkerContext context = MarkerContext::kMetadata) {
  MarkerErrorKind kind;
  auto r = M(text).Evaluate(Linux311(), context, &kind);
  if (r.ok()) return *r ? "true" : "false";
  return r.error().message;
}

std::string ErrorOf(const char* text) {
  auto r = Marker::Parse(text);
  return r.ok() ? "accepted as " + r->ToString() : r.error().message;
}

TEST(MarkerTest, NormalisedString) {
  EXPECT_EQ(M("os.name=='posix' and(python_implementation==\"CPython\")").ToString(),
            "os_name == \"posix\" and platform_python_implementation == \"CPython\"");
  EXPECT_EQ(M("((os_name == extra or 'x' in sys_platform)) and python_version>'3'").ToString(),
            "(os_name == extra or \"x\" in sys_platform) and python_version > \"3\"");
  EXPECT_EQ(M("extra == 'Foo_Bar'").ToString(), "extra == \"foo-bar\"");
  EXPECT_EQ(M("os_name == 'it\"s'").ToString(), "os_name == 'it\"s'");
}

TEST(MarkerTest, Evaluates) {
  EXPECT_EQ(Eval("python_version >= '3.8' and os_name == 'posix'"), "true");
  EXPECT_EQ(Eval("python_version < '3.10'"), "false");
  EXPECT_EQ(Eval("'3.12' > python_version"), "true");
  EXPECT_EQ(Eval("platform_release >= '5.10'"), "false");  // Not a version: string rules.
  EXPECT_EQ(Eval("'linu' in sys_platform"), "true");
  EXPECT_EQ(Eval("os_name < 'z'"), "false");
  EXPECT_EQ(Eval("extra == 'test'"), "false");
  EXPECT_EQ(Eval("os_name == 'nt' or python_full_version == '3.11.*'"), "true");
  EXPECT_EQ(Eval("os_name ~= 'posix'"), "undefined comparison '~=' on 'posix' and 'posix'");
  EXPECT_EQ(Eval("extra == 'x'", MarkerContext::kRequirement), "undefined environment name 'extra'");
  EXPECT_EQ(*M("extra == 'Foo.Bar'").EvaluateWithExtra(Linux311(), "foo_bar"), true);
}

TEST(MarkerTest, LockFileSets) {
  MarkerEnvironment env = Linux311();
  env.extras = std::vector<std::string>{"Foo"};
  EXPECT_TRUE(*M("'foo' in extras").Evaluate(env, MarkerContext::kLockFile));
  EXPECT_FALSE(*M("'bar' in dependency_groups").Evaluate(env, MarkerContext::kLockFile));
}

TEST(MarkerTest, ErrorsSayWhichCharacterIsWrong) {
  EXPECT_EQ(ErrorOf("python_version"),
            "invalid marker 'python_version': Expected marker operator, one of <=, <, !=, ==, >=, "
            ">, ~=, ===, in, not in at position 15 (end of input)");
  EXPECT_EQ(ErrorOf("os_name == posix"),
            "invalid marker 'os_name == posix': Expected a marker variable or quoted string at "
            "position 12 (found 'p')");
  EXPECT_EQ(ErrorOf("(os_name == 'a'"),
            "invalid marker '(os_name == 'a'': Expected matching ')' for the '(' at position 1, "
            "after marker expression at position 16 (end of input)");
  EXPECT_EQ(ErrorOf("os_name == 'a' andx"),
            "invalid marker 'os_name == 'a' andx': Expected end of marker expression at position "
            "16 (found 'a')");
  EXPECT_EQ(ErrorOf("os_name == \"C:\\\""),
            "invalid marker 'os_name == \"C:\\\"': Invalid quoted string at position 12 (found '\"')");
  EXPECT_EQ(ErrorOf("os_name not  ni 'a'"),
            "invalid marker 'os_name not  ni 'a'': Expected 'in' after 'not' at position 14 (found "
            "'n')");
}

}  // namespace
}  // namespace drydock::pyenv
