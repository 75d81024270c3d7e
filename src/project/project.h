// The model every project-file format loads into: the images a project builds (Targets) and
// how they are grouped. Compose (compose_loader.h) and buildx bake (bake_loader.h) both produce
// a Project; nothing downstream (graph, plan, build) knows which format it came from.
#ifndef DRYDOCK_PROJECT_PROJECT_H_
#define DRYDOCK_PROJECT_PROJECT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace drydock::project {

// Where something was written: a project file and a 1-based line and column.
struct FileLocation {
  std::string path;
  uint32_t line = 0;
  uint32_t column = 0;
};

// drydock's own settings for a target (Compose `x-drydock:` on a service or its build; bake
// target attribute `x-drydock`), documented in docs/project-files.md.
struct DrydockSettings {
  std::optional<double> cost;          // Expected build cost for the critical path (default 1).
  std::optional<bool> check;           // Run `drydock check` on the built image.
  std::map<std::string, std::string> extra;  // Other keys, kept for later features.
};

// One image the project builds.
struct Target {
  std::string name;  // Compose service name or bake target name.
  // Build inputs. Paths are absolute (resolved against the project directory); a context may
  // also be a URL.
  std::string context;
  std::string dockerfile;                       // Absolute path; empty with dockerfile_inline.
  std::optional<std::string> dockerfile_inline;
  // Build args in file order; a value of nullopt means "declared without a value" (Compose
  // `args: [FOO]` whose FOO is unset in the environment).
  std::vector<std::pair<std::string, std::optional<std::string>>> args;
  std::string target_stage;                     // `target:`; empty for the last stage.
  // Every tag the build produces: Compose `image:` first, then `build.tags`; bake `tags`.
  std::vector<std::string> tags;
  std::vector<std::pair<std::string, std::string>> labels;
  std::vector<std::string> platforms;
  // Named contexts: name → value as written ("service:x", "target:x", "docker-image://...",
  // a path made absolute, a URL).
  std::vector<std::pair<std::string, std::string>> additional_contexts;
  std::vector<std::string> cache_from;
  std::string network;
  std::optional<int64_t> shm_size;              // Bytes.
  std::vector<std::string> depends_on;          // Explicit links to other targets by name.
  std::vector<std::string> profiles;            // Compose profiles; empty = always active.
  DrydockSettings drydock;
  FileLocation location;                        // Where the target is declared.
};

struct Project {
  std::string name;                    // Compose project name; bake: the directory name.
  std::string directory;               // Absolute project directory.
  std::vector<std::string> files;      // The project files read, in order.
  std::vector<Target> targets;         // Every target with a build, sorted by name.
  // The targets built when none are named: Compose services active with the chosen profiles
  // (every service without `profiles:` when none are chosen); bake's `default` group.
  std::vector<std::string> default_targets;
  // Names that select several targets: bake groups (nested groups expanded), Compose none.
  std::map<std::string, std::vector<std::string>> groups;
  // Services without a build section (Compose) that still produce images others may use:
  // name → image. They are never built by drydock.
  std::map<std::string, std::string> external_images;

  const Target* Find(const std::string& target_name) const;
};

}  // namespace drydock::project

#endif  // DRYDOCK_PROJECT_PROJECT_H_
