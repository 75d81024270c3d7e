#include "testing/corpus.h"

#include <fstream>
#include <iostream>
#include <iterator>

#include <gtest/gtest.h>

namespace drydock::testing {

std::string CorpusPath(const std::string& relative) {
  std::string root = DRYDOCK_CORPUS_DIR;
  if (root.empty()) {
    ADD_FAILURE() << "shared/corpus was not found at configure time; "
                     "pass -DDRYDOCK_CORPUS_DIR=/path/to/shared/corpus";
  }
  return root + "/" + relative;
}

std::string SourcePath(const std::string& relative) {
  return std::string(DRYDOCK_SOURCE_DIR) + "/" + relative;
}

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return {};
  }
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) ADD_FAILURE() << "cannot read " << path;
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

void ReportCount(const std::string& line) {
  std::cout << "conformance: " << line << std::endl;
  std::ofstream out(std::string(DRYDOCK_BINARY_DIR) + "/conformance.txt", std::ios::app);
  out << line << "\n";
}

}  // namespace drydock::testing
