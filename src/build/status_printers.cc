#include "build/status_printers.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "build/json.h"

namespace drydock::build {

void FileOutput::Write(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), file_);
  std::fflush(file_);
}

std::string ShortImageId(const std::string& id) {
  std::string hex = id.rfind("sha256:", 0) == 0 ? id.substr(7) : id;
  return hex.substr(0, 12);
}

std::string HumanSize(int64_t bytes) {
  if (bytes < 0) return "-";
  static const char* kUnits[] = {"B", "kB", "MB", "GB", "TB"};
  double v = static_cast<double>(bytes);
  int unit = 0;
  while (v >= 1000 && unit < 4) {
    v /= 1000;
    ++unit;
  }
  if (unit == 0) return fmt::format("{}B", bytes);
  // Three significant digits, as docker's units.HumanSize ("%.4g" then trimmed).
  std::string digits = v >= 100 ? fmt::format("{:.0f}", v)
                       : v >= 10 ? fmt::format("{:.1f}", v)
                                 : fmt::format("{:.2f}", v);
  if (digits.find('.') != std::string::npos) {
    while (digits.back() == '0') digits.pop_back();
    if (digits.back() == '.') digits.pop_back();
  }
  return digits + kUnits[unit];
}

namespace {

std::string Seconds(double s) { return fmt::format("{:.1f}s", s); }

std::string ResultWord(const TargetReport& r) {
  std::string word(TargetResultName(r.result));
  if (r.result == TargetResult::kSkipped && !r.reason.empty()) word += " (" + r.reason + ")";
  return word;
}

// Splits each target's output into whole lines.
class LineSplitter {
 public:
  // Complete lines of `bytes` appended to what `target` had pending, without their newlines.
  std::vector<std::string> Add(const std::string& target, std::string_view bytes) {
    std::string& pending = pending_[target];
    std::vector<std::string> lines;
    for (char c : bytes) {
      if (c == '\n') {
        lines.push_back(std::move(pending));
        pending.clear();
      } else if (c != '\r') {
        pending += c;
      }
    }
    return lines;
  }
  // What is left of `target`'s last line, if anything.
  std::optional<std::string> Flush(const std::string& target) {
    auto it = pending_.find(target);
    if (it == pending_.end() || it->second.empty()) return std::nullopt;
    std::string rest = std::move(it->second);
    pending_.erase(it);
    return rest;
  }

 private:
  std::map<std::string, std::string> pending_;
};

std::string FinishedLine(const TargetReport& r) {
  switch (r.result) {
    case TargetResult::kBuilt:
      return fmt::format("built {} in {}", ShortImageId(r.image_id), Seconds(r.seconds));
    case TargetResult::kUpToDate:
      return fmt::format("up to date ({})", ShortImageId(r.image_id));
    case TargetResult::kFailed:
      return fmt::format("failed after {}: {}", Seconds(r.seconds), r.reason);
    case TargetResult::kSkipped:
      return ResultWord(r);
  }
  return "";
}

class PlainPrinter final : public Status {
 public:
  explicit PlainPrinter(Output& out) : out_(out) {}
  void Started(const std::string& target) override { Line(target, "started"); }
  void Step(const std::string& target, const StepInfo& step) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (!shown_steps_.insert(target + "\n" + step.id).second) return;
    if (step.state == StepInfo::State::kStarted || step.state == StepInfo::State::kCached) {
      WriteLocked(target, step.state == StepInfo::State::kCached ? "CACHED " + step.name : step.name);
    }
  }
  void Log(const std::string& target, std::string_view bytes) override {
    std::lock_guard<std::mutex> lock(mu_);
    for (const std::string& line : lines_.Add(target, bytes)) WriteLocked(target, line);
  }
  void Finished(const TargetReport& r) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto rest = lines_.Flush(r.target)) WriteLocked(r.target, *rest);
    WriteLocked(r.target, FinishedLine(r));
  }
  void Summary(const BuildSummary& summary) override {
    std::lock_guard<std::mutex> lock(mu_);
    std::string failures = FormatFailures(summary);
    out_.Write((failures.empty() ? "\n" : "\n" + failures) + FormatSummary(summary));
  }

 private:
  void Line(const std::string& target, const std::string& text) {
    std::lock_guard<std::mutex> lock(mu_);
    WriteLocked(target, text);
  }
  void WriteLocked(const std::string& target, const std::string& text) {
    out_.Write("[" + target + "] " + text + "\n");
  }
  Output& out_;
  std::mutex mu_;
  LineSplitter lines_;
  std::set<std::string> shown_steps_;
};

std::string StepStateName(StepInfo::State state) {
  switch (state) {
    case StepInfo::State::kStarted: return "started";
    case StepInfo::State::kDone: return "done";
    case StepInfo::State::kCached: return "cached";
    case StepInfo::State::kFailed: return "failed";
  }
  return "started";
}

