// Which shell scripts a RUN executes: its shell-form command, and the heredoc bodies that are
// scripts (`RUN <<EOF`, `RUN bash <<EOF`) rather than data fed to another program
// (`RUN python3 <<EOF`). Shared by the ledger and the rules' context.
#ifndef DRYDOCK_LINT_RUN_SCRIPTS_H_
#define DRYDOCK_LINT_RUN_SCRIPTS_H_

#include <string>
#include <vector>

#include "base/source_file.h"
#include "dockerfile/ast.h"

namespace drydock::lint {

struct RunScriptSource {
  std::string text;
  bool from_heredoc = false;
  Span span;  // The text's bytes in the Dockerfile (the whole logical command for shell form).
};

// Empty for anything but a shell-form RUN.
std::vector<RunScriptSource> RunScriptSources(const dockerfile::Instruction& instruction);

}  // namespace drydock::lint

#endif  // DRYDOCK_LINT_RUN_SCRIPTS_H_
