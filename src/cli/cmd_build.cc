// `drydock build [-f FILE]... [TARGET|GROUP...] [-j N] [-k] [--fail-fast=stop|cancel] [--force]
// [--progress=auto|tty|plain|json] [--builder=auto|buildkit|classic]`: load the project and plan
// as `drydock plan` → connect to the engine → run the schedule through the EngineRunner →
// keep durations and file hashes in .drydock/ → summary and exit status.
#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "build/engine_runner.h"
#include "build/hash_cache.h"
#include "build/log_files.h"
#include "build/scheduler.h"
#include "build/status_printers.h"
#include "cli/build_check.h"
#include "cli/commands.h"
#include "cli/inspect_engine.h"
#include "cli/process_env.h"
#include "cli/project_setup.h"
#include "engine/client.h"
#include "engine/curl_transport.h"
#include "engine/endpoint.h"
#include "graph/plan.h"
#include "image/layer.h"

namespace drydock::cli {

namespace {

// SIGINT/SIGTERM are blocked in every thread and taken by one thread with sigwait, which
// cancels the build (closing every build connection); a second signal ends the process at
// once. Blocking must happen before any other thread starts (libcurl may start resolvers).
build::CancelToken& InterruptOnSignals() {
  static build::CancelToken* token = new build::CancelToken();  // Outlives the detached thread.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread([set] {
    int sig = 0;
    sigwait(&set, &sig);
    token->Cancel();
    sigwait(&set, &sig);
    std::_Exit(130);
  }).detach();
  return *token;
}

int TerminalWidth() {
  struct winsize ws;
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

std::string ReadOr(const FileSystem& fs, const std::string& path) {
  Result<std::string> text = fs.ReadFile(path);
  return text.ok() ? *text : "";
}

}  // namespace

