// What `drydock plan` and `drydock build` share: the project flags (-f, -p, --profile,
// targets), loading the project and deriving its graph, with their diagnostics printed and
// the exit status they call for.
#ifndef DRYDOCK_CLI_PROJECT_SETUP_H_
#define DRYDOCK_CLI_PROJECT_SETUP_H_

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "cli/exit_status.h"
#include "graph/build_graph.h"
#include "project/project.h"
#include "project/project_loader.h"

namespace drydock::cli {

struct ProjectFlags {
  project::LoadOptions options;
  std::string project_name;
  std::vector<std::string> wanted;  // Targets or groups; empty: the project's defaults.
};

// Adds -f/--file, -p/--project-name, --profile and the positional targets to `app`.
void AddProjectFlags(CLI::App& app, ProjectFlags& flags, const std::string& targets_help);

// A loaded project and its graph, at stable addresses (the graph points into the project).
struct LoadedProject {
  RealFileSystem fs;
  SourceFileSet sources;
  std::optional<project::Project> project;
  std::optional<graph::BuildGraph> graph;
  bool had_errors = false;  // Error diagnostics were printed though loading went on.
};

// Fills in the working directory and environment, loads the project and derives its graph
// into `out`, printing diagnostics and errors to stderr. nullopt on success, else the exit
// status to end with.
std::optional<ExitStatus> LoadProjectGraph(ProjectFlags& flags, LoadedProject& out);

}  // namespace drydock::cli

#endif  // DRYDOCK_CLI_PROJECT_SETUP_H_
