// Project files on arbitrary bytes: the YAML/JSON reader, the Compose loader (as compose.yaml
// with an .env) and the bake loader (as docker-bake.json), then the build graph over whatever
// loads. Nothing may crash, hang or trip a sanitizer.
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "graph/build_graph.h"
#include "graph/plan.h"
#include "project/bake_loader.h"
#include "project/compose_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace drydock;
  std::string text(reinterpret_cast<const char*>(data), size);
  for (int format = 0; format < 2; ++format) {
    MemoryFileSystem fs;
    fs.Write("/p/a/Dockerfile", "ARG BASE=b\nFROM ${BASE}\nCOPY --from=c /x /y\n");
    fs.Write("/p/b/Dockerfile", "FROM debian\n");
    fs.Write("/p/.env", "TAG=1\n");
    SourceFileSet sources;
    DiagSink sink;
    Result<project::Project> project = MakeError("unset");
    if (format == 0) {
      fs.Write("/p/compose.yaml", text);
      project::ComposeOptions options;
      options.working_dir = "/p";
      project = project::LoadComposeProject(options, fs, sources, sink);
    } else {
      fs.Write("/p/docker-bake.json", text);
      project::BakeOptions options;
      options.working_dir = "/p";
      project = project::LoadBakeProject(options, fs, sources, sink);
    }
    for (const Diagnostic& d : sink.diagnostics()) (void)FormatDiagnostic(d);
    if (!project.ok()) continue;
    DiagSink graph_sink;
    Result<graph::BuildGraph> g = graph::BuildGraphFromProject(*project, fs, sources, graph_sink);
    if (g.ok()) (void)graph::MakePlan(*g, {});
  }
  return 0;
}
