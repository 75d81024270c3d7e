// Planning a generated project of N targets (a random DAG with realistic multi-stage
// Dockerfiles, ARG-parameterised FROMs and COPY --from links), from the compose.yaml text to
// the Plan: load, parse every Dockerfile, derive edges, plan. In memory, so it measures
// drydock, not the disk.
#include <random>
#include <string>

#include <benchmark/benchmark.h>

#include "base/file_system.h"
#include "graph/build_graph.h"
#include "graph/plan.h"
#include "project/project_loader.h"

namespace {

using namespace drydock;

std::string DockerfileFor(int i, const std::vector<int>& parents) {
  std::string parent = parents.empty() ? "debian:bookworm-slim" : "img" + std::to_string(parents[0]) + ":latest";
  std::string text =
      "# syntax=docker/dockerfile:1\n"
      "ARG BASE=" + parent + "\n"
      "FROM ${BASE} AS build\n"
      "ARG VERSION=1.0\n"
      "ENV PYTHONDONTWRITEBYTECODE=1 PIP_NO_CACHE_DIR=1\n"
      "RUN apt-get update \\\n"
      " && apt-get install -y --no-install-recommends build-essential python3-dev \\\n"
      " && rm -rf /var/lib/apt/lists/*\n"
      "WORKDIR /src\n"
      "COPY requirements.txt .\n"
      "RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n"
      "COPY . .\n"
      "RUN python3 -m compileall -q /src\n\n"
      "FROM ${BASE}\n";
  for (size_t k = 1; k < parents.size(); ++k) {
    text += "COPY --from=img" + std::to_string(parents[k]) + ":latest /opt/lib /opt/lib" +
            std::to_string(k) + "\n";
  }
  text += "COPY --from=build /src /app\nUSER 1000\nCMD [\"python3\", \"/app/main.py\"]\n";
  (void)i;
  return text;
}

void MakeProject(int n, MemoryFileSystem& fs) {
  std::mt19937 rng(42);
  std::string compose = "name: generated\nservices:\n";
  for (int i = 0; i < n; ++i) {
    std::vector<int> parents;
    if (i > 0) {
      int count = std::uniform_int_distribution<int>(0, 3)(rng);
      for (int k = 0; k < count; ++k) {
        parents.push_back(std::uniform_int_distribution<int>(std::max(0, i - 50), i - 1)(rng));
      }
    }
    std::string name = "t" + std::to_string(i);
    compose += "  " + name + ":\n    image: img" + std::to_string(i) + ":latest\n" +
               "    build:\n      context: ./" + name + "\n      args:\n        VERSION: \"" +
               std::to_string(i) + "\"\n";
    fs.Write("/p/" + name + "/Dockerfile", DockerfileFor(i, parents));
  }
  fs.Write("/p/compose.yaml", compose);
}

void BM_PlanGeneratedProject(benchmark::State& state) {
  MemoryFileSystem fs;
  MakeProject(static_cast<int>(state.range(0)), fs);
  for (auto _ : state) {
    SourceFileSet sources;
    DiagSink sink;
    project::LoadOptions options;
    options.working_dir = "/p";
    Result<project::Project> project = project::LoadProject(options, fs, sources, sink);
    if (!project.ok()) {
      state.SkipWithError(project.error().message.c_str());
      return;
    }
    Result<graph::BuildGraph> graph = graph::BuildGraphFromProject(*project, fs, sources, sink);
    if (!graph.ok()) {
      state.SkipWithError(graph.error().message.c_str());
      return;
    }
    Result<graph::Plan> plan = graph::MakePlan(*graph, {});
    benchmark::DoNotOptimize(plan.ok());
    state.counters["edges"] = static_cast<double>(graph->edges().size());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_PlanGeneratedProject)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
