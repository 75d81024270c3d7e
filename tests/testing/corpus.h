// Locations of the shared conformance corpora and a place for tests to report their counts.
#ifndef DRYDOCK_TESTS_TESTING_CORPUS_H_
#define DRYDOCK_TESTS_TESTING_CORPUS_H_

#include <string>
#include <vector>

namespace drydock::testing {

// Absolute path of shared/corpus/<relative>; fails the calling test (ADD_FAILURE) when the
// corpus was not found at configure time.
std::string CorpusPath(const std::string& relative);
std::string SourcePath(const std::string& relative);
std::string ReadFileOrDie(const std::string& path);
// Reads a JSON-lines file into one string per non-empty line.
std::vector<std::string> ReadLines(const std::string& path);

// Prints "conformance: <line>" to stdout and appends it to <build>/conformance.txt, which
// scripts/test.sh shows after the run, so the counts are visible without -V.
void ReportCount(const std::string& line);

}  // namespace drydock::testing

#endif  // DRYDOCK_TESTS_TESTING_CORPUS_H_
