// DD5001 copy-all-before-install: `COPY . .` before `pip install -r requirements.txt` makes
// every source change invalidate the install layer, so each edit re-downloads and rebuilds
// all dependencies (minutes, or an hour with CUDA wheels). Copying the manifests first,
// installing, then copying the rest keeps the install cached. No peer linter checks order.
#include "dockerfile/instructions.h"
#include "lint/command_facts.h"
#include "lint/lint_context.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

using dockerfile::Instruction;
using dockerfile::Keyword;

bool IsBroadSource(std::string_view source) {
  return source == "." || source == "./" || source == "*" || source == "./*" || source == "./.";
}

bool BindMounts(const Instruction& in) {
  for (const dockerfile::MountSpec& m : dockerfile::RunMounts(in)) {
    std::optional<std::string_view> type = m.Get("type");
    if (type && *type == "bind" && !m.Get("from")) return true;
  }
  return false;
}

class CopyAllBeforeInstall final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    const std::vector<Instruction>& all = context.instructions();
    const Instruction* broad = nullptr;  // The first broad COPY of the current stage.
    bool manifest_copied = false;        // A narrow COPY of a manifest came before it.
    std::optional<size_t> stage;
    for (size_t i = 0; i < all.size(); ++i) {
      const Instruction& in = all[i];
      if (context.StageOf(i) != stage || in.keyword == Keyword::kFrom) {
        stage = context.StageOf(i);
        broad = nullptr;
        manifest_copied = false;
      }
      if ((in.keyword == Keyword::kCopy || in.keyword == Keyword::kAdd) && !dockerfile::FlagValue(in, "from")) {
        std::optional<dockerfile::SourcesAndDest> sd = dockerfile::AsSourcesAndDest(in);
        if (!sd) continue;
        for (const dockerfile::Word* source : sd->sources) {
          if (IsBroadSource(source->value)) {
            if (!broad) broad = &in;
          } else if (!broad && IsManifestFile(BaseName(CleanPath(source->value)))) {
            manifest_copied = true;
          } else if (!broad && source->value.find("requirements") != std::string::npos) {
            manifest_copied = true;  // A requirements/ directory or a glob of them.
          }
        }
        continue;
      }
      if (in.keyword != Keyword::kRun || !broad || manifest_copied || BindMounts(in)) continue;
      for (const RunScript& run : context.Scripts(i)) {
        for (const ShellCommand& command : run.script.commands) {
          std::string what;
          if (!IsManifestInstall(command, &what)) continue;
          context.Report(broad->span,
                         "COPY of the whole context before `" + what + "` (line " +
                             std::to_string(in.start_line) +
                             "): every source change reruns the install; copy the dependency "
                             "manifests first, install, then copy the rest");
          broad = nullptr;  // One finding per broad COPY.
          break;
        }
        if (!broad) break;
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeCopyAllBeforeInstall() { return std::make_unique<CopyAllBeforeInstall>(); }

}  // namespace drydock::lint
