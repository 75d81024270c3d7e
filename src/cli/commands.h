// The command table: one row per subcommand, sorted by name; `drydock help` prints it and an
// unknown name gets a "did you mean".
#ifndef DRYDOCK_CLI_COMMANDS_H_
#define DRYDOCK_CLI_COMMANDS_H_

#include <string>
#include <string_view>
#include <vector>

#include "cli/exit_status.h"

namespace drydock::cli {

// What a command sees: its arguments after the command name, and the output streams.
struct Invocation {
  std::vector<std::string> args;
  std::string program = "drydock";
};

struct Command {
  std::string_view name;
  std::string_view summary;
  ExitStatus (*run)(const Invocation& invocation);
};

const std::vector<Command>& Commands();

ExitStatus RunBuild(const Invocation& invocation);
ExitStatus RunCheck(const Invocation& invocation);
ExitStatus RunInspect(const Invocation& invocation);
ExitStatus RunLint(const Invocation& invocation);
ExitStatus RunParse(const Invocation& invocation);
ExitStatus RunPlan(const Invocation& invocation);

}  // namespace drydock::cli

#endif  // DRYDOCK_CLI_COMMANDS_H_
