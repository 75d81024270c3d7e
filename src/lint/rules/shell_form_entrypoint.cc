// DD7001 shell-form-entrypoint: `CMD python app.py` runs as `/bin/sh -c "python app.py"`, so
// the shell is PID 1. It does not forward SIGTERM, `docker stop` waits its timeout and kills
// the process without a clean shutdown; ENTRYPOINT in shell form also ignores CMD and the
// arguments of `docker run`. Follows BuildKit's JSONArgsRecommended: a stage that set SHELL
// explicitly (itself or through the stages it is built on) chose its shell and is exempt.
#include "lint/lint_context.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

// The exec form of a command that is only plain words, or "" when it needs a shell.
std::string ExecForm(std::string_view command) {
  if (command.find_first_of("$|&;<>()`*?[]{}~\"'\\#=") != std::string_view::npos) return "";
  std::string out = "[";
  size_t i = 0;
  bool first = true;
  while (i < command.size()) {
    while (i < command.size() && (command[i] == ' ' || command[i] == '\t')) ++i;
    size_t start = i;
    while (i < command.size() && command[i] != ' ' && command[i] != '\t') ++i;
    if (i == start) break;
    out += (first ? "\"" : ", \"") + std::string(command.substr(start, i - start)) + "\"";
    first = false;
  }
  return first ? "" : out + "]";
}

class ShellFormEntrypoint final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    for (const dockerfile::Stage& stage : context.stages().stages) {
      bool shell_set = ShellSetByAncestors(context, stage);
      for (const dockerfile::Instruction* in : stage.instructions) {
        if (in->keyword == dockerfile::Keyword::kShell) shell_set = true;
        bool cmd = in->keyword == dockerfile::Keyword::kCmd;
        if ((!cmd && in->keyword != dockerfile::Keyword::kEntrypoint) || in->json || shell_set) continue;
        if (in->args.empty()) continue;
        std::string command = in->args.back().value;
        size_t begin = command.find_first_not_of(" \t");
        if (begin == std::string::npos) continue;
        command = command.substr(begin);
        // `exec` replaces the shell with the process, which then receives the signals.
        if (command.rfind("exec ", 0) == 0 || command.rfind("exec\t", 0) == 0) continue;
        std::string keyword(dockerfile::KeywordName(in->keyword));
        std::string exec = ExecForm(command);
        std::string fix = exec.empty() ? "write it in exec form (" + keyword + " [\"executable\", \"arg\"]) or start it with exec"
                                       : "write " + keyword + " " + exec;
        context.Report(in->keyword_span,
                       keyword + " in shell form runs under /bin/sh -c: unless the shell replaces "
                       "itself with the command, the shell is PID 1 and SIGTERM never reaches the "
                       "process (docker stop waits, then kills it)" +
                           (cmd ? "" : "; it also ignores CMD and the arguments of docker run") + "; " + fix);
      }
    }
  }

 private:
  static bool ShellSetByAncestors(const LintContext& context, const dockerfile::Stage& stage) {
    const dockerfile::Stage* current = &stage;
    while (current->base.kind == dockerfile::StageRef::Kind::kStage && current->base.stage &&
           *current->base.stage < current->index) {
      current = &context.stages().stages[*current->base.stage];
      for (const dockerfile::Instruction* in : current->instructions) {
        if (in->keyword == dockerfile::Keyword::kShell) return true;
      }
    }
    return false;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeShellFormEntrypoint() { return std::make_unique<ShellFormEntrypoint>(); }

}  // namespace drydock::lint
