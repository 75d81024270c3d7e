#include "testing/recording_observer.h"

#include <cstdio>

namespace drydock::testing {

std::string ShortId(const std::string& id) {
  if (id.starts_with("sha256:") && id.size() >= 19) return id.substr(7, 12);
  return id;
}

std::string Quote(const std::string& bytes) {
  std::string out = "\"";
  for (unsigned char c : bytes) {
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out + "\"";
}

namespace {

const char* StateName(engine::StepEvent::State s) {
  switch (s) {
    case engine::StepEvent::State::kStarted: return "started";
    case engine::StepEvent::State::kCompleted: return "completed";
    case engine::StepEvent::State::kCached: return "cached";
    case engine::StepEvent::State::kFailed: return "failed";
  }
  return "?";
}

}  // namespace

void RecordingObserver::OnUploadProgress(uint64_t bytes_sent) {
  std::lock_guard<std::mutex> lock(mu_);
  last_upload_ = bytes_sent;
  if (record_upload_) text_ += "upload " + std::to_string(bytes_sent) + "\n";
}

void RecordingObserver::OnStep(const engine::StepEvent& e) {
  std::lock_guard<std::mutex> lock(mu_);
  text_ += std::string("step ") + StateName(e.state) + " " + ShortId(e.id) + " " + e.name;
  if (!e.parsed.internal) {
    text_ += " (stage=" + e.parsed.stage + " index=" + std::to_string(e.parsed.index) +
             " total=" + std::to_string(e.parsed.total) + ")";
  }
  if (!e.error.empty()) text_ += " error=" + Quote(e.error);
  text_ += "\n";
}

void RecordingObserver::OnLog(const engine::LogEvent& e) {
  std::lock_guard<std::mutex> lock(mu_);
  text_ += "log " + (e.step_id.empty() ? std::string("-") : ShortId(e.step_id)) + " " +
           std::to_string(e.stream) + " " + Quote(e.data) + "\n";
}

void RecordingObserver::OnWarning(const engine::WarningEvent& e) {
  std::lock_guard<std::mutex> lock(mu_);
  text_ += "warning " + ShortId(e.step_id) + " " + Quote(e.message) + "\n";
}

std::string RecordingObserver::Text() const {
  std::lock_guard<std::mutex> lock(mu_);
  return text_;
}

uint64_t RecordingObserver::last_upload() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_upload_;
}

}  // namespace drydock::testing
