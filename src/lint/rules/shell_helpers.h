// Helpers shared by the rules that read RUN scripts (DD2001, DD4001, DD4002): the real
// command behind wrappers such as `sudo -u x env A=1 cmd`, and the neighbours of a command
// in its pipeline. ShellScript lists a command before the commands of its substitutions, so
// pipeline neighbours are found by skipping deeper commands.
#ifndef DRYDOCK_LINT_RULES_SHELL_HELPERS_H_
#define DRYDOCK_LINT_RULES_SHELL_HELPERS_H_

#include <optional>
#include <string>
#include <string_view>

#include "lint/shell_script.h"

namespace drydock::lint {

inline std::string_view CommandBaseName(std::string_view word) {
  size_t slash = word.rfind('/');
  return slash == std::string_view::npos ? word : word.substr(slash + 1);
}

// Options of a wrapper that take the next word as their value.
inline bool WrapperOptionTakesValue(std::string_view wrapper, std::string_view option) {
  auto any = [&](std::initializer_list<std::string_view> list) {
    for (std::string_view o : list) {
      if (o == option) return true;
    }
    return false;
  };
  if (wrapper == "sudo") return any({"-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T", "--user", "--group"});
  if (wrapper == "env") return any({"-u", "-C", "--unset", "--chdir"});
  if (wrapper == "xargs") return any({"-a", "-d", "-E", "-I", "-L", "-n", "-P", "-s", "--arg-file", "--delimiter", "--max-args", "--max-procs"});
  if (wrapper == "nice") return any({"-n", "--adjustment"});
  if (wrapper == "timeout") return any({"-s", "-k", "--signal", "--kill-after"});
  if (wrapper == "time") return any({"-f", "-o", "--format", "--output"});
  if (wrapper == "exec") return any({"-a"});
  return false;
}

inline bool IsWrapper(std::string_view name) {
  return name == "sudo" || name == "env" || name == "xargs" || name == "nice" || name == "nohup" ||
         name == "timeout" || name == "time" || name == "exec" || name == "eatmydata" ||
         name == "command" || name == "stdbuf" || name == "ionice" || name == "chronic";
}

// The index in `command.words` of the command a chain of wrappers runs; words.size() when
// there is none. `through_xargs` is set when xargs is one of the wrappers.
inline size_t CommandStart(const ShellCommand& command, bool* through_xargs = nullptr) {
  size_t i = 0;
  const auto& words = command.words;
  while (i < words.size()) {
    std::string_view name = CommandBaseName(words[i].value);
    if (!IsWrapper(name)) return i;
    if (name == "xargs" && through_xargs) *through_xargs = true;
    ++i;
    bool timeout_duration = name == "timeout";
    while (i < words.size()) {
      const std::string& w = words[i].value;
      if (w == "--") {
        ++i;
        break;
      }
      if (!w.empty() && w[0] == '-') {
        if (WrapperOptionTakesValue(name, w)) ++i;
        ++i;
      } else if (name == "env" && w.find('=') != std::string::npos) {
        ++i;
      } else if (timeout_duration) {
        timeout_duration = false;
        ++i;
      } else {
        break;
      }
    }
  }
  return words.size();
}

// The next element of the pipeline `commands[index]` pipes into, when it is a simple command.
inline std::optional<size_t> PipeSuccessor(const ShellScript& script, size_t index) {
  const ShellCommand& c = script.commands[index];
  if (c.next != ShellConnector::kPipe) return std::nullopt;
  for (size_t j = index + 1; j < script.commands.size(); ++j) {
    if (script.commands[j].depth < c.depth) return std::nullopt;
    if (script.commands[j].depth == c.depth) return j;
  }
  return std::nullopt;
}

// Whether a simple command before `commands[index]` pipes into it.
inline bool PipedInto(const ShellScript& script, size_t index) {
  const ShellCommand& c = script.commands[index];
  if (!c.in_pipeline) return false;
  for (size_t j = index; j-- > 0;) {
    if (script.commands[j].depth < c.depth) return false;
    if (script.commands[j].depth == c.depth) return script.commands[j].next == ShellConnector::kPipe;
  }
  return false;
}

}  // namespace drydock::lint

#endif  // DRYDOCK_LINT_RULES_SHELL_HELPERS_H_
