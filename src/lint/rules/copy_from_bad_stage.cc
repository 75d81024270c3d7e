// DD1007 copy-from-bad-stage: COPY --from and RUN --mount=from= can only read stages defined
// earlier. Naming the current stage is a circular dependency, a later stage fails the build,
// and an index past the last stage does not exist; a name one typo away from a stage is
// pulled from a registry as an image instead.
#include <algorithm>

#include "base/strings.h"
#include "lint/lint_context.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

bool IsIndex(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class CopyFromBadStage final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    const std::vector<dockerfile::Stage>& stages = context.stages().stages;
    for (const dockerfile::Stage& stage : stages) {
      for (const dockerfile::Instruction* in : stage.instructions) {
        if (in->keyword == dockerfile::Keyword::kCopy) {
          if (const dockerfile::Flag* flag = dockerfile::FindFlag(*in, "from"); flag && flag->value()) {
            CheckReference(context, stage, "COPY --from=", *flag->value(), flag->span);
          }
        }
        for (const dockerfile::MountSpec& mount : dockerfile::RunMounts(*in)) {
          if (auto from = mount.Get("from"); from && !from->empty()) {
            CheckReference(context, stage, "RUN --mount=from=", *from, mount.span);
          }
        }
      }
    }
  }

 private:
  static void CheckReference(const LintContext& context, const dockerfile::Stage& stage,
                             const std::string& what, std::string_view text, Span span) {
    const std::vector<dockerfile::Stage>& stages = context.stages().stages;
    std::string shown = what + std::string(text);
    if (text.find('$') != std::string_view::npos) return;  // DD0001: not expanded by BuildKit.
    if (IsIndex(text)) {
      size_t index = text.size() > 6 ? stages.size() : std::stoul(std::string(text));
      if (index == stage.index) {
        context.Report(span, shown + " names its own stage: a stage cannot copy from itself; "
                                     "use a path inside this stage or an earlier stage");
      } else if (index >= stages.size()) {
        context.Report(span, shown + ": there is no stage " + std::string(text) + " (the file has " +
                                 std::to_string(stages.size()) + " stage" +
                                 (stages.size() == 1 ? "" : "s") + ", numbered from 0)");
      } else if (index > stage.index) {
        context.Report(span, shown + " names a later stage (line " +
                                 std::to_string(stages[index].from->start_line) +
                                 "): only earlier stages can be copied from; move that stage up");
      }
      return;
    }
    std::string name = ToLowerAscii(text);
    for (const dockerfile::Stage& other : stages) {
      if (other.name != name) continue;
      if (other.index == stage.index) {
        context.Report(span, shown + " names its own stage: a stage cannot copy from itself; "
                                     "use a path inside this stage or an earlier stage");
      } else if (other.index > stage.index) {
        context.Report(span, shown + " names a stage defined later (line " +
                                 std::to_string(other.from->start_line) +
                                 "): only earlier stages can be copied from; move that stage up");
      }
      return;
    }
    // Not a stage: an image. A plain name one typo away from a stage is almost surely a typo.
    if (name == "scratch" || name == "context" || text.find_first_of("/:@") != std::string_view::npos) return;
    std::vector<std::string> names;
    for (const dockerfile::Stage& other : stages) {
      if (!other.name.empty() && other.index < stage.index) names.push_back(other.name);
    }
    std::string close = SuggestClosest(name, names);
    if (close.empty()) return;
    context.Report(span, shown + " names no stage (did you mean " + close +
                             "?); as written it pulls the image docker.io/library/" + name + ":latest");
  }
};

}  // namespace

std::unique_ptr<Rule> MakeCopyFromBadStage() { return std::make_unique<CopyFromBadStage>(); }

}  // namespace drydock::lint
