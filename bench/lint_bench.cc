// Lint throughput: every rule over each real Dockerfile, reported per file (files/s) and in
// bytes: in memory with the build-context rules off, and with each file's directory as its
// build context on disk.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "base/file_system.h"
#include "base/source_file.h"
#include "lint/runner.h"

namespace {

using namespace drydock;

const std::vector<std::unique_ptr<SourceFile>>& Corpus() {
  static const std::vector<std::unique_ptr<SourceFile>> files = [] {
    std::vector<std::unique_ptr<SourceFile>> out;
    std::error_code ec;
    for (const auto& e : std::filesystem::recursive_directory_iterator(
             std::string(DRYDOCK_CORPUS_DIR) + "/real-dockerfiles", ec)) {
      if (!e.is_regular_file() || e.path().filename() != "Dockerfile") continue;
      std::ifstream in(e.path(), std::ios::binary);
      out.push_back(std::make_unique<SourceFile>(
          e.path().string(), std::string(std::istreambuf_iterator<char>(in), {})));
    }
    return out;
  }();
  return files;
}

void BM_LintRealCorpus(benchmark::State& state) {
  if (Corpus().empty()) state.SkipWithError("shared/corpus/real-dockerfiles not found");
  int64_t bytes = 0;
  for (const auto& f : Corpus()) bytes += static_cast<int64_t>(f->text().size());
  lint::LintRequest request;
  size_t findings = 0;
  for (auto _ : state) {
    for (const auto& f : Corpus()) findings += lint::LintDockerfile(*f, request).size();
  }
  state.SetBytesProcessed(state.iterations() * bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(Corpus().size()));
  state.counters["files/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * Corpus().size()), benchmark::Counter::kIsRate);
  benchmark::DoNotOptimize(findings);
}
BENCHMARK(BM_LintRealCorpus)->Unit(benchmark::kMillisecond);

// The same with each Dockerfile's directory as its build context on disk, so the build-context
// rules (DD8001-DD8003) walk it: what `drydock lint DIR` does per file.
void BM_LintRealCorpusWithContext(benchmark::State& state) {
  if (Corpus().empty()) state.SkipWithError("shared/corpus/real-dockerfiles not found");
  RealFileSystem fs;
  std::vector<lint::BuildContext> contexts;
  for (const auto& f : Corpus()) {
    std::string path = f->path();
    contexts.push_back(lint::BuildContext{path.substr(0, path.rfind('/')), path, &fs, true});
  }
  size_t findings = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < Corpus().size(); ++i) {
      lint::LintRequest request;
      request.build_context = &contexts[i];
      findings += lint::LintDockerfile(*Corpus()[i], request).size();
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(Corpus().size()));
  state.counters["files/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * Corpus().size()), benchmark::Counter::kIsRate);
  benchmark::DoNotOptimize(findings);
}
BENCHMARK(BM_LintRealCorpusWithContext)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
