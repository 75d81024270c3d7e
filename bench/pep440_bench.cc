// PEP 440 / 508 throughput: version parsing and comparison (what the environment checks do
// constantly), specifier matching, requirement parsing and marker evaluation.
#include <algorithm>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "pyenv/marker.h"
#include "pyenv/requirement.h"
#include "pyenv/specifier.h"
#include "pyenv/version.h"

namespace {

using namespace drydock::pyenv;

// A deterministic mix shaped like real metadata: mostly X.Y(.Z), some pre/post/dev/local.
const std::vector<std::string>& VersionTexts() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    const char* suffixes[] = {"", "", "", "", "a1", "rc2", ".post1", ".dev3", "+local.7", "b4.post2.dev1"};
    uint32_t seed = 440;
    for (int i = 0; i < 4096; ++i) {
      seed = seed * 1103515245 + 12345;
      int major = static_cast<int>((seed >> 8) % 30);
      int minor = static_cast<int>((seed >> 13) % 40);
      int micro = static_cast<int>((seed >> 19) % 12);
      std::string v = std::to_string(major) + "." + std::to_string(minor);
      if ((seed >> 3) % 3 != 0) v += "." + std::to_string(micro);
      v += suffixes[(seed >> 24) % 10];
      out.push_back(v);
    }
    return out;
  }();
  return texts;
}

std::vector<Version> ParsedVersions() {
  std::vector<Version> out;
  for (const std::string& t : VersionTexts()) out.push_back(*Version::TryParse(t));
  return out;
}

void BM_VersionParse(benchmark::State& state) {
  const auto& texts = VersionTexts();
  for (auto _ : state) {
    for (const std::string& t : texts) benchmark::DoNotOptimize(Version::TryParse(t));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(texts.size()));
}
BENCHMARK(BM_VersionParse);

void BM_VersionCompare(benchmark::State& state) {
  std::vector<Version> versions = ParsedVersions();
  size_t n = versions.size();
  for (auto _ : state) {
    int less = 0;
    for (size_t i = 0; i < n; ++i) less += versions[i] < versions[(i * 7 + 1) % n];
    benchmark::DoNotOptimize(less);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(n));
}
BENCHMARK(BM_VersionCompare);

void BM_VersionSort(benchmark::State& state) {
  std::vector<Version> versions = ParsedVersions();
  for (auto _ : state) {
    std::vector<Version*> order;
    for (Version& v : versions) order.push_back(&v);
    std::sort(order.begin(), order.end(), [](const Version* a, const Version* b) { return *a < *b; });
    benchmark::DoNotOptimize(order.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(versions.size()));
}
BENCHMARK(BM_VersionSort);

void BM_SpecifierSetContains(benchmark::State& state) {
  SpecifierSet set = *SpecifierSet::Parse(">=1.4,<20,!=5.*,~=1.4");
  std::vector<Version> versions = ParsedVersions();
  for (auto _ : state) {
    int in = 0;
    for (const Version& v : versions) in += set.Contains(v);
    benchmark::DoNotOptimize(in);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(versions.size()));
}
BENCHMARK(BM_SpecifierSetContains);

void BM_RequirementParse(benchmark::State& state) {
  const std::vector<std::string> lines = {
      "requests>=2.25.1",
      "urllib3<3,>=1.21.1",
      "idna<4,>=2.5; python_version >= \"3\"",
      "PySocks!=1.5.7,>=1.5.6; extra == \"socks\"",
      "chardet<5,>=3.0.2; python_version < \"3\"",
      "importlib-metadata>=4.6; python_version < \"3.10\"",
      "typing_extensions[dev]>=4.0 ; platform_system == \"Windows\" and extra == 'test'",
      "pkg @ https://example.com/pkg-1.0-py3-none-any.whl"};
  for (auto _ : state) {
    for (const std::string& l : lines) benchmark::DoNotOptimize(Requirement::Parse(l));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(lines.size()));
}
BENCHMARK(BM_RequirementParse);

void BM_MarkerEvaluate(benchmark::State& state) {
  Marker marker = *Marker::Parse(
      "python_version >= \"3.8\" and (sys_platform == \"linux\" or os_name == \"nt\") and extra == \"test\"");
  MarkerEnvironment env;
  env.values = {{"python_version", "3.11"}, {"python_full_version", "3.11.2"},
                {"sys_platform", "linux"}, {"os_name", "posix"}, {"extra", "test"}};
  for (auto _ : state) benchmark::DoNotOptimize(marker.Evaluate(env));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MarkerEvaluate);

}  // namespace

BENCHMARK_MAIN();
