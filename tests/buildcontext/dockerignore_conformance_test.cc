// Conformance of the buildcontext module with the Go code Docker and BuildKit run, over the
// oracle corpus shared/corpus/dockerignore (see its README): ignorefile.ReadAll, patternmatcher
// (New, compile, MatchesOrParentMatches, MatchesUsingParentResults, Matches), fsutil's filtered
// walk, go-archive's tar walk, TrimBuildFilesFromExcludes and the daemon's removeDockerfile.
// Each case is rebuilt as a JSON object with the corpus's own fields and compared whole.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/file_system.h"
#include "buildcontext/context_walker.h"
#include "buildcontext/ignore_file.h"
#include "buildcontext/pattern_matcher.h"
#include "testing/corpus.h"

namespace drydock::buildcontext {
namespace {

using nlohmann::json;

constexpr int kMaxListed = 15;
constexpr char kContextDir[] = "/ctx";

std::string Show(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

json At(const json& object, const std::string& key) {
  auto it = object.find(key);
  return it == object.end() ? json() : *it;
}

// The fields (other than `ignored` ones) where `mine` and `expected` differ; a missing field is
// null on either side.
std::string Diff(const json& expected, const json& mine, const std::vector<std::string>& ignored) {
  std::string out;
  auto compare = [&](const std::string& key) {
    for (const std::string& skip : ignored) {
      if (key == skip) return;
    }
    if (At(expected, key) != At(mine, key)) {
      out += "  " + key + ": expected " + Show(At(expected, key)) + ", got " + Show(At(mine, key)) +
             "\n";
    }
  };
  for (const auto& [key, value] : expected.items()) compare(key);
  for (const auto& [key, value] : mine.items()) {
    if (!expected.contains(key)) compare(key);
  }
  return out;
}

class Tally {
 public:
  void Add(const std::string& id, const std::string& diff) {
    ++total_;
    if (diff.empty()) {
      ++agreed_;
    } else if (listed_++ < kMaxListed) {
      failures_ += id + "\n" + diff;
    }
  }
  void Report(const std::string& name) const {
    testing::ReportCount("dockerignore " + name + ": " + std::to_string(agreed_) + "/" +
                         std::to_string(total_));
  }
  int total() const { return total_; }
  int agreed() const { return agreed_; }
  const std::string& failures() const { return failures_; }

 private:
  int total_ = 0;
  int agreed_ = 0;
  int listed_ = 0;
  std::string failures_;
};

json Strings(const std::vector<std::string>& list) { return json(list); }

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i];
  return out;
}

const char* TypeName(DirectoryEntry::Type type) {
  switch (type) {
    case DirectoryEntry::Type::kFile: return "file";
    case DirectoryEntry::Type::kDirectory: return "dir";
    case DirectoryEntry::Type::kSymlink: return "symlink";
    case DirectoryEntry::Type::kOther: return "other";
  }
  return "?";
}

json Entries(const std::vector<ContextEntry>& entries) {
  json out = json::array();
  for (const ContextEntry& e : entries) {
    json j = {{"path", e.path}, {"type", TypeName(e.type)}};
    if (e.type == DirectoryEntry::Type::kSymlink) j["linkname"] = e.symlink_target;
    out.push_back(j);
  }
  return out;
}

const char* MatchTypeName(MatchType type) {
  switch (type) {
    case MatchType::kExact: return "exactMatch";
    case MatchType::kPrefix: return "prefixMatch";
    case MatchType::kSuffix: return "suffixMatch";
    case MatchType::kRegexp: return "regexpMatch";
  }
  return "?";
}

TEST(DockerignoreConformanceTest, ReadAllCases) {
  Tally tally;
  for (const std::string& line : testing::ReadLines(testing::CorpusPath("dockerignore/readall-cases.jsonl"))) {
    const json c = json::parse(line);
    json mine;
    Result<std::vector<std::string>> patterns = ReadIgnoreFile(c.at("content").get<std::string>());
    mine["patterns"] = patterns.ok() ? Strings(*patterns) : json::array();
    if (!patterns.ok()) mine["error"] = patterns.error().message;
    if (c.contains("upstream")) mine["upstream"] = c["upstream"];
    tally.Add(c.at("id").get<std::string>(), Diff(c, mine, {"id", "source", "content", "upstream"}));
    if (c.contains("upstream")) {
      EXPECT_EQ(mine["patterns"], c["upstream"]["expected"]) << c["id"];
    }
  }
  tally.Report("readall-cases");
  EXPECT_EQ(tally.agreed(), tally.total()) << tally.failures();
  EXPECT_EQ(tally.total(), 28);
}

TEST(DockerignoreConformanceTest, NewCases) {
  Tally tally;
  for (const std::string& line : testing::ReadLines(testing::CorpusPath("dockerignore/new-cases.jsonl"))) {
    const json c = json::parse(line);
    json mine = {{"cleaned", json::array()}, {"exclusion", json::array()}, {"exclusions", false}};
    Result<PatternMatcher> pm = PatternMatcher::New(c.at("patterns").get<std::vector<std::string>>());
    if (pm.ok()) {
      for (const Pattern& p : pm->patterns()) {
        mine["cleaned"].push_back(p.text());
        mine["exclusion"].push_back(p.exclusion());
      }
      mine["exclusions"] = pm->exclusions();
    } else {
      mine["error"] = pm.error().message;
    }
    tally.Add(c.at("id").get<std::string>(), Diff(c, mine, {"id", "source", "patterns"}));
  }
  tally.Report("new-cases");
  EXPECT_EQ(tally.agreed(), tally.total()) << tally.failures();
  EXPECT_EQ(tally.total(), 6);
}

TEST(DockerignoreConformanceTest, CompileCases) {
  Tally tally;
  for (const std::string& line : testing::ReadLines(testing::CorpusPath("dockerignore/compile-cases.jsonl"))) {
    const json c = json::parse(line);
    json mine;
    const std::string pattern = c.at("pattern").get<std::string>();
    Result<PatternMatcher> pm = PatternMatcher::New({pattern});
    mine["exclusion"] = false;  // The corpus's value when New fails.
    if (!pm.ok()) {
      mine["new_error"] = pm.error().message;
    } else {
      const Pattern& p = pm->patterns().at(0);
      mine["cleaned"] = p.text();
      mine["exclusion"] = p.exclusion();
      const CompiledPattern& compiled = p.compiled();
      if (!compiled.compile_error.empty()) {
        mine["compile_error"] = compiled.compile_error;
      } else {
        mine["match_type"] = MatchTypeName(compiled.type);
        if (compiled.type == MatchType::kRegexp) mine["regexp"] = compiled.regexp;
      }
    }
    if (c.contains("upstream")) {
      EXPECT_EQ(mine["match_type"], c["upstream"]["match_type"]) << c["id"];
    }
    tally.Add(c.at("id").get<std::string>(), Diff(c, mine, {"id", "pattern", "upstream"}));
  }
  tally.Report("compile-cases");
  EXPECT_EQ(tally.agreed(), tally.total()) << tally.failures();
  EXPECT_EQ(tally.total(), 2625);
}

// A context-relative path a walker could meet: not absolute, already clean, not the root.
bool IsCanonical(const std::string& path) {
  return !path.empty() && path[0] != '/' && CleanPath(path) == path && path != "." &&
         path != ".." && path.substr(0, 3) != "../";
}

TEST(DockerignoreConformanceTest, PatternCases) {
  Tally tally;
  for (const std::string& line : testing::ReadLines(testing::CorpusPath("dockerignore/pattern-cases.jsonl"))) {
    const json c = json::parse(line);
    const std::string path = c.at("path").get<std::string>();
    json mine = {{"matches", nullptr}, {"walk_matches", nullptr}, {"buildkit_sent", nullptr},
                 {"classic_sent", nullptr}};
    Result<std::vector<std::string>> readall =
        ReadIgnoreFile(Join(c.at("patterns").get<std::vector<std::string>>()));
    if (!readall.ok()) {
      mine["error"] = readall.error().message;
      mine["error_stage"] = "read";
      tally.Add(c.at("id").get<std::string>(), Diff(c, mine, {"id", "source", "patterns", "path", "upstream"}));
      continue;
    }
    mine["readall"] = Strings(*readall);
    Result<PatternMatcher> pm = PatternMatcher::New(*readall);
    if (!pm.ok()) {
      mine["error"] = pm.error().message;
      mine["error_stage"] = "new";
    } else {
      Result<bool> m = pm->MatchesOrParentMatches(path);
      if (m.ok()) {
        mine["matches"] = *m;
      } else {
        mine["error"] = m.error().message;
        mine["error_stage"] = "match";
      }
      // The walkers' view: each ancestor in turn, then the path, passing results down.
      MatchInfo info;
      Result<bool> walk = false;
      size_t start = 0;
      while (true) {
        size_t slash = path.find('/', start);
        std::string prefix = slash == std::string::npos ? path : path.substr(0, slash);
        MatchInfo next;
        walk = pm->MatchesUsingParentResults(prefix, info, &next);
        if (!walk.ok() || slash == std::string::npos) break;
        info = std::move(next);
        start = slash + 1;
      }
      if (walk.ok()) {
        mine["walk_matches"] = *walk;
      } else {
        mine["walk_error"] = walk.error().message;
      }
    }
    if (IsCanonical(path)) {
      MemoryFileSystem fs;
      fs.Write(std::string(kContextDir) + "/" + path, "");
      Result<ContextWalk> bk = WalkContext(fs, kContextDir, *readall, Walker::kBuildKit);
      ASSERT_TRUE(bk.ok()) << bk.error().message;
      if (bk->failure) {
        mine["buildkit_error"] = *bk->failure;
      } else {
        mine["buildkit_sent"] = !bk->entries.empty() && bk->entries.back().path == path;
      }
      Result<ContextWalk> classic = WalkContext(fs, kContextDir, *readall, Walker::kClassic);
      ASSERT_TRUE(classic.ok()) << classic.error().message;
      if (classic->failure) {
        mine["classic_error"] = *classic->failure;
      } else {
        mine["classic_sent"] = !classic->entries.empty() && classic->entries.back().path == path;
        if (!classic->logged.empty()) mine["classic_logged"] = Strings(classic->logged);
      }
    }
    if (c.contains("upstream")) {
      // The upstream test's own call: its function on the patterns as written (no ReadAll).
      const json& up = c["upstream"];
      json direct;
      Result<PatternMatcher> pm_direct =
          PatternMatcher::New(c.at("patterns").get<std::vector<std::string>>());
      Result<bool> r = pm_direct.ok() ? (up.at("func") == "Matches"
                                             ? pm_direct->Matches(path)
                                             : pm_direct->MatchesOrParentMatches(path))
                                      : Result<bool>(pm_direct.error());
      if (r.ok()) {
        direct["direct_result"] = *r;
      } else {
        direct["direct_error"] = r.error().message;
      }
      EXPECT_EQ(At(direct, "direct_result"), At(up, "direct_result")) << c["id"];
      EXPECT_EQ(At(direct, "direct_error"), At(up, "direct_error")) << c["id"];
    }
    tally.Add(c.at("id").get<std::string>(), Diff(c, mine, {"id", "source", "patterns", "path", "upstream"}));
  }
  tally.Report("pattern-cases");
  EXPECT_EQ(tally.agreed(), tally.total()) << tally.failures();
  EXPECT_EQ(tally.total(), 3118);
}

json BuildKitView(const BuildContext& bc) {
  json j;
  j["ignore_file"] = bc.ignore_file ? json(bc.ignore_file->substr(sizeof(kContextDir))) : json();
  j["excludes"] = Strings(bc.excludes);
  j["sent"] = Entries(bc.walk.entries);
  if (bc.walk.failure) j["error"] = *bc.walk.failure;
  j["dockerfile_in_context"] = bc.dockerfile_in_context;
  j["dockerignore_in_context"] = bc.dockerignore_in_context;
  return j;
}

json ClassicView(const BuildContext& bc) {
  json j;
  j["excludes"] = Strings(bc.excludes);
  j["cli_excludes"] = Strings(bc.walk_excludes);
  j["tar"] = Entries(bc.walk.failure ? std::vector<ContextEntry>{} : bc.walk.entries);
  if (!bc.walk.logged.empty()) j["walk_logged"] = Strings(bc.walk.logged);
  if (bc.walk.failure) j["error"] = *bc.walk.failure;
  j["daemon_removes"] = Strings(bc.daemon_removes);
  j["context"] = Entries(bc.context);
  j["dockerfile_sent"] = bc.dockerfile_sent;
  j["dockerignore_sent"] = bc.dockerignore_sent;
  j["dockerfile_in_context"] = bc.dockerfile_in_context;
  j["dockerignore_in_context"] = bc.dockerignore_in_context;
  return j;
}

TEST(DockerignoreConformanceTest, ContextTrees) {
  const json trees = json::parse(testing::ReadFileOrDie(testing::CorpusPath("dockerignore/context-trees.json")));
  Tally buildkit;
  Tally classic;
  for (const json& tree : trees) {
    const std::string name = tree.at("name").get<std::string>();
    const std::string dockerfile = tree.at("dockerfile").get<std::string>();
    const std::string root = kContextDir;
    MemoryFileSystem fs;
    fs.MakeDirectory(root);
    for (const json& entry : tree.at("tree")) {
      const std::string path = root + "/" + entry.at("path").get<std::string>();
      const std::string type = entry.at("type").get<std::string>();
      if (type == "dir") {
        fs.MakeDirectory(path);
      } else if (type == "symlink") {
        fs.Symlink(path, entry.at("linkname").get<std::string>());
      } else {
        fs.Write(path, "");
      }
    }
    if (tree.at("dockerignore").is_string()) {
      fs.Write(root + "/.dockerignore", tree["dockerignore"].get<std::string>());
    }
    if (tree.contains("dockerfile_dockerignore") && tree["dockerfile_dockerignore"].is_string()) {
      fs.Write(root + "/" + dockerfile + ".dockerignore", tree["dockerfile_dockerignore"].get<std::string>());
    }
    Result<BuildContext> bk = ComputeBuildContext(fs, root, dockerfile, Walker::kBuildKit);
    ASSERT_TRUE(bk.ok()) << bk.error().message;
    buildkit.Add(name, Diff(tree.at("buildkit"), BuildKitView(*bk), {}));
    Result<BuildContext> cl = ComputeBuildContext(fs, root, dockerfile, Walker::kClassic);
    ASSERT_TRUE(cl.ok()) << cl.error().message;
    classic.Add(name, Diff(tree.at("classic"), ClassicView(*cl), {}));
  }
  buildkit.Report("context-trees buildkit");
  classic.Report("context-trees classic");
  EXPECT_EQ(buildkit.agreed(), buildkit.total()) << buildkit.failures();
  EXPECT_EQ(classic.agreed(), classic.total()) << classic.failures();
  EXPECT_EQ(buildkit.total(), 53);
}

}  // namespace
}  // namespace drydock::buildcontext
