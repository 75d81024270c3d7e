// A lint rule: one check over one Dockerfile, with a stable ID (DD3001) and a kebab slug
// (venv-without-ensurepip) that users see. A rule is four artefacts: its source
// src/lint/rules/<slug>.cc, one line in registry.cc, tests/lint/rules/<slug>.Dockerfile and
// docs/rules/<slug>.md; tests/lint/registry_test.cc checks they agree.
#ifndef DRYDOCK_LINT_RULE_H_
#define DRYDOCK_LINT_RULE_H_

#include <memory>
#include <string_view>

#include "base/diagnostic.h"

namespace drydock::lint {

class LintContext;

// Stateless: Check may run for many files, one call per file.
class Rule {
 public:
  virtual ~Rule() = default;
  // Reports findings through context.Report(); never fails.
  virtual void Check(const LintContext& context) const = 0;
};

struct RuleInfo {
  std::string_view id;       // "DD3001".
  std::string_view slug;     // "venv-without-ensurepip".
  Severity severity;         // Default severity: kError, kWarning or kInfo.
  std::string_view summary;  // One line, for `drydock lint --list-rules` and SARIF.
  std::unique_ptr<Rule> (*make)();
};

}  // namespace drydock::lint

#endif  // DRYDOCK_LINT_RULE_H_
