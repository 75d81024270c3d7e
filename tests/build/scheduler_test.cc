#include "build/scheduler.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "testing/fake_runner.h"

namespace drydock::build {
namespace {

using testing::FakeBuild;
using testing::FakeRunner;
using testing::ManualClock;

// Writes every Status call as a line.
class RecordingStatus final : public Status {
 public:
  void Queued(const std::string& t) override { Add("queued " + t); }
  void Started(const std::string& t) override { Add("started " + t); }
  void Step(const std::string& t, const StepInfo& s) override {
    Add("step " + t + " " + s.name + (s.state == StepInfo::State::kStarted ? "" : " (end)"));
  }
  void Log(const std::string& t, std::string_view bytes) override {
    Add("log " + t + " " + std::string(bytes));
  }
  void Finished(const TargetReport& r) override {
    Add("finished " + r.target + " " + std::string(TargetResultName(r.result)) +
        (r.reason.empty() ? "" : " (" + r.reason + ")"));
  }
  void Summary(const BuildSummary& s) override { Add("summary"); }
  std::string Text() {
    std::lock_guard<std::mutex> lock(mu_);
    return text_;
  }
  // Blocks until `line` has been recorded.
  void WaitFor(const std::string& line) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return text_.find(line + "\n") != std::string::npos; });
  }

 private:
  void Add(const std::string& line) {
    std::lock_guard<std::mutex> lock(mu_);
    text_ += line + "\n";
    cv_.notify_all();
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::string text_;
};

ScheduleTarget T(std::string name, std::vector<size_t> parents, double priority = 1) {
  return ScheduleTarget{std::move(name), std::move(parents), priority};
}

FakeBuild Blocked() {
  FakeBuild b;
  b.block = true;
  return b;
}

FakeBuild Fails(std::string message, RunResult::Status status = RunResult::Status::kFailed) {
  FakeBuild b;
  b.status = status;
  b.message = std::move(message);
  return b;
}

FakeBuild Image(std::string id) {
  FakeBuild b;
  b.image_id = std::move(id);
  return b;
}

// "a built, b skipped (parent a failed)" for the whole summary.
std::string Results(const BuildSummary& summary) {
  std::string out;
  for (const TargetReport& r : summary.targets) {
    if (!out.empty()) out += ", ";
    out += r.target + " " + std::string(TargetResultName(r.result));
    if (!r.reason.empty()) out += " (" + r.reason + ")";
  }
  return out;
}

struct Fixture {
  ManualClock clock;
  FakeRunner runner{&clock};
  RecordingStatus status;
  CancelToken interrupt;
  SchedulerOptions options;

  BuildSummary Run(const std::vector<ScheduleTarget>& targets) {
    return RunSchedule(targets, options, runner, status, clock, interrupt);
  }
};

TEST(SchedulerTest, ParentsFinishBeforeChildrenStartAndPassTheirImageIds) {
  Fixture f;
  f.options.jobs = 4;
  // base → mid → leaf, base → other; mid and other both feed leaf.
  std::vector<ScheduleTarget> targets = {T("base", {}), T("mid", {0}), T("other", {0}),
                                         T("leaf", {1, 2})};
  f.runner.Script("base", Image("sha256:b"));
  f.runner.Script("mid", Image("sha256:m"));
  f.runner.Script("other", Image("sha256:o"));
  BuildSummary summary = f.Run(targets);
  EXPECT_EQ(Results(summary), "base built, mid built, other built, leaf built");
  std::vector<BuildJob> jobs = f.runner.jobs();
  ASSERT_EQ(jobs.size(), 4u);
  EXPECT_EQ(jobs[0].target, "base");
  EXPECT_EQ(jobs[3].target, "leaf");
  ASSERT_EQ(jobs[3].parents.size(), 2u);
  EXPECT_EQ(jobs[3].parents[0].target, "mid");
  EXPECT_EQ(jobs[3].parents[0].image_id, "sha256:m");
  EXPECT_EQ(jobs[3].parents[1].target, "other");
  EXPECT_EQ(jobs[3].parents[1].image_id, "sha256:o");
  EXPECT_EQ(summary.targets[0].image_id, "sha256:b");
  EXPECT_FALSE(summary.interrupted);
}

TEST(SchedulerTest, StatusSeesEveryEventInOrder) {
  Fixture f;
  FakeBuild a;
  a.seconds = 2;
  a.steps = {"[1/2] FROM x", "[2/2] RUN make"};
  a.log = "compiling\n";
  f.runner.Script("a", a);
  BuildSummary summary = f.Run({T("a", {}), T("b", {0})});
  EXPECT_EQ(f.status.Text(),
            "queued a\n"
            "queued b\n"
            "started a\n"
            "step a [1/2] FROM x\n"
            "step a [1/2] FROM x (end)\n"
            "step a [2/2] RUN make\n"
            "step a [2/2] RUN make (end)\n"
            "log a compiling\n\n"
            "finished a built\n"
            "started b\n"
            "finished b built\n"
            "summary\n");
  EXPECT_EQ(summary.targets[0].seconds, 2);
  EXPECT_EQ(summary.targets[1].seconds, 0);
  EXPECT_EQ(summary.seconds, 2);
  EXPECT_EQ(summary.targets[0].log_tail, (std::vector<std::string>{"compiling"}));
}

