// The build context as Docker computes it: which ignore file applies, which entries the client
// walks into the context and in what order, and what the daemon then removes. Two reference
// walkers differ, so both are reproduced:
//   * BuildKit (docker buildx build, and docker build since 23.0): tonistiigi/fsutil's filtered
//     walk in BuildKit's local source;
//   * classic (DOCKER_BUILDKIT=0): moby/go-archive's Tarballer, after docker/cli's
//     TrimBuildFilesFromExcludes, with the daemon's removeDockerfile afterwards.
// See docs/build-context.md for where they disagree.
#ifndef DRYDOCK_BUILDCONTEXT_CONTEXT_WALKER_H_
#define DRYDOCK_BUILDCONTEXT_CONTEXT_WALKER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/file_system.h"
#include "base/result.h"

namespace drydock::buildcontext {

// One entry the walk sends: its context-relative, `/`-separated path and what it is.
// Symlinks are sent as symlinks, never followed.
struct ContextEntry {
  std::string path;
  DirectoryEntry::Type type = DirectoryEntry::Type::kFile;
  uint64_t size = 0;
  std::string symlink_target;
};

enum class Walker {
  kBuildKit,  // fsutil: enters an excluded directory when an exception might re-include
              // something in it, and then sends that directory late, as a parent.
  kClassic,   // go-archive: enters an excluded directory only for an exception with that
              // literal prefix, and never sends the excluded directory itself.
};

// The outcome of a walk, including the ways Docker's walks end early.
struct ContextWalk {
  // Entries in the order the walker emits them (the tar order for the classic walker). When
  // `failure` is set, what BuildKit had emitted before it stopped.
  std::vector<ContextEntry> entries;
  // Set when the build fails: a pattern New rejects (both walkers) or, for BuildKit, a pattern
  // whose regexp fails when first evaluated. Holds the reference's message, e.g.
  // "failed to match excludepatterns: syntax error in pattern".
  std::optional<std::string> failure;
  // What the classic walker logs. A match error there ends the walk silently (the build goes
  // on with the entries sent so far), so this is the only trace of it.
  std::vector<std::string> logged;
};

// Walks `context_dir` through `fs` in Go's filepath.WalkDir order (depth first, names sorted
// byte by byte) and applies `excludes` (a ReadIgnoreFile result) as `walker` does, deciding
// each entry with PatternMatcher::MatchesUsingParentResults. An Error only for a file-system
// failure (a directory that cannot be listed); pattern problems are in `failure`/`logged`.
Result<ContextWalk> WalkContext(const FileSystem& fs, const std::string& context_dir,
                                const std::vector<std::string>& excludes, Walker walker);

// docker/cli's TrimBuildFilesFromExcludes: appends `!.dockerignore` and `!<dockerfile>` when
// the deprecated PatternMatcher::Matches says they are excluded (so the daemon receives them),
// the Dockerfile's only when it does not come from stdin. `dockerfile` is context-relative.
std::vector<std::string> TrimBuildFilesFromExcludes(std::vector<std::string> excludes,
                                                    const std::string& dockerfile,
                                                    bool dockerfile_from_stdin);

// BuildKit's choice of ignore file: `<dockerfile>.dockerignore` beside the Dockerfile when that
// file exists (even empty), otherwise `<context_dir>/.dockerignore` when it exists, otherwise
// none. `dockerfile_path` is absolute or relative to `context_dir`; the result is the path to
// read. The classic builder only ever reads `<context_dir>/.dockerignore`.
std::optional<std::string> FindIgnoreFile(const FileSystem& fs, const std::string& context_dir,
                                          const std::string& dockerfile_path);

// Everything a build of `dockerfile` (context-relative, inside the context) would do with the
// context, for one walker.
struct BuildContext {
  std::optional<std::string> ignore_file;  // The file read, if any.
  std::vector<std::string> excludes;       // Its ReadIgnoreFile patterns.
  // The patterns the walk used: `excludes`, plus TrimBuildFilesFromExcludes' additions for the
  // classic walker.
  std::vector<std::string> walk_excludes;
  ContextWalk walk;
  // Classic only: what the daemon's removeDockerfile deletes from the received context
  // (`.dockerignore` and the Dockerfile when MatchesOrParentMatches excludes them and they were
  // sent).
  std::vector<std::string> daemon_removes;
  // What COPY and ADD can see: the walk's entries less `daemon_removes`; empty on failure.
  std::vector<ContextEntry> context;
  bool dockerfile_sent = false;  // In the walk's entries.
  bool dockerignore_sent = false;
  bool dockerfile_in_context = false;  // In `context`.
  bool dockerignore_in_context = false;
};

// Reads the ignore file (FindIgnoreFile for BuildKit, the context's `.dockerignore` for the
// classic builder) and computes the BuildContext. An unreadable ignore file is an Error; one
// that ReadIgnoreFile rejects is a `walk.failure`.
Result<BuildContext> ComputeBuildContext(const FileSystem& fs, const std::string& context_dir,
                                         const std::string& dockerfile, Walker walker);

}  // namespace drydock::buildcontext

#endif  // DRYDOCK_BUILDCONTEXT_CONTEXT_WALKER_H_
