#include "engine/endpoint.h"

#include <cstdlib>

#include "base/sha256.h"
#include "engine/json.h"

namespace drydock::engine {
namespace {

constexpr const char* kDefaultSocket = "/var/run/docker.sock";

std::string Get(const Environment& env, const char* name) {
  auto it = env.find(name);
  return it == env.end() ? std::string() : it->second;
}

std::string ConfigDir(const Environment& env) {
  std::string dir = Get(env, "DOCKER_CONFIG");
  if (!dir.empty()) return dir;
  std::string home = Get(env, "HOME");
  return JoinPath(home.empty() ? "/" : home, ".docker");
}

// Docker's convention: a certificate file that is not there is simply not used.
std::string IfFile(const FileSystem& fs, const std::string& path) {
  return fs.IsFile(path) ? path : std::string();
}

TlsConfig TlsFromDir(const FileSystem& fs, const std::string& dir, bool verify) {
  TlsConfig tls;
  tls.ca_file = IfFile(fs, JoinPath(dir, "ca.pem"));
  tls.cert_file = IfFile(fs, JoinPath(dir, "cert.pem"));
  tls.key_file = IfFile(fs, JoinPath(dir, "key.pem"));
  tls.verify = verify;
  return tls;
}

Result<EngineEndpoint> FromContext(const Environment& env, const FileSystem& fs,
                                   const std::string& name) {
  const std::string config_dir = ConfigDir(env);
  const std::string id = ToHex(Sha256Of(name));
  const std::string meta_path = JoinPath(config_dir, "contexts/meta/" + id + "/meta.json");
  if (!fs.IsFile(meta_path)) {
    return MakeError("context \"" + name + "\" does not exist (no " + meta_path + ")");
  }
  Result<std::string> text = fs.ReadFile(meta_path);
  if (!text.ok()) return text.error();
  std::optional<Json> meta = ParseJson(*text);
  if (!meta || !meta->is_object()) return MakeError(meta_path + ": not a JSON object");
  const Json* docker = nullptr;
  if (auto eps = meta->find("Endpoints"); eps != meta->end() && eps->is_object()) {
    if (auto d = eps->find("docker"); d != eps->end() && d->is_object()) docker = &*d;
  }
  if (docker == nullptr) {
    return MakeError("context \"" + name + "\" has no docker endpoint (" + meta_path + ")");
  }
  std::string host = JsonString(*docker, "Host");
  bool skip_verify = false;
  if (auto s = docker->find("SkipTLSVerify"); s != docker->end() && s->is_boolean()) {
    skip_verify = s->get<bool>();
  }
  std::optional<TlsConfig> tls;
  const std::string tls_dir = JoinPath(config_dir, "contexts/tls/" + id + "/docker");
  if (fs.IsDirectory(tls_dir)) {
    tls = TlsFromDir(fs, tls_dir, !skip_verify);
  } else if (skip_verify) {
    TlsConfig no_verify;
    no_verify.verify = false;
    tls = no_verify;
  }
  Result<EngineEndpoint> ep = ParseEngineAddress(host.empty() ? "unix://" : host, tls);
  if (!ep.ok()) {
    return MakeError("context \"" + name + "\": " + ep.error().message);
  }
  ep->origin = "context \"" + name + "\"";
  return ep;
}

}  // namespace

std::string EngineEndpoint::ToString() const {
  if (kind == Kind::kUnix) return "unix://" + unix_path;
  std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return "tcp://" + h + ":" + std::to_string(port);
}

Result<EngineEndpoint> ParseEngineAddress(std::string_view address,
                                          const std::optional<TlsConfig>& tls) {
  EngineEndpoint ep;
  std::string_view rest;
  if (address.starts_with("unix://")) {
    rest = address.substr(7);
    ep.kind = EngineEndpoint::Kind::kUnix;
    ep.unix_path = rest.empty() ? std::string(kDefaultSocket) : std::string(rest);
    return ep;
  }
  if (address.starts_with("/")) {
    ep.kind = EngineEndpoint::Kind::kUnix;
    ep.unix_path = std::string(address);
    return ep;
  }
  bool tcp = false;
  if (address.starts_with("tcp://")) {
    rest = address.substr(6);
    tcp = true;
  } else if (address.starts_with("http://") || address.starts_with("https://")) {
    rest = address.substr(address.find("://") + 3);
    tcp = true;
  }
  if (!tcp) {
    size_t scheme = address.find("://");
    if (scheme != std::string_view::npos) {
      return MakeError("engine address \"" + std::string(address) + "\": scheme " +
                       std::string(address.substr(0, scheme)) + ":// is not supported");
    }
    return MakeError("engine address \"" + std::string(address) +
                     "\": expected unix:///path or tcp://host:port");
  }
  // Drop a trailing path; the API prefix is the client's.
  if (size_t slash = rest.find('/'); slash != std::string_view::npos) rest = rest.substr(0, slash);
  std::string host;
  std::string_view port_text;
  if (rest.starts_with("[")) {
    size_t close = rest.find(']');
    if (close == std::string_view::npos) {
      return MakeError("engine address \"" + std::string(address) + "\": unclosed [");
    }
    host = std::string(rest.substr(1, close - 1));
    std::string_view after = rest.substr(close + 1);
    if (after.starts_with(":")) port_text = after.substr(1);
  } else {
    size_t colon = rest.rfind(':');
    if (colon != std::string_view::npos) {
      host = std::string(rest.substr(0, colon));
      port_text = rest.substr(colon + 1);
    } else {
      host = std::string(rest);
    }
  }
  if (host.empty()) host = "127.0.0.1";
  int port = tls ? 2376 : 2375;
  if (!port_text.empty()) {
    port = 0;
    for (char c : port_text) {
      if (c < '0' || c > '9' || port > 65535) {
        return MakeError("engine address \"" + std::string(address) + "\": invalid port");
      }
      port = port * 10 + (c - '0');
    }
    if (port == 0 || port > 65535) {
      return MakeError("engine address \"" + std::string(address) + "\": invalid port");
    }
  }
  ep.kind = EngineEndpoint::Kind::kTcp;
  ep.host = host;
  ep.port = port;
  ep.tls = tls;
  if (address.starts_with("https://") && !ep.tls) ep.tls = TlsConfig{};
  return ep;
}

Result<EngineEndpoint> ResolveEngineEndpoint(const Environment& env, const FileSystem& fs) {
  std::string docker_host = Get(env, "DOCKER_HOST");
  if (!docker_host.empty()) {
    std::optional<TlsConfig> tls;
    bool verify = !Get(env, "DOCKER_TLS_VERIFY").empty();
    if (verify || !Get(env, "DOCKER_TLS").empty()) {
      std::string cert_path = Get(env, "DOCKER_CERT_PATH");
      if (cert_path.empty()) cert_path = ConfigDir(env);
      tls = TlsFromDir(fs, cert_path, verify);
    }
    Result<EngineEndpoint> ep = ParseEngineAddress(docker_host, tls);
    if (!ep.ok()) return MakeError("DOCKER_HOST: " + ep.error().message);
    ep->origin = "DOCKER_HOST";
    return ep;
  }
  std::string context = Get(env, "DOCKER_CONTEXT");
  if (context.empty()) {
    const std::string config_path = JoinPath(ConfigDir(env), "config.json");
    if (fs.IsFile(config_path)) {
      Result<std::string> text = fs.ReadFile(config_path);
      if (!text.ok()) return text.error();
      std::optional<Json> config = ParseJson(*text);
      if (!config || !config->is_object()) return MakeError(config_path + ": not a JSON object");
      context = JsonString(*config, "currentContext");
    }
  }
  if (!context.empty() && context != "default") return FromContext(env, fs, context);
  EngineEndpoint ep;
  ep.origin = "default";
  return ep;
}

}  // namespace drydock::engine
