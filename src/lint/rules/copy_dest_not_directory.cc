// DD5003 copy-dest-not-directory: with several sources, a COPY/ADD destination without a
// trailing slash is rejected by the legacy builder, and BuildKit copies into it only if it
// already exists as a directory (otherwise each file replaces the last). A relative
// destination or WORKDIR before any WORKDIR in the stage resolves against the base image's
// working directory, which the Dockerfile does not show and a new base version may change.
#include "dockerfile/word_expander.h"
#include "lint/lint_context.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

bool IsAbsolute(std::string_view path) {
  // Windows stages write `C:\app` or `c:/app`.
  return (!path.empty() && (path[0] == '/' || path[0] == '\\')) ||
         (path.size() > 2 && path[1] == ':' && (path[2] == '\\' || path[2] == '/'));
}

// The path as the builder sees it after quote removal; nullopt when it has variables.
std::optional<std::string> Unquoted(const LintContext& context, const std::string& word) {
  if (word.find('$') != std::string::npos) return std::nullopt;
  dockerfile::ExpandOptions options;
  options.escape = context.dockerfile().escape;
  auto expanded = dockerfile::ExpandWord(word, dockerfile::ExpansionEnv(), options);
  if (!expanded.ok()) return std::nullopt;
  return expanded->value;
}

class CopyDestNotDirectory final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    for (const dockerfile::Stage& stage : context.stages().stages) {
      bool workdir_set = WorkdirSetByAncestors(context, stage);
      for (const dockerfile::Instruction* in : stage.instructions) {
        if (in->keyword == dockerfile::Keyword::kWorkdir) {
          std::optional<std::string> path =
              in->args.empty() ? std::nullopt : Unquoted(context, in->args[0].value);
          if (!workdir_set && path && !IsAbsolute(*path)) {
            context.Report(in->args[0].span,
                           "relative WORKDIR \"" + *path +
                               "\" with no WORKDIR before it: it resolves against the base image's "
                               "working directory, which the Dockerfile does not show and a new base "
                               "may change; use an absolute path");
          }
          workdir_set = true;
          continue;
        }
        if (in->keyword != dockerfile::Keyword::kCopy && in->keyword != dockerfile::Keyword::kAdd) continue;
        std::optional<dockerfile::SourcesAndDest> sd = dockerfile::AsSourcesAndDest(*in);
        if (!sd || !sd->dest) continue;
        std::optional<std::string> unquoted = Unquoted(context, sd->dest->value);
        if (!unquoted) continue;  // Known only at build time.
        const std::string& dest = *unquoted;
        std::string keyword(dockerfile::KeywordName(in->keyword));
        bool directory = !dest.empty() && (dest.back() == '/' || dest.back() == '\\' || dest == ".");
        if (sd->sources.size() > 1 && !directory) {
          context.Report(sd->dest->span,
                         std::to_string(sd->sources.size()) + " sources copied to \"" + dest +
                             "\", which does not end in /: the legacy builder rejects it, and BuildKit "
                             "copies into it only if it already exists as a directory (otherwise each "
                             "file overwrites the last); write \"" + dest + "/\"");
        }
        if (!workdir_set && !IsAbsolute(dest) && stage.base.kind != dockerfile::StageRef::Kind::kScratch) {
          context.Report(sd->dest->span,
                         keyword + " to the relative destination \"" + dest +
                             "\" with no WORKDIR set in this stage: it lands under the base image's "
                             "working directory, which the Dockerfile does not show (often /); set "
                             "WORKDIR to an absolute path first, or use an absolute destination");
        }
      }
    }
  }

 private:
  // Whether a stage this one is built on set a WORKDIR.
  static bool WorkdirSetByAncestors(const LintContext& context, const dockerfile::Stage& stage) {
    const dockerfile::Stage* current = &stage;
    while (current->base.kind == dockerfile::StageRef::Kind::kStage && current->base.stage &&
           *current->base.stage < current->index) {
      current = &context.stages().stages[*current->base.stage];
      for (const dockerfile::Instruction* in : current->instructions) {
        if (in->keyword == dockerfile::Keyword::kWorkdir) return true;
      }
    }
    return false;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeCopyDestNotDirectory() { return std::make_unique<CopyDestNotDirectory>(); }

}  // namespace drydock::lint
