// The real Transport: libcurl over a unix socket or TCP (TLS when the endpoint says so).
#ifndef DRYDOCK_ENGINE_CURL_TRANSPORT_H_
#define DRYDOCK_ENGINE_CURL_TRANSPORT_H_

#include <memory>

#include "engine/endpoint.h"
#include "engine/transport.h"

namespace drydock::engine {

struct CurlTransportOptions {
  long connect_timeout_ms = 5000;  // Nothing answers within this: an Error.
  // No low-speed limit: a build step may be silent for an hour. A dead peer is found instead
  // by the closed socket (unix: immediate EOF) and TCP keepalive (idle/interval below).
  long keepalive_idle_s = 10;
  long keepalive_interval_s = 5;
};

// One easy handle per Send, so concurrent Sends from several threads are safe.
std::unique_ptr<Transport> MakeCurlTransport(const EngineEndpoint& endpoint,
                                             const CurlTransportOptions& options = {});

}  // namespace drydock::engine

#endif  // DRYDOCK_ENGINE_CURL_TRANSPORT_H_
