// The shell reader on realistic RUN scripts: every command with its argv, connector, nesting
// depth and pipeline membership.
#include "lint/shell_script.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace drydock::lint {
namespace {

// "argv joined by spaces|depth|p(ipeline)|connector" for each command.
std::vector<std::string> Describe(std::string_view script) {
  static const char* kConnectors[] = {"end", "&&", "||", ";", "|", "&"};
  std::vector<std::string> out;
  for (const ShellCommand& c : ParseShellScript(script).commands) {
    std::string line;
    for (const ShellWord& a : c.assignments) line += a.value + " ";
    for (const ShellWord& w : c.words) line += (line.empty() ? "" : " ") + w.value;
    for (const ShellWord& r : c.redirects) line += " >" + r.value;
    line += "|" + std::to_string(c.depth) + (c.in_pipeline ? "|p|" : "||") +
            kConnectors[static_cast<int>(c.next)];
    out.push_back(line);
  }
  return out;
}

using Lines = std::vector<std::string>;

TEST(ShellScript, AptChain) {
  EXPECT_EQ(Describe("apt-get update && apt-get install -y --no-install-recommends python3 "
                     "python3-venv && rm -rf /var/lib/apt/lists/*"),
            (Lines{"apt-get update|0||&&",
                   "apt-get install -y --no-install-recommends python3 python3-venv|0||&&",
                   "rm -rf /var/lib/apt/lists/*|0||end"}));
}

TEST(ShellScript, PipeIntoShell) {
  EXPECT_EQ(Describe("curl -fsSL https://x/install.sh | sh -"),
            (Lines{"curl -fsSL https://x/install.sh|0|p||", "sh -|0|p|end"}));
}

TEST(ShellScript, AssignmentsSubstitutionsAndQuotes) {
  ParseShellScript("x");  // Warm-up: nothing shared between calls.
  EXPECT_EQ(Describe("VERSION=$(cat v.txt) make install PREFIX=\"/opt/x y\" 'a b' c\\ d"),
            (Lines{"VERSION=$(cat v.txt)  make install PREFIX=/opt/x y a b c d|0||end",
                   "cat v.txt|1||end"}));
  ShellScript s = ParseShellScript("echo \"$HOME\" '$HOME'");
  ASSERT_EQ(s.commands.size(), 1u);
  EXPECT_TRUE(s.commands[0].words[1].has_expansion);
  EXPECT_TRUE(s.commands[0].words[1].quoted);
  EXPECT_EQ(s.commands[0].words[2].value, "$HOME");
  EXPECT_EQ(s.commands[0].words[1].raw, "\"$HOME\"");
}

TEST(ShellScript, CompoundCommandsListTheirBodies) {
  EXPECT_EQ(Describe("if [ -f x ]; then pip install x; else echo no; fi"),
            (Lines{"[ -f x ]|0||;", "pip install x|0||;", "echo no|0||;"}));
  EXPECT_EQ(Describe("for p in a b; do pip install \"$p\"; done"), (Lines{"pip install $p|0||;"}));
  EXPECT_EQ(Describe("case $x in a) echo a;; b|c) echo b;; esac; ls"),
            (Lines{"echo a|0||;", "echo b|0||;", "ls|0||end"}));
  EXPECT_EQ(Describe("(cd /x && make) || true"),
            (Lines{"cd /x|1||&&", "make|1||end", "true|0||end"}));
  EXPECT_EQ(Describe("{ a; b; } && c"), (Lines{"a|0||;", "b|0||;", "c|0||end"}));
}

TEST(ShellScript, HeredocBodiesAreNotCommands) {
  EXPECT_EQ(Describe("#!/bin/bash\nset -e\ncat <<EOF > /etc/x\nrm -rf /\nEOF\n"
                     "python3 -m venv /opt/venv && . /opt/venv/bin/activate\n"),
            (Lines{"set -e|0||end", "cat >/etc/x|0||end", "python3 -m venv /opt/venv|0||&&",
                   ". /opt/venv/bin/activate|0||end"}));
  EXPECT_EQ(Describe("cat <<-'X'\n\tls\n\tX\necho done"), (Lines{"cat|0||end", "echo done|0||end"}));
}

TEST(ShellScript, RedirectionsAndContinuations) {
  EXPECT_EQ(Describe("ls 2>&1 >/dev/null | grep x"),
            (Lines{"ls >/dev/null|0|p||", "grep x|0|p|end"}));
  EXPECT_EQ(Describe("echo a \\\n  b &>/tmp/log"), (Lines{"echo a b >/tmp/log|0||end"}));
  EXPECT_EQ(Describe("echo `date` $((1+2)) ${A:-b} # comment"),
            (Lines{"echo `date` $((1+2)) ${A:-b}|0||end", "date|1||end"}));
}

TEST(ShellScript, ProblemsStopGracefully) {
  ShellScript s = ParseShellScript("apt-get update && echo 'unterminated");
  ASSERT_EQ(s.problems.size(), 1u);
  EXPECT_EQ(s.problems[0], "unterminated single quote at offset 23");
  ASSERT_GE(s.commands.size(), 1u);
  EXPECT_EQ(s.commands[0].Name(), "apt-get");
  EXPECT_EQ(ParseShellScript("echo $(ls").problems.size(), 1u);
  EXPECT_EQ(ParseShellScript(std::string(10000, '(')).problems.size(), 1u);
}

TEST(ShellScript, NameDropsThePath) {
  ShellScript s = ParseShellScript("/opt/venv/bin/pip install x");
  EXPECT_EQ(s.commands[0].Name(), "pip");
  EXPECT_EQ(s.commands[0].begin, 0u);
  EXPECT_EQ(s.commands[0].end, 27u);
}

}  // namespace
}  // namespace drydock::lint
