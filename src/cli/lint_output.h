// Renders lint findings: text (diagnostics with caret), JSON (docs/lint.md), SARIF 2.1.0 for
// code scanning, and GitHub Actions annotations.
#ifndef DRYDOCK_CLI_LINT_OUTPUT_H_
#define DRYDOCK_CLI_LINT_OUTPUT_H_

#include <string>
#include <vector>

#include "base/source_file.h"
#include "lint/runner.h"

namespace drydock::cli {

struct LintedFile {
  const SourceFile* file = nullptr;
  std::vector<lint::LintFinding> findings;
};

std::string LintToText(const std::vector<LintedFile>& files, bool explain);
std::string LintToJson(const std::vector<LintedFile>& files);
std::string LintToSarif(const std::vector<LintedFile>& files);
std::string LintToGithub(const std::vector<LintedFile>& files);

}  // namespace drydock::cli

#endif  // DRYDOCK_CLI_LINT_OUTPUT_H_
