#include "testing/fake_runner.h"

#include <algorithm>

namespace drydock::testing {

double ManualClock::Now() {
  std::lock_guard<std::mutex> lock(mu_);
  return now_;
}

void ManualClock::Advance(double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  now_ += seconds;
}

std::string FakeRunner::DefaultImageId(const std::string& target) {
  std::string hex;
  while (hex.size() < 64) hex += target;
  return "sha256:" + hex.substr(0, 64);
}

void FakeRunner::Script(const std::string& target, FakeBuild build) {
  std::lock_guard<std::mutex> lock(mu_);
  scripts_[target] = std::move(build);
}

build::RunResult FakeRunner::Run(const build::BuildJob& job, build::RunObserver& observer,
                                 build::CancelToken& cancel) {
  FakeBuild script;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = scripts_.find(job.target); it != scripts_.end()) script = it->second;
    started_.push_back(job.target);
    jobs_.push_back(job);
    ++running_;
    max_running_ = std::max(max_running_, running_);
    cv_.notify_all();
  }
  for (size_t i = 0; i < script.steps.size(); ++i) {
    build::StepInfo step;
    step.id = "step-" + std::to_string(i + 1);
    step.name = script.steps[i];
    observer.OnStep(step);
    bool last_fails = script.status == build::RunResult::Status::kFailed &&
                      i + 1 == script.steps.size();
    step.state = last_fails ? build::StepInfo::State::kFailed : build::StepInfo::State::kDone;
    if (!last_fails) observer.OnStep(step);
  }
  if (!script.log.empty()) observer.OnLog(script.log);
  bool was_cancelled = false;
  if (script.block) {
    build::CancelCallback wake(cancel, [this] {
      std::lock_guard<std::mutex> lock(mu_);
      cv_.notify_all();
    });
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return released_.count(job.target) > 0 || cancel.cancelled(); });
    was_cancelled = released_.count(job.target) == 0;
  }
  if (clock_ != nullptr) clock_->Advance(script.seconds);
  build::RunResult result;
  {
    std::lock_guard<std::mutex> lock(mu_);
    --running_;
    if (was_cancelled) ++cancelled_;
  }
  if (was_cancelled) {
    result.status = build::RunResult::Status::kCancelled;
    return result;
  }
  result.status = script.status;
  if (script.status == build::RunResult::Status::kBuilt ||
      script.status == build::RunResult::Status::kUpToDate) {
    result.image_id = script.image_id.empty() ? DefaultImageId(job.target) : script.image_id;
    result.size = script.size;
  }
  result.message = script.message;
  result.failing_step = script.failing_step;
  result.step_location = script.step_location;
  result.exit_code = script.exit_code;
  return result;
}

void FakeRunner::WaitStarted(const std::string& target) {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] {
    return std::find(started_.begin(), started_.end(), target) != started_.end();
  });
}

void FakeRunner::WaitRunning(int count) {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return running_ >= count; });
}

void FakeRunner::Release(const std::string& target) {
  std::lock_guard<std::mutex> lock(mu_);
  released_.insert(target);
  cv_.notify_all();
}

std::vector<std::string> FakeRunner::started() const {
  std::lock_guard<std::mutex> lock(mu_);
  return started_;
}

std::vector<build::BuildJob> FakeRunner::jobs() const {
  std::lock_guard<std::mutex> lock(mu_);
  return jobs_;
}

int FakeRunner::max_concurrent() const {
  std::lock_guard<std::mutex> lock(mu_);
  return max_running_;
}

int FakeRunner::cancelled_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return cancelled_;
}

}  // namespace drydock::testing
