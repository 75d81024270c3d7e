#include "buildcontext/context_walker.h"

#include <algorithm>
#include <functional>
#include <string_view>
#include <utility>

#include "buildcontext/ignore_file.h"
#include "buildcontext/pattern_matcher.h"

namespace drydock::buildcontext {

namespace {

enum class Visit { kContinue, kSkipDir, kStop };
using Visitor = std::function<Visit(const std::string& path, const DirectoryEntry& entry)>;

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// filepath.WalkDir below the root (which neither walker sends): each directory's entries in
// name order, a directory's children right after it unless the visitor skips it. Returns false
// when the visitor stopped the walk.
Result<bool> WalkTree(const FileSystem& fs, const std::string& root, const std::string& rel,
                      const Visitor& visit) {
  Result<std::vector<DirectoryEntry>> list = fs.ListDirectory(rel.empty() ? root : JoinPath(root, rel));
  if (!list.ok()) return list.error();
  for (const DirectoryEntry& entry : *list) {
    std::string path = rel.empty() ? entry.name : rel + "/" + entry.name;
    Visit v = visit(path, entry);
    if (v == Visit::kStop) return false;
    if (entry.type == DirectoryEntry::Type::kDirectory && v == Visit::kContinue) {
      Result<bool> more = WalkTree(fs, root, path, visit);
      if (!more.ok() || !*more) return more;
    }
  }
  return true;
}

ContextEntry MakeEntry(const std::string& path, const DirectoryEntry& entry) {
  return ContextEntry{path, entry.type, entry.size, entry.symlink_target};
}

// fsutil's patternWithoutTrailingGlob.
std::string_view WithoutTrailingGlob(std::string_view pattern) {
  if (EndsWith(pattern, "/**")) pattern.remove_suffix(3);
  if (EndsWith(pattern, "/*")) pattern.remove_suffix(2);
  return pattern;
}

// Whether some exception, taken literally, starts with `dir/`: then the walkers cannot skip an
// excluded `dir` (fsutil strips a trailing glob first, go-archive does not).
bool ExceptionHasPrefix(const PatternMatcher& pm, const std::string& dir, bool strip_glob) {
  std::string dir_slash = dir + "/";
  for (const Pattern& pattern : pm.patterns()) {
    if (!pattern.exclusion()) continue;
    std::string text(strip_glob ? WithoutTrailingGlob(pattern.text()) : pattern.text());
    if (StartsWith(text + "/", dir_slash)) return true;
  }
  return false;
}

std::string GoStringList(const std::vector<std::string>& list) {
  std::string out = "[";
  for (size_t i = 0; i < list.size(); ++i) {
    if (i) out += ' ';
    out += list[i];
  }
  return out + "]";
}

Result<ContextWalk> WalkBuildKit(const FileSystem& fs, const std::string& context_dir,
                                 const std::vector<std::string>& excludes) {
  ContextWalk walk;
  std::optional<PatternMatcher> matcher;
  bool only_prefix_exceptions = true;
  if (!excludes.empty()) {
    Result<PatternMatcher> pm = PatternMatcher::New(excludes);
    if (!pm.ok()) {
      walk.failure = "invalid excludepatterns: " + GoStringList(excludes) + ": " + pm.error().message;
      return walk;
    }
    matcher = std::move(*pm);
    for (const Pattern& pattern : matcher->patterns()) {
      if (pattern.exclusion() &&
          WithoutTrailingGlob(pattern.text()).find_first_of("*[]?^\\") != std::string_view::npos) {
        only_prefix_exceptions = false;
      }
    }
  }

  // Directories on the path to the current entry; an excluded one is sent late, just before
  // the first descendant that is sent.
  struct ParentDir {
    std::string path_with_slash;
    MatchInfo info;
    bool sent;
    ContextEntry entry;
  };
  std::vector<ParentDir> parents;
  Visitor visit = [&](const std::string& path, const DirectoryEntry& entry) {
    bool is_dir = entry.type == DirectoryEntry::Type::kDirectory;
    if (!matcher) {
      walk.entries.push_back(MakeEntry(path, entry));
      return Visit::kContinue;
    }
    while (!parents.empty() && !StartsWith(path, parents.back().path_with_slash)) parents.pop_back();
    MatchInfo info;
    Result<bool> excluded = matcher->MatchesUsingParentResults(
        path, parents.empty() ? MatchInfo{} : parents.back().info, &info);
    if (!excluded.ok()) {
      walk.failure = "failed to match excludepatterns: " + excluded.error().message;
      return Visit::kStop;
    }
    if (*excluded) {
      if (is_dir && only_prefix_exceptions &&
          (!matcher->exclusions() || !ExceptionHasPrefix(*matcher, path, true))) {
        return Visit::kSkipDir;
      }
      if (is_dir) parents.push_back({path + "/", std::move(info), false, MakeEntry(path, entry)});
      return Visit::kContinue;
    }
    for (ParentDir& parent : parents) {
      if (parent.sent) continue;
      walk.entries.push_back(parent.entry);
      parent.sent = true;
    }
    walk.entries.push_back(MakeEntry(path, entry));
    if (is_dir) parents.push_back({path + "/", std::move(info), true, {}});
    return Visit::kContinue;
  };
  Result<bool> done = WalkTree(fs, context_dir, "", visit);
  if (!done.ok()) return done.error();
  return walk;
}

Result<ContextWalk> WalkClassic(const FileSystem& fs, const std::string& context_dir,
                                const std::vector<std::string>& excludes) {
  ContextWalk walk;
  Result<PatternMatcher> pm = PatternMatcher::New(excludes);
  if (!pm.ok()) {
    walk.failure = pm.error().message;
    return walk;
  }
  const PatternMatcher& matcher = *pm;
  std::vector<std::pair<std::string, MatchInfo>> parents;
  Visitor visit = [&](const std::string& path, const DirectoryEntry& entry) {
    bool is_dir = entry.type == DirectoryEntry::Type::kDirectory;
    while (!parents.empty() && !StartsWith(path, parents.back().first + "/")) parents.pop_back();
    MatchInfo info;
    Result<bool> excluded = matcher.MatchesUsingParentResults(
        path, parents.empty() ? MatchInfo{} : parents.back().second, &info);
    if (!excluded.ok()) {
      walk.logged.push_back("Error matching " + path + ": " + excluded.error().message);
      return Visit::kStop;
    }
    if (is_dir) parents.emplace_back(path, std::move(info));
    if (*excluded) {
      if (!is_dir) return Visit::kContinue;
      if (!matcher.exclusions() || !ExceptionHasPrefix(matcher, path, false)) {
        return Visit::kSkipDir;
      }
      return Visit::kContinue;
    }
    walk.entries.push_back(MakeEntry(path, entry));
    return Visit::kContinue;
  };
  Result<bool> done = WalkTree(fs, context_dir, "", visit);
  if (!done.ok()) return done.error();
  return walk;
}

bool Contains(const std::vector<ContextEntry>& entries, const std::string& path) {
  return std::any_of(entries.begin(), entries.end(),
                     [&](const ContextEntry& e) { return e.path == path; });
}

}  // namespace

Result<ContextWalk> WalkContext(const FileSystem& fs, const std::string& context_dir,
                                const std::vector<std::string>& excludes, Walker walker) {
  return walker == Walker::kBuildKit ? WalkBuildKit(fs, context_dir, excludes)
                                     : WalkClassic(fs, context_dir, excludes);
}

std::vector<std::string> TrimBuildFilesFromExcludes(std::vector<std::string> excludes,
                                                    const std::string& dockerfile,
                                                    bool dockerfile_from_stdin) {
  Result<bool> ignore_excluded = MatchesPatterns(".dockerignore", excludes);
  if (ignore_excluded.ok() && *ignore_excluded) excludes.push_back("!.dockerignore");
  Result<bool> dockerfile_excluded = MatchesPatterns(dockerfile, excludes);
  if (dockerfile_excluded.ok() && *dockerfile_excluded && !dockerfile_from_stdin) {
    excludes.push_back("!" + dockerfile);
  }
  return excludes;
}

std::optional<std::string> FindIgnoreFile(const FileSystem& fs, const std::string& context_dir,
                                          const std::string& dockerfile_path) {
  std::string beside = JoinPath(context_dir, dockerfile_path) + ".dockerignore";
  if (fs.IsFile(beside)) return beside;
  std::string in_context = JoinPath(context_dir, ".dockerignore");
  if (fs.IsFile(in_context)) return in_context;
  return std::nullopt;
}

Result<BuildContext> ComputeBuildContext(const FileSystem& fs, const std::string& context_dir,
                                         const std::string& dockerfile, Walker walker) {
  BuildContext bc;
  const std::string dockerfile_rel = CleanPath(dockerfile);
  if (walker == Walker::kBuildKit) {
    bc.ignore_file = FindIgnoreFile(fs, context_dir, dockerfile_rel);
  } else if (std::string path = JoinPath(context_dir, ".dockerignore"); fs.IsFile(path)) {
    bc.ignore_file = path;
  }
  if (bc.ignore_file) {
    Result<std::string> content = fs.ReadFile(*bc.ignore_file);
    if (!content.ok()) return content.error();
    Result<std::vector<std::string>> patterns = ReadIgnoreFile(*content);
    if (!patterns.ok()) {
      bc.walk.failure = (walker == Walker::kBuildKit ? "failed parsing " : "error reading ") +
                        BaseName(*bc.ignore_file) + ": " + patterns.error().message;
      return bc;
    }
    bc.excludes = std::move(*patterns);
  }
  bc.walk_excludes = walker == Walker::kClassic
                         ? TrimBuildFilesFromExcludes(bc.excludes, dockerfile_rel, false)
                         : bc.excludes;
  Result<ContextWalk> walk = WalkContext(fs, context_dir, bc.walk_excludes, walker);
  if (!walk.ok()) return walk.error();
  bc.walk = std::move(*walk);
  if (bc.walk.failure) return bc;

  bc.dockerfile_sent = Contains(bc.walk.entries, dockerfile_rel);
  bc.dockerignore_sent = Contains(bc.walk.entries, ".dockerignore");
  if (walker == Walker::kClassic && bc.dockerignore_sent) {
    // The daemon re-reads the .dockerignore it received, which is the file the CLI read.
    for (const std::string& file : {std::string(".dockerignore"), dockerfile_rel}) {
      if (!Contains(bc.walk.entries, file)) continue;
      Result<bool> remove = MatchesOrParentMatchesPatterns(file, bc.excludes);
      if (remove.ok() && *remove) bc.daemon_removes.push_back(file);
    }
  }
  for (const ContextEntry& entry : bc.walk.entries) {
    if (std::find(bc.daemon_removes.begin(), bc.daemon_removes.end(), entry.path) ==
        bc.daemon_removes.end()) {
      bc.context.push_back(entry);
    }
  }
  bc.dockerfile_in_context = Contains(bc.context, dockerfile_rel);
  bc.dockerignore_in_context = Contains(bc.context, ".dockerignore");
  return bc;
}

}  // namespace drydock::buildcontext
