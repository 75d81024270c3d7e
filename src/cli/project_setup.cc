#include "cli/project_setup.h"

#include <cstdio>

#include <fmt/format.h>

#include "cli/process_env.h"

namespace drydock::cli {

void AddProjectFlags(CLI::App& app, ProjectFlags& flags, const std::string& targets_help) {
  app.add_option("-f,--file", flags.options.files, "project file (Compose or docker-bake.json); repeatable")->allow_extra_args(false);
  app.add_option("-p,--project-name", flags.project_name, "Compose project name");
  app.add_option("--profile", flags.options.profiles, "Compose profile to activate; repeatable")->allow_extra_args(false);
  app.add_option("targets", flags.wanted, targets_help);
}

std::optional<ExitStatus> LoadProjectGraph(ProjectFlags& flags, LoadedProject& out) {
  project::LoadOptions& options = flags.options;
  if (!flags.project_name.empty()) options.project_name = flags.project_name;
  options.working_dir = WorkingDirectory();
  options.env = ProcessEnvironment();
  for (std::string& f : options.files) f = JoinPath(options.working_dir, f);

  DiagSink sink;
  Result<project::Project> project = project::LoadProject(options, out.fs, out.sources, sink);
  PrintDiagnostics(sink, options.working_dir);
  out.had_errors = sink.has_errors();
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
  out.project.emplace(std::move(*project));
  DiagSink graph_sink;
  Result<graph::BuildGraph> graph = graph::BuildGraphFromProject(*out.project, out.fs, out.sources, graph_sink);
  PrintDiagnostics(graph_sink, options.working_dir);
  if (!graph.ok()) {
    fmt::print(stderr, "drydock: error: {}\n", graph.error().message);
    return ExitStatus::kFindings;
  }
  out.graph.emplace(std::move(*graph));
  return std::nullopt;
}

}  // namespace drydock::cli
