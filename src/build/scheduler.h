// The scheduler: runs a schedule of targets through a Runner, at most `jobs` at a time, each
// only after all its parents have finished with a known image ID, ready targets by longest
// remaining critical path. Failures either stop new starts (optionally cancelling the running
// builds) or, with keep_going, only skip what depends on them.
#ifndef DRYDOCK_BUILD_SCHEDULER_H_
#define DRYDOCK_BUILD_SCHEDULER_H_

#include <string>
#include <vector>

#include "build/cancel_token.h"
#include "build/runner.h"
#include "build/status.h"
#include "graph/build_graph.h"
#include "graph/plan.h"

namespace drydock::build {

// One target to build. Parents are indices into the same schedule and come before it.
struct ScheduleTarget {
  std::string name;
  std::vector<size_t> parents;
  double priority = 0;  // Larger starts first among ready targets (the remaining critical path).
};

// The plan's needed targets in plan order, with their parents among them and their
// remaining-critical-path cost as priority.
std::vector<ScheduleTarget> ScheduleFromPlan(const graph::BuildGraph& graph,
                                             const graph::Plan& plan);

enum class FailFast {
  kStop,    // The first failure stops new starts; running builds finish.
  kCancel,  // ... and the running builds are cancelled.
};

struct SchedulerOptions {
  int jobs = 1;             // Concurrent builds, at least 1.
  bool keep_going = false;  // Failures skip only their dependents.
  FailFast fail_fast = FailFast::kStop;
  // When set, each report's log_path is `<log_dir>/<target>.log` (the scheduler writes
  // nothing; LogFiles does).
  std::string log_dir;
};

// Seconds on a monotonic clock; tests substitute a manual one.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual double Now() = 0;
};

class SteadyClock final : public Clock {
 public:
  double Now() override;
};

// Runs the schedule to the end and returns what happened to every target (in schedule
// order); `status` sees Queued for all, then Started/Step/Log/Upload/Finished as they happen,
// then Summary. `interrupt` firing cancels every running build and starts nothing more
// (summary.interrupted). A kEngineLost result does the same (summary.engine_lost).
BuildSummary RunSchedule(const std::vector<ScheduleTarget>& targets,
                         const SchedulerOptions& options, Runner& runner, Status& status,
                         Clock& clock, CancelToken& interrupt);

}  // namespace drydock::build

#endif  // DRYDOCK_BUILD_SCHEDULER_H_
