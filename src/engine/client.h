// drydock's Docker Engine API client: version negotiation, builds with a streamed context,
// image inspect / tag / push / save / import / remove, and the event stream. It knows nothing of
// graphs or projects (it depends on base/ only) and talks HTTP through the Transport seam;
// MakeCurlTransport (curl_transport.h) is the real one.
//
// Typical use (build/EngineRunner):
//   auto endpoint = engine::ResolveEngineEndpoint(env, fs);
//   auto client = engine::Client::Connect(engine::MakeCurlTransport(*endpoint), {});
//   engine::BuildRequest req; req.tags = {"app:latest"}; ...
//   auto result = client->Build(req, tar_source, observer, cancel);
#ifndef DRYDOCK_ENGINE_CLIENT_H_
#define DRYDOCK_ENGINE_CLIENT_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "engine/build_events.h"
#include "engine/endpoint.h"
#include "engine/transport.h"

namespace drydock::engine {

// The API versions this client speaks. The negotiated version is min(kMaxApiVersion, the
// server's Api-Version); below kMinApiVersion (aux image IDs in build streams) is an Error.
inline constexpr std::string_view kMinApiVersion = "1.30";
inline constexpr std::string_view kMaxApiVersion = "1.45";

// From HEAD/GET /_ping.
struct PingInfo {
  std::string api_version;      // Api-Version header: the server's maximum.
  std::string builder_version;  // Builder-Version header: "2" BuildKit default, "1", "" absent.
  std::string os_type;          // OSType header ("linux").
  bool experimental = false;    // Docker-Experimental: true.
};

// From GET /version.
struct VersionInfo {
  std::string version;          // Engine version, "20.10.24+dfsg1".
  std::string api_version;
  std::string min_api_version;
  std::string os;
  std::string arch;
  std::string kernel_version;
};

enum class BuilderChoice { kAuto, kBuildKit, kClassic };

// Parses "auto" | "buildkit" | "classic" (the --builder flag); nullopt otherwise.
std::optional<BuilderChoice> ParseBuilderChoice(std::string_view text);

// POST /build parameters. Empty / unset fields are not sent.
struct BuildRequest {
  std::vector<std::string> tags;                    // t= (repeated).
  std::string dockerfile;                           // Path inside the context tar.
  std::string target;                               // Stage to build.
  std::map<std::string, std::string> build_args;    // buildargs= JSON map.
  std::map<std::string, std::string> labels;        // labels= JSON map.
  std::string platform;                             // "linux/amd64".
  std::string network_mode;                         // networkmode= ("host", "none", ...).
  std::vector<std::string> cache_from;              // cachefrom= JSON array.
  bool pull = false;                                // pull=1 only when true.
  bool no_cache = false;                            // nocache=1.
  bool force_rm = true;                             // forcerm=1 (classic: no leftover containers).
  BuilderChoice builder = BuilderChoice::kAuto;
  // Sent as Content-Type; the body may be a plain tar or gzip/bzip2/xz of one.
  std::string content_type = "application/x-tar";
};

// The outcome of a build that reached the engine. An unreachable or lost engine is an Error
// from Build instead, never one of these.
struct BuildResult {
  enum class Status { kBuilt, kFailed, kCancelled };
  Status status = Status::kBuilt;
  BuilderKind builder = BuilderKind::kClassic;  // The builder actually used.
  std::string image_id;                         // kBuilt: "sha256:<64 hex>".
  BuildFailure failure;                         // kFailed (HTTP 4xx/5xx or in-stream error).
};

// GET /images/{name}/json, the parts drydock reads; `raw_json` keeps the whole document.
struct ImageInfo {
  std::string id;  // "sha256:..."
  std::vector<std::string> repo_tags;
  std::vector<std::string> repo_digests;
  std::string created;  // RFC 3339 as the engine writes it.
  int64_t size = 0;
  std::string os;
  std::string architecture;
  std::map<std::string, std::string> labels;  // Config.Labels (null -> empty).
  std::vector<std::string> env;               // Config.Env.
  std::vector<std::string> cmd;               // Config.Cmd.
  std::vector<std::string> entrypoint;        // Config.Entrypoint.
  std::string user;                           // Config.User.
  std::string working_dir;                    // Config.WorkingDir.
  std::vector<std::string> layers;            // RootFS.Layers (diff IDs).
  std::string raw_json;
};

// GET /events filter and window. `until` empty streams until the callback stops or `cancel`.
struct EventsQuery {
  std::map<std::string, std::vector<std::string>> filters;  // {"type": {"image"}}, ...
  std::string since;  // Unix seconds ("1700000000" or "1700000000.123456789"), or empty.
  std::string until;
};

// One /events message.
struct EngineEvent {
  std::string type;    // "image", "container", "builder", ...
  std::string action;  // "tag", "create", "delete", "prune", ...
  std::string actor_id;
  std::map<std::string, std::string> attributes;
  int64_t time_nano = 0;
  std::string raw_json;
};

// Receives streamed bytes (image save); return false to stop (the call then returns an Error
// "stopped by the reader").
using ByteSink = std::function<bool(std::string_view)>;

class Client {
 public:
  // Pings the engine (HEAD /_ping, GET on failure) and negotiates the API version. An Error
  // when nothing answers within the connect timeout, or the version is too old.
  static Result<std::unique_ptr<Client>> Connect(std::unique_ptr<Transport> transport);

