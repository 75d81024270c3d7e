#include "engine/client.h"

#include <cstdio>
#include <utility>

#include "engine/build_stream.h"
#include "engine/json.h"
#include "engine/json_stream.h"

namespace drydock::engine {
namespace {

// Buffered responses (inspect, version, errors) are small; a larger one means a confused peer.
constexpr size_t kMaxBufferedBody = 16u << 20;

struct BufferedResponse {
  HttpResponseHead head;
  std::string body;
};

class BufferingHandler final : public ResponseHandler {
 public:
  bool OnHead(const HttpResponseHead& head) override {
    response.head = head;
    return true;
  }
  bool OnBody(std::string_view data) override {
    if (response.body.size() + data.size() > kMaxBufferedBody) {
      too_big = true;
      return false;
    }
    response.body.append(data);
    return true;
  }
  BufferedResponse response;
  bool too_big = false;
};

// {"message": "..."} from an error response, else the body itself, trimmed.
std::string ErrorMessageFromBody(std::string_view body) {
  if (std::optional<Json> j = ParseJson(body)) {
    std::string message = JsonString(*j, "message");
    if (!message.empty()) return message;
  }
  std::string text(body.substr(0, 500));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.pop_back();
  }
  return text.empty() ? "no message" : text;
}

Error HttpError(const BufferedResponse& r) {
  return MakeError("engine: " + ErrorMessageFromBody(r.body) + " (HTTP " +
                   std::to_string(r.head.status) + ")");
}

// "1.41" -> (1, 41); malformed -> (0, 0).
std::pair<int, int> VersionPair(std::string_view v) {
  int major = 0, minor = 0;
  size_t dot = v.find('.');
  if (dot == std::string_view::npos) return {0, 0};
  for (char c : v.substr(0, dot)) {
    if (c < '0' || c > '9') return {0, 0};
    major = major * 10 + (c - '0');
  }
  for (char c : v.substr(dot + 1)) {
    if (c < '0' || c > '9') return {0, 0};
    minor = minor * 10 + (c - '0');
  }
  return {major, minor};
}

// Image names keep their '/', ':' and '@' in the path, as the engine's router expects.
std::string PathEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '/' || c == ':' || c == '@') {
      out.push_back(c);
    } else {
      out += UrlEncode(std::string_view(&c, 1));
    }
  }
  return out;
}

std::string JsonMapText(const std::map<std::string, std::string>& m) {
  Json j = Json::object();
  for (const auto& [k, v] : m) j[k] = v;
  return j.dump();
}

class BuildHandler final : public ResponseHandler {
 public:
  BuildHandler(BuilderKind builder, BuildObserver& observer)
      : observer_(observer), decoder(builder, observer) {}

  bool OnHead(const HttpResponseHead& head) override {
    status = head.status;
    return true;
  }
  bool OnBody(std::string_view data) override {
    if (status != 200) {
      if (error_body.size() < kMaxBufferedBody) error_body.append(data);
      return true;
    }
    Result<void> r = decoder.Feed(data);
    if (!r.ok()) {
      decode_error = r.error();
      return false;
    }
    return true;
  }
  void OnUploadProgress(uint64_t bytes_sent) override { observer_.OnUploadProgress(bytes_sent); }

  BuildObserver& observer_;
  BuildStreamDecoder decoder;
  int status = 0;
  std::string error_body;
  std::optional<Error> decode_error;
};

class StreamToSinkHandler final : public ResponseHandler {
 public:
  explicit StreamToSinkHandler(const ByteSink& sink) : sink_(sink) {}
  bool OnHead(const HttpResponseHead& head) override {
    status = head.status;
    return true;
  }
  bool OnBody(std::string_view data) override {
    if (status != 200) {
      if (error_body.size() < kMaxBufferedBody) error_body.append(data);
      return true;
    }
    if (!sink_(data)) {
      stopped = true;
      return false;
    }
    return true;
  }
  const ByteSink& sink_;
  int status = 0;
  std::string error_body;
  bool stopped = false;
};

