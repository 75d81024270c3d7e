// The shell reader on realistic RUN scripts: every command with its argv, connector, nesting
// depth and pipeline membership; then heredocs, redirections, offsets and broken input.
#include "lint/shell_script.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace drydock::lint {
namespace {

using Lines = std::vector<std::string>;

// One line per command: "assignments argv redirections|depth|p|connector", where redirections
// are written operator-then-target (">/dev/null", "<<EOF") and "p" marks pipeline members.
Lines Describe(std::string_view script) {
  static const char* kConnectors[] = {"end", "&&", "||", ";", "|", "&"};
  Lines out;
  for (const ShellCommand& c : ParseShellScript(script).commands) {
    std::string line;
    auto add = [&](const std::string& part) { line += (line.empty() ? "" : " ") + part; };
    for (const ShellWord& a : c.assignments) add(a.value);
    for (const ShellWord& w : c.words) add(w.value);
    for (size_t i = 0; i < c.redirects.size(); ++i) {
      add(std::string(c.redirect_ops[i]) + c.redirects[i].value);
    }
    for (const ShellHeredoc& h : c.heredocs) add("<<" + h.delimiter);
    line += "|" + std::to_string(c.depth) + (c.in_pipeline ? "|p|" : "||") +
            kConnectors[static_cast<int>(c.next)];
    out.push_back(line);
  }
  return out;
}

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
  EXPECT_EQ(Describe("wget -qO- https://x | bash -s -- --yes || exit 1"),
            (Lines{"wget -qO- https://x|0|p||", "bash -s -- --yes|0|p|||", "exit 1|0||end"}));
  EXPECT_EQ(Describe("make 2>&1 |& tee build.log"),
            (Lines{"make|0|p||", "tee build.log|0|p|end"}));
}

TEST(ShellScript, SequenceAndBackground) {
  EXPECT_EQ(Describe("set -eux; pip install --no-cache-dir -r requirements.txt"),
            (Lines{"set -eux|0||;", "pip install --no-cache-dir -r requirements.txt|0||end"}));
  EXPECT_EQ(Describe("dockerd & sleep 5;"), (Lines{"dockerd|0||&", "sleep 5|0||;"}));
  EXPECT_EQ(Describe("! grep -q x f && time -p make -j4"),
            (Lines{"grep -q x f|0||&&", "make -j4|0||end"}));
}

TEST(ShellScript, AssignmentsAndSubstitutions) {
  EXPECT_EQ(Describe("VERSION=$(cat v.txt) make install PREFIX=\"/opt/x y\""),
            (Lines{"VERSION=$(cat v.txt) make install PREFIX=/opt/x y|0||end",
                   "cat v.txt|1||end"}));
  ShellScript s = ParseShellScript("VERSION=$(cat v.txt) make install");
  ASSERT_EQ(s.commands.size(), 2u);
  ASSERT_EQ(s.commands[0].assignments.size(), 1u);
  EXPECT_TRUE(s.commands[0].assignments[0].has_expansion);
  EXPECT_EQ(s.commands[0].assignments[0].value, "VERSION=$(cat v.txt)");
  EXPECT_EQ(s.commands[0].Name(), "make");
  // Only an unquoted NAME= starts an assignment; a quoted value is still one.
  EXPECT_EQ(Describe("A=1 B=\"x y\" env"), (Lines{"A=1 B=x y env|0||end"}));
  EXPECT_EQ(Describe("\"A=1\" cmd; env A=1 cmd"), (Lines{"A=1 cmd|0||;", "env A=1 cmd|0||end"}));
  EXPECT_EQ(Describe("ENV_ONLY=1"), (Lines{"ENV_ONLY=1|0||end"}));
  // Nested substitutions, backquotes, and `$(` inside double quotes.
  EXPECT_EQ(Describe("echo \"$(dirname \"$(readlink -f \"$0\")\")\" `date +%s`"),
            (Lines{"echo $(dirname \"$(readlink -f \"$0\")\") `date +%s`|0||end",
                   "dirname $(readlink -f \"$0\")|1||end", "readlink -f $0|2||end",
                   "date +%s|1||end"}));
}

