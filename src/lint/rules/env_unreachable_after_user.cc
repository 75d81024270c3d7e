// DD6002 env-unreachable-after-user: root's home is mode 700 on Debian, Ubuntu and Alpine. A
// venv created there while root (`python3 -m venv ~/venv`, `/root/.venv`) cannot be read
// once a later USER switches to an unprivileged user: `python` or the app's console script
// "disappears", or the app dies with ModuleNotFoundError, after a green build. The same holds
// for `pip install --user` as root, whose packages land in /root/.local.
#include <algorithm>

#include "lint/command_facts.h"
#include "lint/lint_context.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

using dockerfile::Keyword;

bool IsRootUser(const std::string& user) { return user == "root" || user == "0" || user.empty(); }

// The root-home venv that `program` runs from under `facts`, or "".
std::string UnreachableVenv(const std::string& program, const StageFacts& facts) {
  if (IsRootUser(facts.user) || facts.venvs_created_as_root_in_root_home.empty()) return "";
  for (const std::string& venv : facts.venvs_created_as_root_in_root_home) {
    if (program.rfind(venv + "/", 0) == 0) return venv;
  }
  if (program.find('/') != std::string::npos) return "";
  if (!IsPythonName(program) && !IsPipName(program)) return "";
  for (const std::string& venv : facts.ActiveVenvs()) {
    const auto& root_venvs = facts.venvs_created_as_root_in_root_home;
    if (std::find(root_venvs.begin(), root_venvs.end(), venv) != root_venvs.end()) return venv;
  }
  return "";
}

// Whether `program` needs what `pip install --user` put under /root/.local as root.
bool NeedsRootUserSite(const std::string& program, const StageFacts& facts) {
  if (IsRootUser(facts.user) || !facts.pip_user_install_as_root) return false;
  if (program.rfind("/root/.local/", 0) == 0) return true;
  return program.find('/') == std::string::npos && IsPythonName(program) && facts.ActiveVenvs().empty();
}

std::string UserSiteMessage(const StageFacts& facts) {
  return "packages were installed with pip install --user as root, into /root/.local, which user " +
         facts.user + " cannot read (root's home is mode 700): install them into a venv outside "
         "/root (e.g. /opt/venv), or switch USER before installing";
}

std::string Message(const std::string& venv, const StageFacts& facts) {
  return "the venv " + venv + " was created as root under /root, which is mode 700: user " +
         facts.user + " cannot use it; create it outside root's home (e.g. /opt/venv) and chown "
         "it, or switch USER before creating it";
}

class EnvUnreachableAfterUser final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    const auto& all = context.instructions();
    // The --user finding is made once per stage: every later python call has the same cause.
    std::optional<size_t> user_site_reported;
    for (size_t i = 0; i < all.size(); ++i) {
      std::optional<size_t> stage = context.StageOf(i);
      auto report_user_site = [&](Span span, const StageFacts& facts) {
        if (user_site_reported && user_site_reported == stage) return;
        user_site_reported = stage;
        context.Report(span, UserSiteMessage(facts));
      };
      if (all[i].keyword == Keyword::kRun) {
        context.ForEachCommand(i, [&](const RunScript& run, const ShellCommand& command,
                                      const StageFacts& facts) {
          size_t program = ProgramIndex(command);
          if (program >= command.words.size()) return;
          std::string venv = UnreachableVenv(command.words[program].value, facts);
          if (!venv.empty()) {
            context.Report(context.CommandSpan(run, command), Message(venv, facts));
          } else if (NeedsRootUserSite(command.words[program].value, facts)) {
            report_user_site(context.CommandSpan(run, command), facts);
          }
        });
        continue;
      }
      if ((all[i].keyword != Keyword::kCmd && all[i].keyword != Keyword::kEntrypoint) || !all[i].json ||
          all[i].args.empty()) {
        continue;
      }
      if (!stage) continue;
      const StageFacts& facts = context.ledger().AtEnd(*stage);
      std::vector<std::string> argv;
      for (const dockerfile::Word& w : all[i].args) argv.push_back(w.value);
      size_t program = ProgramIndex(argv);
      if (program >= argv.size()) continue;
      std::string venv = UnreachableVenv(argv[program], facts);
      if (!venv.empty()) {
        context.Report(all[i].args[program].span, Message(venv, facts));
      } else if (NeedsRootUserSite(argv[program], facts)) {
        report_user_site(all[i].args[program].span, facts);
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeEnvUnreachableAfterUser() { return std::make_unique<EnvUnreachableAfterUser>(); }

}  // namespace drydock::lint
