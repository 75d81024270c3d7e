// DD2006 command-not-installed: slim and distro images ship without curl, wget, git, unzip
// or a compiler, and which of them a base has differs (Alpine's busybox has wget, not curl;
// the full python:* images have both). A RUN that calls one nobody installed fails with
// "curl: not found", often after slow layers; the fix is one package name away.
#include <algorithm>
#include <array>

#include "lint/command_facts.h"
#include "lint/lint_context.h"
#include "lint/rules/rules.h"

namespace drydock::lint {

namespace {

struct Tool {
  std::string_view command;
  std::string_view debian_package;  // What to install on Debian/Ubuntu.
  std::string_view alpine_package;
};

// A closed list: tools that are commonly missing and whose absence the facts can assert.
constexpr std::array<Tool, 17> kTools = {{
    {"curl", "curl", "curl"},
    {"wget", "wget", "wget"},
    {"git", "git", "git"},
    {"unzip", "unzip", "unzip"},
    {"zip", "zip", "zip"},
    {"xz", "xz-utils", "xz"},
    {"gpg", "gnupg", "gnupg"},
    {"ssh", "openssh-client", "openssh-client"},
    {"scp", "openssh-client", "openssh-client"},
    {"make", "make", "make"},
    {"gcc", "gcc", "gcc"},
    {"g++", "g++", "g++"},
    {"jq", "jq", "jq"},
    {"rsync", "rsync", "rsync"},
    {"file", "file", "file"},
    {"patch", "patch", "patch"},
    {"pip3", "python3-pip", "py3-pip"},
}};

const Tool* FindTool(std::string_view name) {
  for (const Tool& t : kTools) {
    if (t.command == name) return &t;
  }
  return nullptr;
}

// Whether the script tests for `tool` itself (`command -v curl`, `which curl`, `type curl`,
// `hash curl`): then a use is likely guarded by that test.
bool ScriptProbes(const ShellScript& script, std::string_view tool) {
  for (const ShellCommand& c : script.commands) {
    std::string_view name = c.Name();
    if (name != "command" && name != "which" && name != "type" && name != "hash") continue;
    for (const ShellWord& w : c.words) {
      if (w.value == tool) return true;
    }
  }
  return false;
}

class CommandNotInstalled final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    for (size_t i = 0; i < context.instructions().size(); ++i) {
      context.ForEachCommand(i, [&](const RunScript& run, const ShellCommand& command,
                                    const StageFacts& facts) {
        size_t program = ProgramIndex(command);
        if (program >= command.words.size()) return;
        const ShellWord& word = command.words[program];
        if (word.quoted || word.has_expansion) return;
        const Tool* tool = FindTool(word.value);
        if (!tool || facts.HasCommand(word.value) != Presence::kAbsent) return;
        if (ScriptProbes(run.script, tool->command)) return;
        std::string package(facts.distro == "alpine" ? tool->alpine_package : tool->debian_package);
        std::string installer = facts.distro == "alpine" ? "apk add --no-cache " : "apt-get install -y ";
        std::string message = std::string(tool->command) + " is not installed: " +
                              (facts.base.empty() ? "the base" : facts.base) +
                              " does not provide it and no earlier install does; " + installer +
                              package + " before using it";
        if (tool->command == "curl" && facts.HasCommand("wget") == Presence::kPresent) {
          message += " (or use wget, which is installed)";
        } else if (tool->command == "wget" && facts.HasCommand("curl") == Presence::kPresent) {
          message += " (or use curl, which is installed)";
        }
        context.Report(context.CommandSpan(run, command), message);
      });
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeCommandNotInstalled() { return std::make_unique<CommandNotInstalled>(); }

}  // namespace drydock::lint
