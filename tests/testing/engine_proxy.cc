#include "testing/engine_proxy.h"

#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "base/check.h"

namespace drydock::testing {
namespace {

int ConnectUnix(const std::string& path) {
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) {
    close(fd);
    return -1;
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

bool SendAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = send(fd, data, size, MSG_NOSIGNAL);
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

EngineProxy::EngineProxy(std::string upstream_socket) : upstream_(std::move(upstream_socket)) {
  char tmpl[] = "/tmp/drydock-engine-proxy-XXXXXX";
  DD_CHECK(mkdtemp(tmpl) != nullptr);
  dir_ = tmpl;
  socket_path_ = dir_ + "/docker.sock";
  listen_fd_ = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  DD_CHECK(listen_fd_ >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, socket_path_.c_str(), socket_path_.size() + 1);
  DD_CHECK(bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  DD_CHECK(listen(listen_fd_, 64) == 0);
  DD_CHECK(pipe(stop_pipe_) == 0);
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

EngineProxy::~EngineProxy() {
  Sever();
  acceptor_.join();
  for (std::thread& t : workers_) t.join();
  close(stop_pipe_[0]);
  close(stop_pipe_[1]);
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::vector<std::string> EngineProxy::request_lines() const {
  std::lock_guard<std::mutex> lock(mu_);
  return lines_;
}

int EngineProxy::CountRequests(const std::string& method, const std::string& path) const {
  int n = 0;
  for (const std::string& line : request_lines()) {
    size_t sp = line.find(' ');
    if (sp == std::string::npos || line.substr(0, sp) != method) continue;
    std::string target = line.substr(sp + 1);
    target = target.substr(0, target.find_first_of("? "));
    if (target.starts_with("/v")) {  // Drop a version prefix "/v1.41".
      size_t slash = target.find('/', 1);
      if (slash != std::string::npos) target = target.substr(slash);
    }
    if (target == path) ++n;
  }
  return n;
}

void EngineProxy::OnResponseBytes(std::function<void(const std::string&)> callback) {
  std::lock_guard<std::mutex> lock(mu_);
  on_response_ = std::move(callback);
}

void EngineProxy::Sever() {
  if (severed_.exchange(true)) return;
  // The name goes first and synchronously: a connect right after Sever() must fail the way it
  // does with no engine (ENOENT), not reach a listener that is about to close.
  unlink(socket_path_.c_str());
  char c = 1;
  (void)!write(stop_pipe_[1], &c, 1);
  std::lock_guard<std::mutex> lock(mu_);
  for (int fd : open_fds_) shutdown(fd, SHUT_RDWR);
}

void EngineProxy::AcceptLoop() {
  while (true) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[1].revents != 0) break;
    if (fds[0].revents & POLLIN) {
      int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      std::lock_guard<std::mutex> lock(mu_);
      if (severed_) {
        close(fd);
        continue;
      }
      open_fds_.push_back(fd);
      workers_.emplace_back([this, fd] { Pump(fd); });
    }
  }
  close(listen_fd_);
}

void EngineProxy::Pump(int client_fd) {
  int upstream_fd = ConnectUnix(upstream_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (upstream_fd >= 0) open_fds_.push_back(upstream_fd);
    if (severed_ && upstream_fd >= 0) shutdown(upstream_fd, SHUT_RDWR);
  }
  std::string first_line;
  bool line_done = false;
  bool response_seen = false;
  char buf[65536];
  while (upstream_fd >= 0) {
    pollfd fds[2] = {{client_fd, POLLIN, 0}, {upstream_fd, POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[0].revents != 0) {
      ssize_t n = recv(client_fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      if (!line_done) {
        first_line.append(buf, static_cast<size_t>(n));
        size_t eol = first_line.find("\r\n");
        if (eol != std::string::npos || first_line.size() > 8192) {
          first_line.resize(std::min(eol, first_line.size()));
          size_t http = first_line.rfind(" HTTP/");
          if (http != std::string::npos) first_line.resize(http);
          line_done = true;
          std::lock_guard<std::mutex> lock(mu_);
          lines_.push_back(first_line);
        }
      }
      if (!SendAll(upstream_fd, buf, static_cast<size_t>(n))) break;
    }
    if (fds[1].revents != 0) {
      ssize_t n = recv(upstream_fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      if (!SendAll(client_fd, buf, static_cast<size_t>(n))) break;
      if (!response_seen) {
        response_seen = true;
        std::function<void(const std::string&)> callback;
        {
          std::lock_guard<std::mutex> lock(mu_);
          callback = on_response_;
        }
        if (callback) callback(first_line);
      }
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = open_fds_.begin(); it != open_fds_.end();) {
    if (*it == client_fd || *it == upstream_fd) {
      it = open_fds_.erase(it);
    } else {
      ++it;
    }
  }
  shutdown(client_fd, SHUT_RDWR);
  close(client_fd);
  if (upstream_fd >= 0) close(upstream_fd);
}

}  // namespace drydock::testing