TEST(ShellScript, QuotesAndEscapes) {
  ShellScript s = ParseShellScript("echo \"$HOME\" '$HOME' \"a \\\"b\\\" \\\\c \\$d \\e\" x\\ y");
  ASSERT_EQ(s.commands.size(), 1u);
  const std::vector<ShellWord>& w = s.commands[0].words;
  ASSERT_EQ(w.size(), 5u);
  EXPECT_EQ(w[1].value, "$HOME");
  EXPECT_TRUE(w[1].has_expansion);
  EXPECT_TRUE(w[1].quoted);
  EXPECT_EQ(w[1].raw, "\"$HOME\"");
  EXPECT_EQ(w[2].value, "$HOME");
  EXPECT_FALSE(w[2].has_expansion);
  EXPECT_EQ(w[3].value, "a \"b\" \\c $d \\e");
  EXPECT_FALSE(w[3].has_expansion);  // `\$` is a literal dollar.
  EXPECT_EQ(w[4].value, "x y");
  EXPECT_FALSE(s.commands[0].words[0].quoted);
  EXPECT_EQ(Describe("echo $'a\\'b\\n' \"it's\" 'say \"hi\"'"),
            (Lines{"echo a'b\n it's say \"hi\"|0||end"}));
}

TEST(ShellScript, ParameterExpansions) {
  EXPECT_EQ(Describe("echo ${A:-{x}} \"${B:-\"}\"}\" ${C#'}'} ${D:-$(date)} $# $1 ${#E[@]}"),
            (Lines{"echo ${A:-{x}} ${B:-\"}\"} ${C#'}'} ${D:-$(date)} $# $1 ${#E[@]}|0||end",
                   "date|1||end"}));
  ShellScript s = ParseShellScript("echo $ cost$ ${X}");
  ASSERT_EQ(s.commands[0].words.size(), 4u);
  EXPECT_FALSE(s.commands[0].words[1].has_expansion);  // A lone `$` is literal.
  EXPECT_FALSE(s.commands[0].words[2].has_expansion);
  EXPECT_TRUE(s.commands[0].words[3].has_expansion);
}

TEST(ShellScript, IfThenElse) {
  EXPECT_EQ(Describe("if [ -f x ]; then pip install x; else echo no; fi"),
            (Lines{"[ -f x ]|0||;", "pip install x|0||;", "echo no|0||;"}));
  EXPECT_EQ(Describe("if a; then b; elif c && d; then e; fi && f"),
            (Lines{"a|0||;", "b|0||;", "c|0||&&", "d|0||;", "e|0||;", "f|0||end"}));
  EXPECT_EQ(Describe("if ! command -v pip >/dev/null\nthen\n  apt-get install -y pip\nfi"),
            (Lines{"command -v pip >/dev/null|0||end", "apt-get install -y pip|0||end"}));
}

TEST(ShellScript, Loops) {
  // The `for` word list is not a command.
  EXPECT_EQ(Describe("for p in a b; do pip install \"$p\"; done"), (Lines{"pip install $p|0||;"}));
  // ... but a substitution in it runs.
  EXPECT_EQ(Describe("for f in $(ls *.whl); do pip install $f; done | tee log"),
            (Lines{"ls *.whl|1||end", "pip install $f|0|p|;", "tee log|0|p|end"}));
  EXPECT_EQ(Describe("for x\ndo\n  echo $x\ndone"), (Lines{"echo $x|0||end"}));
  EXPECT_EQ(Describe("for ((i=0; i<3; i++)); do echo $i; done"), (Lines{"echo $i|0||;"}));
  EXPECT_EQ(Describe("while ! pg_isready; do sleep 1; done && psql -c 'select 1'"),
            (Lines{"pg_isready|0||;", "sleep 1|0||;", "psql -c select 1|0||end"}));
  EXPECT_EQ(Describe("until curl -f http://x; do sleep 2; done"),
            (Lines{"curl -f http://x|0||;", "sleep 2|0||;"}));
  EXPECT_EQ(Describe("while read -r pkg; do apt-get install -y \"$pkg\"; done < packages.txt"),
            (Lines{"read -r pkg|0||;", "apt-get install -y $pkg|0||;"}));
}