// A target's outcome; with `event`, as that event (the "event" key first).
Json ReportJson(const TargetReport& r, const char* event = nullptr) {
  Json j = Json::object();
  if (event != nullptr) j["event"] = event;
  j["target"] = r.target;
  j["result"] = std::string(TargetResultJsonName(r.result));
  j["duration_ms"] = static_cast<int64_t>(std::llround(r.seconds * 1000));
  j["image_id"] = r.image_id;
  j["reason"] = r.reason;
  if (r.size >= 0) j["size"] = r.size;
  if (r.result == TargetResult::kFailed) {
    j["failing_step"] = r.run.failing_step;
    j["step_location"] = r.run.step_location;
    j["exit_code"] = r.run.exit_code ? Json(*r.run.exit_code) : Json();
    j["log_tail"] = r.log_tail;
    j["log_path"] = r.log_path;
  }
  return j;
}

class JsonPrinter final : public Status {
 public:
  explicit JsonPrinter(Output& out) : out_(out) {}
  void Queued(const std::string& target) override {
    Emit({{"event", "queued"}, {"target", target}});
  }
  void Started(const std::string& target) override {
    Emit({{"event", "started"}, {"target", target}});
  }
  void Step(const std::string& target, const StepInfo& step) override {
    Emit({{"event", "step"}, {"target", target}, {"name", step.name},
          {"state", StepStateName(step.state)}});
  }
  void Log(const std::string& target, std::string_view bytes) override {
    std::lock_guard<std::mutex> lock(mu_);
    for (const std::string& line : lines_.Add(target, bytes)) {
      EmitLocked({{"event", "log"}, {"target", target}, {"text", line}});
    }
  }
  void Finished(const TargetReport& r) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto rest = lines_.Flush(r.target)) {
      EmitLocked({{"event", "log"}, {"target", r.target}, {"text", *rest}});
    }
    EmitLocked(ReportJson(r, "finished"));
  }
  void Summary(const BuildSummary& s) override {
    Json targets = Json::array();
    for (const TargetReport& r : s.targets) targets.push_back(ReportJson(r));
    Emit({{"event", "summary"},
          {"targets", targets},
          {"built", s.Count(TargetResult::kBuilt)},
          {"up_to_date", s.Count(TargetResult::kUpToDate)},
          {"failed", s.Count(TargetResult::kFailed)},
          {"skipped", s.Count(TargetResult::kSkipped)},
          {"duration_ms", static_cast<int64_t>(std::llround(s.seconds * 1000))},
          {"interrupted", s.interrupted},
          {"engine_lost", s.engine_lost}});
  }

 private:
  void Emit(const Json& j) {
    std::lock_guard<std::mutex> lock(mu_);
    EmitLocked(j);
  }
  void EmitLocked(const Json& j) {
    // Invalid UTF-8 in build output is replaced, never a thrown exception.
    out_.Write(j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n");
  }
  Output& out_;
  std::mutex mu_;
  LineSplitter lines_;
};

class TtyPrinter final : public Status {
 public:
  TtyPrinter(Output& out, Clock& clock, int width)
      : out_(out), clock_(clock), width_(std::max(width, 40)) {
    ticker_ = std::thread([this] {
      std::unique_lock<std::mutex> lock(mu_);
      while (!stop_) {
        tick_.wait_for(lock, std::chrono::milliseconds(100));
        if (!stop_) RedrawLocked("");
      }
    });
  }
  ~TtyPrinter() override { StopTicker(); }

