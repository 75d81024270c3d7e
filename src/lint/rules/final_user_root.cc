// DD6001 final-user-root: a container that runs as root turns any escape or bug in the app
// into root on the host's kernel interface; the fix is one USER line. Builder stages are
// exempt: only the final stage's user is the one the container runs as.
#include "lint/lint_context.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

using dockerfile::Keyword;

bool IsRoot(std::string_view user) {
  std::string_view name = user.substr(0, user.find(':'));
  return name == "root" || name == "0";
}

class FinalUserRoot final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    const auto& all = context.instructions();
    if (context.stages().stages.empty()) return;
    size_t final_stage = context.stages().stages.size() - 1;
    const dockerfile::Instruction* last_user = nullptr;
    for (size_t i = 0; i < all.size(); ++i) {
      if (all[i].keyword == Keyword::kUser && context.StageOf(i) == final_stage) last_user = &all[i];
    }
    if (last_user) {
      if (!last_user->args.empty() && IsRoot(last_user->args[0].value)) {
        context.Report(last_user->span,
                       "the final stage runs as root: switch to an unprivileged USER after the "
                       "steps that need root");
      }
      return;
    }
    // No USER in the final stage: it runs as whatever its base runs as. Reported only on
    // request, since most official bases default to root and this would fire nearly everywhere.
    if (context.Option("implicit", "false") != "true") return;
    const StageFacts& facts = context.ledger().AtEnd(final_stage);
    if (!facts.base_known || !IsRoot(facts.user)) return;
    const dockerfile::Instruction* from = context.stages().stages[final_stage].from;
    if (!from) return;
    context.Report(from->span, "the final stage runs as root (no USER, and " + facts.base +
                                   " runs as root): add an unprivileged USER");
  }
};

}  // namespace

std::unique_ptr<Rule> MakeFinalUserRoot() { return std::make_unique<FinalUserRoot>(); }

}  // namespace drydock::lint