// Splits a JSON stream response and hands each message to `on_message`.
class JsonLinesHandler final : public ResponseHandler {
 public:
  explicit JsonLinesHandler(std::function<bool(const Json&)> on_message)
      : on_message_(std::move(on_message)) {}
  bool OnHead(const HttpResponseHead& head) override {
    status = head.status;
    return true;
  }
  bool OnBody(std::string_view data) override {
    if (status != 200) {
      if (error_body.size() < kMaxBufferedBody) error_body.append(data);
      return true;
    }
    bool keep_going = true;
    Result<void> r = splitter.Feed(data, [&](std::string_view text) {
      std::optional<Json> j = ParseJson(text);
      if (!j) {
        error = MakeError("malformed JSON stream from the engine: " +
                          std::string(text.substr(0, 200)));
        keep_going = false;
        return false;
      }
      if (!on_message_(*j)) {
        stopped = true;
        keep_going = false;
        return false;
      }
      return true;
    });
    if (!r.ok()) {
      error = r.error();
      return false;
    }
    return keep_going;
  }
  std::function<bool(const Json&)> on_message_;
  JsonStreamSplitter splitter;
  int status = 0;
  std::string error_body;
  bool stopped = false;
  std::optional<Error> error;
};

Result<BufferedResponse> Exchange(Transport& transport, const HttpRequest& request) {
  BufferingHandler handler;
  Result<void> sent = transport.Send(request, handler, nullptr);
  if (!sent.ok()) return sent.error();
  if (handler.too_big) {
    return MakeError("engine: response to " + request.method + " " + request.target +
                     " is larger than " + std::to_string(kMaxBufferedBody >> 20) + " MiB");
  }
  return std::move(handler.response);
}

}  // namespace

