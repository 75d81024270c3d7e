// DD1006 bad-stage-name: BuildKit rejects two stages with one name, gives `context` and
// `scratch` their own meaning in FROM and COPY --from, and lower-cases every stage name, so
// `AS Builder` is really `builder` and a later reference in its original case may miss it.
// BuildKit's DuplicateStageName, ReservedStageName and StageNameCasing.
#include "base/strings.h"
#include "lint/lint_context.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

class BadStageName final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    const std::vector<dockerfile::Stage>& stages = context.stages().stages;
    for (size_t i = 0; i < stages.size(); ++i) {
      if (!stages[i].from) continue;
      std::optional<dockerfile::FromArgs> from = dockerfile::AsFrom(*stages[i].from);
      if (!from || !from->stage_name) continue;
      const std::string& written = from->stage_name->value;
      std::string lowered = ToLowerAscii(written);
      const dockerfile::Stage* first = nullptr;
      for (size_t k = 0; k < i && !first; ++k) {
        if (stages[k].name == lowered) first = &stages[k];
      }
      Span span = from->stage_name->span;
      if (first) {
        context.Report(span, "stage name \"" + lowered + "\" is already used by the stage on line " +
                                 std::to_string(first->from->start_line) +
                                 ": BuildKit rejects duplicate stage names; rename one of them");
      } else if (lowered == "context" || lowered == "scratch") {
        context.Report(span, "stage name \"" + written + "\" is reserved: " +
                                 (lowered == "scratch" ? "FROM scratch means the empty image"
                                                       : "COPY --from=context means the build context") +
                                 ", so references to this stage are ambiguous; rename it");
      } else if (lowered != written) {
        context.Report(span, "stage name \"" + written + "\" is not lower-case: BuildKit turns it into \"" +
                                 lowered + "\"; write it as \"" + lowered + "\"");
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeBadStageName() { return std::make_unique<BadStageName>(); }

}  // namespace drydock::lint
