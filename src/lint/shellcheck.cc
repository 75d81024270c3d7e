#include "lint/shellcheck.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>

#include <nlohmann/json.hpp>

#include "dockerfile/instructions.h"
#include "lint/runner.h"

extern char** environ;

namespace drydock::lint {

namespace {

bool IsIdentifier(std::string_view name) {
  if (name.empty() || isdigit(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// "#!/bin/sh" for the shells ShellCheck knows; "" for any other (the script is skipped).
std::string ShebangFor(const std::string& program) {
  std::string name = program.substr(program.rfind('/') + 1);
  if (name == "sh" || name == "dash" || name == "ash") return "#!/bin/sh";
  if (name == "bash") return "#!/bin/bash";
  if (name == "ksh") return "#!/bin/ksh";
  return "";
}

std::string ExportLine(const std::set<std::string>& names) {
  if (names.empty()) return "";
  std::string line = "export";
  for (const std::string& n : names) line += " " + n + "=1";
  return line + "\n";
}

// Lines inside a continued RUN that BuildKit drops (comments, blank lines) would end the
// command in a shell; a lone backslash continues it and keeps the line count.
std::string ContinuationSafe(std::string_view source) {
  std::string out;
  size_t start = 0;
  bool first = true;
  while (start <= source.size()) {
    size_t nl = source.find('\n', start);
    std::string_view line = source.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    size_t content = line.find_first_not_of(" \t\r");
    if (!first && (content == std::string_view::npos || line[content] == '#')) {
      out += "\\";
    } else {
      out += line;
    }
    first = false;
    if (nl == std::string_view::npos) break;
    out += '\n';
    start = nl + 1;
  }
  return out;
}

}  // namespace

std::optional<std::string> FindShellcheck(std::string_view path_env) {
  size_t start = 0;
  while (start <= path_env.size()) {
    size_t colon = path_env.find(':', start);
    std::string dir(path_env.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
    if (dir.empty()) dir = ".";
    std::string candidate = dir + "/shellcheck";
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  return std::nullopt;
}

const RuleInfo* ShellcheckRule(std::string_view code, Severity severity) {
  struct Interned {
    std::string id, summary;
    RuleInfo info;
  };
  static std::deque<Interned> interned;
  for (const Interned& i : interned) {
    if (i.id == code && i.info.severity == severity) return &i.info;
  }
  Interned& i = interned.emplace_back();
  i.id = std::string(code);
  i.summary = "ShellCheck " + i.id + ": see https://www.shellcheck.net/wiki/" + i.id;
  i.info = RuleInfo{i.id, "shellcheck", severity, i.summary, nullptr};
  return &i.info;
}

std::vector<ShellcheckScript> ShellcheckScripts(const LintContext& context) {
  std::vector<ShellcheckScript> out;
  const SourceFile& file = context.file();
  if (context.dockerfile().escape != '\\') return out;  // Windows-style files: not sh.
  std::set<std::string> names = {"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
                                 "FTP_PROXY",  "ftp_proxy",  "NO_PROXY",    "no_proxy",
                                 "ALL_PROXY",  "all_proxy"};
  const std::vector<dockerfile::Instruction>& all = context.instructions();
  for (size_t i = 0; i < all.size(); ++i) {
    const dockerfile::Instruction& in = all[i];
    if (in.keyword == dockerfile::Keyword::kArg) {
      for (const dockerfile::ArgDecl& a : dockerfile::ArgDecls(in)) {
        if (IsIdentifier(a.name)) names.insert(a.name);
      }
      continue;
    }
    if (in.keyword == dockerfile::Keyword::kEnv) {
      for (const dockerfile::KeyValue& kv : dockerfile::KeyValues(in)) {
        if (kv.key && IsIdentifier(kv.key->value)) names.insert(kv.key->value);
      }
      continue;
    }
    if (in.keyword != dockerfile::Keyword::kRun || in.json) continue;
    const StageFacts& facts = context.ledger().Before(i);
    std::set<std::string> exported = names;
    for (const auto& [k, v] : facts.env) {
      if (IsIdentifier(k)) exported.insert(k);
    }
    std::string shebang = facts.shell.empty() ? "#!/bin/sh" : ShebangFor(facts.shell[0]);
    for (const RunScript& run : context.Scripts(i)) {
      // With heredocs, the bodies that are scripts are checked; the opening command is not.
      if (!in.heredocs.empty() && !run.from_heredoc) continue;
      ShellcheckScript script;
      std::string body;
      std::string bang = shebang;
      LineCol at = file.Locate(run.span.begin);
      script.first_line = at.line;
      script.first_column = run.span.begin - file.LineStart(at.line);
      if (run.from_heredoc) {
        body = run.text;
        if (body.rfind("#!", 0) == 0) {
          size_t nl = body.find('\n');
          std::string own = body.substr(0, nl);
          size_t space = own.find_first_of(" \t", 2);
          std::string program = own.substr(2, space == std::string::npos ? std::string::npos : space - 2);
          if (program.size() >= 4 && program.substr(program.size() - 4) == "/env" && space != std::string::npos) {
            program = own.substr(own.find_first_not_of(" \t", space));
          }
          bang = ShebangFor(program);
          body = nl == std::string::npos ? "" : body.substr(nl + 1);
          ++script.first_line;
          script.first_column = 0;
        }
      } else {
        body = ContinuationSafe(file.text().substr(run.span.begin, run.span.size()));
      }
      if (bang.empty()) continue;
      std::string exports = ExportLine(exported);
      if (body.empty() || body.back() != '\n') body += '\n';
      script.text = bang + "\n" + exports + body;
      script.preamble_lines = exports.empty() ? 1 : 2;
      out.push_back(std::move(script));
    }
  }
  return out;
}

void ShellcheckSession::Collect(size_t key, const LintContext& context, const LintConfig& config) {
  File f;
  f.file = &context.file();
  f.scripts = ShellcheckScripts(context);
  f.pragmas = ParsePragmas(context.file(), context.dockerfile());
  f.config = config;
  std::lock_guard<std::mutex> lock(mutex_);
  files_[key] = std::move(f);
}

namespace {

// Runs `argv`, returning its standard output, or an Error when it cannot start or exits with
// ShellCheck's usage-error statuses (3, 4).
Result<std::string> Capture(const std::vector<std::string>& argv) {
  int out[2];
  if (pipe(out) != 0) return MakeError(std::string("pipe: ") + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addclose(&actions, out[1]);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid;
  int rc = posix_spawn(&pid, argv[0].c_str(), &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (rc != 0) {
    close(out[0]);
    return MakeError("cannot run " + argv[0] + ": " + std::strerror(rc));
  }
  std::string text;
  char buffer[65536];
  for (ssize_t n; (n = read(out[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    text.append(buffer, static_cast<size_t>(n));
  }
  close(out[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) >= 3) {
    return MakeError(argv[0] + " failed (exit status " +
                     std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status)) + ")");
  }
  return text;
}

Severity LevelSeverity(const std::string& level) {
  if (level == "error") return Severity::kError;
  if (level == "warning") return Severity::kWarning;
  return Severity::kInfo;  // info, style.
}

}  // namespace

Result<std::map<size_t, std::vector<LintFinding>>> ShellcheckSession::Run() {
  std::map<size_t, std::vector<LintFinding>> out;
  struct Ref {
    size_t key;
    size_t script;
  };
  std::vector<Ref> refs;
  for (const auto& [key, f] : files_) {
    out[key];
    for (size_t s = 0; s < f.scripts.size(); ++s) refs.push_back({key, s});
  }
  if (refs.empty()) return out;
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/drydock-shellcheck-XXXXXX";
  std::vector<char> dir_buffer(pattern.begin(), pattern.end());
  dir_buffer.push_back('\0');
  if (!mkdtemp(dir_buffer.data())) return MakeError("cannot create a temporary directory: " + std::string(std::strerror(errno)));
  std::string dir = dir_buffer.data();
  struct Cleanup {
    std::string dir;
    ~Cleanup() {
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);
    }
  } cleanup{dir};

  std::vector<std::string> paths;
  for (size_t r = 0; r < refs.size(); ++r) {
    std::string path = dir + "/" + std::to_string(r) + ".sh";
    std::ofstream stream(path, std::ios::binary);
    stream << files_[refs[r].key].scripts[refs[r].script].text;
    if (!stream) return MakeError("cannot write " + path);
    paths.push_back(std::move(path));
  }
  // As few processes as the argument list allows.
  const std::vector<std::string> base = {binary_, "--norc", "-f", "json1", "-e", "SC1090,SC1091,SC2187"};
  size_t next = 0;
  while (next < paths.size()) {
    std::vector<std::string> argv = base;
    size_t bytes = 0;
    while (next < paths.size() && (argv.size() == base.size() || bytes + paths[next].size() < 64 * 1024)) {
      bytes += paths[next].size() + 1;
      argv.push_back(paths[next++]);
    }
    Result<std::string> text = Capture(argv);
    if (!text.ok()) return text.error();
    nlohmann::json doc = nlohmann::json::parse(*text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("comments") || !doc["comments"].is_array()) {
      return MakeError(binary_ + " did not print ShellCheck's json1 output");
    }
    for (const nlohmann::json& c : doc["comments"]) {
      if (!c.is_object()) continue;
      std::string path = c.value("file", "");
      std::string stem = path.substr(path.rfind('/') + 1);
      size_t r = std::strtoul(stem.c_str(), nullptr, 10);
      if (r >= refs.size() || paths[r] != path) continue;
      File& f = files_[refs[r].key];
      const ShellcheckScript& script = f.scripts[refs[r].script];
      auto offset = [&](int64_t line, int64_t column) -> uint32_t {
        int64_t in_script = line - static_cast<int64_t>(script.preamble_lines);
        if (in_script < 1) in_script = 1;
        uint32_t df_line = script.first_line + static_cast<uint32_t>(in_script - 1);
        df_line = std::min(df_line, f.file->line_count());
        uint32_t start = f.file->LineStart(df_line) + (in_script == 1 ? script.first_column : 0);
        uint32_t col = static_cast<uint32_t>(std::max<int64_t>(column, 1) - 1);
        uint32_t line_end = f.file->LineStart(df_line) + static_cast<uint32_t>(f.file->LineText(df_line).size());
        return std::min(start + col, line_end);
      };
      std::string code = "SC" + std::to_string(c.value("code", 0));
      Severity severity = LevelSeverity(c.value("level", "warning"));
      Span span{offset(c.value("line", 1), c.value("column", 1)), 0};
      span.end = std::max(span.begin, offset(c.value("endLine", c.value("line", 1)), c.value("endColumn", 1)));
      if (f.config.ignored.count(code)) continue;
      uint32_t line = f.file->Locate(span.begin).line;
      bool suppressed = false;
      for (const Pragma& p : f.pragmas) {
        if (line < p.first_line || line > p.last_line) continue;
        suppressed = suppressed || std::count(p.rule_ids.begin(), p.rule_ids.end(), code) > 0;
      }
      if (suppressed) continue;
      if (auto o = f.config.severity_override.find(code); o != f.config.severity_override.end()) {
        severity = o->second;
      }
      out[refs[r].key].push_back(
          LintFinding{ShellcheckRule(code, severity), severity, span, c.value("message", ""), ""});
    }
  }
  for (auto& [key, findings] : out) {
    std::stable_sort(findings.begin(), findings.end(), [](const LintFinding& a, const LintFinding& b) {
      if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
      return a.rule->id < b.rule->id;
    });
  }
  return out;
}

}  // namespace drydock::lint
