// Lints every Dockerfile of shared/corpus/real-dockerfiles (with its own directory as the build
// context): no crash, no parse failure, and the number of findings per rule is printed so a
// change in a rule's behaviour on real files shows up in review.
#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/file_system.h"
#include "lint/registry.h"
#include "lint/runner.h"
#include "testing/corpus.h"

namespace drydock::lint {
namespace {

namespace fs = std::filesystem;

TEST(RealCorpus, LintsEveryFileAndCountsFindingsPerRule) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(testing::CorpusPath("real-dockerfiles"))) {
    if (e.is_regular_file() && e.path().filename() == "Dockerfile") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 206u);
  RealFileSystem real_fs;
  std::map<std::string, int> per_rule;
  int total = 0;
  for (const fs::path& path : files) {
    SourceFile file(path.string(), testing::ReadFileOrDie(path.string()));
    // The corpus holds the Dockerfiles only, so the directory is a guessed context.
    BuildContext context{path.parent_path().string(), path.string(), &real_fs, /*guessed=*/true};
    LintRequest request;
    request.build_context = &context;
    for (const LintFinding& f : LintDockerfile(file, request)) {
      EXPECT_NE(f.rule->id, "DD0001") << FormatDiagnostic(ToDiagnostic(file, f));
      ++per_rule[std::string(f.rule->id) + " " + std::string(f.rule->slug)];
      ++total;
    }
  }
  for (const RuleInfo& rule : AllRules()) {
    std::string key = std::string(rule.id) + " " + std::string(rule.slug);
    testing::ReportCount("lint real-dockerfiles " + key + ": " + std::to_string(per_rule[key]) +
                         " findings");
  }
  testing::ReportCount("lint real-dockerfiles: " + std::to_string(files.size()) + " files, " +
                       std::to_string(total) + " findings, 0 parse failures");
}

}  // namespace
}  // namespace drydock::lint
