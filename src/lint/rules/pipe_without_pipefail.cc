// DD4001 pipe-without-pipefail: a POSIX shell gives a pipeline the exit status of its last
// command, so in `curl -fsSL $URL | tar -xz` a failed download leaves tar reading nothing,
// the RUN succeeds and the image is silently broken. `set -o pipefail` (bash, zsh, ksh and
// BusyBox ash, which is Alpine's /bin/sh) or a SHELL with `-o pipefail` makes the failure
// count.
#include "base/strings.h"
#include "lint/lint_context.h"
#include "lint/rules/rules.h"
#include "lint/rules/shell_helpers.h"

namespace drydock::lint {

namespace {

bool NonPosixShell(const std::vector<std::string>& shell) {
  if (shell.empty()) return false;
  std::string name = ToLowerAscii(CommandBaseName(shell[0]));
  if (size_t backslash = name.rfind('\\'); backslash != std::string::npos) name = name.substr(backslash + 1);
  return name == "pwsh" || name == "powershell" || name == "cmd" || name == "pwsh.exe" ||
         name == "powershell.exe" || name == "cmd.exe";
}

bool ShellHasPipefail(const std::vector<std::string>& shell) {
  for (const std::string& arg : shell) {
    if (arg.find("pipefail") != std::string::npos) return true;
  }
  return false;
}

// A `set` command's effect on pipefail: true (on), false (off), nullopt (none).
std::optional<bool> SetPipefail(const ShellCommand& c) {
  if (c.Name() != "set") return std::nullopt;
  std::optional<bool> result;
  for (size_t i = 1; i + 1 < c.words.size(); ++i) {
    const std::string& w = c.words[i].value;
    if (w.size() < 2 || (w[0] != '-' && w[0] != '+') || w[1] == '-') continue;
    if (w.find('o') != std::string::npos && c.words[i + 1].value == "pipefail") result = w[0] == '-';
  }
  return result;
}

// Left-hand commands whose failure cannot matter: they only print what they were given.
bool CannotFail(const ShellCommand& c) {
  std::string_view name = c.Name();
  if (name == "echo" || name == "printf" || name == "yes" || name == "true" || name == ":") return true;
  // Commands that only print facts of the system they run on.
  if (name == "uname" || name == "id" || name == "nproc" || name == "arch" || name == "pwd" ||
      name == "date" || name == "hostname") {
    return true;
  }
  if (name == "dpkg" && c.words.size() == 2 && c.words[1].value == "--print-architecture") return true;
  // `cat <<EOF | cmd` and `cat <<<"$x" | cmd` read no file.
  return name == "cat" && c.words.size() == 1 && (!c.heredocs.empty() || !c.redirect_ops.empty());
}

// A last pipe element that fails on empty or truncated input, so the failure of the command
// feeding it shows anyway: archive extraction, decompression, key import, checksum checks.
bool RejectsBadInput(const ShellCommand& c) {
  size_t start = ProgramIndex(c);
  if (start >= c.words.size()) return false;
  std::string_view name = CommandBaseName(c.words[start].value);
  auto has_word = [&](std::initializer_list<std::string_view> options) {
    for (size_t i = start + 1; i < c.words.size(); ++i) {
      for (std::string_view o : options) {
        if (c.words[i].value == o) return true;
      }
    }
    return false;
  };
  auto short_flag = [&](char flag, bool first_word_without_dash) {
    for (size_t i = start + 1; i < c.words.size(); ++i) {
      const std::string& w = c.words[i].value;
      bool cluster = w.size() > 1 && w[0] == '-' && w[1] != '-';
      bool bare = first_word_without_dash && i == start + 1 && !w.empty() && w[0] != '-';
      if ((cluster || bare) && w.find(flag) != std::string::npos) return true;
    }
    return false;
  };
  if (name == "gunzip" || name == "zcat" || name == "unxz" || name == "xzcat" || name == "bunzip2" ||
      name == "bzcat" || name == "unzstd" || name == "zstdcat" || name == "gpg" || name == "gpg2") {
    return true;
  }
  if (name == "gzip" || name == "xz" || name == "bzip2" || name == "zstd" || name == "lz4") {
    return short_flag('d', false) || has_word({"--decompress"});
  }
  if (name == "tar" || name == "bsdtar") {
    return short_flag('x', true) || short_flag('t', true) || has_word({"--extract", "--get", "--list"});
  }
  if (name == "apt-key") return has_word({"add"});
  // grep exits 1 when it selects no line, which is what empty input gives.
  if (name == "grep" || name == "egrep" || name == "fgrep") return true;
  if (name == "sha256sum" || name == "sha512sum" || name == "sha1sum" || name == "md5sum" || name == "shasum") {
    return short_flag('c', false) || has_word({"--check"});
  }
  return false;
}

class PipeWithoutPipefail final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    for (size_t i = 0; i < context.instructions().size(); ++i) {
      const std::vector<RunScript>& scripts = context.Scripts(i);
      if (scripts.empty()) continue;
      const StageFacts& facts = context.ledger().Before(i);
      if (NonPosixShell(facts.shell)) continue;
      bool shell_pipefail = ShellHasPipefail(facts.shell);
      // A heredoc body runs under SHELL only when the command just opens it (`RUN <<EOF`);
      // `RUN bash <<EOF` starts a new shell that does not inherit the option.
      bool command_only_opens_heredocs = true;
      for (const ShellCommand& c : scripts[0].script.commands) {
        if (!c.words.empty()) command_only_opens_heredocs = false;
      }
      for (const RunScript& run : scripts) {
        bool pipefail = shell_pipefail;
        if (run.from_heredoc) {
          if (run.text.rfind("#!", 0) == 0) {
            pipefail = run.text.substr(0, run.text.find('\n')).find("pipefail") != std::string::npos;
          } else {
            pipefail = shell_pipefail && command_only_opens_heredocs;
          }
        }
        if (ReportFirstUnsafePipe(context, run, pipefail, facts.distro)) break;
      }
    }
  }

