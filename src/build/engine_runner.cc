#include "build/engine_runner.h"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "base/source_file.h"
#include "build/json.h"
#include "build/input_hash.h"
#include "build/step_location.h"
#include "buildcontext/context_tar.h"
#include "buildcontext/context_walker.h"
#include "dockerfile/parser.h"

namespace drydock::build {

std::string PrimaryTag(const graph::Node& node) {
  if (!node.target->tags.empty()) return node.target->tags.front();
  return node.image_names.empty() ? node.target->name : node.image_names.front();
}

namespace {

class BodyCollector final : public engine::ResponseHandler {
 public:
  bool OnHead(const engine::HttpResponseHead& head) override {
    status = head.status;
    return true;
  }
  bool OnBody(std::string_view data) override {
    body.append(data);
    return body.size() < (1 << 20);
  }
  int status = 0;
  std::string body;
};

}  // namespace

int EngineCpuCount(engine::Client& client) {
  engine::HttpRequest request;
  request.target = "/v" + client.api_version() + "/info";
  BodyCollector response;
  if (!client.transport().Send(request, response, nullptr).ok() || response.status != 200) return 0;
  Json info = Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (!info.is_object() || !info.contains("NCPU") || !info["NCPU"].is_number_integer()) return 0;
  return info["NCPU"].get<int>();
}

namespace {

RunResult Failed(std::string message) {
  RunResult r;
  r.status = RunResult::Status::kFailed;
  r.message = std::move(message);
  return r;
}

// The context tar as the request body, reporting upload progress and keeping its own error
// apart from the transport's (a file that vanished is the build's failure, not a lost engine).
class TarBody final : public engine::BodySource {
 public:
  TarBody(buildcontext::ContextTarReader& reader) : reader_(reader) {}
  Result<size_t> Read(char* buffer, size_t size) override {
    Result<size_t> n = reader_.Read(buffer, size);
    if (!n.ok()) error_ = n.error().message;
    return n;
  }
  const std::optional<std::string>& error() const { return error_; }

 private:
  buildcontext::ContextTarReader& reader_;
  std::optional<std::string> error_;
};

class ObserverBridge final : public engine::BuildObserver {
 public:
  ObserverBridge(RunObserver& observer, uint64_t total) : observer_(observer), total_(total) {}
  void OnUploadProgress(uint64_t sent) override { observer_.OnUpload(sent, total_); }
  void OnStep(const engine::StepEvent& e) override {
    StepInfo step;
    step.id = e.id;
    step.name = e.name;
    switch (e.state) {
      case engine::StepEvent::State::kStarted: step.state = StepInfo::State::kStarted; break;
      case engine::StepEvent::State::kCompleted: step.state = StepInfo::State::kDone; break;
      case engine::StepEvent::State::kCached: step.state = StepInfo::State::kCached; break;
      case engine::StepEvent::State::kFailed: step.state = StepInfo::State::kFailed; break;
    }
    if (step.state == StepInfo::State::kStarted) last_step_ = e.name;
    observer_.OnStep(step);
  }
  void OnLog(const engine::LogEvent& e) override {
    // The classic builder prints each step's header into the stream too; the step event has
    // already said it.
    // It arrives as one message, with its newline in the next one or in the same.
    if (!last_step_.empty() && e.data == last_step_ + "\n") return;
    if (!last_step_.empty() && e.data == last_step_) {
      skip_newline_ = true;
      return;
    }
    bool newline_only = e.data == "\n";
    if (skip_newline_ && newline_only) {
      skip_newline_ = false;
      return;
    }
    skip_newline_ = false;
    observer_.OnLog(e.data);
  }
  void OnWarning(const engine::WarningEvent& e) override {
    observer_.OnLog("warning: " + e.message + "\n");
  }

