// Every Dockerfile of shared/corpus/real-dockerfiles parses with no error.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/source_file.h"
#include "dockerfile/parser.h"
#include "dockerfile/stage_table.h"
#include "testing/corpus.h"

namespace drydock::dockerfile {
namespace {

namespace fs = std::filesystem;

TEST(RealDockerfiles, AllParseWithoutError) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(testing::CorpusPath("real-dockerfiles"))) {
    std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && (name == "Dockerfile" || name.rfind("Dockerfile.", 0) == 0 ||
                                    entry.path().extension() == ".Dockerfile")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  int clean = 0;
  size_t instructions = 0, stages = 0;
  for (const fs::path& path : files) {
    SourceFile file(path.string(), testing::ReadFileOrDie(path.string()));
    Dockerfile df = Parse(file);
    StageTable table = BuildStageTable(df);
    if (df.ok() && table.errors.empty()) {
      ++clean;
    } else {
      ADD_FAILURE() << path << ": "
                    << (df.ok() ? table.errors.front().message : df.errors.front().message);
    }
    instructions += df.instructions.size();
    stages += table.stages.size();
  }
  testing::ReportCount("real-dockerfiles: " + std::to_string(clean) + "/" +
                       std::to_string(files.size()) + " parse with no error (" +
                       std::to_string(instructions) + " instructions, " + std::to_string(stages) +
                       " stages)");
  EXPECT_GE(files.size(), 206u);
}

}  // namespace
}  // namespace drydock::dockerfile
