// The real Runner: builds a target through the Docker engine (engine::Client). Per build:
// walk the context as the engine's builder will (buildcontext), compute the input hash, and
// when the tagged image already carries it answer `up to date` without sending anything;
// otherwise stream the context tar as the body of POST /build (labelled with the hash, forcerm
// so a failed classic step leaves no container), then inspect the result for its size. The only
// file in build/ that calls engine::.
#ifndef DRYDOCK_BUILD_ENGINE_RUNNER_H_
#define DRYDOCK_BUILD_ENGINE_RUNNER_H_

#include <string>
#include <vector>

#include "base/file_system.h"
#include "build/hash_cache.h"
#include "build/runner.h"
#include "engine/client.h"
#include "graph/build_graph.h"

namespace drydock::build {

struct EngineRunnerOptions {
  engine::BuilderChoice builder = engine::BuilderChoice::kAuto;
  bool force = false;        // Build even when the tagged image carries the same input hash.
  std::string network_mode;  // For targets that set none themselves; empty: engine default.
  // drydock's .drydock/ directory (absolute): left out of every context it lies in.
  std::string state_dir;
};

class EngineRunner final : public Runner {
 public:
  // `nodes[i]` is the graph node of schedule entry i. Everything referenced must outlive the
  // runner; `client` is shared by the concurrent builds (its transport is thread-safe).
  EngineRunner(engine::Client& client, const graph::BuildGraph& graph,
               std::vector<size_t> nodes, const FileSystem& fs, HashCache& cache,
               EngineRunnerOptions options);

  RunResult Run(const BuildJob& job, RunObserver& observer, CancelToken& cancel) override;

 private:
  engine::Client& client_;
  const graph::BuildGraph& graph_;
  std::vector<size_t> nodes_;
  const FileSystem& fs_;
  HashCache& cache_;
  EngineRunnerOptions options_;
};

// The engine's CPU count (GET /info NCPU): the default for -j. 0 when it cannot be read.
int EngineCpuCount(engine::Client& client);

// The tag a target's image is looked up and built under: its first tag, else the name the
// graph derived for it.
std::string PrimaryTag(const graph::Node& node);

}  // namespace drydock::build

#endif  // DRYDOCK_BUILD_ENGINE_RUNNER_H_
