// DD4002 curl-pipe-shell: `curl ... | sh` runs whatever the server sends at build time,
// unverified: a compromised or changed host, or a truncated download, runs arbitrary or half
// a script in the build. Downloading to a file and checking a known checksum first makes the
// build run only the reviewed script.
#include "lint/lint_context.h"
#include "lint/rules/rules.h"
#include "lint/rules/shell_helpers.h"

namespace drydock::lint {

namespace {

bool IsShell(std::string_view n) {
  return n == "sh" || n == "bash" || n == "dash" || n == "ash" || n == "zsh" || n == "ksh" || n == "mksh";
}

bool IsInterpreter(std::string_view n) {
  return IsShell(n) || n == "python" || n == "python2" || n == "python3" || n.rfind("python3.", 0) == 0 ||
         n == "perl" || n == "ruby" || n == "node" || n == "php" || n == "pwsh";
}

// Whether the interpreter at words[start] reads its program from standard input.
bool ReadsProgramFromStdin(const ShellCommand& c, size_t start) {
  std::string_view name = CommandBaseName(c.words[start].value);
  bool shell = IsShell(name);
  bool python = name.rfind("python", 0) == 0;
  for (size_t i = start + 1; i < c.words.size(); ++i) {
    const std::string& w = c.words[i].value;
    if (w == "-" || w == "-s") return true;
    if (w == "--") return i + 1 >= c.words.size();
    if (w.empty() || w[0] != '-') return false;  // A script file operand.
    bool cluster = w.size() > 1 && w[1] != '-';
    if (shell && cluster && w.find('c') != std::string::npos) return false;
    if (shell && cluster && w.find('s') != std::string::npos) return true;
    if (!shell && (w == "-c" || w == "-e" || w == "-E" || w == "-m" || w == "-p" || w == "--eval" ||
                   w == "--print" || w == "-r")) {
      return false;
    }
    if (python && cluster && (w.find('c') != std::string::npos || w.find('m') != std::string::npos)) return false;
    if (shell && (w == "-o" || w == "+o")) ++i;
  }
  return true;
}

// curl or wget writing the download to standard output.
bool DownloadsToStdout(const ShellCommand& c, size_t start) {
  std::string_view name = CommandBaseName(c.words[start].value);
  if (name == "curl") {
    for (size_t i = start + 1; i < c.words.size(); ++i) {
      const std::string& w = c.words[i].value;
      if (w == "-o" || w == "--output") return i + 1 < c.words.size() && c.words[i + 1].value == "-";
      if (w == "-O" || w == "--remote-name" || w == "--remote-name-all") return false;
      if (w.size() > 1 && w[0] == '-' && w[1] != '-' && w.find_first_of("oO") != std::string::npos) {
        return w.back() == 'o' && i + 1 < c.words.size() && c.words[i + 1].value == "-";
      }
    }
    return true;
  }
  if (name == "wget") {
    for (size_t i = start + 1; i < c.words.size(); ++i) {
      const std::string& w = c.words[i].value;
      if (w == "--output-document=-" || w == "-O-" || w == "-O/dev/stdout") return true;
      if ((w == "-O" || w == "--output-document") && i + 1 < c.words.size()) {
        return c.words[i + 1].value == "-" || c.words[i + 1].value == "/dev/stdout";
      }
      if (w.size() > 2 && w[0] == '-' && w[1] != '-' && w.find('O') != std::string::npos) {
        if (w.back() == '-') return true;
        if (w.back() == 'O') return i + 1 < c.words.size() && c.words[i + 1].value == "-";
      }
    }
  }
  return false;
}

bool VerifiesChecksum(const ShellCommand& c) {
  size_t start = ProgramIndex(c);
  if (start >= c.words.size()) return false;
  std::string_view name = CommandBaseName(c.words[start].value);
  auto has = [&](std::initializer_list<std::string_view> options) {
    for (size_t i = start + 1; i < c.words.size(); ++i) {
      for (std::string_view o : options) {
        if (c.words[i].value == o) return true;
      }
    }
    return false;
  };
  if (name == "sha256sum" || name == "sha512sum" || name == "sha384sum" || name == "sha1sum" ||
      name == "shasum" || name == "b2sum" || name == "md5sum") {
    return has({"-c", "--check", "-sc", "--status"});
  }
  if (name == "gpg" || name == "gpg2") return has({"--verify"});
  return name == "gpgv" || name == "cosign" || name == "minisign" || name == "sigstore" ||
         (name == "openssl" && has({"dgst"}));
}

class CurlPipeShell final : public Rule {
 public:
  void Check(const LintContext& context) const override {
    for (size_t i = 0; i < context.instructions().size(); ++i) {
      for (const RunScript& run : context.Scripts(i)) {
        const std::vector<ShellCommand>& commands = run.script.commands;
        bool verified = false;
        for (const ShellCommand& c : commands) verified = verified || VerifiesChecksum(c);
        if (verified) continue;
        for (size_t k = 0; k < commands.size(); ++k) {
          const ShellCommand& c = commands[k];
          size_t start = ProgramIndex(c);
          if (start >= c.words.size()) continue;
          std::string_view name = CommandBaseName(c.words[start].value);
          if (name == "curl" || name == "wget") {
            if (!DownloadsToStdout(c, start)) continue;
            for (std::optional<size_t> next = PipeSuccessor(run.script, k); next;
                 next = PipeSuccessor(run.script, *next)) {
              const ShellCommand& target = commands[*next];
              size_t t = ProgramIndex(target);
              if (t >= target.words.size()) break;
              std::string_view interpreter = CommandBaseName(target.words[t].value);
              if (!IsInterpreter(interpreter) || !ReadsProgramFromStdin(target, t)) continue;
              Report(context, run, c.begin, target.end, std::string(name), std::string(interpreter));
              break;
            }
            continue;
          }
          // `sh -c "$(curl ...)"`, `bash <(curl ...)`, `. <(wget -O- ...)`.
          if (!IsInterpreter(name) && name != "source" && name != ".") continue;
          for (size_t w = start + 1; w < c.words.size(); ++w) {
            std::string_view raw = c.words[w].raw;
            for (std::string_view tool : {"curl", "wget"}) {
              for (std::string_view open : {"$(", "<(", "`"}) {
                size_t at = raw.find(std::string(open) + std::string(tool) + " ");
                if (at == std::string_view::npos) continue;
                Report(context, run, c.begin, c.end, std::string(tool), std::string(name));
                w = c.words.size();
                break;
              }
              if (w == c.words.size()) break;
            }
          }
        }
      }
    }
  }

 private:
  static void Report(const LintContext& context, const RunScript& run, uint32_t begin, uint32_t end,
                     const std::string& tool, const std::string& interpreter) {
    context.Report(context.ScriptSpan(run, begin, end),
                   "the script " + tool + " downloads runs in " + interpreter +
                       " without any check: a changed or compromised server (or a cut-off "
                       "download) runs whatever it sends; download it to a file, verify a pinned "
                       "checksum (echo \"<sha256>  file\" | sha256sum -c -), then run the file");
  }
};

}  // namespace

std::unique_ptr<Rule> MakeCurlPipeShell() { return std::make_unique<CurlPipeShell>(); }

}  // namespace drydock::lint
