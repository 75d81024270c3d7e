// DD3003 get-pip-bootstrap: downloading get-pip.py and running it is the usual workaround
// for a missing ensurepip, and it trades one late failure for another: on an externally
// managed Python (Debian 12+, Ubuntu 23.04+) it stops at PEP 668, and it installs an
// unpinned pip from the network on every cache miss. The distro's packages or a python:*
// base do the same job reproducibly.
#include "dockerfile/instructions.h"
#include "lint/lint_context.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

using dockerfile::Keyword;

bool MentionsGetPip(std::string_view text) { return text.find("get-pip.py") != std::string_view::npos; }

class GetPipBootstrap final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    for (size_t i = 0; i < context.instructions().size(); ++i) {
      const dockerfile::Instruction& in = context.instructions()[i];
      const StageFacts& facts = context.ledger().Before(i);
      bool fails = facts.base_known && facts.system_python_externally_managed &&
                   facts.ActiveVenvs().empty();
      if (in.keyword == Keyword::kAdd) {
        std::optional<dockerfile::SourcesAndDest> sd = dockerfile::AsSourcesAndDest(in);
        if (!sd) continue;
        for (const dockerfile::Word* source : sd->sources) {
          if (MentionsGetPip(source->value) && source->value.find("://") != std::string::npos) {
            context.Report(source->span, Message(facts, false));
          }
        }
        continue;
      }
      bool reported = false;
      bool breaks_system = false;
      for (const RunScript& run : context.Scripts(i)) {
        if (run.text.find("--break-system-packages") != std::string::npos ||
            run.text.find("PIP_BREAK_SYSTEM_PACKAGES") != std::string::npos) {
          breaks_system = true;
        }
      }
      for (const RunScript& run : context.Scripts(i)) {
        for (const ShellCommand& command : run.script.commands) {
          if (reported) break;
          bool mentions = false;
          for (const ShellWord& w : command.words) mentions = mentions || MentionsGetPip(w.value);
          if (!mentions) continue;
          bool error = fails && !breaks_system;
          context.Report(context.CommandSpan(run, command), error ? Severity::kError : Severity::kWarning,
                         Message(facts, error));
          reported = true;
        }
      }
    }
  }

 private:
  static std::string Message(const StageFacts& facts, bool fails) {
    if (fails) {
      return "get-pip.py cannot install into " + facts.base +
             "'s externally managed Python (PEP 668: \"externally-managed-environment\"); "
             "install python3-pip or python3-venv and use a venv instead";
    }
    return "get-pip.py installs an unpinned pip from the network outside the package manager; "
           "install python3-pip/python3-venv, or start from a python:* image, which has pip";
  }
};

}  // namespace

std::unique_ptr<Rule> MakeGetPipBootstrap() { return std::make_unique<GetPipBootstrap>(); }

}  // namespace drydock::lint
