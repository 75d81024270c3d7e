// Loads whichever project file the user has: Compose first (as `docker compose` would find
// it), then buildx bake JSON; `-f` files choose by name (`*.json` is bake).
#ifndef DRYDOCK_PROJECT_PROJECT_LOADER_H_
#define DRYDOCK_PROJECT_PROJECT_LOADER_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "base/result.h"
#include "project/project.h"

namespace drydock::project {

struct LoadOptions {
  std::vector<std::string> files;           // `-f`, in order.
  std::string working_dir;                  // Absolute.
  std::vector<std::string> profiles;        // Compose `--profile`.
  std::optional<std::string> project_name;  // Compose `-p`.
  std::map<std::string, std::string> env;   // The process environment.
};

Result<Project> LoadProject(const LoadOptions& options, const FileSystem& fs,
                            SourceFileSet& sources, DiagSink& sink);

}  // namespace drydock::project

#endif  // DRYDOCK_PROJECT_PROJECT_LOADER_H_