TEST(ShellScript, Case) {
  EXPECT_EQ(Describe("case $x in a) echo a;; b|c) echo b;; esac; ls"),
            (Lines{"echo a|0||;", "echo b|0||;", "ls|0||end"}));
  EXPECT_EQ(Describe("case \"$(uname -m)\" in\n"
                     "  x86_64|amd64) ARCH=amd64 ;;\n"
                     "  (aarch64) ARCH=arm64 ;;\n"
                     "  *) echo \"unsupported\" >&2; exit 1 ;;\n"
                     "esac\n"
                     "curl -o /usr/local/bin/x https://x/$ARCH"),
            (Lines{"uname -m|1||end", "ARCH=amd64|0||;", "ARCH=arm64|0||;", "echo unsupported|0||;",
                   "exit 1|0||;", "curl -o /usr/local/bin/x https://x/$ARCH|0||end"}));
  EXPECT_EQ(Describe("x=$(case $y in a) echo 1;; esac) z"),
            (Lines{"x=$(case $y in a) echo 1;; esac) z|0||end", "echo 1|1||;"}));
}

TEST(ShellScript, SubshellsAndGroups) {
  EXPECT_EQ(Describe("(cd /x && make) || true"),
            (Lines{"cd /x|1||&&", "make|1||end", "true|0||end"}));
  EXPECT_EQ(Describe("{ a; b; } && c"), (Lines{"a|1||;", "b|1||;", "c|0||end"}));
  // A compound command in a pipeline puts its commands in the pipeline (not its substitutions').
  EXPECT_EQ(Describe("{ echo $(date); cat x; } | gzip > x.gz"),
            (Lines{"echo $(date)|1|p|;", "date|2||end", "cat x|1|p|;", "gzip >x.gz|0|p|end"}));
  EXPECT_EQ(Describe("install_deps() {\n  apt-get update\n}\ninstall_deps"),
            (Lines{"apt-get update|1||end", "install_deps|0||end"}));
  EXPECT_EQ(Describe("function f { x; }"), (Lines{"x|1||;"}));
  EXPECT_EQ(Describe("(( n > 1 )) && [[ $a == b* && -n $c ]] || echo $((n + 1))"),
            (Lines{"[[ $a == b* && -n $c ]]|0||||", "echo $((n + 1))|0||end"}));
  EXPECT_EQ(Describe("diff <(sort a) <(sort b)"),
            (Lines{"diff <(sort a) <(sort b)|0||end", "sort a|1||end", "sort b|1||end"}));
  EXPECT_EQ(Describe("PKGS=(curl \"git lfs\" $(cat extra)) && apt-get install \"${PKGS[@]}\""),
            (Lines{"PKGS=(curl \"git lfs\" $(cat extra))|0||&&", "cat extra|1||end",
                   "apt-get install ${PKGS[@]}|0||end"}));
}

TEST(ShellScript, StrayClosersAreSkipped) {
  EXPECT_EQ(Describe("echo a; fi; done ) } ;; b"), (Lines{"echo a|0||;", "b|0||end"}));
  // A missing `fi` does not swallow the closer of an enclosing loop.
  EXPECT_EQ(Describe("while x; do if y; then z; done; w"),
            (Lines{"x|0||;", "y|0||;", "z|0||;", "w|0||end"}));
  EXPECT_EQ(Describe("echo done fi } then"), (Lines{"echo done fi } then|0||end"}));
}

TEST(ShellScript, HeredocScript) {
  const char* script =
      "#!/bin/bash\n"
      "set -e\n"
      "cat <<EOF > /etc/x\n"
      "rm -rf /\n"
      "$(not a command)\n"
      "EOF\n"
      "python3 -m venv /opt/venv && . /opt/venv/bin/activate\n";
  EXPECT_EQ(Describe(script), (Lines{"set -e|0||end", "cat >/etc/x <<EOF|0||end",
                                     "python3 -m venv /opt/venv|0||&&",
                                     ". /opt/venv/bin/activate|0||end"}));
  ShellScript s = ParseShellScript(script);
  ASSERT_EQ(s.commands[1].heredocs.size(), 1u);
  const ShellHeredoc& h = s.commands[1].heredocs[0];
  EXPECT_EQ(h.body, "rm -rf /\n$(not a command)\n");
  EXPECT_EQ(std::string_view(script).substr(h.body_begin, h.body_end - h.body_begin), h.body);
  EXPECT_TRUE(h.terminated);
  EXPECT_FALSE(h.quoted);
  EXPECT_EQ(s.commands[1].redirect_ops, (std::vector<std::string_view>{">"}));
}

