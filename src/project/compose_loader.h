// Loads the build side of a Compose project the way `docker compose` (compose-go) does: file
// discovery, several `-f` files merged in order, `.env` and interpolation, profiles, and the
// `build:` section of every service (string or object form), normalised into Targets.
#ifndef DRYDOCK_PROJECT_COMPOSE_LOADER_H_
#define DRYDOCK_PROJECT_COMPOSE_LOADER_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "base/result.h"
#include "project/project.h"

namespace drydock::project {

struct ComposeOptions {
  std::vector<std::string> files;          // `-f` in order; empty: discover in working_dir.
  std::string working_dir;                 // Absolute; where discovery starts.
  std::vector<std::string> profiles;       // `--profile`; empty: COMPOSE_PROFILES applies.
  std::optional<std::string> project_name; // `-p`.
  std::map<std::string, std::string> env;  // The process environment.
};

// The Compose file names discovery tries, in Compose's order.
const std::vector<std::string>& ComposeFileNames();

// Loads the project. Problems in the files go to `sink` as diagnostics located in `sources`
// (keys Compose rejects and invalid values: errors, with "did you mean" for misspelt keys;
// keys Compose accepts but drydock does not use: silent; what compose-go logs, such as an
// unset variable or an obsolete `version`: warnings). The result is an Error when the project
// cannot be used (no file found, unreadable, invalid), with compose-go's message; when the
// problem has a place, the same text is also a diagnostic there.
Result<Project> LoadComposeProject(const ComposeOptions& options, const FileSystem& fs,
                                   SourceFileSet& sources, DiagSink& sink);

// Compose's view of every service beyond the build model: which ones the chosen profiles
// enable, and each one's `image:` (services without a build included), as `docker compose
// config` shows them.
struct ComposeServiceSummary {
  std::vector<std::string> active;            // Sorted.
  std::vector<std::string> disabled;          // Sorted.
  std::map<std::string, std::string> images;  // Every service -> `image:`, "" when unset.
};

// As above; on success also fills `summary` when it is not null.
Result<Project> LoadComposeProject(const ComposeOptions& options, const FileSystem& fs,
                                   SourceFileSet& sources, DiagSink& sink,
                                   ComposeServiceSummary* summary);

}  // namespace drydock::project

#endif  // DRYDOCK_PROJECT_COMPOSE_LOADER_H_
