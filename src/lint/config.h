// Lint configuration: the `lint:` section of `.drydock.yaml`, found upward from the linted
// file, and the command-line flags that override it. Merge rule: a CLI flag replaces the file's
// value for that key; lists given on the CLI (--ignore) are added to the file's.
#ifndef DRYDOCK_LINT_CONFIG_H_
#define DRYDOCK_LINT_CONFIG_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "base/result.h"

namespace drydock::lint {

struct LintConfig {
  std::set<std::string> ignored;                       // Rule IDs turned off.
  std::map<std::string, Severity> severity_override;   // Rule ID → severity.
  // Findings at or above it make `drydock lint` exit 1; nullopt ("none") never does.
  std::optional<Severity> failure_threshold = Severity::kInfo;
  bool failure_threshold_set = false;  // Given in the file (the CLI flag wins over it).
  std::map<std::string, std::map<std::string, std::string>> options;  // Rule ID → key → value.
  std::vector<std::string> allowed_registries;
};

// Reads the `lint:` section of a `.drydock.yaml` text. Unknown keys and rule names are
// diagnostics (with "did you mean"); `path` names the file in them.
Result<LintConfig> ParseLintConfig(const SourceFile& file, DiagSink& sink);

// The nearest `.drydock.yaml` at or above `directory`, or empty.
std::string FindConfigFile(const std::string& directory, const FileSystem& fs);

// Severity names as users write them: error, warning, info; "none" gives nullopt.
std::optional<Severity> ParseSeverity(const std::string& name, bool* ok);

}  // namespace drydock::lint

#endif  // DRYDOCK_LINT_CONFIG_H_
