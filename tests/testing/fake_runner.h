// A scripted Runner for scheduler and printer tests: per target an outcome, steps, log output
// and a duration (added to a ManualClock when the build returns), optionally blocking until
// the test releases it or the build is cancelled. Tests synchronise through WaitStarted and
// Release, never through sleeps.
#ifndef DRYDOCK_TESTS_TESTING_FAKE_RUNNER_H_
#define DRYDOCK_TESTS_TESTING_FAKE_RUNNER_H_

#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "build/runner.h"
#include "build/scheduler.h"

namespace drydock::testing {

// A clock that moves only when told.
class ManualClock final : public build::Clock {
 public:
  double Now() override;
  void Advance(double seconds);

 private:
  std::mutex mu_;
  double now_ = 0;
};

struct FakeBuild {
  build::RunResult::Status status = build::RunResult::Status::kBuilt;
  std::string image_id;  // Default: "sha256:" + the target name repeated to 64 characters.
  int64_t size = 1000;
  double seconds = 0;    // Added to the clock when the build returns.
  std::vector<std::string> steps;  // Reported as started then done, in order.
  std::string log;                 // Reported after the steps, in one piece.
  std::string message;             // For kFailed / kEngineLost.
  std::string failing_step;
  std::string step_location;
  std::optional<int> exit_code;
  bool block = false;  // Wait for Release (or cancellation: then kCancelled) before returning.
};

class FakeRunner final : public build::Runner {
 public:
  explicit FakeRunner(ManualClock* clock = nullptr) : clock_(clock) {}

  // Unscripted targets build successfully at once.
  void Script(const std::string& target, FakeBuild build);

  build::RunResult Run(const build::BuildJob& job, build::RunObserver& observer,
                       build::CancelToken& cancel) override;

  // Blocks the test until `target`'s build has started (Run entered).
  void WaitStarted(const std::string& target);
  // Blocks until `count` builds are running at once (entered and not returned).
  void WaitRunning(int count);
  // Lets a blocked build return its scripted outcome.
  void Release(const std::string& target);

  std::vector<std::string> started() const;  // In order.
  std::vector<build::BuildJob> jobs() const;  // In start order.
  int max_concurrent() const;
  int cancelled_count() const;

  static std::string DefaultImageId(const std::string& target);

 private:
  ManualClock* clock_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, FakeBuild> scripts_;
  std::set<std::string> released_;
  std::vector<std::string> started_;
  std::vector<build::BuildJob> jobs_;
  int running_ = 0;
  int max_running_ = 0;
  int cancelled_ = 0;
};

}  // namespace drydock::testing

#endif  // DRYDOCK_TESTS_TESTING_FAKE_RUNNER_H_
