#include "cli/process_env.h"

#include <unistd.h>

#include <cstdio>
#include <vector>

extern char** environ;

namespace drydock::cli {

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string entry = *e;
    size_t eq = entry.find('=');
    if (eq != std::string::npos) env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return env;
}

std::string WorkingDirectory() {
  std::vector<char> buffer(4096);
  if (::getcwd(buffer.data(), buffer.size()) == nullptr) return "/";
  return buffer.data();
}

void PrintDiagnostics(const DiagSink& sink) {
  for (const Diagnostic& d : sink.diagnostics()) std::fputs(FormatDiagnostic(d).c_str(), stderr);
}

}  // namespace drydock::cli
