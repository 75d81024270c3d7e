// Builds Projects and their Dockerfiles in memory for graph and plan tests.
#ifndef DRYDOCK_TESTS_GRAPH_GRAPH_FIXTURE_H_
#define DRYDOCK_TESTS_GRAPH_GRAPH_FIXTURE_H_

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "graph/build_graph.h"
#include "project/project.h"

namespace drydock::graph {

class GraphFixture {
 public:
  // Adds a target `name` whose Dockerfile is `dockerfile`, tagged `tags`.
  project::Target& Add(const std::string& name, const std::string& dockerfile,
                       std::vector<std::string> tags) {
    project::Target t;
    t.name = name;
    t.context = "/p/" + name;
    t.dockerfile = "/p/" + name + "/Dockerfile";
    t.tags = std::move(tags);
    t.location = {"/p/compose.yaml", 0, 0};
    fs_.Write(t.dockerfile, dockerfile);
    project_.targets.push_back(std::move(t));
    return project_.targets.back();
  }

  project::Project& project() { return project_; }
  MemoryFileSystem& fs() { return fs_; }

  Result<BuildGraph> Build() {
    project_.name = "demo";
    project_.directory = "/p";
    return BuildGraphFromProject(project_, fs_, sources_, sink_);
  }

  std::string Diagnostics() const {
    std::string out;
    for (const Diagnostic& d : sink_.diagnostics()) out += FormatDiagnostic(d);
    return out;
  }

 private:
  project::Project project_;
  MemoryFileSystem fs_;
  SourceFileSet sources_;
  DiagSink sink_;
};

}  // namespace drydock::graph

#endif  // DRYDOCK_TESTS_GRAPH_GRAPH_FIXTURE_H_
