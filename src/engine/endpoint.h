// Where the Docker engine is: DOCKER_HOST, else the current Docker context, else the default
// socket. A pure function of an environment map and the file-system seam, so it is unit-tested
// without touching the machine's real ~/.docker.
#ifndef DRYDOCK_ENGINE_ENDPOINT_H_
#define DRYDOCK_ENGINE_ENDPOINT_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/file_system.h"
#include "base/result.h"

namespace drydock::engine {

// Client-side TLS material for a tcp:// engine (Docker's ca.pem / cert.pem / key.pem layout).
// Empty paths mean "not given" (no client certificate, system CA store).
struct TlsConfig {
  std::string ca_file;
  std::string cert_file;
  std::string key_file;
  bool verify = true;  // Verify the server certificate (DOCKER_TLS_VERIFY); false for DOCKER_TLS.
};

// One resolved engine address.
struct EngineEndpoint {
  enum class Kind { kUnix, kTcp };
  Kind kind = Kind::kUnix;
  std::string unix_path = "/var/run/docker.sock";  // kUnix only.
  std::string host;                                // kTcp only: name or address (no brackets).
  int port = 0;                                    // kTcp only.
  std::optional<TlsConfig> tls;                    // kTcp only: https when set.
  // Where this came from, for messages: "DOCKER_HOST", "context \"<name>\"", "default".
  std::string origin = "default";

  // The address as Docker writes it: unix:///var/run/docker.sock, tcp://host:2376.
  std::string ToString() const;
};

// The process environment, as a map (cli/ builds it from environ; tests write it inline).
using Environment = std::map<std::string, std::string>;

// Parses one DOCKER_HOST-style address: unix:///path (unix:// alone: the default socket),
// tcp://host[:port] (port defaults to 2375, or 2376 with TLS; [v6] in brackets; a trailing
// path is ignored), http:// and https:// (TLS with system CAs unless `tls` says otherwise), a
// bare "/path" is unix. ssh:// and npipe:// are errors ("not supported").
Result<EngineEndpoint> ParseEngineAddress(std::string_view address,
                                          const std::optional<TlsConfig>& tls);

// Resolution order, as the docker CLI does it:
//  1. DOCKER_HOST (non-empty). TLS when DOCKER_TLS_VERIFY is non-empty (verify) or DOCKER_TLS
//     is non-empty (no verify); certificates from DOCKER_CERT_PATH, else the config directory.
//  2. DOCKER_CONTEXT, else "currentContext" of <config dir>/config.json; "default" or empty
//     means step 3. A named context reads
//     <config dir>/contexts/meta/<hex sha256(name)>/meta.json, Endpoints.docker.Host (and
//     SkipTLSVerify; TLS files under contexts/tls/<hex sha256(name)>/docker/ when present).
//  3. unix:///var/run/docker.sock.
// The config directory is DOCKER_CONFIG, else $HOME/.docker. A missing config.json is fine;
// an unreadable or malformed config.json or meta.json, or an unknown context, is an Error.
Result<EngineEndpoint> ResolveEngineEndpoint(const Environment& env, const FileSystem& fs);

}  // namespace drydock::engine

#endif  // DRYDOCK_ENGINE_ENDPOINT_H_
