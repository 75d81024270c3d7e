// What a shell command does, in the terms rules ask about: which program really runs (after
// wrappers such as `env`, `exec`, `sudo`), whether it is a pip install and with which
// requirements and flags, whether it installs dependencies from a manifest. Shared by the
// python, apt and COPY-order rules so they agree on what a command is.
#ifndef DRYDOCK_LINT_COMMAND_FACTS_H_
#define DRYDOCK_LINT_COMMAND_FACTS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lint/ledger.h"
#include "lint/shell_script.h"

namespace drydock::lint {

// The one implementation of "which program does this command run" for the ledger and every
// rule. Index in command.words of the program that runs after wrappers (`env A=1 python`,
// `exec python`, `sudo -u x pip`, `nice -n 5 make`, `timeout 60 curl`, `gosu app python`,
// `xargs -n1 rm`, `eatmydata apt-get`), or words.size() when there is none (`command -v x`
// asks about x and runs nothing). `through_xargs` is set when xargs is one of the wrappers.
size_t ProgramIndex(const ShellCommand& command, bool* through_xargs = nullptr);
// Same over exec-form argv (CMD ["tini", "--", "python", "app.py"]).
size_t ProgramIndex(const std::vector<std::string>& argv);

// The last `/`-separated part of a command word: "/usr/bin/curl" → "curl".
std::string_view CommandBaseName(std::string_view word);

// `python`, `python3`, `python3.11`, `python2` (a bare name, no directory).
bool IsPythonName(std::string_view name);
// `pip`, `pip3`, `pip3.11`.
bool IsPipName(std::string_view name);

// One `pip install` (also `python3 -m pip install`, `/opt/venv/bin/pip install`,
// `uv pip install`).
struct PipInstall {
  std::string program;            // The word that runs pip or python, as written ("pip3", "/opt/venv/bin/pip").
  bool via_python = false;        // `python -m pip`.
  bool uv = false;                // `uv pip install`.
  std::vector<const ShellWord*> requirements;       // Requirement arguments (and -e values).
  std::vector<const ShellWord*> requirement_files;  // -r/--requirement and -c/--constraint values.
  std::vector<std::string> flags;                   // Every option as written, values dropped.
  bool user = false;              // --user.
  bool no_deps = false;           // --no-deps.

  bool HasFlag(std::string_view flag) const;
  // An option whose name starts with `prefix` and is at least `min_length` long
  // (optparse accepts unique prefixes: `--no-cache` means `--no-cache-dir`).
  bool HasFlagPrefix(std::string_view full, size_t min_length) const;
};

// The pip install `command` runs, or nullopt.
std::optional<PipInstall> ParsePipInstall(const ShellCommand& command);

// Whether `command` installs dependencies from a manifest in the working tree (pip -r, pip
// install ., poetry/pdm/pipenv install, uv sync, npm ci, yarn, go mod download, bundle
// install, cargo build, ...). `what` receives a short description such as
// "pip install -r requirements.txt".
bool IsManifestInstall(const ShellCommand& command, std::string* what);

// The file names that are dependency manifests (requirements*.txt, pyproject.toml,
// package.json, go.mod, ...): copying them alone first keeps the install's cache.
bool IsManifestFile(std::string_view base_name);

// Replays a script's commands over `facts`, calling `visit(command, facts_before_command)`
// for each, so a rule sees what an earlier command of the same RUN installed.
template <typename Visit>
void ReplayScript(StageFacts facts, const ShellScript& script, Visit&& visit) {
  for (const ShellCommand& command : script.commands) {
    visit(command, static_cast<const StageFacts&>(facts));
    ApplyShellCommand(facts, command);
  }
}

// Whether `path` names a directory under root's home (`/root`, `~`, `$HOME` while root).
bool IsUnderRootHome(std::string_view path);

}  // namespace drydock::lint

#endif  // DRYDOCK_LINT_COMMAND_FACTS_H_
