// Lint throughput: every rule over each real Dockerfile (in memory; build-context rules off so
// the disk is not measured), reported per file and in bytes.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

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

}  // namespace

BENCHMARK_MAIN();
