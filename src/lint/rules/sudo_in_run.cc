// DD4004 sudo-in-run: RUN already executes as the stage's USER; `sudo` is either absent from
// the image (the build fails) or hides a privilege change that belongs in a USER instruction.
#include "lint/lint_context.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

class SudoInRun final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    for (size_t i = 0; i < context.instructions().size(); ++i) {
      for (const RunScript& run : context.Scripts(i)) {
        for (const ShellCommand& command : run.script.commands) {
          if (command.Name() != "sudo") continue;
          context.Report(context.CommandSpan(run, command),
                         "sudo in RUN: use USER to change the user instead");
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeSudoInRun() { return std::make_unique<SudoInRun>(); }

}  // namespace drydock::lint
