// DD1001 from-without-tag: `FROM debian` silently means `debian:latest`, so the same Dockerfile
// builds on a different base whenever the image is re-tagged. ARG defaults are resolved first;
// scratch, stage names and FROM lines whose ARGs have no known value are left alone.
#include "lint/lint_context.h"
#include "lint/rules/from_image.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

class FromWithoutTag final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    dockerfile::ExpansionEnv defaults = GlobalArgDefaults(context);
    for (const dockerfile::Stage& stage : context.stages().stages) {
      std::optional<std::string> image = KnownBaseImage(context, stage, defaults);
      if (!image) continue;
      ImageRef ref = SplitImageRef(*image);
      if (ref.tag || ref.digest || ref.name.empty()) continue;
      std::optional<dockerfile::FromArgs> from = dockerfile::AsFrom(*stage.from);
      std::string shown = from->image->value == *image
                              ? *image
                              : from->image->value + " (= " + *image + ")";
      context.Report(from->image->span,
                     "FROM " + shown + " has no tag or digest, so it means " + *image +
                         ":latest and changes whenever the image is re-tagged; pin a version tag "
                         "(" + *image + ":<version>) or a digest (@sha256:...)");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeFromWithoutTag() { return std::make_unique<FromWithoutTag>(); }

}  // namespace drydock::lint
