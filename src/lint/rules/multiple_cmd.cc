// DD7002 multiple-cmd: a stage's image keeps only its last CMD, ENTRYPOINT and HEALTHCHECK.
// An earlier one is dead code that readers take for the real command; usually it is a leftover
// of an edit, or a sign that two commands were meant to run and only one will.
#include <map>

#include "lint/lint_context.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

class MultipleCmd final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    for (const dockerfile::Stage& stage : context.stages().stages) {
      std::map<dockerfile::Keyword, const dockerfile::Instruction*> last;
      for (const dockerfile::Instruction* in : stage.instructions) {
        if (in->keyword == dockerfile::Keyword::kCmd || in->keyword == dockerfile::Keyword::kEntrypoint ||
            in->keyword == dockerfile::Keyword::kHealthcheck) {
          last[in->keyword] = in;
        }
      }
      for (const dockerfile::Instruction* in : stage.instructions) {
        auto it = last.find(in->keyword);
        if (it == last.end() || it->second == in) continue;
        std::string keyword(dockerfile::KeywordName(in->keyword));
        context.Report(in->keyword_span,
                       keyword + " is overridden by the " + keyword + " on line " +
                           std::to_string(it->second->start_line) + ": only the last " + keyword +
                           " of a stage takes effect; remove this one" +
                           (in->keyword == dockerfile::Keyword::kCmd
                                ? " (to run several processes, use one script or a process manager)"
                                : ""));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeMultipleCmd() { return std::make_unique<MultipleCmd>(); }

}  // namespace drydock::lint
