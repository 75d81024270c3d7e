#include "build/scheduler.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "base/check.h"

namespace drydock::build {

std::vector<ScheduleTarget> ScheduleFromPlan(const graph::BuildGraph& graph,
                                             const graph::Plan& plan) {
  std::vector<ScheduleTarget> out;
  std::vector<size_t> position(graph.nodes().size(), SIZE_MAX);
  for (size_t node : plan.needed) {
    position[node] = out.size();
    ScheduleTarget t;
    t.name = graph.nodes()[node].target->name;
    t.priority = plan.remaining[node];
    for (size_t parent : graph.nodes()[node].parents) {
      DD_CHECK(position[parent] != SIZE_MAX);  // Plan order puts parents first.
      t.parents.push_back(position[parent]);
    }
    out.push_back(std::move(t));
  }
  return out;
}

double SteadyClock::Now() {
  using std::chrono::duration;
  return duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

namespace {

// The last kLogTailLines complete lines of a build's output, plus the line being written.
class LogTail {
 public:
  void Add(std::string_view bytes) {
    for (char c : bytes) {
      if (c == '\n') {
        Push();
      } else if (c != '\r') {
        partial_ += c;
      }
    }
  }
  std::vector<std::string> Lines() {
    if (!partial_.empty()) Push();
    return std::vector<std::string>(lines_.begin(), lines_.end());
  }

 private:
  void Push() {
    lines_.push_back(std::move(partial_));
    partial_.clear();
    if (lines_.size() > kLogTailLines) lines_.erase(lines_.begin());
  }
  std::vector<std::string> lines_;
  std::string partial_;
};

enum class State { kWaiting, kRunning, kDone };

struct Slot {
  State state = State::kWaiting;
  double started = 0;
  std::unique_ptr<CancelToken> cancel;
  std::optional<RunResult> result;  // Set by the worker when it returns.
  TargetReport report;
  LogTail tail;
  std::mutex tail_mu;
};

// Forwards a runner's progress to the Status under the target's name and keeps its log tail.
class SlotObserver final : public RunObserver {
 public:
  SlotObserver(const std::string& target, Slot& slot, Status& status)
      : target_(target), slot_(slot), status_(status) {}
  void OnStep(const StepInfo& step) override { status_.Step(target_, step); }
  void OnLog(std::string_view bytes) override {
    {
      std::lock_guard<std::mutex> lock(slot_.tail_mu);
      slot_.tail.Add(bytes);
    }
    status_.Log(target_, bytes);
  }
  void OnUpload(uint64_t sent, uint64_t total) override { status_.Upload(target_, sent, total); }

 private:
  const std::string& target_;
  Slot& slot_;
  Status& status_;
};

class Scheduler {
 public:
  Scheduler(const std::vector<ScheduleTarget>& targets, const SchedulerOptions& options,
            Runner& runner, Status& status, Clock& clock, CancelToken& interrupt)
      : targets_(targets), options_(options), runner_(runner), status_(status), clock_(clock),
        interrupt_(interrupt), slots_(targets.size()) {}

  BuildSummary Run() {
    double begin = clock_.Now();
    for (size_t i = 0; i < targets_.size(); ++i) {
      slots_[i].report.target = targets_[i].name;
      if (!options_.log_dir.empty()) {
        slots_[i].report.log_path = options_.log_dir + "/" + targets_[i].name + ".log";
      }
      status_.Queued(targets_[i].name);
    }
    {
      // The interrupt's callback takes mu_; nothing here calls into `interrupt_` under mu_
      // except the lock-free cancelled().
      CancelCallback on_interrupt(interrupt_, [this] {
        std::lock_guard<std::mutex> lock(mu_);
        wake_.notify_all();
      });
      std::unique_lock<std::mutex> lock(mu_);
      for (;;) {
        CollectFinished();
        if (Stopping()) CancelRunningIfNeeded();
        PropagateSkips();
        if (!Stopping()) StartReady();
        if (running_ == 0 && !AnyStartable()) break;
        wake_.wait(lock);
      }
      SkipUnstarted();
    }
    for (std::thread& t : threads_) t.join();
    BuildSummary summary;
    summary.seconds = clock_.Now() - begin;
    summary.interrupted = interrupt_.cancelled();
    summary.engine_lost = engine_lost_;
    summary.engine_error = engine_error_;
    for (Slot& slot : slots_) summary.targets.push_back(std::move(slot.report));
    status_.Summary(summary);
    return summary;
  }

 private:
  bool Stopping() const {
    return interrupt_.cancelled() || engine_lost_ || (first_failure_ && !options_.keep_going);
  }

  bool Succeeded(size_t i) const {
    return slots_[i].state == State::kDone && (slots_[i].report.result == TargetResult::kBuilt ||
                                              slots_[i].report.result == TargetResult::kUpToDate);
  }

  bool Ready(size_t i) const {
    if (slots_[i].state != State::kWaiting) return false;
    for (size_t p : targets_[i].parents) {
      if (!Succeeded(p)) return false;
    }
    return true;
  }

  bool AnyStartable() const {
    if (Stopping()) return false;
    for (size_t i = 0; i < slots_.size(); ++i) {
      if (Ready(i)) return true;
    }
    return false;
  }

  void StartReady() {
    while (running_ < std::max(options_.jobs, 1)) {
      std::optional<size_t> best;
      for (size_t i = 0; i < slots_.size(); ++i) {
        if (!Ready(i)) continue;
        // Ties go to schedule (plan) order: deterministic.
        if (!best || targets_[i].priority > targets_[*best].priority) best = i;
      }
      if (!best) return;
      Start(*best);
    }
  }

  void Start(size_t i) {
    Slot& slot = slots_[i];
    slot.state = State::kRunning;
    slot.started = clock_.Now();
    slot.cancel = std::make_unique<CancelToken>();
    ++running_;
    BuildJob job;
    job.index = i;
    job.target = targets_[i].name;
    for (size_t p : targets_[i].parents) {
      job.parents.push_back({targets_[p].name, slots_[p].report.image_id});
    }
    status_.Started(targets_[i].name);
    threads_.emplace_back([this, i, job = std::move(job)] {
      Slot& s = slots_[i];
      SlotObserver observer(targets_[i].name, s, status_);
      RunResult result = runner_.Run(job, observer, *s.cancel);
      std::lock_guard<std::mutex> lock(mu_);
      s.result = std::move(result);
      wake_.notify_all();
    });
  }

  // Turns the results workers have handed back into reports, in schedule order.
  void CollectFinished() {
    for (size_t i = 0; i < slots_.size(); ++i) {
      Slot& slot = slots_[i];
      if (slot.state != State::kRunning || !slot.result) continue;
      slot.state = State::kDone;
      --running_;
      TargetReport& r = slot.report;
      r.seconds = clock_.Now() - slot.started;
      r.run = *slot.result;
      {
        std::lock_guard<std::mutex> lock(slot.tail_mu);
        r.log_tail = slot.tail.Lines();
      }
      switch (r.run.status) {
        case RunResult::Status::kBuilt:
        case RunResult::Status::kUpToDate:
          r.result = r.run.status == RunResult::Status::kBuilt ? TargetResult::kBuilt
                                                               : TargetResult::kUpToDate;
          r.image_id = r.run.image_id;
          r.size = r.run.size;
          break;
        case RunResult::Status::kFailed:
          r.result = TargetResult::kFailed;
          r.reason = r.run.message;
          if (!first_failure_) first_failure_ = i;
          break;
        case RunResult::Status::kCancelled:
          r.result = TargetResult::kSkipped;
          r.reason = interrupt_.cancelled() ? "interrupted"
                     : engine_lost_         ? "cancelled (engine lost)"
                     : first_failure_       ? "cancelled (" + targets_[*first_failure_].name + " failed)"
                                            : "cancelled";
          break;
        case RunResult::Status::kEngineLost:
          r.result = TargetResult::kFailed;
          r.reason = r.run.message;
          if (!engine_lost_) engine_error_ = r.run.message;
          engine_lost_ = true;
          break;
      }
      status_.Finished(r);
    }
  }

  void CancelRunningIfNeeded() {
    bool cancel = interrupt_.cancelled() || engine_lost_ ||
                  (first_failure_ && !options_.keep_going &&
                   options_.fail_fast == FailFast::kCancel);
    if (!cancel) return;
    for (Slot& slot : slots_) {
      if (slot.state == State::kRunning && !slot.result) slot.cancel->Cancel();
    }
  }

  // Dependents of a failed or skipped target are skipped now, with the failure as the reason,
  // so they are never built on whatever image a previous run left under the parent's tag.
  void PropagateSkips() {
    for (size_t i = 0; i < slots_.size(); ++i) {
      Slot& slot = slots_[i];
      if (slot.state != State::kWaiting) continue;
      for (size_t p : targets_[i].parents) {
        const Slot& parent = slots_[p];
        if (parent.state != State::kDone || Succeeded(p)) continue;
        slot.state = State::kDone;
        slot.report.result = TargetResult::kSkipped;
        slot.report.reason = parent.report.result == TargetResult::kFailed
                                 ? "parent " + targets_[p].name + " failed"
                                 : parent.report.reason;
        status_.Finished(slot.report);
        break;
      }
    }
  }

  void SkipUnstarted() {
    for (size_t i = 0; i < slots_.size(); ++i) {
      Slot& slot = slots_[i];
      if (slot.state != State::kWaiting) continue;
      slot.state = State::kDone;
      slot.report.result = TargetResult::kSkipped;
      slot.report.reason = interrupt_.cancelled() ? "interrupted"
                           : engine_lost_         ? "engine lost"
                           : first_failure_ ? "not started (" + targets_[*first_failure_].name + " failed)"
                                            : "not started";
      status_.Finished(slot.report);
    }
  }

  const std::vector<ScheduleTarget>& targets_;
  const SchedulerOptions& options_;
  Runner& runner_;
  Status& status_;
  Clock& clock_;
  CancelToken& interrupt_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::vector<Slot> slots_;
  std::vector<std::thread> threads_;
  int running_ = 0;
  std::optional<size_t> first_failure_;
  bool engine_lost_ = false;
  std::string engine_error_;
};

}  // namespace

BuildSummary RunSchedule(const std::vector<ScheduleTarget>& targets,
                         const SchedulerOptions& options, Runner& runner, Status& status,
                         Clock& clock, CancelToken& interrupt) {
  Scheduler scheduler(targets, options, runner, status, clock, interrupt);
  return scheduler.Run();
}

}  // namespace drydock::build