std::string UrlEncode(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::optional<BuilderChoice> ParseBuilderChoice(std::string_view text) {
  if (text == "auto") return BuilderChoice::kAuto;
  if (text == "buildkit") return BuilderChoice::kBuildKit;
  if (text == "classic") return BuilderChoice::kClassic;
  return std::nullopt;
}

Client::Client(std::unique_ptr<Transport> transport, PingInfo ping, std::string api_version)
    : transport_(std::move(transport)), ping_(std::move(ping)),
      api_version_(std::move(api_version)) {}

Result<std::unique_ptr<Client>> Client::Connect(std::unique_ptr<Transport> transport) {
  HttpRequest head_request;
  head_request.method = "HEAD";
  head_request.target = "/_ping";
  Result<BufferedResponse> ping = Exchange(*transport, head_request);
  if (!ping.ok()) return ping.error();
  if (ping->head.status != 200) {
    // Some proxies refuse HEAD; the official client falls back to GET as well.
    HttpRequest get_request;
    get_request.target = "/_ping";
    ping = Exchange(*transport, get_request);
    if (!ping.ok()) return ping.error();
    if (ping->head.status != 200) return HttpError(*ping);
  }
  PingInfo info;
  info.api_version = ping->head.Header("Api-Version").value_or("");
  info.builder_version = ping->head.Header("Builder-Version").value_or("");
  info.os_type = ping->head.Header("OSType").value_or("");
  info.experimental = ping->head.Header("Docker-Experimental").value_or("") == "true";

  std::string server = info.api_version;
  if (VersionPair(server).first == 0) {
    // No (or a garbled) Api-Version header: ask /version, which every engine answers.
    HttpRequest version_request;
    version_request.target = "/version";
    Result<BufferedResponse> v = Exchange(*transport, version_request);
    if (!v.ok()) return v.error();
    if (v->head.status != 200) return HttpError(*v);
    std::optional<Json> j = ParseJson(v->body);
    if (j) server = JsonString(*j, "ApiVersion");
    if (VersionPair(server).first == 0) {
      return MakeError("engine: cannot tell its API version (no Api-Version header, /version "
                       "has no ApiVersion)");
    }
    info.api_version = server;
  }
  std::string negotiated =
      VersionPair(server) < VersionPair(kMaxApiVersion) ? server : std::string(kMaxApiVersion);
  if (VersionPair(negotiated) < VersionPair(kMinApiVersion)) {
    return MakeError("engine: API version " + server + " is too old (drydock needs " +
                     std::string(kMinApiVersion) + " or newer)");
  }
  return std::unique_ptr<Client>(new Client(std::move(transport), std::move(info), negotiated));
}

Result<PingInfo> Client::Ping() {
  HttpRequest request;
  request.method = "HEAD";
  request.target = "/_ping";
  Result<BufferedResponse> r = Exchange(*transport_, request);
  if (!r.ok()) return r.error();
  if (r->head.status != 200) return HttpError(*r);
  PingInfo info;
  info.api_version = r->head.Header("Api-Version").value_or("");
  info.builder_version = r->head.Header("Builder-Version").value_or("");
  info.os_type = r->head.Header("OSType").value_or("");
  info.experimental = r->head.Header("Docker-Experimental").value_or("") == "true";
  return info;
}

BuilderKind Client::ResolveBuilder(BuilderChoice choice) const {
  switch (choice) {
    case BuilderChoice::kBuildKit:
      return BuilderKind::kBuildKit;
    case BuilderChoice::kClassic:
      return BuilderKind::kClassic;
    case BuilderChoice::kAuto:
      break;
  }
  return ping_.builder_version == "2" ? BuilderKind::kBuildKit : BuilderKind::kClassic;
}

Result<VersionInfo> Client::Version() {
  HttpRequest request;
  request.target = "/v" + api_version_ + "/version";
  Result<BufferedResponse> r = Exchange(*transport_, request);
  if (!r.ok()) return r.error();
  if (r->head.status != 200) return HttpError(*r);
  std::optional<Json> j = ParseJson(r->body);
  if (!j || !j->is_object()) return MakeError("engine: /version is not a JSON object");
  VersionInfo v;
  v.version = JsonString(*j, "Version");
  v.api_version = JsonString(*j, "ApiVersion");
  v.min_api_version = JsonString(*j, "MinAPIVersion");
  v.os = JsonString(*j, "Os");
  v.arch = JsonString(*j, "Arch");
  v.kernel_version = JsonString(*j, "KernelVersion");
  return v;
}

Result<BuildResult> Client::Build(const BuildRequest& req, BodySource& context_tar,
                                  BuildObserver& observer, const CancelToken& cancel) {
  const BuilderKind builder = ResolveBuilder(req.builder);
  std::string query;
  auto add = [&query](std::string_view key, std::string_view value) {
    query += query.empty() ? "?" : "&";
    query += key;
    query += '=';
    query += UrlEncode(value);
  };
  for (const std::string& tag : req.tags) add("t", tag);
  if (!req.dockerfile.empty()) add("dockerfile", req.dockerfile);
  if (!req.target.empty()) add("target", req.target);
  if (!req.build_args.empty()) add("buildargs", JsonMapText(req.build_args));
  if (!req.labels.empty()) add("labels", JsonMapText(req.labels));
  if (!req.platform.empty()) add("platform", req.platform);
  if (!req.network_mode.empty()) add("networkmode", req.network_mode);
  if (!req.cache_from.empty()) add("cachefrom", Json(req.cache_from).dump());
  if (req.pull) add("pull", "1");
  if (req.no_cache) add("nocache", "1");
  if (req.force_rm) add("forcerm", "1");
  add("version", builder == BuilderKind::kBuildKit ? "2" : "1");

  HttpRequest request;
  request.method = "POST";
  request.target = "/v" + api_version_ + "/build" + query;
  request.headers.emplace_back("Content-Type", req.content_type);
  request.body = &context_tar;

  BuildHandler handler(builder, observer);
  Result<void> sent = transport_->Send(request, handler, &cancel);
  BuildResult result;
  result.builder = builder;
  if (cancel.cancelled()) {
    result.status = BuildResult::Status::kCancelled;
    return result;
  }
  // An engine that rejects the request early may close while the context is still going up;
  // a complete {"message"} answer is then the result, not the broken upload.
  bool answered = handler.status >= 400 && ParseJson(handler.error_body).has_value();
  if (!sent.ok() && !answered) return sent.error();
  if (handler.decode_error) return *handler.decode_error;
  if (handler.status != 200) {
    result.status = BuildResult::Status::kFailed;
    result.failure.message = ErrorMessageFromBody(handler.error_body);
    return result;
  }
  Result<void> finished = handler.decoder.Finish();
  if (!finished.ok()) return finished.error();
  if (handler.decoder.failure()) {
    result.status = BuildResult::Status::kFailed;
    result.failure = *handler.decoder.failure();
    return result;
  }
  if (handler.decoder.image_id().empty()) {
    return MakeError("engine: the build stream ended without an image ID or an error");
  }
  result.status = BuildResult::Status::kBuilt;
  result.image_id = handler.decoder.image_id();
  return result;
}

Result<std::optional<ImageInfo>> Client::InspectImage(std::string_view name) {
  HttpRequest request;
  request.target = "/v" + api_version_ + "/images/" + PathEscape(name) + "/json";
  Result<BufferedResponse> r = Exchange(*transport_, request);
  if (!r.ok()) return r.error();
  if (r->head.status == 404) return std::optional<ImageInfo>();
  if (r->head.status != 200) return HttpError(*r);
  std::optional<Json> j = ParseJson(r->body);
  if (!j || !j->is_object()) return MakeError("engine: image inspect is not a JSON object");
  ImageInfo info;
  info.id = JsonString(*j, "Id");
  info.repo_tags = JsonStringList(*j, "RepoTags");
  info.repo_digests = JsonStringList(*j, "RepoDigests");
  info.created = JsonString(*j, "Created");
  if (auto s = j->find("Size"); s != j->end() && s->is_number_integer()) {
    info.size = s->get<int64_t>();
  }
  info.os = JsonString(*j, "Os");
  info.architecture = JsonString(*j, "Architecture");
  if (auto c = j->find("Config"); c != j->end() && c->is_object()) {
    info.labels = JsonStringMap(*c, "Labels");
    info.env = JsonStringList(*c, "Env");
    info.cmd = JsonStringList(*c, "Cmd");
    info.entrypoint = JsonStringList(*c, "Entrypoint");
    info.user = JsonString(*c, "User");
    info.working_dir = JsonString(*c, "WorkingDir");
  }
  if (auto fs = j->find("RootFS"); fs != j->end() && fs->is_object()) {
    info.layers = JsonStringList(*fs, "Layers");
  }
  info.raw_json = std::move(r->body);
  return std::optional<ImageInfo>(std::move(info));
}

namespace {

// "repo:tag" into its two halves as the engine's tag and push endpoints want them; a colon
// before the last `/` belongs to a registry port, and no tag means "latest".
std::pair<std::string_view, std::string_view> SplitRepoTag(std::string_view reference) {
  size_t colon = reference.rfind(':');
  size_t slash = reference.rfind('/');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    return {reference.substr(0, colon), reference.substr(colon + 1)};
  }
  return {reference, "latest"};
}

}  // namespace