TEST(ShellScript, HeredocForms) {
  // `<<-` strips tabs before the delimiter; quotes are removed from it.
  EXPECT_EQ(Describe("cat <<-'X' | sh\n\tls\n\tX\necho done"),
            (Lines{"cat <<X|0|p||", "sh|0|p|end", "echo done|0||end"}));
  // Two heredocs on a line: bodies in order.
  ShellScript s = ParseShellScript("cat <<A; cat <<\"B\"\na1\nA\nb1\nB\necho after");
  ASSERT_EQ(s.commands.size(), 3u);
  EXPECT_EQ(s.commands[0].heredocs[0].body, "a1\n");
  EXPECT_EQ(s.commands[1].heredocs[0].body, "b1\n");
  EXPECT_TRUE(s.commands[1].heredocs[0].quoted);
  EXPECT_EQ(s.commands[2].Name(), "echo");
  // On a loop, and inside a substitution.
  EXPECT_EQ(Describe("while read l; do echo $l; done <<EOF\nrm x\nEOF\nls"),
            (Lines{"read l|0||;", "echo $l|0||;", "ls|0||end"}));
  EXPECT_EQ(Describe("x=$(cat <<EOF\nnot a cmd\nEOF\n)\necho $x"),
            (Lines{"x=$(cat <<EOF\nnot a cmd\nEOF\n)|0||end", "cat <<EOF|1||end", "echo $x|0||end"}));
  // A Dockerfile RUN's own heredoc has its body outside the command text.
  s = ParseShellScript("cat <<EOF >/app/config");
  ASSERT_EQ(s.commands.size(), 1u);
  EXPECT_FALSE(s.commands[0].heredocs[0].terminated);
  EXPECT_TRUE(s.commands[0].heredocs[0].body.empty());
  EXPECT_TRUE(s.problems.empty());
  // A here-string is a redirection, not a heredoc.
  EXPECT_EQ(Describe("sh <<< \"$script\""), (Lines{"sh <<<$script|0||end"}));
}

TEST(ShellScript, Redirections) {
  EXPECT_EQ(Describe("ls 2>&1 >/dev/null | grep x"),
            (Lines{"ls >/dev/null|0|p||", "grep x|0|p|end"}));
  EXPECT_EQ(Describe("cmd >&2 3>&- >|x 2>>y <>z &>>w <in 2> err &>all >&file"),
            (Lines{"cmd >|x 2>>y <>z &>>w <in 2>err &>all >&file|0||end"}));
  EXPECT_EQ(Describe("echo a>b c"), (Lines{"echo a c >b|0||end"}));
  ShellScript s = ParseShellScript("tee -a /etc/hosts 2>/dev/null");
  ASSERT_EQ(s.commands[0].redirects.size(), 1u);
  EXPECT_EQ(s.commands[0].redirect_ops[0], "2>");
  EXPECT_EQ(s.commands[0].redirects[0].value, "/dev/null");
  EXPECT_EQ(Describe(">/tmp/empty"), (Lines{">/tmp/empty|0||end"}));
}

TEST(ShellScript, ContinuationsAndComments) {
  EXPECT_EQ(Describe("echo a \\\n  b &>/tmp/log"), (Lines{"echo a b &>/tmp/log|0||end"}));
  EXPECT_EQ(Describe("apt-get update \\\r\n && apt-get install -y \\\n\tcurl \\\n\tgit\r\n"),
            (Lines{"apt-get update|0||&&", "apt-get install -y curl git|0||end"}));
  EXPECT_EQ(Describe("echo a#b # c && rm x\n# whole line\nls # done"),
            (Lines{"echo a#b|0||end", "ls|0||end"}));
  EXPECT_EQ(Describe("pip install \\\n    --no-cache-dir \\\n    -r req.txt"),
            (Lines{"pip install --no-cache-dir -r req.txt|0||end"}));
}

