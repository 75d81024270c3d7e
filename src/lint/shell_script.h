// A small POSIX-sh reader for the shell code in RUN instructions (shell form and heredoc
// bodies): enough structure for lint rules to find `apt-get install` and its flags and
// packages, `pip install` and its requirements, `python -m venv`, `curl ... | sh`, and which
// commands a script runs. It is not a shell: it never expands or executes anything.
#ifndef DRYDOCK_LINT_SHELL_SCRIPT_H_
#define DRYDOCK_LINT_SHELL_SCRIPT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::lint {

// One word of a command after quote removal. `begin`/`end` are byte offsets into the script.
struct ShellWord {
  std::string value;       // Quotes and escapes removed; expansions (`$X`, `$(..)`) kept as written.
  std::string_view raw;    // The word as written in the script.
  uint32_t begin = 0;
  uint32_t end = 0;
  bool quoted = false;     // Any part was quoted.
  bool has_expansion = false;  // Contains an unquoted or double-quoted `$`/backtick expansion.
};

// How a command is joined to the one after it. A newline, the end of the script and the end of
// a compound or substitution body (`)`, `}`, `fi`, `done`) give kEnd; `;` (and a case branch's
// `;;`) gives kSequence.
enum class ShellConnector { kEnd, kAnd, kOr, kSequence, kPipe, kBackground };

// A heredoc a command opens (`cat <<EOF >file`). Its body is data, never read as commands: it
// is the lines after the one that opened it, up to the delimiter line.
struct ShellHeredoc {
  std::string delimiter;    // Quotes removed.
  bool quoted = false;      // `<<'EOF'`/`<<"EOF"`: the body is not expanded.
  bool strip_tabs = false;  // `<<-EOF`.
  bool terminated = false;  // The delimiter line was found. A Dockerfile RUN's own heredocs are
                            // not part of its command text, so theirs are never found.
  std::string_view body;    // Without the delimiter line; empty when the script ends first.
  uint32_t body_begin = 0;  // Offsets of `body` in the script.
  uint32_t body_end = 0;
};

// One simple command: `VAR=x cmd arg1 arg2 >file`.
struct ShellCommand {
  std::vector<ShellWord> assignments;  // Leading NAME=value words.
  std::vector<ShellWord> words;        // argv; empty for a bare assignment or redirection.
  std::vector<ShellWord> redirects;    // Redirection targets (`>x` gives "x"); heredoc bodies are skipped.
  // The operator of each entry of `redirects` as written, with its descriptor: ">", ">>", "2>",
  // "<", "&>", "&>>", ">|", "<>", "<<<" (here-string), ">&" (`>&file`). Descriptor duplications
  // (`2>&1`, `>&-`) have no target and appear in neither list.
  std::vector<std::string_view> redirect_ops;
  std::vector<ShellHeredoc> heredocs;  // `<<WORD` and `<<-WORD` redirections, in order.
  ShellConnector next = ShellConnector::kEnd;
  bool in_pipeline = false;            // Part of a `a | b` pipeline (either side).
  int depth = 0;                       // 0 top level; >0 inside $(...), `...`, (...) or { ...; }.
  uint32_t begin = 0;                  // Offsets of the whole command in the script.
  uint32_t end = 0;

  // argv[0] without a leading path ("/usr/bin/pip3" → "pip3"), or "" when there is none.
  std::string_view Name() const;
};

struct ShellScript {
  // Every simple command in source order, including those inside `$(...)`, backticks,
  // subshells, and the bodies of if/for/while/case (the keywords themselves are not commands).
  std::vector<ShellCommand> commands;
  // Problems that stopped part of the script from being read (an unterminated quote);
  // commands before the problem are still listed.
  std::vector<std::string> problems;
};

// Reads `script`. Line continuations (backslash-newline) are joined; `#` comments skipped.
ShellScript ParseShellScript(std::string_view script);

}  // namespace drydock::lint

#endif  // DRYDOCK_LINT_SHELL_SCRIPT_H_
