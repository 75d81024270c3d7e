// BuildKit's own parser test files (shared/corpus/buildkit-parser): every positive case dumps
// byte-identically to its `result`; every negative case is rejected with a located error.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "dockerfile/dump.h"
#include "dockerfile/parser.h"
#include "testing/corpus.h"

namespace drydock::dockerfile {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> CaseDirs(const std::string& relative) {
  std::vector<fs::path> dirs;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(testing::CorpusPath(relative), ec)) {
    if (entry.is_directory()) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

TEST(BuildkitParserTestfiles, PositiveCasesDumpIdentically) {
  int agree = 0;
  std::vector<fs::path> dirs = CaseDirs("buildkit-parser/testfiles");
  for (const fs::path& dir : dirs) {
    SourceFile file((dir / "Dockerfile").string(),
                    testing::ReadFileOrDie((dir / "Dockerfile").string()));
    Dockerfile df = Parse(file);
    std::string want = testing::ReadFileOrDie((dir / "result").string());
    std::string got = DumpDockerfile(df);
    if (df.ok() && got == want) {
      ++agree;
    } else {
      ADD_FAILURE() << dir.filename() << (df.ok() ? "" : ": " + df.errors[0].message)
                    << "\n--- got\n" << got << "--- want\n" << want;
    }
  }
  testing::ReportCount("buildkit-parser testfiles: " + std::to_string(agree) + "/" +
                       std::to_string(dirs.size()) + " byte-identical");
  EXPECT_EQ(dirs.size(), 33u);
}

TEST(BuildkitParserTestfiles, NegativeCasesAreRejectedWithALocation) {
  int rejected = 0;
  std::vector<fs::path> dirs = CaseDirs("buildkit-parser/testfiles-negative");
  for (const fs::path& dir : dirs) {
    SourceFile file((dir / "Dockerfile").string(),
                    testing::ReadFileOrDie((dir / "Dockerfile").string()));
    Dockerfile df = Parse(file);
    DiagSink sink;
    ReportSyntaxProblems(df, sink);
    if (!sink.has_errors()) {
      ADD_FAILURE() << dir.filename() << " was accepted";
      continue;
    }
    // The first diagnostic names the file and a line:col inside it.
    std::string text = FormatDiagnostic(sink.diagnostics().front());
    EXPECT_EQ(text.rfind(file.path() + ":", 0), 0u) << text;
    ++rejected;
  }
  testing::ReportCount("buildkit-parser testfiles-negative: " + std::to_string(rejected) + "/" +
                       std::to_string(dirs.size()) + " rejected with a location");
  EXPECT_EQ(dirs.size(), 4u);
}

}  // namespace
}  // namespace drydock::dockerfile