 private:
  RunObserver& observer_;
  uint64_t total_;
  std::string last_step_;
  bool skip_newline_ = false;
};

bool IsUrl(const std::string& context) {
  return context.find("://") != std::string::npos || context.rfind("git@", 0) == 0;
}

}  // namespace

EngineRunner::EngineRunner(engine::Client& client, const graph::BuildGraph& graph,
                           std::vector<size_t> nodes, const FileSystem& fs, HashCache& cache,
                           EngineRunnerOptions options)
    : client_(client), graph_(graph), nodes_(std::move(nodes)), fs_(fs), cache_(cache),
      options_(std::move(options)) {}

RunResult EngineRunner::Run(const BuildJob& job, RunObserver& observer, CancelToken& cancel) {
  const graph::Node& node = graph_.nodes()[nodes_[job.index]];
  const project::Target& target = *node.target;
  if (IsUrl(target.context)) return Failed("remote build contexts are not supported: " + target.context);
  const std::string context_dir = CleanPath(target.context);
  const std::string prefix = context_dir == "/" ? "/" : context_dir + "/";
  Result<std::string> dockerfile_text =
      target.dockerfile_inline ? Result<std::string>(*target.dockerfile_inline)
                               : fs_.ReadFile(target.dockerfile);
  if (!dockerfile_text.ok()) return Failed(dockerfile_text.error().message);
  // A Dockerfile inside the context is named by its path there. One that is not (inline, or
  // outside the context directory) is added to the tar under a name of its own, as docker
  // build does; its bytes are in the input hash either way.
  const bool dockerfile_added = target.dockerfile_inline ||
                                target.dockerfile.compare(0, prefix.size(), prefix) != 0;
  const std::string dockerfile_rel =
      dockerfile_added ? ".drydock-dockerfile." + ToHex(Sha256Of(*dockerfile_text)).substr(0, 12)
                       : target.dockerfile.substr(prefix.size());

  const engine::BuilderKind builder = client_.ResolveBuilder(options_.builder);
  const bool classic = builder == engine::BuilderKind::kClassic;
  Result<buildcontext::BuildContext> context = buildcontext::ComputeBuildContext(
      fs_, context_dir, dockerfile_rel,
      classic ? buildcontext::Walker::kClassic : buildcontext::Walker::kBuildKit);
  if (!context.ok()) return Failed(context.error().message);
  if (context->walk.failure) return Failed(*context->walk.failure);
  // drydock's own state directory is never part of a build: it changes on every run.
  if (!options_.state_dir.empty()) {
    std::string state = CleanPath(options_.state_dir);
    if (state.compare(0, prefix.size(), prefix) == 0) {
      std::string rel = state.substr(prefix.size());
      auto inside = [&rel](const buildcontext::ContextEntry& e) {
        return e.path == rel || e.path.compare(0, rel.size() + 1, rel + "/") == 0;
      };
      auto drop = [&](std::vector<buildcontext::ContextEntry>& v) {
        v.erase(std::remove_if(v.begin(), v.end(), inside), v.end());
      };
      drop(context->walk.entries);
      drop(context->context);
    }
  }

  HashInputs inputs;
  inputs.dockerfile = *dockerfile_text;
  inputs.context_dir = context_dir;
  inputs.context = context->context;
  for (const auto& [name, value] : target.args) {
    if (value) inputs.build_args[name] = *value;
  }
  inputs.target_stage = target.target_stage;
  inputs.platform = target.platforms.empty() ? "" : target.platforms.front();
  inputs.parents = job.parents;
  auto lost = [](const Error& e) {
    RunResult r;
    r.status = RunResult::Status::kEngineLost;
    r.message = e.message;
    return r;
  };
  // Images no target builds (FROM debian:bookworm-slim) are inputs as much as the parents: a
  // re-imported or re-pulled base must rebuild what stands on it. An absent one is hashed as
  // absent, so its arrival rebuilds too.
  std::set<std::string> seen_externals;
  for (const graph::ExternalImage& external : graph_.externals()) {
    if (external.target != nodes_[job.index] || !seen_externals.insert(external.ref).second) continue;
    if (external.ref == "scratch") continue;
    Result<std::optional<engine::ImageInfo>> info = client_.InspectImage(external.ref);
    if (!info.ok()) return lost(info.error());
    inputs.parents.push_back({external.ref, *info ? (*info)->id : std::string("absent")});
  }
  Result<std::string> hash = ComputeInputHash(fs_, cache_, inputs);
  if (!hash.ok()) return Failed(hash.error().message);

  const std::string tag = PrimaryTag(node);
  if (!options_.force) {
    Result<std::optional<engine::ImageInfo>> existing = client_.InspectImage(tag);
    if (!existing.ok()) return lost(existing.error());
    if (*existing) {
      auto label = (*existing)->labels.find(kInputHashLabel);
      if (label != (*existing)->labels.end() && label->second == *hash) {
        RunResult r;
        r.status = RunResult::Status::kUpToDate;
        r.image_id = (*existing)->id;
        r.size = (*existing)->size;
        return r;
      }
    }
  }

  engine::BuildRequest request;
  request.tags = target.tags.empty() ? std::vector<std::string>{tag} : target.tags;
  request.dockerfile = dockerfile_rel;
  request.target = target.target_stage;
  request.build_args = inputs.build_args;
  for (const auto& [name, value] : target.labels) request.labels[name] = value;
  request.labels[kInputHashLabel] = *hash;
  request.platform = inputs.platform;
  request.network_mode = target.network.empty() ? options_.network_mode : target.network;
  request.force_rm = true;
  request.builder = options_.builder;

  // The walk's entries are what the client sends; `context` is what the daemon keeps.
  buildcontext::ContextTarReader tar(fs_, context_dir, context->walk.entries);
  if (dockerfile_added) tar.AddMemoryFile(dockerfile_rel, *dockerfile_text);
  TarBody body(tar);
  ObserverBridge bridge(observer, tar.TotalSize());
  engine::CancelToken engine_cancel;
  Result<engine::BuildResult> built = [&] {
    CancelCallback forward(cancel, [&engine_cancel] { engine_cancel.Cancel(); });
    return client_.Build(request, body, bridge, engine_cancel);
  }();
  if (cancel.cancelled()) {
    RunResult r;
    r.status = RunResult::Status::kCancelled;
    return r;
  }
  if (body.error()) return Failed(*body.error());
  if (!built.ok()) return lost(built.error());
  switch (built->status) {
    case engine::BuildResult::Status::kCancelled: {
      RunResult r;
      r.status = RunResult::Status::kCancelled;
      return r;
    }
    case engine::BuildResult::Status::kFailed: {
      RunResult r = Failed(built->failure.message);
      r.failing_step = built->failure.step_name;
      r.exit_code = built->failure.exit_code;
      const engine::StepName& step = built->failure.step;
      if (step.index > 0 && !target.dockerfile_inline) {
        SourceFile file(target.dockerfile, *dockerfile_text);
        dockerfile::Dockerfile parsed = dockerfile::Parse(file);
        std::optional<uint32_t> line = StepLine(parsed, built->builder == engine::BuilderKind::kClassic,
                                                step.stage, step.index);
        if (line) {
          std::string shown = target.dockerfile;
          const std::string& dir = graph_.project().directory;
          if (shown.compare(0, dir.size() + 1, dir + "/") == 0) shown = shown.substr(dir.size() + 1);
          r.step_location = shown + ":" + std::to_string(*line);
        }
      }
      return r;
    }
    case engine::BuildResult::Status::kBuilt:
      break;
  }
  RunResult r;
  r.status = RunResult::Status::kBuilt;
  r.image_id = built->image_id;
  Result<std::optional<engine::ImageInfo>> info = client_.InspectImage(built->image_id);
  if (!info.ok()) return lost(info.error());
  if (*info) r.size = (*info)->size;
  return r;
}

}  // namespace drydock::build
