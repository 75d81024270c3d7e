// DD3002 pip-externally-managed: Debian 12+, Ubuntu 23.04+ and Alpine 3.19+ mark their
// Python as externally managed (PEP 668), and pip refuses to install into it ("error:
// externally-managed-environment"), `--user` included. Images that worked for years start
// failing on a base bump; a venv (or --break-system-packages, knowingly) is the fix.
#include "lint/command_facts.h"
#include "lint/lint_context.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

bool Truthy(const std::string& value) {
  return value == "1" || value == "true" || value == "yes" || value == "on" || value == "True";
}

class PipExternallyManaged final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    for (size_t i = 0; i < context.instructions().size(); ++i) {
      context.ForEachCommand(i, [&](const RunScript& run, const ShellCommand& command,
                                    const StageFacts& facts) {
        if (!facts.base_known || !facts.system_python_externally_managed) return;
        std::optional<PipInstall> pip = ParsePipInstall(command);
        if (!pip || pip->uv) return;  // uv refuses on its own terms, with its own message.
        // pip run by path is a venv's (or a custom interpreter's), not the system one.
        if (pip->program.find('/') != std::string::npos) return;
        if (!facts.ActiveVenvs().empty()) return;
        if (facts.HasCommand(pip->via_python ? pip->program : "pip3") != Presence::kPresent &&
            facts.HasCommand(pip->program) != Presence::kPresent) {
          return;  // No pip at all: DD3004/DD2006 say so.
        }
        if (pip->HasFlag("--break-system-packages") || pip->HasFlag("--target") ||
            pip->HasFlag("-t") || pip->HasFlag("--prefix") || pip->HasFlag("--root") ||
            pip->HasFlag("--dry-run")) {
          return;
        }
        auto env = facts.env.find("PIP_BREAK_SYSTEM_PACKAGES");
        if (env != facts.env.end() && Truthy(env->second)) return;
        for (const ShellWord& a : command.assignments) {
          if (a.value.rfind("PIP_BREAK_SYSTEM_PACKAGES=", 0) == 0) return;
        }
        context.Report(context.CommandSpan(run, command),
                       "pip install into " + facts.base + "'s system Python fails with "
                       "\"externally-managed-environment\" (PEP 668)" +
                           std::string(pip->user ? ", --user too" : "") +
                           ": create a venv (python3 -m venv /opt/venv, then /opt/venv/bin/pip "
                           "install), install the python3-<name> package, or pass "
                           "--break-system-packages deliberately",
                       "PEP 668 marker: " + facts.distro + "'s Python is externally managed; no venv is active on PATH");
      });
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakePipExternallyManaged() { return std::make_unique<PipExternallyManaged>(); }

}  // namespace drydock::lint
