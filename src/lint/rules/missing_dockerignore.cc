// DD8001 missing-dockerignore: a COPY/ADD of the whole context (`COPY . .`) with no ignore file
// sends everything in the directory, .git and venvs included, to the builder and into the
// image. No peer checks this (hadolint never looks at the context; issue #1199 is open).
#include "lint/lint_context.h"
#include "lint/rules/context_helpers.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

class MissingDockerignore final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    const ContextFacts* facts = context.Context();
    if (!facts || !facts->error.empty() || facts->sent.ignore_file) return;
    for (const LocalSource& source : LocalSources(context)) {
      if (!IsBroad(source)) continue;
      std::string beside = BaseName(context.build_context()->dockerfile.empty()
                                        ? std::string("Dockerfile")
                                        : context.build_context()->dockerfile) +
                           ".dockerignore";
      context.Report(source.instruction->span,
                     "COPY of `" + source.word->value +
                         "` takes the whole build context and there is no .dockerignore (nor " +
                         beside +
                         "): add one that excludes what the image does not need (.git, venvs, "
                         "caches, archives, secrets)");
      return;  // One finding per file: the fix is one file.
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeMissingDockerignore() { return std::make_unique<MissingDockerignore>(); }

}  // namespace drydock::lint
