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

std::string RelativeToCwd(std::string text, const std::string& cwd) {
  if (cwd.empty() || cwd == "/") return text;
  std::string prefix = cwd + "/";
  for (size_t at = 0; (at = text.find(prefix, at)) != std::string::npos;) text.erase(at, prefix.size());
  return text;
}

void PrintDiagnostics(const DiagSink& sink, const std::string& cwd) {
  for (const Diagnostic& d : sink.diagnostics()) {
    std::fputs(RelativeToCwd(FormatDiagnostic(d), cwd).c_str(), stderr);
  }
}

}  // namespace drydock::cli
