#include "lint/run_scripts.h"

#include "dockerfile/heredoc.h"
#include "lint/shell_script.h"

namespace drydock::lint {

namespace {

bool IsShell(std::string_view name) {
  return name == "sh" || name == "bash" || name == "ash" || name == "dash" || name == "zsh";
}

// A body whose shebang names another interpreter is not shell code.
bool ShebangIsShell(const std::string& body) {
  if (body.rfind("#!", 0) != 0) return true;
  std::string line = body.substr(2, body.find('\n') - 2);
  for (std::string_view shell : {"/sh", "/bash", "/ash", "/dash", "/zsh", " sh", " bash"}) {
    if (line.find(shell) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

std::vector<RunScriptSource> RunScriptSources(const dockerfile::Instruction& in) {
  std::vector<RunScriptSource> out;
  if (in.keyword != dockerfile::Keyword::kRun || in.json || in.args.empty()) return out;
  const dockerfile::Word& command = in.args.back();
  out.push_back({command.value, false, command.span});
  if (in.heredocs.empty()) return out;
  // The heredocs are scripts when the command only opens them, or feeds them to a shell.
  ShellScript script = ParseShellScript(command.value);
  bool bodies_are_scripts = true;
  for (const ShellCommand& c : script.commands) {
    if (c.words.empty()) continue;
    bool shell_reading_stdin = IsShell(c.Name());
    for (size_t i = 1; i < c.words.size(); ++i) {
      if (c.words[i].value == "-c" || (c.words[i].value.size() > 0 && c.words[i].value[0] != '-')) {
        shell_reading_stdin = false;
      }
    }
    if (!shell_reading_stdin) bodies_are_scripts = false;
  }
  if (!bodies_are_scripts) return out;
  for (const dockerfile::Heredoc& h : in.heredocs) {
    std::string body = h.chomp ? dockerfile::ChompHeredocContent(h.content) : h.content;
    if (!ShebangIsShell(body)) continue;
    out.push_back({std::move(body), true, h.body_span});
  }
  return out;
}

}  // namespace drydock::lint
