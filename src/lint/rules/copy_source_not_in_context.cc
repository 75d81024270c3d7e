// DD8003 copy-source-not-in-context: a COPY/ADD source that the ignore file excludes, that is
// not in the build context at all, or that climbs out of it. The build fails at that
// instruction ("failed to compute cache key: ... not found"), after every earlier step ran.
// BuildKit's CopyIgnoredFile covers the first case only, and skips any ignore file with `!`
// exceptions; drydock walks the context with Docker's exact semantics, so it need not.
#include <algorithm>

#include "lint/lint_context.h"
#include "lint/rules/context_helpers.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

using buildcontext::ContextEntry;

class CopySourceNotInContext final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    if (!context.build_context()) return;
    std::vector<LocalSource> sources = LocalSources(context);
    if (sources.empty()) return;
    const ContextFacts* facts = WalkedContext(context);
    if (!facts) return;
    auto matches = [&](const LocalSource& s, const std::vector<ContextEntry>& entries) {
      if (!s.glob) return false;
      return std::any_of(entries.begin(), entries.end(),
                         [&](const ContextEntry& e) { return GlobTakes(s.path, e.path); });
    };
    auto present = [&](const LocalSource& s) {
      return s.path == "." || (s.glob ? matches(s, facts->all) : facts->Present(s.path));
    };
    // In a guessed context, a file whose sources are all absent is most likely built with
    // another context: stay silent about missing sources (ignored ones are still certain).
    bool evidence = !context.build_context()->guessed ||
                    std::any_of(sources.begin(), sources.end(), [&](const LocalSource& s) {
                      return !s.outside && s.path != "." && present(s);
                    });
    for (const LocalSource& s : sources) {
      const std::string& shown = s.word->value;
      const std::string what = s.instruction->keyword == dockerfile::Keyword::kAdd ? "ADD" : "COPY";
      if (s.outside) {
        context.Report(s.word->span, what + " source `" + shown +
                                         "` is outside the build context: the builder sees only "
                                         "the context, so this path cannot be found");
        continue;
      }
      if (s.path == ".") continue;
      bool sent = s.glob ? matches(s, facts->sent.context) : facts->Sent(s.path);
      if (sent) continue;
      if (present(s)) {
        context.Report(s.word->span, what + " source `" + shown + "` is excluded by " +
                                         IgnoreFileName(*facts) +
                                         ": the build fails here; remove the pattern that "
                                         "excludes it, or add `!" + s.path + "`");
      } else if (evidence) {
        context.Report(s.word->span,
                       what + " source `" + shown + "` " +
                           (s.glob ? "matches nothing" : "does not exist") +
                           " in the build context: the build fails here");
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeCopySourceNotInContext() { return std::make_unique<CopySourceNotInContext>(); }

}  // namespace drydock::lint
