// A scripted HTTP/1.1 peer standing in for the Docker engine: it listens on a unix socket in
// the test process, so the Client is exercised through the real libcurl transport. Each
// connection is served on its own thread by the route whose method and path match; the route
// writes whatever bytes the test wants (chunks cut at awkward places, an error status, a
// connection dropped mid-stream, silence until the client hangs up).
#ifndef DRYDOCK_TESTS_TESTING_FAKE_ENGINE_H_
#define DRYDOCK_TESTS_TESTING_FAKE_ENGINE_H_

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace drydock::testing {

struct FakeRequest {
  std::string method;
  std::string target;  // As sent: path and query.
  std::string path;    // Without the query.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // Filled by FakeConnection::ReadBody.
  std::string Header(std::string_view name) const;  // "" when absent (case-insensitive).
  // Query parameters in order (decoded), e.g. {{"t","a:b"},{"version","2"}}.
  std::vector<std::pair<std::string, std::string>> Query() const;
};

class FakeConnection {
 public:
  explicit FakeConnection(int fd) : fd_(fd) {}
  // Reads the whole request body (chunked or Content-Length). False when the client closed
  // or broke the connection first. `on_bytes` sees each piece as it arrives.
  bool ReadBody(FakeRequest& request,
                const std::function<void(std::string_view)>& on_bytes = nullptr);
  // Reads `n` body bytes of a chunked body at most (for slow-upload tests); false on close.
  bool ReadSomeBody(FakeRequest& request, size_t n);
  void Write(std::string_view raw);
  // Status line and headers; chunked adds Transfer-Encoding: chunked.
  void WriteHead(int status, const std::vector<std::pair<std::string, std::string>>& headers,
                 bool chunked = true);
  void WriteChunk(std::string_view data);
  void EndChunks() { Write("0\r\n\r\n"); }
  // A whole non-streamed response with Content-Length.
  void Respond(int status, std::string_view content_type, std::string_view body);
  // Closes the socket at once (a crashed engine).
  void Drop();
  // Waits until the client closes its end (recv returns 0 or an error); false after
  // `timeout_ms` without that.
  bool WaitForClientClose(int timeout_ms);

 private:
  bool Fill();  // Reads more bytes into buffer_; false on close.
  bool ReadChunkedBody(FakeRequest& request, const std::function<void(std::string_view)>& on,
                       size_t limit);

  int fd_;
  // Publishes the body read so far to FakeEngine::requests() at once, so a test that looks
  // right after its response sees it (the route may still be running).
  std::function<void(const std::string&)> on_body_;
  std::string buffer_;  // Bytes received but not consumed.
  // Chunked body decoding state (ReadSomeBody may stop mid-chunk).
  size_t chunk_left_ = 0;
  bool body_done_ = false;
  friend class FakeEngine;
};

using FakeRoute = std::function<void(FakeRequest&, FakeConnection&)>;

class FakeEngine {
 public:
  enum class Listen { kUnix, kTcp };
  // Listens on a fresh unix socket under the temp directory, or on 127.0.0.1:<free port>.
  explicit FakeEngine(Listen listen = Listen::kUnix);
  ~FakeEngine();  // Stops accepting, closes every connection, joins the threads.
  FakeEngine(const FakeEngine&) = delete;
  FakeEngine& operator=(const FakeEngine&) = delete;

  const std::string& socket_path() const { return socket_path_; }
  // "unix://<socket_path>" or "tcp://127.0.0.1:<port>".
  std::string address() const {
    return port_ != 0 ? "tcp://127.0.0.1:" + std::to_string(port_) : "unix://" + socket_path_;
  }

  // Serves `method` `path` (exact path, query ignored) with `route`. Later routes win.
  void Route(std::string method, std::string path, FakeRoute route);
  // A /_ping route answering HEAD and GET with these headers (Api-Version, Builder-Version...).
  void RoutePing(std::string api_version, std::string builder_version = "");

  // Every request received so far (bodies as far as routes read them).
  std::vector<FakeRequest> requests() const;

 private:
  void AcceptLoop();
  void Serve(int fd);

  std::string dir_;
  std::string socket_path_;
  int port_ = 0;
  int listen_fd_ = -1;
  int stop_pipe_[2] = {-1, -1};
  std::thread acceptor_;
  mutable std::mutex mu_;
  std::vector<std::pair<std::pair<std::string, std::string>, FakeRoute>> routes_;
  std::vector<FakeRequest> requests_;
  std::vector<std::thread> workers_;
  std::vector<int> open_fds_;
};

}  // namespace drydock::testing

#endif  // DRYDOCK_TESTS_TESTING_FAKE_ENGINE_H_
