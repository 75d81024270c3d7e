// Helpers shared by the rules that read RUN scripts (DD2001, DD4001, DD4002): the neighbours
// of a command in its pipeline. The program behind wrappers is command_facts.h's ProgramIndex,
// the one implementation the ledger uses too. ShellScript lists a command before the commands of its substitutions, so
// pipeline neighbours are found by skipping deeper commands.
#ifndef DRYDOCK_LINT_RULES_SHELL_HELPERS_H_
#define DRYDOCK_LINT_RULES_SHELL_HELPERS_H_

#include <optional>
#include <string>
#include <string_view>

#include "lint/command_facts.h"
#include "lint/shell_script.h"

namespace drydock::lint {

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
