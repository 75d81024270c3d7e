// `drydock plan [-f FILE]... [TARGET...]`: load the project → derive the graph from the
// Dockerfiles → plan → render. Needs no engine.
#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/plan_output.h"
#include "cli/project_setup.h"
#include "graph/plan.h"

namespace drydock::cli {

ExitStatus RunPlan(const Invocation& invocation) {
  CLI::App app("Derive the build order of a project's images from their Dockerfiles.",
               invocation.program);
  ProjectFlags flags;
  std::string format = "text";
  AddProjectFlags(app, flags, "targets or groups to plan (default: the project's defaults)");
  app.add_option("--format", format, "text, json or dot")->check(CLI::IsMember({"text", "json", "dot"}));
  std::vector<std::string> args(invocation.args.rbegin(), invocation.args.rend());
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? ExitStatus::kOk : ExitStatus::kUsage;
  }
  LoadedProject loaded;
  if (std::optional<ExitStatus> failed = LoadProjectGraph(flags, loaded)) return *failed;
  graph::PlanOptions plan_options;
  plan_options.wanted = flags.wanted;
  Result<graph::Plan> plan = graph::MakePlan(*loaded.graph, plan_options);
  if (!plan.ok()) {
    fmt::print(stderr, "drydock: error: {}\n", plan.error().message);
    return ExitStatus::kUsage;
  }
  std::string out = format == "json"  ? PlanToJson(*loaded.graph, *plan)
                    : format == "dot" ? PlanToDot(*loaded.graph, *plan)
                                      : PlanToText(*loaded.graph, *plan);
  std::fputs(out.c_str(), stdout);
  return loaded.had_errors ? ExitStatus::kFindings : ExitStatus::kOk;
}

}  // namespace drydock::cli
