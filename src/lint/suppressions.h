// Suppression pragmas in Dockerfile comments:
//   # drydock ignore=DD3005[,DD2003] [-- reason]   the next instruction
//   # drydock stage ignore=...                      the stage the next FROM starts
//   # drydock global ignore=...                     the whole file
//   # hadolint ignore=DL3008,...                    hadolint codes with a DD equivalent
//   # hadolint global ignore=...
//   # check=skip=JSONArgsRecommended,...            BuildKit check names (the directive)
#ifndef DRYDOCK_LINT_SUPPRESSIONS_H_
#define DRYDOCK_LINT_SUPPRESSIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/source_file.h"
#include "dockerfile/ast.h"

namespace drydock::lint {

struct Pragma {
  Span span;                          // The comment line.
  uint32_t first_line = 0;            // Lines it covers (inclusive).
  uint32_t last_line = 0;
  std::vector<std::string> rule_ids;  // Resolved DD IDs, and SC codes as written.
  std::vector<std::string> unknown;   // Codes that name no rule (and have no DD equivalent).
  std::vector<bool> used;             // Parallel to rule_ids: suppressed at least one finding.
};

std::vector<Pragma> ParsePragmas(const SourceFile& file, const dockerfile::Dockerfile& dockerfile);

// "SC2086": a ShellCheck code, which pragmas keep as written (`rule_ids`) for --shellcheck.
bool IsShellcheckCode(std::string_view code);

// The DD rule a hadolint (DL3008) or BuildKit (JSONArgsRecommended) code maps to, or "".
std::string_view PeerCodeToRule(std::string_view code);

}  // namespace drydock::lint

#endif  // DRYDOCK_LINT_SUPPRESSIONS_H_
