// Runs the enabled rules over one Dockerfile: parse, stage table, ledger, rules, then
// suppressions (pragmas), severity overrides and ordering.
#ifndef DRYDOCK_LINT_RUNNER_H_
#define DRYDOCK_LINT_RUNNER_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "dockerfile/word_expander.h"
#include "lint/config.h"
#include "lint/ledger.h"
#include "lint/lint_context.h"

namespace drydock::lint {

class ShellcheckSession;

struct LintRequest {
  const BaseFacts* bases = nullptr;            // Null: BuiltinBaseFacts().
  const BuildContext* build_context = nullptr; // Null: context rules stay silent.
  dockerfile::ExpansionEnv build_args;         // Override global ARG defaults.
  LintConfig config;
  std::set<std::string> only_rules;            // IDs; empty = every enabled rule.
  bool explain = false;                        // Fill LintFinding::explain with the facts.
  // --shellcheck: the file's scripts are added to this session under `shellcheck_key`; the
  // caller runs the session once every file is linted (lint/shellcheck.h).
  ShellcheckSession* shellcheck = nullptr;
  size_t shellcheck_key = 0;
};

// One finding as reported: the rule, its effective severity, where and what.
struct LintFinding {
  const RuleInfo* rule = nullptr;
  Severity severity = Severity::kWarning;
  Span span;
  std::string message;
  std::string explain;
};

// Lints `file`; findings sorted by position, then rule ID.
std::vector<LintFinding> LintDockerfile(const SourceFile& file, const LintRequest& request);

// `message [DD3001 venv-without-ensurepip]` as a Diagnostic over `file`.
Diagnostic ToDiagnostic(const SourceFile& file, const LintFinding& finding);

}  // namespace drydock::lint

#endif  // DRYDOCK_LINT_RUNNER_H_
