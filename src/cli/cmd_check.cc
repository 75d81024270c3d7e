// `drydock check IMAGE|DIR [--format=text|json|sarif] [--severity-threshold=info|warning|error]`:
// read a tree (a host directory: rootfs, venv or site-packages; or an image: save tarball, OCI
// layout, '-' or a name for the engine) without running anything, report its Python environment
// problems and, for images, risky config. Exit 0 below the threshold, 1 at or above it.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/file_system.h"
#include "cli/check_image.h"
#include "cli/commands.h"
#include "cli/inspect_engine.h"
#include "image/layer.h"
#include "image/open_image.h"
#include "pyenv/findings.h"
#include "pyenv/rooted_file_system.h"

namespace drydock::cli {

namespace {

using json = nlohmann::ordered_json;
using pyenv::Finding;
using pyenv::Severity;

int Rank(Severity s) { return static_cast<int>(s); }

json FindingJson(const Finding& f) {
  return json{{"id", f.id}, {"slug", f.slug}, {"severity", std::string(pyenv::SeverityString(f.severity))},
              {"environment", f.environment}, {"message", f.message}, {"hint", f.hint}, {"paths", f.paths}};
}

std::string RenderJson(const std::string& target, const pyenv::PythonCheck& check,
                       const std::vector<Finding>& findings) {
  json envs = json::array();
  for (const pyenv::PythonEnvironment& e : check.scan.environments) {
    // The interpreter that owns this import path, so `<python> -m pip check` can be run on it.
    std::string python = e.venv ? e.venv->root + "/bin/python" : e.interpreter ? e.interpreter->executable : "";
    envs.push_back({{"label", e.label}, {"python", python}, {"python_version", e.python_version},
                    {"site_dirs", e.site_dirs}});
  }
  json fs = json::array();
  for (const Finding& f : findings) fs.push_back(FindingJson(f));
  json j{{"target", target},
         {"environments", envs},
         {"summary", {{"environments", check.summary.environments},
                      {"distributions", check.summary.distributions},
                      {"files_checked", check.summary.files_checked}}},
         {"findings", fs}};
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string RenderSarif(const std::string& target, const std::vector<Finding>& findings) {
  json rules = json::array();
  std::vector<std::string> seen;
  for (const Finding& f : findings) {
    if (std::find(seen.begin(), seen.end(), f.id) != seen.end()) continue;
    seen.push_back(f.id);
    rules.push_back({{"id", f.id}, {"name", f.slug}, {"helpUri", "docs/check.md#" + f.id}});
  }
  json results = json::array();
  for (const Finding& f : findings) {
    const char* level = f.severity == Severity::kError ? "error" : f.severity == Severity::kWarning ? "warning" : "note";
    json r{{"ruleId", f.id}, {"level", level}, {"message", {{"text", f.message + " (hint: " + f.hint + ")"}}}};
    json locs = json::array();
    std::string uri = f.paths.empty() ? target : f.paths[0];
    locs.push_back({{"physicalLocation", {{"artifactLocation", {{"uri", uri}}}}}});
    r["locations"] = locs;
    results.push_back(r);
  }
  json j{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
         {"version", "2.1.0"},
         {"runs", json::array({{{"tool", {{"driver", {{"name", "drydock check"}, {"rules", rules}}}}},
                                {"results", results}}})}};
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace

ExitStatus RunCheck(const Invocation& invocation) {
  CLI::App app("Find broken Python environments and risky config in an image or a directory, offline.",
               invocation.program);
  std::string target, format = "text", threshold = "error";
  app.add_option("target", target, "directory (rootfs, venv, site-packages), docker save tarball, OCI layout, '-' or image name")
      ->required();
  app.add_option("--format", format, "text, json or sarif")->check(CLI::IsMember({"text", "json", "sarif"}));
  app.add_option("--severity-threshold", threshold, "lowest severity that makes the exit status 1 (default: error)")
      ->check(CLI::IsMember({"info", "warning", "error"}));
  std::vector<std::string> args(invocation.args.rbegin(), invocation.args.rend());
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? ExitStatus::kOk : ExitStatus::kUsage;
  }
  Severity limit = threshold == "info" ? Severity::kInfo : threshold == "warning" ? Severity::kWarning : Severity::kError;

  pyenv::PythonCheck check;
  std::vector<Finding> findings;
  std::error_code ec;
  bool host_dir = std::filesystem::is_directory(target, ec) &&
                  !std::filesystem::exists(std::filesystem::path(target) / "oci-layout", ec);
  if (host_dir) {
    RealFileSystem real;
    pyenv::RootedFileSystem fs(real, std::filesystem::absolute(target).lexically_normal().string());
    check = pyenv::CheckPythonEnvironments(fs);
    findings = check.findings;
  } else if (!std::filesystem::exists(target, ec) &&
             (target.rfind("/", 0) == 0 || target.rfind("./", 0) == 0 || target.rfind("../", 0) == 0 ||
              target.back() == '/')) {
    // Spelled as a path, so not an image name: say so instead of asking the engine.
    fmt::print(stderr, "drydock: error: {}: no such file or directory\n", target);
    return ExitStatus::kFailure;
  } else {
    image::IndexOptions options = image::PythonEnvironmentOptions();
    Result<image::Image> img = image::IsImagePath(target) ? image::OpenImagePath(target, options)
                                                          : ReadImageFromEngine(target, options);
    if (!img.ok()) {
      fmt::print(stderr, "drydock: error: {}\n", img.error().message);
      return ExitStatus::kFailure;
    }
    ImageCheck result = CheckImage(*img);
    check = std::move(result.python);
    findings = std::move(result.findings);
  }
  std::string out = format == "json"    ? RenderJson(target, check, findings)
                    : format == "sarif" ? RenderSarif(target, findings)
                                        : RenderCheckText(target, check, findings);
  std::fputs(out.c_str(), stdout);
  for (const Finding& f : findings) {
    if (Rank(f.severity) >= Rank(limit)) return ExitStatus::kFindings;
  }
  return ExitStatus::kOk;
}

}  // namespace drydock::cli
