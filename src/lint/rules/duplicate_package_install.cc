// DD2005 duplicate-package-install: installing a package that an earlier RUN of the stage
// (or of a stage it is built FROM) already installed adds a layer and a download for
// nothing, and usually means two install lists drifted apart. Exact names after stripping
// `=version`, `:arch` and `/release` keep false positives near zero.
#include <map>

#include "lint/command_facts.h"
#include "lint/lint_context.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

using dockerfile::Keyword;

std::string PackageName(std::string word) {
  for (char sep : {'=', ':', '/'}) {
    if (size_t at = word.find(sep); at != std::string::npos) word = word.substr(0, at);
  }
  return word;
}

// The operands of `apt-get install`/`apk add`/`dnf install` after the verb; `install` when the
// command installs, removed packages in `removed`.
void PackagesOf(const ShellCommand& command, std::vector<const ShellWord*>* installed,
                std::vector<std::string>* removed) {
  size_t program = ProgramIndex(command);
  if (program >= command.words.size()) return;
  std::string_view name = command.words[program].value;
  bool apt = name == "apt-get" || name == "apt";
  bool apk = name == "apk";
  bool rpm = name == "dnf" || name == "yum" || name == "microdnf";
  if (!apt && !apk && !rpm) return;
  bool installing = false, removing = false;
  for (size_t k = program + 1; k < command.words.size(); ++k) {
    const ShellWord& w = command.words[k];
    if (!installing && !removing) {
      if (w.value == "install" || w.value == "add") installing = true;
      if (w.value == "remove" || w.value == "purge" || w.value == "del" || w.value == "erase") removing = true;
      continue;
    }
    if (w.value.empty() || w.value[0] == '-' || w.has_expansion) {
      if (apk && (w.value == "--virtual" || w.value == "-t")) ++k;
      continue;
    }
    if (installing) installed->push_back(&w);
    if (removing) removed->push_back(PackageName(w.value));
  }
}

class DuplicatePackageInstall final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    const auto& all = context.instructions();
    const auto& stages = context.stages().stages;
    // Per stage: package -> line of the RUN that installed it, at the end of the stage.
    std::vector<std::map<std::string, uint32_t>> at_end(stages.size());
    std::map<std::string, uint32_t> current;
    std::optional<size_t> stage;
    for (size_t i = 0; i < all.size(); ++i) {
      if (context.StageOf(i) != stage) {
        if (stage && *stage < at_end.size()) at_end[*stage] = current;
        stage = context.StageOf(i);
        current.clear();
        if (stage && *stage < stages.size()) {
          const dockerfile::StageRef& base = stages[*stage].base;
          if (base.kind == dockerfile::StageRef::Kind::kStage && base.stage && *base.stage < *stage) {
            current = at_end[*base.stage];
          }
        }
      }
      if (all[i].keyword != Keyword::kRun) continue;
      std::map<std::string, uint32_t> added;
      for (const RunScript& run : context.Scripts(i)) {
        for (const ShellCommand& command : run.script.commands) {
          std::vector<const ShellWord*> installed;
          std::vector<std::string> removed;
          PackagesOf(command, &installed, &removed);
          for (const std::string& p : removed) {
            current.erase(p);
            added.erase(p);
          }
          for (const ShellWord* w : installed) {
            std::string p = PackageName(w->value);
            auto earlier = current.find(p);
            if (earlier != current.end()) {
              context.Report(context.ScriptSpan(run, w->begin, w->end),
                             p + " is already installed by the RUN at line " +
                                 std::to_string(earlier->second) +
                                 ": install each package once (merge the install lists)");
            }
            added[p] = all[i].start_line;
          }
        }
      }
      for (const auto& [p, line] : added) current.emplace(p, line);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeDuplicatePackageInstall() { return std::make_unique<DuplicatePackageInstall>(); }

}  // namespace drydock::lint