Result<void> Client::TagImage(std::string_view source, std::string_view target) {
  auto [repo, tag] = SplitRepoTag(target);
  HttpRequest request;
  request.method = "POST";
  request.target = "/v" + api_version_ + "/images/" + PathEscape(source) +
                   "/tag?repo=" + UrlEncode(repo) + "&tag=" + UrlEncode(tag);
  Result<BufferedResponse> r = Exchange(*transport_, request);
  if (!r.ok()) return r.error();
  if (r->head.status != 201 && r->head.status != 200) return HttpError(*r);
  return {};
}

Result<void> Client::RemoveImage(std::string_view name, bool force, bool missing_ok) {
  HttpRequest request;
  request.method = "DELETE";
  request.target = "/v" + api_version_ + "/images/" + PathEscape(name) +
                   (force ? "?force=1" : "");
  Result<BufferedResponse> r = Exchange(*transport_, request);
  if (!r.ok()) return r.error();
  if (r->head.status == 404 && missing_ok) return {};
  if (r->head.status != 200) return HttpError(*r);
  return {};
}

namespace {

// URL-safe base64 with padding (Go's base64.URLEncoding), as the engine decodes auth headers.
std::string Base64Url(std::string_view in) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    uint32_t v = (static_cast<uint8_t>(in[i]) << 16) | (static_cast<uint8_t>(in[i + 1]) << 8) |
                 static_cast<uint8_t>(in[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(kAlphabet[(v >> shift) & 63]);
  }
  size_t rest = in.size() - i;
  if (rest > 0) {
    uint32_t v = static_cast<uint8_t>(in[i]) << 16;
    if (rest == 2) v |= static_cast<uint8_t>(in[i + 1]) << 8;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

}  // namespace

Result<std::string> Client::PushImage(std::string_view reference, std::string_view registry_auth,
                                      const std::function<void(std::string_view)>& on_status,
                                      const CancelToken* cancel) {
  auto [repo, tag] = SplitRepoTag(reference);
  HttpRequest request;
  request.method = "POST";
  request.target = "/v" + api_version_ + "/images/" + PathEscape(repo) + "/push?tag=" +
                   UrlEncode(tag);
  request.headers.emplace_back("X-Registry-Auth",
                               Base64Url(registry_auth.empty() ? "{}" : registry_auth));
  std::string digest;
  std::optional<std::string> stream_error;
  JsonLinesHandler handler([&](const Json& m) {
    if (auto d = m.find("errorDetail"); d != m.end() && d->is_object()) {
      if (!stream_error) stream_error = JsonString(*d, "message");
      return true;
    }
    if (auto e = m.find("error"); e != m.end() && e->is_string()) {
      if (!stream_error) stream_error = e->get<std::string>();
      return true;
    }
    std::string status = JsonString(m, "status");
    // "<tag>: digest: sha256:... size: N" ends a successful push.
    if (size_t at = status.find("digest: sha256:"); at != std::string::npos) {
      size_t start = at + 8;
      digest = status.substr(start, status.find(' ', start) - start);
    }
    bool ticking = false;
    if (auto pd = m.find("progressDetail"); pd != m.end() && pd->is_object()) {
      ticking = pd->contains("current");
    }
    if (on_status && !status.empty() && !ticking) {
      std::string id = JsonString(m, "id");
      on_status(id.empty() ? status : id + ": " + status);
    }
    return true;
  });
  Result<void> sent = transport_->Send(request, handler, cancel);
  if (cancel != nullptr && cancel->cancelled()) return MakeError("push cancelled");
  if (!sent.ok()) return sent.error();
  if (handler.status != 200) {
    return MakeError("engine: " + ErrorMessageFromBody(handler.error_body) + " (HTTP " +
                     std::to_string(handler.status) + ")");
  }
  if (handler.error) return *handler.error;
  if (stream_error) return MakeError("push of " + std::string(reference) + ": " + *stream_error);
  Result<void> finished = handler.splitter.Finish();
  if (!finished.ok()) return finished.error();
  if (digest.empty()) {
    return MakeError("push of " + std::string(reference) + ": the engine reported no digest");
  }
  return digest;
}

Result<void> Client::SaveImage(std::string_view name, const ByteSink& sink,
                               const CancelToken* cancel) {
  HttpRequest request;
  request.target = "/v" + api_version_ + "/images/" + PathEscape(name) + "/get";
  StreamToSinkHandler handler(sink);
  Result<void> sent = transport_->Send(request, handler, cancel);
  if (cancel != nullptr && cancel->cancelled()) return MakeError("image save cancelled");
  if (!sent.ok()) return sent.error();
  if (handler.status != 200) {
    return MakeError("engine: " + ErrorMessageFromBody(handler.error_body) + " (HTTP " +
                     std::to_string(handler.status) + ")");
  }
  if (handler.stopped) return MakeError("image save of " + std::string(name) +
                                        " stopped by the reader");
  return {};
}

Result<std::string> Client::ImportImage(BodySource& rootfs_tar, std::string_view repo,
                                        std::string_view tag) {
  HttpRequest request;
  request.method = "POST";
  request.target = "/v" + api_version_ + "/images/create?fromSrc=-&repo=" + UrlEncode(repo) +
                   "&tag=" + UrlEncode(tag);
  request.headers.emplace_back("Content-Type", "application/x-tar");
  request.body = &rootfs_tar;
  std::string image_id;
  std::optional<std::string> stream_error;
  JsonLinesHandler handler([&](const Json& m) {
    if (auto d = m.find("errorDetail"); d != m.end() && d->is_object()) {
      stream_error = JsonString(*d, "message");
      return true;
    }
    std::string status = JsonString(m, "status");
    if (status.starts_with("sha256:")) image_id = status;
    return true;
  });
  Result<void> sent = transport_->Send(request, handler, nullptr);
  if (!sent.ok()) return sent.error();
  if (handler.status != 200) {
    return MakeError("engine: " + ErrorMessageFromBody(handler.error_body) + " (HTTP " +
                     std::to_string(handler.status) + ")");
  }
  if (handler.error) return *handler.error;
  if (stream_error) return MakeError("engine: " + *stream_error);
  if (image_id.empty()) return MakeError("engine: image import reported no image ID");
  return image_id;
}

Result<void> Client::Events(const EventsQuery& query,
                            const std::function<bool(const EngineEvent&)>& on_event,
                            const CancelToken* cancel) {
  std::string q;
  auto add = [&q](std::string_view key, std::string_view value) {
    q += q.empty() ? "?" : "&";
    q += key;
    q += '=';
    q += UrlEncode(value);
  };
  if (!query.since.empty()) add("since", query.since);
  if (!query.until.empty()) add("until", query.until);
  if (!query.filters.empty()) {
    Json f = Json::object();
    for (const auto& [k, values] : query.filters) f[k] = values;
    add("filters", f.dump());
  }
  HttpRequest request;
  request.target = "/v" + api_version_ + "/events" + q;
  JsonLinesHandler handler([&](const Json& m) {
    EngineEvent e;
    e.type = JsonString(m, "Type");
    e.action = JsonString(m, "Action");
    if (auto a = m.find("Actor"); a != m.end() && a->is_object()) {
      e.actor_id = JsonString(*a, "ID");
      e.attributes = JsonStringMap(*a, "Attributes");
    }
    if (auto t = m.find("timeNano"); t != m.end() && t->is_number_integer()) {
      e.time_nano = t->get<int64_t>();
    }
    e.raw_json = m.dump();
    return on_event(e);
  });
  Result<void> sent = transport_->Send(request, handler, cancel);
  if (cancel != nullptr && cancel->cancelled()) return {};
  if (!sent.ok()) return sent.error();
  if (handler.status != 200) {
    return MakeError("engine: " + ErrorMessageFromBody(handler.error_body) + " (HTTP " +
                     std::to_string(handler.status) + ")");
  }
  if (handler.error) return *handler.error;
  if (handler.stopped) return {};
  return handler.splitter.Finish();
}

}  // namespace drydock::engine
