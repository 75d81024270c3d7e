// A target's input hash: SHA-256 over everything that decides what its build produces — the
// Dockerfile bytes, the context files the build sees after .dockerignore (path, type, mode,
// size, content; symlink targets), the build args, the target stage, the platform and the
// parents' image IDs (targets of the project, and external base images). Stored as the image label kInputHashLabel; a tagged image carrying the
// same value is up to date. Modification times are deliberately left out: a touch alone does
// not rebuild.
#ifndef DRYDOCK_BUILD_INPUT_HASH_H_
#define DRYDOCK_BUILD_INPUT_HASH_H_

#include <map>
#include <string>
#include <vector>

#include "base/file_system.h"
#include "base/result.h"
#include "build/hash_cache.h"
#include "build/runner.h"
#include "buildcontext/context_walker.h"

namespace drydock::build {

inline constexpr const char* kInputHashLabel = "org.drydock.input-hash";

struct HashInputs {
  std::string dockerfile;  // The Dockerfile's bytes.
  std::string context_dir;  // Absolute; entries are relative to it.
  std::vector<buildcontext::ContextEntry> context;  // What COPY/ADD can see, in walk order.
  std::map<std::string, std::string> build_args;     // As sent.
  std::string target_stage;
  std::string platform;
  std::vector<ParentImage> parents;
};

// Lower-case hex. An Error when a context file cannot be stat'ed or read.
Result<std::string> ComputeInputHash(const FileSystem& fs, HashCache& cache,
                                     const HashInputs& inputs);

}  // namespace drydock::build

#endif  // DRYDOCK_BUILD_INPUT_HASH_H_