ExitStatus RunBuild(const Invocation& invocation) {
  CLI::App app("Build a project's images through the Docker engine, in dependency order, "
               "in parallel, skipping what did not change.",
               invocation.program);
  ProjectFlags flags;
  int jobs = 0;
  bool keep_going = false;
  bool force = false;
  std::string fail_fast = "stop";
  std::string progress = "auto";
  std::string builder = "auto";
  bool check = false;
  AddProjectFlags(app, flags, "targets or groups to build (default: the project's defaults)");
  app.add_option("-j,--jobs", jobs, "concurrent builds (default: the engine's CPU count)")->check(CLI::PositiveNumber);
  app.add_flag("-k,--keep-going", keep_going, "go on past failures; skip only what depends on them");
  app.add_option("--fail-fast", fail_fast, "without -k, on the first failure: stop (let running builds finish) or cancel")->check(CLI::IsMember({"stop", "cancel"}));
  app.add_flag("--force", force, "build even targets whose image is up to date");
  app.add_option("--progress", progress, "auto, tty, plain or json")->check(CLI::IsMember({"auto", "tty", "plain", "json"}));
  app.add_option("--builder", builder, "auto, buildkit or classic")->check(CLI::IsMember({"auto", "buildkit", "classic"}));
  app.add_flag("--check", check, "run drydock check on each built image; errors fail the target "
               "(a target's x-drydock.check overrides)");
  std::vector<std::string> args(invocation.args.rbegin(), invocation.args.rend());
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? ExitStatus::kOk : ExitStatus::kUsage;
  }
  build::CancelToken& interrupt = InterruptOnSignals();

  // 1. The project, its graph and the plan, exactly as `drydock plan` sees them.
  LoadedProject loaded;
  if (std::optional<ExitStatus> failed = LoadProjectGraph(flags, loaded)) return *failed;
  const std::string cwd = flags.options.working_dir;
  const std::string state_dir = JoinPath(DirName(loaded.project->files.front()), ".drydock");
  std::map<std::string, double> durations =
      build::ParseDurations(ReadOr(loaded.fs, state_dir + "/durations.json"));
  graph::PlanOptions plan_options;
  plan_options.wanted = flags.wanted;
  plan_options.measured_costs = durations;
  Result<graph::Plan> plan = graph::MakePlan(*loaded.graph, plan_options);
  if (!plan.ok()) {
    fmt::print(stderr, "drydock: error: {}\n", plan.error().message);
    return ExitStatus::kUsage;
  }

  // 2. The engine.
  Result<engine::EngineEndpoint> endpoint = engine::ResolveEngineEndpoint(ProcessEnvironment(), loaded.fs);
  if (!endpoint.ok()) {
    fmt::print(stderr, "drydock: error: {}\n", endpoint.error().message);
    return ExitStatus::kFailure;
  }
  Result<std::unique_ptr<engine::Client>> client =
      engine::Client::Connect(engine::MakeCurlTransport(*endpoint));
  if (!client.ok()) {
    fmt::print(stderr, "drydock: error: {}\n", client.error().message);
    return ExitStatus::kFailure;
  }
  if (jobs <= 0) jobs = std::max(1, build::EngineCpuCount(**client));

  // 3. Run the schedule.
  build::HashCache hash_cache;
  hash_cache.Load(ReadOr(loaded.fs, state_dir + "/hash-cache.json"));
  std::vector<build::ScheduleTarget> schedule = build::ScheduleFromPlan(*loaded.graph, *plan);
  build::EngineRunnerOptions runner_options;
  runner_options.builder = *engine::ParseBuilderChoice(builder);
  runner_options.force = force;
  runner_options.state_dir = state_dir;
  if (const char* network = std::getenv("DRYDOCK_BUILD_NETWORK")) runner_options.network_mode = network;
  build::EngineRunner engine_runner(**client, *loaded.graph, plan->needed, loaded.fs, hash_cache, runner_options);
  CheckingRunner runner(engine_runner, *loaded.graph, plan->needed, check, [](const std::string& id) {
    return ReadImageFromEngine(id, image::PythonEnvironmentOptions());
  });

  build::FileOutput out(stdout);
  build::SteadyClock clock;
  if (progress == "auto") progress = ::isatty(STDOUT_FILENO) ? "tty" : "plain";
  std::unique_ptr<build::Status> printer =
      progress == "json"  ? build::MakeJsonPrinter(out)
      : progress == "tty" ? build::MakeTtyPrinter(out, clock, TerminalWidth())
                          : build::MakePlainPrinter(out);
  const std::string log_dir = state_dir + "/logs";
  build::LogFiles logs(log_dir);
  build::TeeStatus status({&logs, printer.get()});
  build::SchedulerOptions options;
  options.jobs = jobs;
  options.keep_going = keep_going;
  options.fail_fast = fail_fast == "cancel" ? build::FailFast::kCancel : build::FailFast::kStop;
  options.log_dir = RelativeToCwd(log_dir, cwd);
  build::BuildSummary summary = build::RunSchedule(schedule, options, runner, status, clock, interrupt);

  // 4. Remember what the next run needs.
  for (const build::TargetReport& r : summary.targets) {
    if (r.result == build::TargetResult::kBuilt) durations[r.target] = r.seconds;
  }
  build::WriteFileAtomically(state_dir + "/durations.json", build::SerializeDurations(durations));
  build::WriteFileAtomically(state_dir + "/hash-cache.json", hash_cache.Serialize());

  if (summary.interrupted) return ExitStatus::kInterrupted;
  if (summary.engine_lost) {
    fmt::print(stderr, "drydock: error: lost the engine: {}\n", summary.engine_error);
    return ExitStatus::kFailure;
  }
  bool all_ok = summary.Count(build::TargetResult::kFailed) == 0 &&
                summary.Count(build::TargetResult::kSkipped) == 0;
  return all_ok ? ExitStatus::kOk : ExitStatus::kFindings;
}

}  // namespace drydock::cli
