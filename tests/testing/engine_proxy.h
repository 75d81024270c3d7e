// A byte-forwarding proxy in front of a real engine socket, for integration tests: it records
// the request line of every connection (a "counting proxy": how many POST /build reached the
// engine), and Sever() cuts every open connection at once and refuses new ones, which is what a
// client sees when the engine dies mid-build. Point the code under test at address() (for a
// subprocess: DOCKER_HOST=<address()>).
//
// One request per connection is assumed for the record (drydock's transport never reuses a
// connection); bytes of later requests on a kept-alive connection are forwarded, not recorded.
#ifndef DRYDOCK_TESTS_TESTING_ENGINE_PROXY_H_
#define DRYDOCK_TESTS_TESTING_ENGINE_PROXY_H_

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace drydock::testing {

class EngineProxy {
 public:
  // Listens on a fresh unix socket under the temp directory and forwards to `upstream_socket`.
  explicit EngineProxy(std::string upstream_socket);
  ~EngineProxy();  // Severs, joins every thread, removes the socket.
  EngineProxy(const EngineProxy&) = delete;
  EngineProxy& operator=(const EngineProxy&) = delete;

  std::string address() const { return "unix://" + socket_path_; }
  const std::string& socket_path() const { return socket_path_; }

  // "POST /v1.41/build?t=..." for each connection so far, in arrival order.
  std::vector<std::string> request_lines() const;
  // How many recorded request lines start with `method` and whose path (query and version
  // prefix ignored) is `path`, e.g. CountRequests("POST", "/build").
  int CountRequests(const std::string& method, const std::string& path) const;
  // Called when the first bytes of a response arrive from upstream, with the connection's
  // request line; lets a test sever at a precise moment (e.g. once a build has started).
  void OnResponseBytes(std::function<void(const std::string& request_line)> callback);

  // Closes every open connection (both sides) and the listening socket: later connects fail.
  void Sever();

 private:
  void AcceptLoop();
  void Pump(int client_fd);

  std::string upstream_;
  std::string dir_;
  std::string socket_path_;
  int listen_fd_ = -1;
  int stop_pipe_[2] = {-1, -1};
  std::atomic<bool> severed_{false};
  std::thread acceptor_;
  mutable std::mutex mu_;
  std::vector<std::string> lines_;
  std::vector<int> open_fds_;
  std::vector<std::thread> workers_;
  std::function<void(const std::string&)> on_response_;
};

}  // namespace drydock::testing

#endif  // DRYDOCK_TESTS_TESTING_ENGINE_PROXY_H_
