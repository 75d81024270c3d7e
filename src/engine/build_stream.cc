#include "engine/build_stream.h"

#include <utility>

#include "engine/json.h"

namespace drydock::engine {
namespace {

constexpr std::string_view kStderrStart = "\x1b[91m";
constexpr std::string_view kStderrEnd = "\x1b[0m";

}  // namespace

BuildStreamDecoder::BuildStreamDecoder(BuilderKind builder, BuildObserver& observer)
    : builder_(builder), observer_(observer) {}

Result<void> BuildStreamDecoder::Feed(std::string_view data) {
  if (decode_error_) return *decode_error_;
  Result<void> split = splitter_.Feed(data, [this](std::string_view message) {
    Result<void> r = HandleMessage(message);
    if (!r.ok()) {
      decode_error_ = r.error();
      return false;
    }
    return true;
  });
  if (decode_error_) return *decode_error_;
  return split;
}

Result<void> BuildStreamDecoder::HandleMessage(std::string_view text) {
  std::optional<Json> message = ParseJson(text);
  if (!message || !message->is_object()) {
    return MakeError("malformed build stream from the engine: not a JSON object: " +
                     std::string(text.substr(0, 200)));
  }
  const Json& m = *message;
  const std::string id = JsonString(m, "id");

  if (auto detail = m.find("errorDetail"); detail != m.end() && detail->is_object()) {
    std::string msg = JsonString(*detail, "message");
    if (msg.empty()) msg = JsonString(m, "error");
    std::optional<int> code;
    if (auto c = detail->find("code"); c != detail->end() && c->is_number_integer()) {
      code = c->get<int>();
    }
    HandleError(std::move(msg), code);
    return {};
  }
  if (auto err = m.find("error"); err != m.end() && err->is_string()) {
    HandleError(err->get<std::string>(), std::nullopt);
    return {};
  }

  if (auto aux = m.find("aux"); aux != m.end()) {
    if (id == "moby.buildkit.trace") {
      if (!aux->is_string()) {
        return MakeError("malformed build stream from the engine: moby.buildkit.trace aux is "
                         "not a string");
      }
      std::optional<std::string> bytes = Base64Decode(aux->get<std::string>());
      if (!bytes) {
        return MakeError("malformed build stream from the engine: bad base64 in "
                         "moby.buildkit.trace");
      }
      std::optional<StatusResponse> status = DecodeStatusResponse(*bytes);
      if (!status) {
        return MakeError("malformed build stream from the engine: bad protobuf in "
                         "moby.buildkit.trace");
      }
      return HandleTrace(*status);
    }
    // moby.image.id (BuildKit) or an id-less aux (classic): {"ID":"sha256:..."}.
    if (aux->is_object()) {
      std::string image = JsonString(*aux, "ID");
      if (!image.empty()) image_id_ = image;
    }
    return {};
  }

  if (auto stream = m.find("stream"); stream != m.end() && stream->is_string()) {
    HandleStreamText(stream->get_ref<const std::string&>());
    return {};
  }

  if (auto status = m.find("status"); status != m.end() && status->is_string()) {
    // Pull progress repeats once per progress tick; only the state changes are worth a line.
    bool ticking = false;
    if (auto pd = m.find("progressDetail"); pd != m.end() && pd->is_object()) {
      ticking = pd->contains("current");
    }
    if (!ticking) {
      LogEvent log;
      log.step_id = builder_ == BuilderKind::kClassic ? step_id_ : "";
      log.data = (id.empty() ? "" : id + ": ") + status->get<std::string>() + "\n";
      observer_.OnLog(log);
    }
    return {};
  }
  return {};  // Unknown message kinds are future additions, not errors.
}

void BuildStreamDecoder::HandleStreamText(std::string_view text) {
  LogEvent log;
  if (text.starts_with(kStderrStart)) {
    text.remove_prefix(kStderrStart.size());
    log.stream = 2;
  }
  if (text.ends_with(kStderrEnd)) {
    text.remove_suffix(kStderrEnd.size());
    log.stream = 2;
  }
  if (text.empty()) return;
  if (builder_ == BuilderKind::kClassic && log.stream == 1) {
    if (at_line_start_ && text.starts_with("Step ")) {
      std::string_view first = text.substr(0, text.find('\n'));
      StepName parsed = ParseStepName(first);
      if (parsed.index > 0) {
        if (!step_id_.empty()) {
          EndClassicStep(step_cached_ ? StepEvent::State::kCached : StepEvent::State::kCompleted,
                         "");
        }
        step_id_ = "step-" + std::to_string(parsed.index);
        step_name_ = std::string(first);
        step_cached_ = false;
        StepEvent event;
        event.state = StepEvent::State::kStarted;
        event.id = step_id_;
        event.name = step_name_;
        event.parsed = std::move(parsed);
        observer_.OnStep(event);
      }
    }
    if (text.find(" ---> Using cache") != std::string_view::npos) step_cached_ = true;
    if (at_line_start_ && text.starts_with("Successfully built ") && !step_id_.empty()) {
      EndClassicStep(step_cached_ ? StepEvent::State::kCached : StepEvent::State::kCompleted, "");
    }
  }
  at_line_start_ = text.back() == '\n';
  log.step_id = builder_ == BuilderKind::kClassic ? step_id_ : "";
  log.data = std::string(text);
  observer_.OnLog(log);
}

void BuildStreamDecoder::EndClassicStep(StepEvent::State state, const std::string& error) {
  if (step_id_.empty() || step_name_.empty()) return;
  StepEvent event;
  event.state = state;
  event.id = step_id_;
  event.name = step_name_;
  event.parsed = ParseStepName(step_name_);
  event.error = error;
  observer_.OnStep(event);
  step_name_.clear();  // Ended; the id stays so late log lines still belong to it.
}

Result<void> BuildStreamDecoder::HandleTrace(const StatusResponse& status) {
  for (const TraceVertex& v : status.vertexes) {
    VertexState& st = vertexes_[v.digest];
    if (!v.name.empty()) st.name = v.name;
    if (st.finished) continue;
    bool failed = !v.error.empty();
    if (!st.started && (v.started.present || v.completed.present || v.cached || failed)) {
      st.started = true;
      StepEvent event;
      event.state = StepEvent::State::kStarted;
      event.id = v.digest;
      event.name = st.name;
      event.parsed = ParseStepName(st.name);
      observer_.OnStep(event);
    }
    if (v.completed.present || failed) {
      st.finished = true;
      StepEvent event;
      event.state = failed     ? StepEvent::State::kFailed
                    : v.cached ? StepEvent::State::kCached
                               : StepEvent::State::kCompleted;
      event.id = v.digest;
      event.name = st.name;
      event.parsed = ParseStepName(st.name);
      event.error = v.error;
      if (failed) {
        st.error = v.error;
        last_failed_vertex_ = v.digest;
      }
      observer_.OnStep(event);
    }
  }
  for (const TraceLog& l : status.logs) {
    LogEvent log;
    log.step_id = l.vertex;
    log.stream = l.stream == 2 ? 2 : 1;
    log.data = l.msg;
    observer_.OnLog(log);
  }
  for (const TraceWarning& w : status.warnings) {
    observer_.OnWarning(WarningEvent{w.vertex, w.short_message});
  }
  return {};
}

void BuildStreamDecoder::HandleError(std::string message, std::optional<int> code) {
  if (failure_) return;  // The first error is the cause; later ones are its echoes.
  BuildFailure failure;
  failure.message = std::move(message);
  failure.exit_code = ExitCodeFromMessage(failure.message);
  if (builder_ == BuilderKind::kClassic) {
    if (!step_id_.empty() && !step_name_.empty()) {
      failure.step_id = step_id_;
      failure.step_name = step_name_;
      failure.step = ParseStepName(step_name_);
      // Classic puts a failed RUN's exit status in errorDetail.code.
      if (!failure.exit_code && code) failure.exit_code = code;
      EndClassicStep(StepEvent::State::kFailed, failure.message);
    }
  } else if (!last_failed_vertex_.empty()) {
    const VertexState& st = vertexes_[last_failed_vertex_];
    failure.step_id = last_failed_vertex_;
    failure.step_name = st.name;
    failure.step = ParseStepName(st.name);
    if (!failure.exit_code) failure.exit_code = ExitCodeFromMessage(st.error);
  }
  failure_ = std::move(failure);
}

Result<void> BuildStreamDecoder::Finish() {
  if (decode_error_) return *decode_error_;
  Result<void> split = splitter_.Finish();
  if (!split.ok()) return split;
  if (builder_ == BuilderKind::kClassic && !failure_ && !step_name_.empty()) {
    EndClassicStep(step_cached_ ? StepEvent::State::kCached : StepEvent::State::kCompleted, "");
  }
  return {};
}

}  // namespace drydock::engine
