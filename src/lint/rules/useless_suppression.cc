// DD0002 useless-suppression: a pragma that names no rule silences nothing and hides a typo.
// (A pragma whose rule finds nothing where it points is reported by the runner, which alone
// knows what each pragma suppressed.)
#include "lint/lint_context.h"
#include "lint/registry.h"
#include "lint/rules/rules.h"
#include "lint/suppressions.h"

namespace drydock::lint {

namespace {

class UselessSuppression final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    for (const Pragma& p : ParsePragmas(context.file(), context.dockerfile())) {
      for (const std::string& code : p.unknown) {
        std::string message = "suppression names unknown rule " + code;
        std::string suggestion = SuggestRule(code);
        if (!suggestion.empty()) message += " (did you mean " + suggestion + "?)";
        context.Report(p.span, std::move(message));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeUselessSuppression() { return std::make_unique<UselessSuppression>(); }

}  // namespace drydock::lint
