// BuildKit's progress messages as the Docker engine relays them in a build stream:
// {"id":"moby.buildkit.trace","aux":"<base64>"} where the base64 holds one protobuf
// moby.buildkit.v1.StatusResponse (buildkit api/services/control/control.proto).
#ifndef DRYDOCK_ENGINE_BUILDKIT_TRACE_H_
#define DRYDOCK_ENGINE_BUILDKIT_TRACE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::engine {

// google.protobuf.Timestamp, flattened; 0 when absent.
struct TraceTime {
  int64_t seconds = 0;
  int32_t nanos = 0;
  bool present = false;
};

struct TraceVertex {  // Vertex: digest=1 inputs=2 name=3 cached=4 started=5 completed=6 error=7
  std::string digest;
  std::vector<std::string> inputs;
  std::string name;
  bool cached = false;
  TraceTime started;
  TraceTime completed;
  std::string error;
};

struct TraceStatus {  // VertexStatus: ID=1 vertex=2 name=3 current=4 total=5 timestamp=6
                      //               started=7 completed=8
  std::string id;
  std::string vertex;
  std::string name;
  int64_t current = 0;
  int64_t total = 0;
  TraceTime timestamp;
  TraceTime started;
  TraceTime completed;
};

struct TraceLog {  // VertexLog: vertex=1 timestamp=2 stream=3 msg=4
  std::string vertex;
  TraceTime timestamp;
  int64_t stream = 0;
  std::string msg;
};

struct TraceWarning {  // VertexWarning: vertex=1 level=2 short=3 detail=4 url=5
  std::string vertex;
  int64_t level = 0;
  std::string short_message;
  std::vector<std::string> detail;
  std::string url;
};

struct StatusResponse {  // vertexes=1 statuses=2 logs=3 warnings=4
  std::vector<TraceVertex> vertexes;
  std::vector<TraceStatus> statuses;
  std::vector<TraceLog> logs;
  std::vector<TraceWarning> warnings;
};

// Decodes one StatusResponse; unknown fields are skipped. nullopt on malformed bytes.
std::optional<StatusResponse> DecodeStatusResponse(std::string_view bytes);

// Standard base64 (RFC 4648, padding optional, as Go's encoding/json writes []byte);
// nullopt on any character outside the alphabet.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace drydock::engine

#endif  // DRYDOCK_ENGINE_BUILDKIT_TRACE_H_
