// DD2003 apt-lists-not-cleaned: `apt-get update` downloads the package lists (tens of MB) into
// /var/lib/apt/lists; unless the same RUN removes them (or mounts a cache over them) they are
// shipped in the layer forever, and removing them in a later RUN does not shrink the image.
#include "lint/rules/apt_facts.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

class AptListsNotCleaned final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    const auto& all = context.instructions();
    for (size_t i = 0; i < all.size(); ++i) {
      if (all[i].keyword != dockerfile::Keyword::kRun) continue;
      std::optional<size_t> stage = context.StageOf(i);
      if (stage && !context.StageShipped(*stage)) continue;  // Its layers never ship.
      AptUse use = AptUseOf(context, i);
      if (!use.update || use.removes_lists || MountsAptLists(all[i])) continue;
      context.Report(context.CommandSpan(*use.update_script, *use.update),
                     "apt lists stay in this layer: end the RUN with `rm -rf /var/lib/apt/lists/*`, "
                     "or mount a cache (RUN --mount=type=cache,target=/var/lib/apt/lists)");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeAptListsNotCleaned() { return std::make_unique<AptListsNotCleaned>(); }

}  // namespace drydock::lint
