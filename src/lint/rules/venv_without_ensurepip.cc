// DD3001 venv-without-ensurepip: Debian and Ubuntu split `ensurepip` out of their Python into
// python3-venv (python3.X-venv, python3-full), so `python3 -m venv DIR` dies with "ensurepip
// is not available" unless that package is installed; and they disable `python3 -m ensurepip`
// for the system interpreter altogether. Both surface late in a build, after slow layers.
#include "lint/command_facts.h"
#include "lint/lint_context.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

bool IsDistroPython(const StageFacts& facts) {
  return facts.base_known && (facts.distro == "debian" || facts.distro == "ubuntu");
}

class VenvWithoutEnsurepip final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    for (size_t i = 0; i < context.instructions().size(); ++i) {
      context.ForEachCommand(i, [&](const RunScript& run, const ShellCommand& command,
                                    const StageFacts& facts) {
        size_t program = ProgramIndex(command);
        if (program >= command.words.size()) return;
        const std::string& interpreter = command.words[program].value;
        // A venv's own python (by path or on PATH) carries a working ensurepip.
        if (!IsPythonName(interpreter) || !IsDistroPython(facts) || !facts.ActiveVenvs().empty()) return;
        if (facts.HasCommand(interpreter) != Presence::kPresent) return;
        std::string module;
        bool without_pip = false;
        for (size_t k = program + 1; k < command.words.size(); ++k) {
          const std::string& w = command.words[k].value;
          if (w == "-m" && k + 1 < command.words.size() && module.empty()) module = command.words[++k].value;
          if (w == "--without-pip") without_pip = true;
        }
        if (module == "venv" && !without_pip && !facts.ensurepip_available) {
          context.Report(context.CommandSpan(run, command),
                         interpreter + " -m venv needs ensurepip, which " + facts.distro +
                             "'s Python ships only in python3-venv: install python3-venv "
                             "(or python3.X-venv, python3-full) before it, or pass --without-pip",
                         "ensurepip: not installed (no python3-venv, python3.X-venv or python3-full)");
        } else if (module == "ensurepip") {
          context.Report(context.CommandSpan(run, command),
                         interpreter + " -m ensurepip fails on " + facts.distro +
                             "'s system Python: it is disabled there even with python3-venv; "
                             "install python3-pip, or create a venv and use its pip");
        }
      });
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeVenvWithoutEnsurepip() { return std::make_unique<VenvWithoutEnsurepip>(); }

}  // namespace drydock::lint
