// Loads a buildx bake project from JSON (`docker-bake.json`, then `docker-bake.override.json`,
// or `-f` files merged in order): targets, nested groups, `inherits`, `contexts` (including
// `target:NAME`), `args`, `tags`, `target`, `dockerfile`, `platforms`, `matrix` with `name`
// templates, and `variable` blocks with defaults overridden by the environment.
#ifndef DRYDOCK_PROJECT_BAKE_LOADER_H_
#define DRYDOCK_PROJECT_BAKE_LOADER_H_

#include <map>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "base/result.h"
#include "project/project.h"

namespace drydock::project {

struct BakeOptions {
  std::vector<std::string> files;          // `-f` in order; empty: discover in working_dir.
  std::string working_dir;                 // Absolute.
  std::map<std::string, std::string> env;  // The process environment (overrides variables).
};

// The bake file names discovery tries (JSON only), in buildx's order.
const std::vector<std::string>& BakeFileNames();

// Loads the project; see LoadComposeProject for how problems are reported.
Result<Project> LoadBakeProject(const BakeOptions& options, const FileSystem& fs,
                                SourceFileSet& sources, DiagSink& sink);

}  // namespace drydock::project

#endif  // DRYDOCK_PROJECT_BAKE_LOADER_H_
