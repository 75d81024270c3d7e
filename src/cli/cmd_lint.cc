// `drydock lint [PATH...] [-f PROJECT]`: find Dockerfiles → config → lint each → render →
// exit by threshold.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "base/check.h"
#include "base/file_system.h"
#include "base/keep_until_exit.h"
#include "base/parallel_for.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "cli/lint_output.h"
#include "cli/process_env.h"
#include "lint/config.h"
#include "lint/project_facts.h"
#include "lint/registry.h"
#include "lint/runner.h"
#include "lint/shellcheck.h"
#include "lint/suppressions.h"
#include "project/project_loader.h"

namespace drydock::cli {

namespace {

namespace stdfs = std::filesystem;

bool IsDockerfileName(const std::string& name) {
  return name == "Dockerfile" || name.rfind("Dockerfile.", 0) == 0 ||
         (name.size() > 11 && name.compare(name.size() - 11, 11, ".Dockerfile") == 0) ||
         name == "Containerfile";
}

// Every Dockerfile below `dir`, sorted; hidden directories and node_modules are skipped.
std::vector<std::string> FindDockerfiles(const std::string& dir) {
  std::vector<std::string> found;
  std::error_code ec;
  stdfs::recursive_directory_iterator it(dir, stdfs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != stdfs::recursive_directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (it->is_directory() && (name.rfind('.', 0) == 0 || name == "node_modules")) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && IsDockerfileName(name) &&
        name.find(".dockerignore") == std::string::npos) {
      found.push_back(it->path().string());
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

// One Dockerfile to lint and how to build it.
struct Job {
  std::string path;
  std::string context_dir;  // Empty: no build context (stdin).
  dockerfile::ExpansionEnv args;
  std::string label;        // Shown instead of the path for inline Dockerfiles.
};

}  // namespace

ExitStatus RunLint(const Invocation& invocation) {
  CLI::App app("Lint Dockerfiles for what breaks image builds.", invocation.program);
  std::vector<std::string> paths, project_files, ignore;
  std::string format = "text", threshold;
  std::string context_dir;
  bool explain = false, list_rules = false, shellcheck = false;
  app.add_option("paths", paths, "Dockerfiles, directories to search, or - for standard input");
  app.add_option("-f,--file", project_files, "a project file (compose.yaml, docker-bake.json): lint every target")->allow_extra_args(false);
  app.add_option("--format", format, "text, json, sarif or github")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}));
  app.add_option("--failure-threshold", threshold, "error, warning, info or none (default: info)")
      ->check(CLI::IsMember({"error", "warning", "info", "none"}));
  app.add_option("--ignore", ignore, "rule ID or slug to turn off; repeatable")->allow_extra_args(false);
  app.add_option("--context", context_dir, "build context directory (default: the Dockerfile's directory)");
  app.add_flag("--explain", explain, "show the facts (base image, packages, user) behind each finding");
  app.add_flag("--list-rules", list_rules, "list the rules and exit");
  app.add_flag("--shellcheck", shellcheck, "also check each RUN's shell script with shellcheck (SCnnnn findings)");
  std::vector<std::string> args(invocation.args.rbegin(), invocation.args.rend());
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? ExitStatus::kOk : ExitStatus::kUsage;
  }
  if (list_rules) {
    for (const lint::RuleInfo& r : lint::AllRules()) {
      fmt::print("{}  {:<28} {:<8} {}\n", r.id, r.slug, SeverityName(r.severity), r.summary);
    }
    return ExitStatus::kOk;
  }
  std::set<std::string> ignored;
  for (const std::string& code : ignore) {
    if (lint::IsShellcheckCode(code)) {
      ignored.insert(code);
      continue;
    }
    const lint::RuleInfo* rule = lint::FindRule(code);
    if (!rule) {
      std::string suggestion = lint::SuggestRule(code);
      fmt::print(stderr, "drydock: error: --ignore: unknown rule {}{}\n", code,
                 suggestion.empty() ? "" : " (did you mean " + suggestion + "?)");
      return ExitStatus::kUsage;
    }
    ignored.insert(std::string(rule->id));
  }

  std::unique_ptr<lint::ShellcheckSession> shellcheck_session;
  if (shellcheck) {
    const char* path = std::getenv("PATH");
    std::optional<std::string> binary = lint::FindShellcheck(path ? path : "");
    if (!binary) {
      fmt::print(stderr,
                 "drydock: error: --shellcheck needs a shellcheck binary on PATH and there is none "
                 "(Debian: apt-get install shellcheck)\n");
      return ExitStatus::kFailure;
    }
    shellcheck_session = std::make_unique<lint::ShellcheckSession>(*binary);
  }

  std::string cwd = WorkingDirectory();
  RealFileSystem fs;
  SourceFileSet sources;
  DiagSink problems;
  std::vector<Job> jobs;
  bool unreadable = false;
  // A target built FROM another target of the project starts from that target's ledger.
  std::unique_ptr<lint::ProjectFacts> project_facts;

  if (!project_files.empty() || (paths.empty() && !fs.IsFile(JoinPath(cwd, "Dockerfile")))) {
    project::LoadOptions options;
    for (const std::string& f : project_files) options.files.push_back(JoinPath(cwd, f));
    options.working_dir = cwd;
    options.env = ProcessEnvironment();
    Result<project::Project> project = project::LoadProject(options, fs, sources, problems);
    PrintDiagnostics(problems, cwd);
    if (!project.ok()) {
      fmt::print(stderr, "drydock: error: {}\n", RelativeToCwd(project.error().message, cwd));
      return ExitStatus::kFailure;
    }
    std::vector<lint::ProjectImage> images;
    for (const project::Target& t : project->targets) {
      lint::ProjectImage image;
      image.target = t.name;
      image.tags = t.tags;
      image.target_stage = t.target_stage;
      for (const auto& [k, v] : t.args) {
        if (v) image.build_args.Set(k, *v);
      }
      if (t.dockerfile_inline) {
        image.dockerfile_text = *t.dockerfile_inline;
      } else if (Result<std::string> text = fs.ReadFile(t.dockerfile); text.ok()) {
        image.dockerfile_text = std::move(*text);
      }
      images.push_back(std::move(image));
    }
    project_facts = std::make_unique<lint::ProjectFacts>(std::move(images), lint::BuiltinBaseFacts());
    for (const project::Target& t : project->targets) {
      Job job;
      job.context_dir = t.context;
      for (const auto& [k, v] : t.args) {
        if (v) job.args.Set(k, *v);
      }
      if (t.dockerfile_inline) {
        job.label = t.name + " (dockerfile_inline)";
        job.path = "";
        sources.Add(job.label, *t.dockerfile_inline);
      } else {
        job.path = t.dockerfile;
      }
      jobs.push_back(std::move(job));
    }
  }
  if (paths.empty() && project_files.empty() && jobs.empty()) paths.push_back("Dockerfile");
  // Which paths are directories: one stat each, on every core (a corpus run names hundreds).
  std::vector<std::string> absolute(paths.size());
  std::vector<char> is_directory(paths.size(), 0);
  ParallelFor(paths.size(), 0, [&](size_t i) {
    if (paths[i] == "-") return;
    absolute[i] = JoinPath(cwd, paths[i]);
    is_directory[i] = fs.IsDirectory(absolute[i]);
  });
  for (size_t i = 0; i < paths.size(); ++i) {
    const std::string& p = paths[i];
    if (p == "-") {
      jobs.push_back({"-", context_dir.empty() ? "" : JoinPath(cwd, context_dir), {}, "<stdin>"});
      continue;
    }
    const std::string& abs = absolute[i];
    if (is_directory[i]) {
      std::vector<std::string> found = FindDockerfiles(abs);
      if (found.empty()) fmt::print(stderr, "drydock: warning: no Dockerfile under {}\n", p);
      for (const std::string& f : found) jobs.push_back({f, "", {}, ""});
    } else {
      jobs.push_back({abs, "", {}, ""});
    }
  }

  std::map<std::string, lint::LintConfig> configs;  // By config file path.
  // Which directories hold a .drydock.yaml: every directory of a job and those above it, one
  // stat each, on every core (many Dockerfiles share ancestors; a corpus run has hundreds).
  std::map<std::string, bool> config_in_dir;
  // The directory a job's config is looked up from.
  auto directory_of = [&](const Job& job) { return job.path.empty() || job.path == "-" ? cwd : DirName(job.path); };
  {
    std::vector<std::string> dirs;
    for (const Job& job : jobs) {
      std::string d = CleanPath(directory_of(job));
      while (config_in_dir.emplace(d, false).second) {
        dirs.push_back(d);
        if (d == "/" || d == ".") break;
        d = DirName(d);
      }
    }
    std::vector<char> found(dirs.size(), 0);
    ParallelFor(dirs.size(), 0, [&](size_t i) { found[i] = fs.IsFile(JoinPath(dirs[i], ".drydock.yaml")); });
    for (size_t i = 0; i < dirs.size(); ++i) config_in_dir[dirs[i]] = found[i] != 0;
  }
  std::vector<std::unique_ptr<lint::BuildContext>> contexts;
  // Everything that reads configuration or registers sources runs here, in order; the lint
  // itself then runs on every core (a file's lint shares only thread-safe facts providers).
  std::vector<const SourceFile*> files;     // Null: a Dockerfile the parallel phase reads.
  std::vector<std::string> paths_to_read;   // Parallel to files: what to read, as shown.
  std::vector<lint::LintRequest> requests;  // Parallel to files.
  for (Job& job : jobs) {
    const SourceFile* file = nullptr;
    std::string to_read;
    if (!job.label.empty() && job.path.empty()) {
      file = sources.Find(job.label);
    } else if (job.path == "-") {
      Result<std::unique_ptr<SourceFile>> in = SourceFile::Read("-");
      file = &sources.Add("<stdin>", std::string(in.ok() ? (*in)->text() : ""));
    } else {
      to_read = job.path;
    }
    lint::LintRequest request;
    request.bases = project_facts.get();
    request.build_args = job.args;
    request.explain = explain;
    std::string dir = directory_of(job);
    // The nearest .drydock.yaml at or above the directory ("" none).
    auto find_config = [&](const std::string& start) -> std::string {
      for (std::string d = CleanPath(start);; d = DirName(d)) {
        auto known = config_in_dir.find(d);
        DD_CHECK(known != config_in_dir.end());  // Every directory on the way was checked above.
        if (known->second) return JoinPath(d, ".drydock.yaml");
        if (d == "/" || d == ".") return "";
      }
    };
    std::string config_path = find_config(dir);
    if (!config_path.empty()) {
      if (!configs.count(config_path)) {
        Result<std::string> text = fs.ReadFile(config_path);
        const SourceFile& cfg = sources.Add(config_path, text.ok() ? *text : "");
        DiagSink config_sink;
        Result<lint::LintConfig> parsed = lint::ParseLintConfig(cfg, config_sink);
        PrintDiagnostics(config_sink, cwd);
        if (!parsed.ok()) {
          fmt::print(stderr, "drydock: error: {}\n", parsed.error().message);
          return ExitStatus::kUsage;
        }
        if (config_sink.has_errors()) return ExitStatus::kUsage;
        configs[config_path] = *parsed;
      }
      request.config = configs[config_path];
    }
    // The command line wins over the file.
    request.config.ignored.insert(ignored.begin(), ignored.end());
    if (!threshold.empty()) {
      bool ok;
      request.config.failure_threshold = lint::ParseSeverity(threshold, &ok);
    }
    if (job.path != "-" || !job.context_dir.empty()) {
      auto context = std::make_unique<lint::BuildContext>();
      context->directory = !job.context_dir.empty() ? job.context_dir
                           : !context_dir.empty()   ? JoinPath(cwd, context_dir)
                                                    : dir;
      context->dockerfile = job.path;
      context->fs = &fs;
      context->guessed = job.context_dir.empty() && context_dir.empty();
      request.build_context = context.get();
      contexts.push_back(std::move(context));
    }
    request.shellcheck = shellcheck_session.get();
    request.shellcheck_key = files.size();
    files.push_back(file);
    paths_to_read.push_back(std::move(to_read));
    requests.push_back(std::move(request));
  }
  // Reading is part of the parallel phase (a corpus run is hundreds of small files). Each index
  // owns its own slot, so nothing shared is written.
  std::vector<std::unique_ptr<SourceFile>> read_files(files.size());
  std::vector<std::string> read_errors(files.size());
  std::vector<LintedFile> results(files.size());
  ParallelFor(files.size(), 0, [&](size_t i) {
    if (files[i] == nullptr) {
      // Paths are shown as given: relative to the working directory when inside it.
      const std::string& path = paths_to_read[i];
      std::string shown = path.rfind(cwd + "/", 0) == 0 ? path.substr(cwd.size() + 1) : path;
      Result<std::string> text = fs.ReadFile(path);
      if (!text.ok()) {
        const std::string& message = text.error().message;
        read_errors[i] = message.rfind(path, 0) == 0 ? shown + message.substr(path.size()) : message;
        return;
      }
      read_files[i] = std::make_unique<SourceFile>(std::move(shown), std::move(*text));
      files[i] = read_files[i].get();
    }
    results[i] = LintedFile{files[i], lint::LintDockerfile(*files[i], requests[i])};
  });
  for (const std::string& error : read_errors) {
    if (error.empty()) continue;
    fmt::print(stderr, "drydock: error: cannot read {}\n", error);
    unreadable = true;
  }

  if (shellcheck_session) {
    Result<std::map<size_t, std::vector<lint::LintFinding>>> found = shellcheck_session->Run();
    if (!found.ok()) {
      fmt::print(stderr, "drydock: error: --shellcheck: {}\n", found.error().message);
      return ExitStatus::kFailure;
    }
    for (auto& [key, findings] : *found) {
      std::vector<lint::LintFinding>& all = results[key].findings;
      all.insert(all.end(), std::make_move_iterator(findings.begin()), std::make_move_iterator(findings.end()));
      std::stable_sort(all.begin(), all.end(), [](const lint::LintFinding& a, const lint::LintFinding& b) {
        if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
        return a.rule->id < b.rule->id;
      });
    }
  }

  // Unreadable files were reported above and are left out of the report.
  std::vector<const lint::LintRequest*> request_of;  // Parallel to results from here on.
  {
    size_t kept = 0;
    for (size_t i = 0; i < results.size(); ++i) {
      if (results[i].file == nullptr) continue;
      request_of.push_back(&requests[i]);
      // Not onto itself: a self-move-assigned vector is left empty (the findings were lost).
      if (kept != i) results[kept] = std::move(results[i]);
      ++kept;
    }
    results.resize(kept);
  }
  std::string out = format == "json"    ? LintToJson(results)
                    : format == "sarif"  ? LintToSarif(results)
                    : format == "github" ? LintToGithub(results)
                                         : LintToText(results, explain);
  std::fputs(out.c_str(), stdout);
  std::fflush(stdout);
  ExitStatus status = unreadable ? ExitStatus::kFailure : ExitStatus::kOk;
  // Exit 1 when any finding is at or above its file's threshold (severities order error <
  // warning < info, so "at or above" is "<=").
  for (size_t i = 0; i < results.size() && status == ExitStatus::kOk; ++i) {
    const std::optional<Severity>& threshold_of_file = request_of[i]->config.failure_threshold;
    if (!threshold_of_file) continue;
    for (const lint::LintFinding& f : results[i].findings) {
      if (static_cast<int>(f.severity) <= static_cast<int>(*threshold_of_file)) {
        status = ExitStatus::kFindings;
        break;
      }
    }
  }
  // The process ends next: freeing every finding and file text one by one would only cost
  // time (about a millisecond on a corpus run).
  KeepUntilExit(std::move(results));
  KeepUntilExit(std::move(read_files));
  return status;
}

}  // namespace drydock::cli
