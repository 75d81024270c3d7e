// Whole Compose projects answered by compose-go (shared/corpus/compose/projects.json): for
// each load, the verdict, the project name, the active and disabled services, each service's
// image and the build fields drydock models (context, dockerfile, dockerfile_inline, args,
// target, tags, labels, platforms, additional_contexts, cache_from, network, shm_size).
// Skipped fields, never used by drydock: ssh, secrets, entitlements, ulimits, privileged,
// isolation, provenance, sbom, pull, no_cache, no_cache_filter, extra_hosts, cache_to.
#include <map>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/file_system.h"
#include "project/compose_loader.h"
#include "testing/corpus.h"

namespace drydock::project {
namespace {

using nlohmann::json;

// Absolute paths under the test's directories, written as the corpus writes them.
std::string Placeholders(std::string s) {
  for (auto [from, to] : {std::pair<std::string, std::string>{"/p/demo", "<PROJECT_DIR>"}, {"/p", "<PARENT_DIR>"}}) {
    if (s == from || s.rfind(from + "/", 0) == 0) return to + s.substr(from.size());
  }
  return s;
}

// drydock's Target as compose-go's normalised build JSON, for the fields drydock models.
json BuildJson(const Target& t, const json& want) {
  json out = json::object();
  out["context"] = Placeholders(t.context);
  if (t.dockerfile_inline) {
    out["dockerfile_inline"] = *t.dockerfile_inline;
  } else {
    // compose-go keeps the dockerfile relative to the context.
    std::string dockerfile = t.dockerfile;
    std::string wanted = want.value("dockerfile", "");
    bool absolute = !wanted.empty() && (wanted[0] == '/' || wanted[0] == '<');
    if (!absolute && dockerfile.rfind("/", 0) == 0 && t.context.rfind("/", 0) == 0) {
      std::string base = t.context;
      std::string up;
      while (dockerfile.rfind(base + "/", 0) != 0 && base != "/") {
        base = DirName(base);
        up += "../";
      }
      dockerfile = up + dockerfile.substr(base == "/" ? 1 : base.size() + 1);
    }
    out["dockerfile"] = Placeholders(dockerfile);
  }
  if (!t.args.empty()) {
    json args = json::object();
    for (const auto& [k, v] : t.args) args[k] = v ? json(Placeholders(*v)) : json(nullptr);
    out["args"] = args;
  }
  if (!t.target_stage.empty()) out["target"] = t.target_stage;
  std::vector<std::string> tags(t.tags.begin(), t.tags.end());
  if (!tags.empty() && want.contains("tags")) {
    // compose-go keeps `image:` out of build.tags.
    if (want["tags"].size() < tags.size()) tags.erase(tags.begin());
    out["tags"] = tags;
  }
  if (!t.labels.empty()) {
    json labels = json::object();
    for (const auto& [k, v] : t.labels) labels[k] = v;
    out["labels"] = labels;
  }
  if (!t.platforms.empty()) out["platforms"] = t.platforms;
  if (!t.additional_contexts.empty()) {
    json contexts = json::object();
    for (const auto& [k, v] : t.additional_contexts) contexts[k] = Placeholders(v);
    out["additional_contexts"] = contexts;
  }
  if (!t.cache_from.empty()) out["cache_from"] = t.cache_from;
  if (!t.network.empty()) out["network"] = t.network;
  if (t.shm_size) out["shm_size"] = std::to_string(*t.shm_size);
  return out;
}

json Modelled(json build) {
  static const char* kKept[] = {"context", "dockerfile", "dockerfile_inline", "args", "target",
                                "tags", "labels", "platforms", "additional_contexts",
                                "cache_from", "network", "shm_size"};
  json out = json::object();
  for (const char* key : kKept) {
    if (build.contains(key)) out[key] = build[key];
  }
  return out;
}

TEST(ComposeProjects, AgreeWithComposeGo) {
  json cases = json::parse(testing::ReadFileOrDie(testing::CorpusPath("compose/projects.json")));
  int loads = 0, agree = 0, verdicts = 0;
  std::vector<std::string> failures;
  for (const json& c : cases) {
    for (const json& run : c["runs"]) {
      ++loads;
      MemoryFileSystem fs;
      for (const auto& [path, content] : c["files"].items()) fs.Write("/p/demo/" + path, content);
      ComposeOptions options;
      options.working_dir = "/p/demo";
      json config_files = c.value("config_files", json::array());
      for (const json& f : config_files) options.files.push_back(f);
      json profiles = run.value("profiles", json::array());
      for (const json& p : profiles) options.profiles.push_back(p);
      if (c.contains("project_name")) options.project_name = c["project_name"].get<std::string>();
      options.env = {{"PWD", "/p/demo"}, {"HOME", "/home/user"}};
      json env = c.value("env", json::object());
      for (const auto& [k, v] : env.items()) options.env[k] = v;
      SourceFileSet sources;
      DiagSink sink;
      ComposeServiceSummary summary;
      Result<Project> project = LoadComposeProject(options, fs, sources, sink, &summary);
      std::string id = c["id"].get<std::string>() + " " + run.value("profiles", json::array()).dump();
      if (run.contains("error")) {
        if (!project.ok()) {
          ++verdicts;
          ++agree;
        } else {
          failures.push_back(id + ": accepted; compose-go: " + run["error"].get<std::string>());
        }
        continue;
      }
      if (!project.ok()) {
        failures.push_back(id + ": rejected: " + project.error().message);
        continue;
      }
      ++verdicts;
      std::string diff;
      if (project->name != run["name"]) diff += " name=" + project->name;
      if (json(summary.active) != run.value("active_services", json::array())) diff += " active=" + json(summary.active).dump();
      json disabled = run.value("disabled_services", json::array());
      if (json(summary.disabled) != disabled) diff += " disabled=" + json(summary.disabled).dump();
      json images = run.value("image", json::object());
      for (const auto& [service, image] : images.items()) {
        if (summary.images[service] != image) diff += " image[" + service + "]=" + summary.images[service];
      }
      json builds = run.value("build", json::object());
      for (const auto& [service, want] : builds.items()) {
        const Target* t = project->Find(service);
        if (want.is_null()) {
          if (t) diff += " build[" + service + "] unexpected";
          continue;
        }
        if (!t) {
          diff += " build[" + service + "] missing";
          continue;
        }
        json got = BuildJson(*t, want);
        if (got != Modelled(want)) diff += " build[" + service + "]=" + got.dump() + " want " + Modelled(want).dump();
      }
      if (diff.empty()) ++agree;
      else failures.push_back(id + ":" + diff);
    }
  }
  testing::ReportCount("compose projects.json verdicts: " + std::to_string(verdicts) + "/" + std::to_string(loads));
  testing::ReportCount("compose projects.json loads agreeing in every compared field: " +
                       std::to_string(agree) + "/" + std::to_string(loads));
  for (const std::string& f : failures) ADD_FAILURE() << f;
}

}  // namespace
}  // namespace drydock::project
