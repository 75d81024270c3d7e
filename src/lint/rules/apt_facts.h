// What a RUN does with apt, for the apt rules (DD2002, DD2003): whether it refreshes the
// package lists, installs, or removes the lists again.
#ifndef DRYDOCK_LINT_RULES_APT_FACTS_H_
#define DRYDOCK_LINT_RULES_APT_FACTS_H_

#include "dockerfile/instructions.h"
#include "lint/command_facts.h"
#include "lint/lint_context.h"

namespace drydock::lint {

struct AptUse {
  const ShellCommand* update = nullptr;  // The first `apt-get update`.
  const RunScript* update_script = nullptr;
  bool installs = false;       // install, upgrade, dist-upgrade, full-upgrade, build-dep, reinstall.
  bool removes_lists = false;  // rm ... /var/lib/apt/lists...
};

inline AptUse AptUseOf(const LintContext& context, size_t index) {
  AptUse use;
  for (const RunScript& run : context.Scripts(index)) {
    for (const ShellCommand& command : run.script.commands) {
      size_t program = ProgramIndex(command);
      if (program >= command.words.size()) continue;
      std::string_view name = command.words[program].value;
      if (name == "rm") {
        for (const ShellWord& w : command.words) {
          if (w.value.rfind("/var/lib/apt/lists", 0) == 0) use.removes_lists = true;
        }
        continue;
      }
      if (name != "apt-get" && name != "apt" && name != "/usr/bin/apt-get") continue;
      for (size_t k = program + 1; k < command.words.size(); ++k) {
        const std::string& w = command.words[k].value;
        if (w == "update" && !use.update) {
          use.update = &command;
          use.update_script = &run;
        }
        if (w == "install" || w == "upgrade" || w == "dist-upgrade" || w == "full-upgrade" ||
            w == "build-dep" || w == "reinstall") {
          use.installs = true;
        }
      }
    }
  }
  return use;
}

// Whether the RUN mounts a cache or tmpfs over apt's lists.
inline bool MountsAptLists(const dockerfile::Instruction& in) {
  for (const dockerfile::MountSpec& m : dockerfile::RunMounts(in)) {
    std::optional<std::string_view> type = m.Get("type");
    if (!type || (*type != "cache" && *type != "tmpfs")) continue;
    std::optional<std::string_view> target = m.Get("target");
    if (!target) target = m.Get("dst");
    if (!target) target = m.Get("destination");
    if (target && (*target == "/var/lib/apt" || target->rfind("/var/lib/apt/lists", 0) == 0 ||
                   *target == "/var/lib/apt/")) {
      return true;
    }
  }
  return false;
}

}  // namespace drydock::lint

#endif  // DRYDOCK_LINT_RULES_APT_FACTS_H_