 private:
  static bool ReportFirstUnsafePipe(const LintContext& context, const RunScript& run, bool pipefail,
                                    const std::string& distro) {
    const std::vector<ShellCommand>& commands = run.script.commands;
    // Depth at which `set -o pipefail` was last switched on, for the commands that follow.
    std::optional<int> on_at = pipefail ? std::optional<int>(0) : std::nullopt;
    for (size_t k = 0; k < commands.size(); ++k) {
      const ShellCommand& c = commands[k];
      if (on_at && c.depth < *on_at) on_at.reset();  // Left the subshell that set it.
      if (std::optional<bool> set = SetPipefail(c)) {
        if (*set && !on_at) on_at = c.depth;
        if (!*set) on_at.reset();
        continue;
      }
      if (c.next != ShellConnector::kPipe || on_at || CannotFail(c)) continue;
      // The filters in between turn empty input into empty output, so a last element that
      // rejects empty input makes the failure show.
      std::optional<size_t> last = PipeSuccessor(run.script, k);
      while (last && commands[*last].next == ShellConnector::kPipe) {
        std::optional<size_t> after = PipeSuccessor(run.script, *last);
        if (!after) break;
        last = after;
      }
      if (last && commands[*last].next != ShellConnector::kPipe && RejectsBadInput(commands[*last])) continue;
      std::string name(c.Name().empty() ? "the first command" : c.Name());
      std::string fix = distro == "alpine"
                            ? "start the RUN with `set -o pipefail &&` (BusyBox sh supports it) or set "
                              "SHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]"
                            : "set SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] before this RUN, or "
                              "start it with `set -o pipefail &&` in a shell that supports it";
      context.Report(context.CommandSpan(run, c),
                     "pipe without pipefail: if " + name +
                         " fails, the pipe still succeeds (its status is the last command's) and the "
                         "build goes on with a broken result; " + fix);
      return true;
    }
    return false;
  }
};

}  // namespace

std::unique_ptr<Rule> MakePipeWithoutPipefail() { return std::make_unique<PipeWithoutPipefail>(); }

}  // namespace drydock::lint
