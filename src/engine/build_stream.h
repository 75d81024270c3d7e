// Decodes a POST /build response body into BuildObserver events and a result, for both
// builders:
//  - classic (version=1): {"stream":"Step 2/5 : RUN ..."} lines start steps; every stream
//    text is a log event of the current step (stderr arrives wrapped in ESC[91m ... ESC[0m and
//    is unwrapped to stream 2); " ---> Using cache" marks the step cached; {"aux":{"ID"}} names
//    the image (the last one wins).
//  - BuildKit (version=2): {"id":"moby.buildkit.trace","aux":"<base64 StatusResponse>"} gives
//    vertex updates (started / cached / completed / error), logs and warnings;
//    {"id":"moby.image.id","aux":{"ID"}} names the image.
//  - both: {"errorDetail":{"code"?,"message"},"error"} ends the build as failed;
//    {"status","id","progressDetail"} (base image pulls) becomes log text.
#ifndef DRYDOCK_ENGINE_BUILD_STREAM_H_
#define DRYDOCK_ENGINE_BUILD_STREAM_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "engine/build_events.h"
#include "engine/buildkit_trace.h"
#include "engine/json_stream.h"

namespace drydock::engine {

class BuildStreamDecoder {
 public:
  // `observer` is not owned and must outlive the decoder.
  BuildStreamDecoder(BuilderKind builder, BuildObserver& observer);

  // Body bytes in arrival order, cut anywhere. An Error for a malformed stream (bad JSON,
  // bad base64 or protobuf in a trace message).
  Result<void> Feed(std::string_view data);
  // One whole JSON message (Feed splits and calls this; exposed for tests and fuzzing).
  Result<void> HandleMessage(std::string_view json);
  // The end of the body: closes the last step (completed, or failed when the build failed)
  // and checks that no message was cut off.
  Result<void> Finish();

  // The final image ID ("sha256:..."), empty when none was announced.
  const std::string& image_id() const { return image_id_; }
  // Set once the stream reported an error.
  const std::optional<BuildFailure>& failure() const { return failure_; }

 private:
  struct VertexState {
    std::string name;
    bool started = false;
    bool finished = false;
    std::string error;
  };

  void HandleStreamText(std::string_view text);
  void HandleClassicLine(std::string_view line);
  void EndClassicStep(StepEvent::State state, const std::string& error);
  Result<void> HandleTrace(const StatusResponse& status);
  void HandleError(std::string message, std::optional<int> code);

  BuilderKind builder_;
  BuildObserver& observer_;
  JsonStreamSplitter splitter_;
  std::string image_id_;
  std::optional<BuildFailure> failure_;
  std::optional<Error> decode_error_;

  // Classic state.
  bool at_line_start_ = true;
  std::string step_id_;  // Current classic step ("step-3"), empty before the first.
  std::string step_name_;
  bool step_cached_ = false;
  std::string line_;  // The current (partial) stdout line, to spot "Step" and "---> Using cache".

  // BuildKit state.
  std::map<std::string, VertexState> vertexes_;
  std::string last_failed_vertex_;
};

}  // namespace drydock::engine

#endif  // DRYDOCK_ENGINE_BUILD_STREAM_H_
