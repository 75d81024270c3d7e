// DD2002 apt-update-separate: a RUN that only runs `apt-get update` is a layer BuildKit
// caches for good; a later RUN's `apt-get install` then reads lists that may be months old
// and fails with 404s once the mirror drops the old package versions. Update and install
// belong in one RUN.
#include "lint/rules/apt_facts.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

class AptUpdateSeparate final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    const auto& all = context.instructions();
    for (size_t i = 0; i < all.size(); ++i) {
      if (all[i].keyword != dockerfile::Keyword::kRun) continue;
      AptUse use = AptUseOf(context, i);
      if (!use.update || use.installs) continue;
      // The install that relies on these lists, later in the same stage.
      for (size_t k = i + 1; k < all.size() && context.StageOf(k) == context.StageOf(i); ++k) {
        if (all[k].keyword != dockerfile::Keyword::kRun) continue;
        AptUse later = AptUseOf(context, k);
        if (later.update) break;  // That install refreshes its own lists.
        if (!later.installs) continue;
        context.Report(context.CommandSpan(*use.update_script, *use.update),
                       "apt-get update in its own RUN: the layer stays cached, so the install at line " +
                           std::to_string(all[k].start_line) +
                           " can read stale lists and fail with 404; run `apt-get update && "
                           "apt-get install ...` in one RUN");
        break;
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeAptUpdateSeparate() { return std::make_unique<AptUpdateSeparate>(); }

}  // namespace drydock::lint