  void Started(const std::string& target) override {
    std::lock_guard<std::mutex> lock(mu_);
    running_.push_back({target, clock_.Now(), "starting", 0, 0});
    RedrawLocked("");
  }
  void Step(const std::string& target, const StepInfo& step) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (Running* r = Find(target); r && step.state == StepInfo::State::kStarted) {
      r->step = step.name;
      r->upload_total = 0;  // The upload is over once steps run.
    }
  }
  void Upload(const std::string& target, uint64_t sent, uint64_t total) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (Running* r = Find(target)) {
      r->upload_sent = sent;
      r->upload_total = sent < total ? total : 0;
    }
  }
  void Finished(const TargetReport& report) override {
    std::lock_guard<std::mutex> lock(mu_);
    running_.erase(std::remove_if(running_.begin(), running_.end(),
                                  [&](const Running& r) { return r.target == report.target; }),
                   running_.end());
    std::string mark = report.result == TargetResult::kFailed    ? "\x1b[31m✘\x1b[0m"
                       : report.result == TargetResult::kSkipped ? "\x1b[33m-\x1b[0m"
                                                                 : "\x1b[32m✔\x1b[0m";
    RedrawLocked(mark + " [" + report.target + "] " + FinishedLine(report) + "\n");
  }
  void Summary(const BuildSummary& summary) override {
    StopTicker();
    std::lock_guard<std::mutex> lock(mu_);
    running_.clear();
    RedrawLocked("");
    std::string failures = FormatFailures(summary);
    out_.Write((failures.empty() ? "\n" : "\n" + failures) + FormatSummary(summary));
  }

 private:
  struct Running {
    std::string target;
    double started;
    std::string step;
    uint64_t upload_sent;
    uint64_t upload_total;
  };
  Running* Find(const std::string& target) {
    for (Running& r : running_) {
      if (r.target == target) return &r;
    }
    return nullptr;
  }
  void StopTicker() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stop_) return;
      stop_ = true;
    }
    tick_.notify_all();
    ticker_.join();
  }
  // Erases the live lines, writes `scrolled` (finished targets) above, draws the live lines.
  void RedrawLocked(const std::string& scrolled) {
    std::string text;
    if (drawn_ > 0) text += fmt::format("\x1b[{}F\x1b[J", drawn_);
    text += scrolled;
    double now = clock_.Now();
    for (const Running& r : running_) {
      std::string line;
      std::string elapsed = Seconds(now - r.started);
      if (r.upload_total > 0) {
        int bar = 20;
        int filled = static_cast<int>(bar * r.upload_sent / r.upload_total);
        line = fmt::format("[{}] sending context [{}{}] {}/{}", r.target, std::string(filled, '#'),
                           std::string(bar - filled, '.'), HumanSize(r.upload_sent),
                           HumanSize(r.upload_total));
      } else {
        line = "[" + r.target + "] " + r.step;
      }
      size_t room = static_cast<size_t>(width_) - elapsed.size() - 2;
      if (line.size() > room) line = line.substr(0, room - 1) + "…";
      text += line + std::string(room - std::min(room, Columns(line)), ' ') + "  " + elapsed + "\n";
    }
    drawn_ = static_cast<int>(running_.size());
    out_.Write(text);
  }
  static size_t Columns(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xc0) != 0x80 ? 1 : 0;
    return n;
  }

  Output& out_;
  Clock& clock_;
  int width_;
  std::mutex mu_;
  std::condition_variable tick_;
  bool stop_ = false;
  std::thread ticker_;
  std::vector<Running> running_;
  int drawn_ = 0;
};

}  // namespace

std::unique_ptr<Status> MakePlainPrinter(Output& out) { return std::make_unique<PlainPrinter>(out); }
std::unique_ptr<Status> MakeJsonPrinter(Output& out) { return std::make_unique<JsonPrinter>(out); }
std::unique_ptr<Status> MakeTtyPrinter(Output& out, Clock& clock, int width) {
  return std::make_unique<TtyPrinter>(out, clock, width);
}

std::string FormatFailures(const BuildSummary& summary) {
  std::string out;
  for (const TargetReport& r : summary.targets) {
    if (r.result != TargetResult::kFailed) continue;
    out += fmt::format("error: {} failed", r.target);
    if (!r.run.failing_step.empty()) {
      out += fmt::format(" at {}", r.run.failing_step);
      if (!r.run.step_location.empty()) out += fmt::format(" ({})", r.run.step_location);
    }
    out += "\n";
    if (r.run.exit_code) out += fmt::format("  exit code: {}\n", *r.run.exit_code);
    if (!r.reason.empty()) out += fmt::format("  {}\n", r.reason);
    if (!r.log_tail.empty()) {
      out += fmt::format("  last {} log lines:\n", r.log_tail.size());
      for (const std::string& line : r.log_tail) out += "    " + line + "\n";
    }
    if (!r.log_path.empty()) out += fmt::format("  full log: {}\n", r.log_path);
    out += "\n";
  }
  return out;
}

std::string FormatSummary(const BuildSummary& summary) {
  std::vector<std::vector<std::string>> rows = {{"TARGET", "RESULT", "DURATION", "IMAGE", "SIZE"}};
  for (const TargetReport& r : summary.targets) {
    bool has_image = !r.image_id.empty();
    bool ran = r.result == TargetResult::kBuilt || r.result == TargetResult::kUpToDate ||
               r.result == TargetResult::kFailed;
    rows.push_back({r.target, ResultWord(r), ran ? Seconds(r.seconds) : "-",
                    has_image ? ShortImageId(r.image_id) : "-",
                    has_image ? HumanSize(r.size) : "-"});
  }
  std::vector<size_t> widths(5, 0);
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - row[i].size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  out += fmt::format("{} built, {} up to date, {} failed, {} skipped in {}\n",
                     summary.Count(TargetResult::kBuilt), summary.Count(TargetResult::kUpToDate),
                     summary.Count(TargetResult::kFailed), summary.Count(TargetResult::kSkipped),
                     Seconds(summary.seconds));
  if (summary.interrupted) out += "interrupted\n";
  if (summary.engine_lost) out += "error: lost the engine: " + summary.engine_error + "\n";
  return out;
}

}  // namespace drydock::build