  const PingInfo& ping() const { return ping_; }
  // "1.41": the version every request path is prefixed with.
  const std::string& api_version() const { return api_version_; }
  // The builder `choice` resolves to on this engine: kAuto is BuildKit only when the engine
  // advertises Builder-Version 2 (20.10 advertises nothing: classic, the engine's own default).
  BuilderKind ResolveBuilder(BuilderChoice choice) const;

  Result<VersionInfo> Version();

  // HEAD /_ping again: ok while the engine answers. After a failed build, this tells an engine
  // that went away (a stopping dockerd may end running builds with an in-stream
  // "context canceled" error instead of dropping the connection) from a build that failed.
  Result<PingInfo> Ping();

  // POST /build with `context_tar` streamed as the body (chunked), progress and steps to
  // `observer`. Cancelling `cancel` (from any thread) closes the connection, which the engine
  // takes as the build's cancellation, and returns kCancelled promptly. Failures of the build
  // itself (bad Dockerfile, failing RUN, HTTP 4xx/5xx with {"message"}) are a kFailed result;
  // a lost engine is an Error within seconds.
  Result<BuildResult> Build(const BuildRequest& request, BodySource& context_tar,
                            BuildObserver& observer, const CancelToken& cancel);

  // GET /images/{name}/json; nullopt when the engine answers 404.
  Result<std::optional<ImageInfo>> InspectImage(std::string_view name);

  // POST /images/{source}/tag?repo=&tag=; `target` is "repo[:tag]" (tag defaults to latest).
  Result<void> TagImage(std::string_view source, std::string_view target);

  // DELETE /images/{name}; `force` untags even if used; returns ok on 404 when `missing_ok`.
  Result<void> RemoveImage(std::string_view name, bool force, bool missing_ok);

  // POST /images/{repo}/push?tag=: pushes `reference` ("registry/repo:tag"; the tag defaults
  // to latest). `registry_auth` is the X-Registry-Auth JSON ({"username","password",
  // "serveraddress"} or {"identitytoken"}); empty sends "{}". Status lines ("Preparing",
  // "Pushed", ...) go to `on_status` as "<id>: <status>" when given. Returns the pushed
  // manifest digest ("sha256:..."). Errors reported inside the stream under HTTP 200 (no
  // registry, denied) are Errors too.
  Result<std::string> PushImage(std::string_view reference, std::string_view registry_auth,
                                const std::function<void(std::string_view)>& on_status = nullptr,
                                const CancelToken* cancel = nullptr);

  // GET /images/{name}/get: the docker-save tar, streamed into `sink` as it arrives.
  Result<void> SaveImage(std::string_view name, const ByteSink& sink,
                         const CancelToken* cancel = nullptr);

  // POST /images/create?fromSrc=-&repo=&tag= with a rootfs tar body (docker import); returns
  // the new image ID. For tests and fixtures.
  Result<std::string> ImportImage(BodySource& rootfs_tar, std::string_view repo,
                                  std::string_view tag);

  // GET /events: calls `on_event` per message until the window ends (`until`), the callback
  // returns false, or `cancel` fires.
  Result<void> Events(const EventsQuery& query,
                      const std::function<bool(const EngineEvent&)>& on_event,
                      const CancelToken* cancel = nullptr);

  // Test seam / escape hatch: the transport requests go through.
  Transport& transport() { return *transport_; }

 private:
  Client(std::unique_ptr<Transport> transport, PingInfo ping, std::string api_version);

  std::unique_ptr<Transport> transport_;
  PingInfo ping_;
  std::string api_version_;
};

// Percent-encodes a query value or path segment (unreserved characters kept).
std::string UrlEncode(std::string_view s);

}  // namespace drydock::engine

#endif  // DRYDOCK_ENGINE_CLIENT_H_
