// DD3004 python-not-provided: Debian and Ubuntu install only `python3` (and `pip3` with
// python3-pip gives `pip`, but never `python`); `/usr/bin/python` comes from
// python-is-python3. A bare `python` in RUN fails the build; in CMD or ENTRYPOINT the build is
// green and the container dies at start, which is the case worth catching most.
#include "lint/command_facts.h"
#include "lint/lint_context.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

using dockerfile::Instruction;
using dockerfile::Keyword;

// The message for `name` missing in `facts`, or "" when it is present or not known absent.
std::string Missing(const std::string& name, const StageFacts& facts) {
  if (name != "python" && name != "pip") return "";
  if (facts.HasCommand(name) != Presence::kAbsent) return "";
  std::string base = facts.base.empty() ? "the base image" : facts.base;
  if (name == "python") {
    if (facts.HasCommand("python3") == Presence::kPresent) {
      return "`python` does not exist here: " + base +
             " and the installs before this provide only python3; call python3, or install "
             "python-is-python3";
    }
    return "`python` is not installed in this stage (" + base +
           " has no Python and no earlier install provides it); install python3 and call python3";
  }
  if (facts.HasCommand("pip3") == Presence::kPresent) {
    return "`pip` does not exist here, only pip3; call pip3 or python3 -m pip";
  }
  return "`pip` is not installed in this stage (" + base +
         " has none and no earlier install provides it); install python3-pip, or use a venv's pip";
}

// Checks the commands of a shell-form CMD/ENTRYPOINT/HEALTHCHECK against `facts`.
void CheckShellText(const LintContext& context, const std::string& text, Span span,
                    const StageFacts& facts) {
  ShellScript script = ParseShellScript(text);
  for (const ShellCommand& command : script.commands) {
    size_t program = ProgramIndex(command);
    if (program >= command.words.size()) continue;
    std::string message = Missing(command.words[program].value, facts);
    if (!message.empty()) {
      context.Report(span, message + " (the container fails at start, after a green build)");
      return;
    }
  }
}

class PythonNotProvided final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    const std::vector<Instruction>& all = context.instructions();
    for (size_t i = 0; i < all.size(); ++i) {
      const Instruction& in = all[i];
      if (in.keyword == Keyword::kRun) {
        context.ForEachCommand(i, [&](const RunScript& run, const ShellCommand& command,
                                      const StageFacts& facts) {
          size_t program = ProgramIndex(command);
          if (program >= command.words.size()) return;
          std::string message = Missing(command.words[program].value, facts);
          if (!message.empty()) context.Report(context.CommandSpan(run, command), message);
        });
        if (in.json && !in.args.empty()) {
          std::string message = Missing(in.args[0].value, context.ledger().Before(i));
          if (!message.empty()) context.Report(in.args[0].span, message);
        }
        continue;
      }
      if (in.keyword != Keyword::kCmd && in.keyword != Keyword::kEntrypoint &&
          in.keyword != Keyword::kHealthcheck) {
        continue;
      }
      // The command runs in the finished image: what the whole stage installed counts.
      std::optional<size_t> stage = context.StageOf(i);
      if (!stage) continue;
      const StageFacts& facts = context.ledger().AtEnd(*stage);
      size_t first = 0;
      if (in.keyword == Keyword::kHealthcheck) {
        if (in.args.empty() || in.args[0].value != "CMD") continue;
        first = 1;
      }
      if (first >= in.args.size()) continue;
      if (in.json) {
        std::vector<std::string> argv;
        for (size_t k = first; k < in.args.size(); ++k) argv.push_back(in.args[k].value);
        size_t program = ProgramIndex(argv);
        if (program >= argv.size()) continue;
        std::string message = Missing(argv[program], facts);
        if (!message.empty()) {
          context.Report(in.args[first + program].span,
                         message + " (the container fails at start, after a green build)");
        }
        continue;
      }
      std::string text;
      for (size_t k = first; k < in.args.size(); ++k) text += (k > first ? " " : "") + in.args[k].value;
      CheckShellText(context, text, in.args[first].span, facts);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakePythonNotProvided() { return std::make_unique<PythonNotProvided>(); }

}  // namespace drydock::lint
