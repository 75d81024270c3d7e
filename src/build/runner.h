// The Runner seam (ARCHITECTURE.md): builds one target. The scheduler decides when; a Runner
// decides how. EngineRunner (engine_runner.h) builds through the Docker engine; tests use
// tests/testing/fake_runner.h.
#ifndef DRYDOCK_BUILD_RUNNER_H_
#define DRYDOCK_BUILD_RUNNER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "build/cancel_token.h"

namespace drydock::build {

// One step of a running build, as the builder names it ("[2/5] RUN make", "Step 2/5 : RUN make").
struct StepInfo {
  enum class State { kStarted, kDone, kCached, kFailed };
  State state = State::kStarted;
  std::string id;    // Stable within one build.
  std::string name;
};

// Progress of one build. Called on the thread running it; implementations serialise.
class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void OnStep(const StepInfo& step) {}
  // Build output bytes, newlines included; may end mid-line.
  virtual void OnLog(std::string_view bytes) {}
  // Context bytes handed to the engine so far, of `total` (0 when unknown).
  virtual void OnUpload(uint64_t sent, uint64_t total) {}
};

// A parent target and the image it resolved to (built now, or found up to date).
struct ParentImage {
  std::string target;
  std::string image_id;  // "sha256:<hex>"
};

// What the scheduler asks for: target `index` of the schedule, started only once every
// parent has finished and its image ID is known.
struct BuildJob {
  size_t index = 0;
  std::string target;
  std::vector<ParentImage> parents;  // In schedule order.
};

struct RunResult {
  enum class Status {
    kBuilt,       // A build ran and produced `image_id`.
    kUpToDate,    // The tagged image already carries this input hash: nothing sent.
    kFailed,      // The build ran and failed (or its inputs could not be read).
    kCancelled,   // The cancel token fired; the build's connection was closed.
    kEngineLost,  // The engine cannot be reached any more: the whole run stops (exit 3).
  };
  Status status = Status::kBuilt;
  std::string image_id;  // kBuilt, kUpToDate.
  int64_t size = -1;     // Bytes, when known.
  // kFailed: the builder's message; kEngineLost: the transport's error.
  std::string message;
  std::string failing_step;   // "[2/5] RUN false"; empty when no step was running.
  std::string step_location;  // "services/app/Dockerfile:7"; empty when unknown.
  std::optional<int> exit_code;
};

class Runner {
 public:
  virtual ~Runner() = default;
  // Builds `job`. Must return promptly (seconds) once `cancel` fires, with kCancelled.
  // Called from several threads at once, one per running build.
  virtual RunResult Run(const BuildJob& job, RunObserver& observer, CancelToken& cancel) = 0;
};

}  // namespace drydock::build

#endif  // DRYDOCK_BUILD_RUNNER_H_
