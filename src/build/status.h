// The Status seam (ARCHITECTURE.md): what the scheduler reports while it runs, and the plain
// structs of its outcome. Printers (plain, tty, json: status_printers.h) and the per-target log
// files (log_files.h) implement it; tests record it.
#ifndef DRYDOCK_BUILD_STATUS_H_
#define DRYDOCK_BUILD_STATUS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "build/runner.h"

namespace drydock::build {

enum class TargetResult { kBuilt, kUpToDate, kFailed, kSkipped };

// "built", "up to date", "failed", "skipped": the summary's words.
std::string_view TargetResultName(TargetResult result);
// "built", "up-to-date", "failed", "skipped": the json events' words.
std::string_view TargetResultJsonName(TargetResult result);

// How one target ended.
struct TargetReport {
  std::string target;
  TargetResult result = TargetResult::kSkipped;
  double seconds = 0;     // From start to finish; 0 when it never started.
  std::string image_id;   // built / up to date.
  int64_t size = -1;      // Bytes, when known.
  // skipped: why ("parent base failed", "interrupted", "cancelled"); failed: the message.
  std::string reason;
  RunResult run;                    // The runner's answer, when it ran.
  std::vector<std::string> log_tail;  // Its last log lines (at most kLogTailLines).
  std::string log_path;             // Where its full log is, when logs are kept.
};

inline constexpr size_t kLogTailLines = 30;

struct BuildSummary {
  std::vector<TargetReport> targets;  // In schedule (plan) order.
  double seconds = 0;
  bool interrupted = false;  // The interrupt token fired.
  bool engine_lost = false;  // A runner reported kEngineLost.
  std::string engine_error;  // Its message.
  int Count(TargetResult result) const;
};

// Called from the scheduler's and the builds' threads at once: implementations serialise.
class Status {
 public:
  virtual ~Status() = default;
  virtual void Queued(const std::string& target) {}
  virtual void Started(const std::string& target) {}
  virtual void Step(const std::string& target, const StepInfo& step) {}
  virtual void Log(const std::string& target, std::string_view bytes) {}
  virtual void Upload(const std::string& target, uint64_t sent, uint64_t total) {}
  virtual void Finished(const TargetReport& report) {}
  // Once, at the end, after every Finished.
  virtual void Summary(const BuildSummary& summary) {}
};

// Forwards every call to each of several Statuses, in order (a printer and the log files).
class TeeStatus final : public Status {
 public:
  explicit TeeStatus(std::vector<Status*> sinks) : sinks_(std::move(sinks)) {}
  void Queued(const std::string& target) override;
  void Started(const std::string& target) override;
  void Step(const std::string& target, const StepInfo& step) override;
  void Log(const std::string& target, std::string_view bytes) override;
  void Upload(const std::string& target, uint64_t sent, uint64_t total) override;
  void Finished(const TargetReport& report) override;
  void Summary(const BuildSummary& summary) override;

 private:
  std::vector<Status*> sinks_;
};

}  // namespace drydock::build

#endif  // DRYDOCK_BUILD_STATUS_H_
