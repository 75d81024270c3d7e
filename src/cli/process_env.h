// What a command reads from its process: the environment and the working directory. Only cli/
// reads them; the modules below receive them as values.
#ifndef DRYDOCK_CLI_PROCESS_ENV_H_
#define DRYDOCK_CLI_PROCESS_ENV_H_

#include <map>
#include <string>

#include "base/diagnostic.h"

namespace drydock::cli {

std::map<std::string, std::string> ProcessEnvironment();
std::string WorkingDirectory();
// Prints every diagnostic of `sink` to standard error, with paths under `cwd` shown
// relative to it (as the user named them).
void PrintDiagnostics(const DiagSink& sink, const std::string& cwd = "");
// `text` with every "<cwd>/" removed, so messages name paths as the user wrote them.
std::string RelativeToCwd(std::string text, const std::string& cwd);

}  // namespace drydock::cli

#endif  // DRYDOCK_CLI_PROCESS_ENV_H_
