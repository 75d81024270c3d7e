// Parsing throughput over the whole real-Dockerfile corpus (shared/corpus/real-dockerfiles),
// read into memory once. Run: build/bench/parse_bench [--benchmark_filter=...]
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "base/source_file.h"
#include "dockerfile/dump.h"
#include "dockerfile/parser.h"
#include "dockerfile/stage_table.h"

namespace {

using namespace drydock;
using namespace drydock::dockerfile;

const std::vector<std::unique_ptr<SourceFile>>& Corpus() {
  static const std::vector<std::unique_ptr<SourceFile>> files = [] {
    std::vector<std::unique_ptr<SourceFile>> out;
    std::string root = std::string(DRYDOCK_CORPUS_DIR) + "/real-dockerfiles";
    std::error_code ec;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root, ec)) {
      if (!entry.is_regular_file() || entry.path().filename() != "Dockerfile") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      out.push_back(std::make_unique<SourceFile>(
          entry.path().string(),
          std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>())));
    }
    return out;
  }();
  return files;
}

int64_t CorpusBytes() {
  int64_t bytes = 0;
  for (const auto& f : Corpus()) bytes += static_cast<int64_t>(f->text().size());
  return bytes;
}

void BM_ParseRealCorpus(benchmark::State& state) {
  if (Corpus().empty()) state.SkipWithError("shared/corpus/real-dockerfiles not found");
  for (auto _ : state) {
    for (const auto& f : Corpus()) {
      Dockerfile df = Parse(*f);
      benchmark::DoNotOptimize(df.instructions.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
  state.counters["files"] = static_cast<double>(Corpus().size());
}
BENCHMARK(BM_ParseRealCorpus);

void BM_ParseAndStageTableRealCorpus(benchmark::State& state) {
  if (Corpus().empty()) state.SkipWithError("shared/corpus/real-dockerfiles not found");
  for (auto _ : state) {
    for (const auto& f : Corpus()) {
      Dockerfile df = Parse(*f);
      StageTable table = BuildStageTable(df);
      benchmark::DoNotOptimize(table.stages.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_ParseAndStageTableRealCorpus);

void BM_DumpRealCorpus(benchmark::State& state) {
  std::vector<Dockerfile> parsed;
  for (const auto& f : Corpus()) parsed.push_back(Parse(*f));
  for (auto _ : state) {
    for (const Dockerfile& df : parsed) benchmark::DoNotOptimize(DumpDockerfile(df));
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_DumpRealCorpus);

}  // namespace

BENCHMARK_MAIN();
