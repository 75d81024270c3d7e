// DD2001 apt-install-without-yes: a build has no terminal, so `apt-get install` without -y
// reads end-of-file at its "Do you want to continue?" prompt, answers no and fails the build
// (or, worse, only once the dependencies change). `apt` prompts the same way and is meant for
// people: it warns that its command line is not stable for scripts.
#include <algorithm>

#include "base/strings.h"
#include "lint/lint_context.h"
#include "lint/rules/rules.h"
#include "lint/rules/shell_helpers.h"

namespace drydock::lint {

namespace {

// Subcommands that ask before changing anything.
bool Prompts(std::string_view sub) {
  for (std::string_view s : {"install", "reinstall", "remove", "purge", "upgrade", "dist-upgrade",
                             "full-upgrade", "autoremove", "autopurge", "build-dep", "satisfy",
                             "safe-upgrade"}) {
    if (s == sub) return true;
  }
  return false;
}

bool OptionTakesValue(std::string_view w) {
  for (std::string_view o : {"-o", "-c", "-t", "-a", "--option", "--config-file", "--target-release",
                             "--default-release", "--host-architecture", "-F", "--search"}) {
    if (o == w) return true;
  }
  return false;
}

bool TruthyAssumeYes(std::string_view setting) {
  size_t eq = setting.find('=');
  if (eq == std::string_view::npos) return false;
  std::string key = ToLowerAscii(setting.substr(0, eq));
  std::string value = ToLowerAscii(setting.substr(eq + 1));
  if (key == "quiet") return value == "2";
  return key == "apt::get::assume-yes" && (value == "true" || value == "1" || value == "yes");
}

struct AptCall {
  std::string_view subcommand;
  bool answers_yes = false;  // -y, -qq, Assume-Yes or a simulation (which never asks).
};

AptCall ReadAptCall(const ShellCommand& c, size_t start) {
  AptCall call;
  int quiet = 0;
  for (size_t i = start + 1; i < c.words.size(); ++i) {
    std::string_view w = c.words[i].value;
    if (w == "-y" || w == "--yes" || w == "--assume-yes" || w == "-s" || w == "--simulate" ||
        w == "--dry-run" || w == "--just-print" || w == "--no-act" || w == "--recon") {
      call.answers_yes = true;
    } else if (w == "-q" || w == "--quiet") {
      ++quiet;
    } else if (w.rfind("--quiet=", 0) == 0 || w.rfind("-q=", 0) == 0) {
      if (w.substr(w.find('=') + 1) >= "2") quiet = 2;
    } else if (w == "-o" || w == "--option") {
      if (i + 1 < c.words.size() && TruthyAssumeYes(c.words[i + 1].value)) call.answers_yes = true;
      ++i;
    } else if (w.rfind("--option=", 0) == 0 || (w.rfind("-o", 0) == 0 && w.size() > 2)) {
      if (TruthyAssumeYes(w.substr(w.rfind("--option=", 0) == 0 ? 9 : 2))) call.answers_yes = true;
    } else if (OptionTakesValue(w)) {
      ++i;
    } else if (w.size() > 1 && w[0] == '-' && w[1] != '-') {
      // A cluster of short flags: -qy, -yqq.
      if (w.find('y') != std::string_view::npos || w.find('s') != std::string_view::npos) {
        call.answers_yes = true;
      }
      quiet += static_cast<int>(std::count(w.begin(), w.end(), 'q'));
    } else if (!w.empty() && w[0] != '-' && call.subcommand.empty()) {
      call.subcommand = w;
    }
  }
  // apt-get skips the prompt from quiet level 2 on.
  if (quiet >= 2) call.answers_yes = true;
  return call;
}

class AptInstallWithoutYes final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    for (size_t i = 0; i < context.instructions().size(); ++i) {
      if (context.Scripts(i).empty() || AssumeYesConfigured(context, i)) continue;
      for (const RunScript& run : context.Scripts(i)) {
        const ShellScript& script = run.script;
        for (size_t k = 0; k < script.commands.size(); ++k) {
          const ShellCommand& c = script.commands[k];
          bool through_xargs = false;
          size_t start = ProgramIndex(c, &through_xargs);
          if (start >= c.words.size()) continue;
          std::string_view name = CommandBaseName(c.words[start].value);
          if (name != "apt-get" && name != "apt" && name != "aptitude") continue;
          AptCall call = ReadAptCall(c, start);
          if (call.answers_yes || !Prompts(call.subcommand)) continue;
          // `yes | apt-get install ...` answers the prompt; xargs gives its command no stdin.
          if (!through_xargs && PipedInto(script, k)) continue;
          std::string what = std::string(name) + " " + std::string(call.subcommand);
          std::string message = what + " without -y: a build has no terminal, so " + std::string(name) +
                                " stops at its \"Do you want to continue?\" prompt and the build fails";
          if (name == "apt") {
            message += "; use apt-get " + std::string(call.subcommand) +
                       " -y (apt is meant for interactive use and its command line is not stable in scripts)";
          } else {
            message += "; add -y";
          }
          context.Report(context.CommandSpan(run, c), message);
        }
      }
    }
  }

 private:
  // An apt configuration file with APT::Get::Assume-Yes written or copied earlier in the
  // stage (or the stages it is built on) answers every prompt.
  static bool AssumeYesConfigured(const LintContext& context, size_t index) {
    std::optional<size_t> stage = context.StageOf(index);
    while (stage) {
      const dockerfile::Stage& s = context.stages().stages[*stage];
      for (const dockerfile::Instruction* in : s.instructions) {
        if (context.IndexOf(*in) >= index) break;
        if (in->keyword == dockerfile::Keyword::kRun && ContainsIgnoreCaseAscii(in->original, "assume-yes")) return true;
        if ((in->keyword == dockerfile::Keyword::kCopy || in->keyword == dockerfile::Keyword::kAdd) &&
            ContainsIgnoreCaseAscii(in->original, "apt.conf")) {
          return true;
        }
      }
      if (s.base.kind != dockerfile::StageRef::Kind::kStage || !s.base.stage || *s.base.stage >= *stage) break;
      stage = s.base.stage;
    }
    return false;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeAptInstallWithoutYes() { return std::make_unique<AptInstallWithoutYes>(); }

}  // namespace drydock::lint
