// The Transport seam (ARCHITECTURE.md: "Transport (engine socket)"): one HTTP/1.1 exchange with
// the engine, request body pulled from a source, response delivered as it arrives. The real
// implementation is libcurl (curl_transport.h); tests drive the Client through it against a
// scripted peer on a unix socket, or through a fake.
#ifndef DRYDOCK_ENGINE_TRANSPORT_H_
#define DRYDOCK_ENGINE_TRANSPORT_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace drydock::engine {

// Cancellation flag shared between the thread running a request and any other thread (a
// signal-handling thread, the scheduler). Cancel() is async-signal-safe (one atomic store).
// A transport checks it while waiting and closes the connection within ~100 ms; closing is how
// the engine learns that a build is cancelled.
class CancelToken {
 public:
  void Cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> cancelled_{false};
};

// A pull-style request body (a context tar produced on the fly; never a temp file). The
// transport calls Read from the thread running the request until it returns 0.
class BodySource {
 public:
  virtual ~BodySource() = default;
  // Fills up to `size` bytes of `buffer`; returns the count, 0 at the end, or an Error (the
  // request is then aborted and Send returns that Error).
  virtual Result<size_t> Read(char* buffer, size_t size) = 0;
};

// A BodySource over bytes held in memory (owned).
class StringBodySource final : public BodySource {
 public:
  explicit StringBodySource(std::string data) : data_(std::move(data)) {}
  Result<size_t> Read(char* buffer, size_t size) override;

 private:
  std::string data_;
  size_t offset_ = 0;
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";  // GET, HEAD, POST, DELETE.
  // Origin-form target with the version prefix and an already-encoded query:
  // "/v1.41/build?t=app%3Alatest&version=2".
  std::string target;
  HeaderList headers;            // Extra headers (Content-Type, X-Registry-Config, ...).
  BodySource* body = nullptr;    // Not owned. Null: no body. Else sent chunked.
};

struct HttpResponseHead {
  int status = 0;
  HeaderList headers;  // In arrival order, names as sent.
  // First header of that name, compared case-insensitively.
  std::optional<std::string> Header(std::string_view name) const;
};

// Receives one response as it arrives, on the thread that called Send.
class ResponseHandler {
 public:
  virtual ~ResponseHandler() = default;
  // Once, before any body byte. Returning false aborts the exchange (Send then returns ok).
  virtual bool OnHead(const HttpResponseHead& head) = 0;
  // Body bytes, de-chunked, in arbitrary pieces. Returning false aborts (Send returns ok).
  virtual bool OnBody(std::string_view data) = 0;
  // Request body bytes taken from the BodySource so far: monotonic, at most every 100 ms,
  // and once with the full count when the body ends.
  virtual void OnUploadProgress(uint64_t bytes_sent) {}
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Performs one exchange. Ok when a complete response was received, or the handler aborted,
  // or `cancel` fired (the caller checks the token). An Error when the engine cannot be reached
  // (connect timeout: seconds), the connection breaks mid-response, or the body source fails;
  // its message names the endpoint. Safe to call from several threads at once (one connection
  // per call).
  virtual Result<void> Send(const HttpRequest& request, ResponseHandler& handler,
                            const CancelToken* cancel) = 0;
};

}  // namespace drydock::engine

#endif  // DRYDOCK_ENGINE_TRANSPORT_H_