TEST(ShellScript, Offsets) {
  std::string_view script = "/opt/venv/bin/pip install x && { sudo rm -f \"a b\"; }";
  ShellScript s = ParseShellScript(script);
  ASSERT_EQ(s.commands.size(), 2u);
  EXPECT_EQ(s.commands[0].Name(), "pip");
  EXPECT_EQ(s.commands[0].begin, 0u);
  EXPECT_EQ(s.commands[0].end, 27u);
  EXPECT_EQ(script.substr(s.commands[1].begin, s.commands[1].end - s.commands[1].begin),
            "sudo rm -f \"a b\"");
  const ShellWord& w = s.commands[1].words[3];
  EXPECT_EQ(script.substr(w.begin, w.end - w.begin), "\"a b\"");
  EXPECT_EQ(w.raw, "\"a b\"");
  EXPECT_EQ(ParseShellScript("x").commands[0].Name(), "x");
  EXPECT_EQ(ParseShellScript("> f").commands[0].Name(), "");
}

TEST(ShellScript, ProblemsStopGracefully) {
  ShellScript s = ParseShellScript("apt-get update && echo 'unterminated");
  ASSERT_EQ(s.problems, (std::vector<std::string>{"unterminated single quote at offset 23"}));
  EXPECT_EQ(Describe("apt-get update && echo 'unterminated"),
            (Lines{"apt-get update|0||&&", "echo|0||end"}));
  EXPECT_EQ(ParseShellScript("echo \"abc").problems,
            (std::vector<std::string>{"unterminated double quote at offset 5"}));
  EXPECT_EQ(ParseShellScript("echo $(ls").problems,
            (std::vector<std::string>{"unterminated command substitution at offset 5"}));
  EXPECT_EQ(ParseShellScript("a; echo `date").problems,
            (std::vector<std::string>{"unterminated backquote at offset 8"}));
  EXPECT_EQ(ParseShellScript("echo ${a").problems,
            (std::vector<std::string>{"unterminated ${ at offset 5"}));
  EXPECT_EQ(ParseShellScript("a=$((1+").problems,
            (std::vector<std::string>{"unterminated arithmetic expansion at offset 2"}));
  EXPECT_EQ(ParseShellScript("x=$(ls 'a").problems.size(), 1u);
  EXPECT_EQ(ParseShellScript(std::string(10000, '(')).problems,
            (std::vector<std::string>{"unterminated (( at offset 0"}));
  EXPECT_EQ(ParseShellScript(std::string(10000, '{') + " x").problems.size(), 0u);
  // A trailing backslash is literal, as in bash.
  EXPECT_EQ(Describe("\\"), (Lines{"\\|0||end"}));
  EXPECT_EQ(Describe("echo a\\"), (Lines{"echo a\\|0||end"}));
  // Open compound commands end with the script; every command is still listed.
  EXPECT_EQ(Describe("if a; then b"), (Lines{"a|0||;", "b|0||end"}));
  EXPECT_TRUE(ParseShellScript("if a; then b").problems.empty());
  EXPECT_TRUE(ParseShellScript("").commands.empty());
}

TEST(ShellScript, DeepAndLongInputsStayCheap) {
  // Deep nesting is cut off, not a stack overflow.
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "if $(\"${x:-`";
  EXPECT_EQ(ParseShellScript(deep).problems.size(), 1u);
  std::string subshells;
  for (int i = 0; i < 5000; ++i) subshells += "( ";
  EXPECT_EQ(ParseShellScript(subshells).problems, (std::vector<std::string>{"nesting too deep"}));
  std::string ifs;
  for (int i = 0; i < 5000; ++i) ifs += "if ";
  EXPECT_EQ(ParseShellScript(ifs).problems, (std::vector<std::string>{"nesting too deep"}));
  // A long script reads in one pass.
  std::string long_script;
  for (int i = 0; i < 20000; ++i) long_script += "apt-get install -y pkg" + std::to_string(i) + " && ";
  long_script += "true";
  ShellScript s = ParseShellScript(long_script);
  EXPECT_EQ(s.commands.size(), 20001u);
  EXPECT_TRUE(s.problems.empty());
}

}  // namespace
}  // namespace drydock::lint
