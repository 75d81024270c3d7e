// What a build reports while it runs, for both builders: steps and log bytes, decoded from the
// engine's JSON stream (classic `stream` lines, BuildKit `moby.buildkit.trace` protobuf).
#ifndef DRYDOCK_ENGINE_BUILD_EVENTS_H_
#define DRYDOCK_ENGINE_BUILD_EVENTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace drydock::engine {

enum class BuilderKind { kClassic, kBuildKit };

// What a step's display name says about its place in the Dockerfile. The engine module knows
// no Dockerfile; the caller maps these numbers to a line with its own parse.
//  - classic "Step 3/7 : RUN make": index 3, total 7 over the whole file (FROM counts), no stage.
//  - BuildKit "[builder 2/5] RUN make": stage "builder" (empty for a single-stage file, or the
//    "stage-N" name BuildKit gives an unnamed stage), index 2 of 5 within that stage (its FROM
//    is 1), instruction "RUN make".
//  - BuildKit "[internal] load build definition from Dockerfile": internal, no index.
struct StepName {
  std::string stage;
  int index = 0;  // 1-based; 0 when the name carries none.
  int total = 0;
  std::string instruction;  // "RUN make" (as the builder prints it, possibly shortened).
  bool internal = false;    // "[internal] ..." and other vertices that are no Dockerfile step.
};

// Parses either form; a name in neither form ("exporting to image", "copy /context /") gives
// {instruction = name, internal = true}.
StepName ParseStepName(std::string_view name);

struct StepEvent {
  enum class State { kStarted, kCompleted, kCached, kFailed };
  State state = State::kStarted;
  // Stable within one build: the BuildKit vertex digest, or "step-<N>" for classic.
  std::string id;
  std::string name;  // "[2/5] RUN make", "Step 2/5 : RUN make".
  StepName parsed;
  std::string error;  // kFailed: the builder's message for this step.
};

struct LogEvent {
  std::string step_id;  // StepEvent::id of the step the bytes belong to; empty if none.
  int stream = 1;       // 1 stdout, 2 stderr (classic output is all 1).
  std::string data;     // Raw bytes, newlines included; may end mid-line.
};

// A warning BuildKit attaches to the build (StatusResponse.warnings).
struct WarningEvent {
  std::string step_id;
  std::string message;
};

// Receives a build's progress on the thread that runs the build. Every method has a no-op
// default so an observer implements only what it shows.
class BuildObserver {
 public:
  virtual ~BuildObserver() = default;
  virtual void OnUploadProgress(uint64_t bytes_sent) {}
  virtual void OnStep(const StepEvent& event) {}
  virtual void OnLog(const LogEvent& event) {}
  virtual void OnWarning(const WarningEvent& event) {}
};

// Why a build failed, as far as the stream tells.
struct BuildFailure {
  std::string message;                // The engine's errorDetail message (or HTTP error).
  std::string step_id;                // Empty when no step was running.
  std::string step_name;              // "[2/5] RUN false" / "Step 2/3 : RUN false".
  StepName step;                      // ParseStepName(step_name).
  std::optional<int> exit_code;       // The command's exit code when the message names one.
};

// "process \"/bin/sh -c false\" did not complete successfully: exit code: 1" (BuildKit) and
// "The command '/bin/sh -c false' returned a non-zero code: 1" (classic) -> 1.
std::optional<int> ExitCodeFromMessage(std::string_view message);

}  // namespace drydock::engine

#endif  // DRYDOCK_ENGINE_BUILD_EVENTS_H_