TEST(SchedulerTest, NeverRunsMoreThanJobsAtOnce) {
  Fixture f;
  f.options.jobs = 2;
  for (const char* name : {"a", "b", "c", "d"}) f.runner.Script(name, Blocked());
  std::vector<ScheduleTarget> targets = {T("a", {}, 4), T("b", {}, 3), T("c", {}, 2),
                                         T("d", {}, 1)};
  BuildSummary summary;
  std::thread run([&] { summary = f.Run(targets); });
  f.runner.WaitRunning(2);
  std::vector<std::string> first = f.runner.started();
  std::sort(first.begin(), first.end());
  EXPECT_EQ(first, (std::vector<std::string>{"a", "b"}));
  f.runner.Release("b");
  f.runner.WaitStarted("c");
  EXPECT_EQ(f.runner.started().size(), 3u);  // c, not d: the higher priority.
  f.runner.Release("a");
  f.runner.Release("c");
  f.runner.Release("d");
  run.join();
  EXPECT_EQ(f.runner.max_concurrent(), 2);
  EXPECT_EQ(summary.Count(TargetResult::kBuilt), 4);
}

TEST(SchedulerTest, ReadyTargetsStartByLongestRemainingCriticalPath) {
  Fixture f;
  f.options.jobs = 1;
  // Schedule order is by name; priorities say long2 (chain of 6) first, then mid, then short.
  std::vector<ScheduleTarget> targets = {T("long1", {}, 6), T("mid", {}, 3), T("short", {}, 1),
                                         T("long2", {0}, 5), T("zz", {}, 3)};
  f.Run(targets);
  // long1 (6) first; then long2 (5) is ready and beats mid (3); mid and zz tie: schedule order.
  EXPECT_EQ(f.runner.started(),
            (std::vector<std::string>{"long1", "long2", "mid", "zz", "short"}));
}

TEST(SchedulerTest, KeepGoingBuildsIndependentTargetsAndSkipsDependents) {
  Fixture f;
  f.options.keep_going = true;
  f.runner.Script("a", Fails("exit code: 1"));
  std::vector<ScheduleTarget> targets = {T("a", {}, 9), T("b", {0}), T("c", {}), T("d", {1}),
                                         T("e", {2})};
  BuildSummary summary = f.Run(targets);
  EXPECT_EQ(Results(summary),
            "a failed (exit code: 1), b skipped (parent a failed), c built, "
            "d skipped (parent a failed), e built");
  EXPECT_EQ(f.runner.started(), (std::vector<std::string>{"a", "c", "e"}));
}

TEST(SchedulerTest, WithoutKeepGoingTheFirstFailureStopsNewStartsAndLetsRunningFinish) {
  Fixture f;
  f.options.jobs = 2;
  f.runner.Script("a", Fails("boom"));
  f.runner.Script("b", Blocked());
  std::vector<ScheduleTarget> targets = {T("a", {}, 3), T("b", {}, 2), T("c", {}, 1)};
  BuildSummary summary;
  std::thread run([&] { summary = f.Run(targets); });
  f.status.WaitFor("finished a failed (boom)");  // The scheduler knows of the failure ...
  f.runner.Release("b");                          // ... before b frees its slot.
  run.join();
  EXPECT_EQ(Results(summary), "a failed (boom), b built, c skipped (not started (a failed))");
  EXPECT_EQ(f.runner.cancelled_count(), 0);
}

TEST(SchedulerTest, FailFastCancelCancelsRunningBuilds) {
  Fixture f;
  f.options.jobs = 2;
  f.options.fail_fast = FailFast::kCancel;
  f.runner.Script("b", Blocked());
  f.runner.Script("a", Fails("boom"));
  std::vector<ScheduleTarget> targets = {T("b", {}, 3), T("a", {}, 2), T("c", {1})};
  // Never released: only the cancellation lets b return.
  BuildSummary summary = f.Run(targets);
  EXPECT_EQ(Results(summary), "b skipped (cancelled (a failed)), a failed (boom), "
                              "c skipped (parent a failed)");
  EXPECT_EQ(f.runner.cancelled_count(), 1);
}

