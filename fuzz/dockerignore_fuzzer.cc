// .dockerignore handling on arbitrary bytes: ReadIgnoreFile, PatternMatcher::New (which also
// compiles each pattern's Go regexp), the three match functions on a few paths, and both
// context walkers over a small tree. Nothing may crash, hang or trip a sanitizer, and the
// matchers must agree where Go's do: without exceptions, MatchesUsingParentResults along a path
// equals MatchesOrParentMatches.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "base/file_system.h"
#include "buildcontext/context_walker.h"
#include "buildcontext/ignore_file.h"
#include "buildcontext/pattern_matcher.h"

namespace {

const char* const kPaths[] = {
    "Dockerfile", ".dockerignore", "node_modules/keep/index.js", "a/b/c", "src/main.c",
    "weird [x]/a\\b/\xC3\xA9", "a\nb", "x.go",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace drydock;
  using namespace drydock::buildcontext;
  std::string text(reinterpret_cast<const char*>(data), size);
  Result<std::vector<std::string>> patterns = ReadIgnoreFile(text);
  if (!patterns.ok()) return 0;
  Result<PatternMatcher> pm = PatternMatcher::New(*patterns);
  if (pm.ok()) {
    for (const char* path : kPaths) {
      Result<bool> parent = pm->MatchesOrParentMatches(path);
      (void)pm->Matches(path);
      // The walkers' chained view of the same path.
      std::string p = path;
      MatchInfo info;
      Result<bool> chained = false;
      for (size_t start = 0;;) {
        size_t slash = p.find('/', start);
        MatchInfo next;
        chained = pm->MatchesUsingParentResults(p.substr(0, slash), info, &next);
        if (!chained.ok() || slash == std::string::npos) break;
        info = std::move(next);
        start = slash + 1;
      }
      if (!pm->exclusions() && parent.ok() && chained.ok() && *parent != *chained) std::abort();
    }
  }
  MemoryFileSystem fs;
  for (const char* path : kPaths) fs.Write(std::string("/ctx/") + path, "");
  fs.Write("/ctx/.dockerignore", text);
  for (Walker walker : {Walker::kBuildKit, Walker::kClassic}) {
    Result<BuildContext> bc = ComputeBuildContext(fs, "/ctx", "Dockerfile", walker);
    if (!bc.ok()) std::abort();  // The in-memory tree never fails to list.
  }
  return 0;
}
