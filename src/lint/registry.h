// The one explicit, sorted table of lint rules.
#ifndef DRYDOCK_LINT_REGISTRY_H_
#define DRYDOCK_LINT_REGISTRY_H_

#include <string>
#include <string_view>
#include <vector>

#include "lint/rule.h"

namespace drydock::lint {

const std::vector<RuleInfo>& AllRules();
// By ID ("DD3001") or slug ("venv-without-ensurepip"); null when unknown.
const RuleInfo* FindRule(std::string_view id_or_slug);
// The closest ID or slug to `word`, for "did you mean"; empty when none is close.
std::string SuggestRule(std::string_view word);

}  // namespace drydock::lint

#endif  // DRYDOCK_LINT_REGISTRY_H_
