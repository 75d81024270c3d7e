// `drydock plan [-f FILE]... [TARGET...]`: load the project → derive the graph from the
// Dockerfiles → plan → render. Needs no engine.
#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "cli/commands.h"
#include "cli/plan_output.h"
#include "cli/process_env.h"
#include "graph/build_graph.h"
#include "graph/plan.h"
#include "project/project_loader.h"

namespace drydock::cli {

ExitStatus RunPlan(const Invocation& invocation) {
  CLI::App app("Derive the build order of a project's images from their Dockerfiles.",
               invocation.program);
  project::LoadOptions options;
  std::vector<std::string> wanted;
  std::string format = "text";
  std::string project_name;
  app.add_option("-f,--file", options.files, "project file (Compose or docker-bake.json); repeatable")->allow_extra_args(false);
  app.add_option("-p,--project-name", project_name, "Compose project name");
  app.add_option("--profile", options.profiles, "Compose profile to activate; repeatable")->allow_extra_args(false);
  app.add_option("--format", format, "text, json or dot")->check(CLI::IsMember({"text", "json", "dot"}));
  app.add_option("targets", wanted, "targets or groups to plan (default: the project's defaults)");
  std::vector<std::string> args(invocation.args.rbegin(), invocation.args.rend());
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? ExitStatus::kOk : ExitStatus::kUsage;
  }
  if (!project_name.empty()) options.project_name = project_name;
  options.working_dir = WorkingDirectory();
  options.env = ProcessEnvironment();
  for (std::string& f : options.files) f = JoinPath(options.working_dir, f);

  RealFileSystem fs;
  SourceFileSet sources;
  DiagSink sink;
  Result<project::Project> project = project::LoadProject(options, fs, sources, sink);
  PrintDiagnostics(sink, options.working_dir);
  if (!project.ok()) {
    fmt::print(stderr, "drydock: error: {}\n", RelativeToCwd(project.error().message, options.working_dir));
    // A project file that cannot be found or read is a failure; one that is wrong is an input
    // problem like any other.
    const std::string& m = project.error().message;
    bool unreadable = m.rfind("no project file", 0) == 0 || m.rfind("no configuration file", 0) == 0 ||
                      m.find("No such file or directory") != std::string::npos ||
                      m.find("Permission denied") != std::string::npos;
    return unreadable && !sink.has_errors() ? ExitStatus::kFailure : ExitStatus::kFindings;
  }
  DiagSink graph_sink;
  Result<graph::BuildGraph> graph = graph::BuildGraphFromProject(*project, fs, sources, graph_sink);
  PrintDiagnostics(graph_sink, options.working_dir);
  if (!graph.ok()) {
    fmt::print(stderr, "drydock: error: {}\n", graph.error().message);
    return ExitStatus::kFindings;
  }
  graph::PlanOptions plan_options;
  plan_options.wanted = wanted;
  Result<graph::Plan> plan = graph::MakePlan(*graph, plan_options);
  if (!plan.ok()) {
    fmt::print(stderr, "drydock: error: {}\n", plan.error().message);
    return ExitStatus::kUsage;
  }
  std::string out = format == "json"  ? PlanToJson(*graph, *plan)
                    : format == "dot" ? PlanToDot(*graph, *plan)
                                      : PlanToText(*graph, *plan);
  std::fputs(out.c_str(), stdout);
  return sink.has_errors() ? ExitStatus::kFindings : ExitStatus::kOk;
}

}  // namespace drydock::cli
