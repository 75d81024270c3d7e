// DD1002 from-latest: `latest` is a tag that moves; a build that worked yesterday can pick up
// a new major version today. A digest after the tag pins the image and is accepted.
#include "lint/lint_context.h"
#include "lint/rules/from_image.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

class FromLatest final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    dockerfile::ExpansionEnv defaults = GlobalArgDefaults(context);
    for (const dockerfile::Stage& stage : context.stages().stages) {
      std::optional<std::string> image = KnownBaseImage(context, stage, defaults);
      if (!image) continue;
      ImageRef ref = SplitImageRef(*image);
      if (ref.tag != "latest" || ref.digest) continue;
      std::optional<dockerfile::FromArgs> from = dockerfile::AsFrom(*stage.from);
      std::string shown = from->image->value == *image
                              ? *image
                              : from->image->value + " (= " + *image + ")";
      context.Report(from->image->span,
                     "FROM " + shown + " uses the mutable latest tag: the base changes whenever "
                     "a new version is pushed; pin a version tag (" + ref.name +
                         ":<version>) or a digest");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeFromLatest() { return std::make_unique<FromLatest>(); }

}  // namespace drydock::lint