TEST(SchedulerTest, InterruptCancelsEverythingRunningAndStartsNothing) {
  Fixture f;
  f.options.jobs = 2;
  f.runner.Script("a", Blocked());
  f.runner.Script("b", Blocked());
  std::vector<ScheduleTarget> targets = {T("a", {}), T("b", {}), T("c", {0}), T("d", {})};
  BuildSummary summary;
  std::thread run([&] { summary = f.Run(targets); });
  f.runner.WaitRunning(2);
  f.interrupt.Cancel();
  run.join();
  EXPECT_TRUE(summary.interrupted);
  EXPECT_EQ(Results(summary), "a skipped (interrupted), b skipped (interrupted), "
                              "c skipped (interrupted), d skipped (interrupted)");
  EXPECT_EQ(f.runner.cancelled_count(), 2);
  std::vector<std::string> started = f.runner.started();
  std::sort(started.begin(), started.end());  // Both ran at once: either may enter first.
  EXPECT_EQ(started, (std::vector<std::string>{"a", "b"}));
}

TEST(SchedulerTest, EngineLostStopsTheRun) {
  Fixture f;
  f.options.jobs = 2;
  f.options.keep_going = true;  // Even with -k: without an engine nothing can go on.
  f.runner.Script("a", Blocked());
  f.runner.Script("b", Fails("engine unix:///x: connection reset",
                                 RunResult::Status::kEngineLost));
  std::vector<ScheduleTarget> targets = {T("a", {}, 2), T("b", {}, 1), T("c", {})};
  BuildSummary summary = f.Run(targets);
  EXPECT_TRUE(summary.engine_lost);
  EXPECT_EQ(summary.engine_error, "engine unix:///x: connection reset");
  EXPECT_EQ(Results(summary),
            "a skipped (cancelled (engine lost)), b failed (engine unix:///x: connection reset), "
            "c skipped (engine lost)");
}

TEST(SchedulerTest, LogPathsAndTailsAreKept) {
  Fixture f;
  f.options.log_dir = "/p/.drydock/logs";
  std::string log;
  for (int i = 1; i <= 40; ++i) log += "line " + std::to_string(i) + "\n";
  FakeBuild a = Fails("");
  a.log = log;
  f.runner.Script("a", a);
  BuildSummary summary = f.Run({T("a", {})});
  const TargetReport& r = summary.targets[0];
  EXPECT_EQ(r.log_path, "/p/.drydock/logs/a.log");
  ASSERT_EQ(r.log_tail.size(), 30u);
  EXPECT_EQ(r.log_tail.front(), "line 11");
  EXPECT_EQ(r.log_tail.back(), "line 40");
}

}  // namespace
}  // namespace drydock::build

namespace drydock::build {
namespace {

// base → fast, base → slow: the plan's remaining costs become priorities, and measured
// durations override x-drydock: cost.
TEST(ScheduleFromPlanTest, PrioritiesAreRemainingCriticalPathCostsWithMeasuredDurationsFirst) {
  MemoryFileSystem fs;
  project::Project p;
  p.name = "p";
  p.directory = "/p";
  auto add = [&](const std::string& name, const std::string& dockerfile, double cost) {
    fs.Write("/p/" + name + "/Dockerfile", dockerfile);
    project::Target t;
    t.name = name;
    t.context = "/p/" + name;
    t.dockerfile = "/p/" + name + "/Dockerfile";
    t.tags = {name + ":latest"};
    t.drydock.cost = cost;
    p.targets.push_back(t);
    p.default_targets.push_back(name);
  };
  add("base", "FROM debian\n", 2);
  add("fast", "FROM base:latest\n", 1);
  add("slow", "FROM base:latest\n", 5);
  SourceFileSet sources;
  DiagSink sink;
  Result<graph::BuildGraph> g = graph::BuildGraphFromProject(p, fs, sources, sink);
  ASSERT_TRUE(g.ok()) << g.error().message;

  graph::PlanOptions options;
  Result<graph::Plan> plan = graph::MakePlan(*g, options);
  ASSERT_TRUE(plan.ok());
  std::vector<ScheduleTarget> s = ScheduleFromPlan(*g, *plan);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].name, "base");
  EXPECT_EQ(s[0].priority, 7);
  EXPECT_EQ(s[1].name, "fast");
  EXPECT_EQ(s[1].parents, std::vector<size_t>{0});
  EXPECT_EQ(s[1].priority, 1);
  EXPECT_EQ(s[2].priority, 5);

  options.measured_costs = {{"fast", 30}, {"base", 10}};
  plan = graph::MakePlan(*g, options);
  ASSERT_TRUE(plan.ok());
  s = ScheduleFromPlan(*g, *plan);
  EXPECT_EQ(s[0].priority, 40);
  EXPECT_EQ(s[1].priority, 30);
  EXPECT_EQ(s[2].priority, 5);

  // One job: after base, fast (now the longer path) goes first.
  ManualClock clock;
  FakeRunner runner(&clock);
  RecordingStatus status;
  CancelToken interrupt;
  RunSchedule(s, SchedulerOptions{}, runner, status, clock, interrupt);
  EXPECT_EQ(runner.started(), (std::vector<std::string>{"base", "fast", "slow"}));
}

}  // namespace
}  // namespace drydock::build
