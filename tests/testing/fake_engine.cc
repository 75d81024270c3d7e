#include "testing/fake_engine.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <algorithm>
#include <filesystem>

#include "base/check.h"
#include "base/strings.h"

namespace drydock::testing {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i] == '+' ? ' ' : s[i]);
    }
  }
  return out;
}

}  // namespace

std::string FakeRequest::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (EqualsIgnoreCaseAscii(k, name)) return v;
  }
  return "";
}

std::vector<std::pair<std::string, std::string>> FakeRequest::Query() const {
  std::vector<std::pair<std::string, std::string>> out;
  size_t q = target.find('?');
  if (q == std::string::npos) return out;
  std::string_view rest = std::string_view(target).substr(q + 1);
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view part = rest.substr(0, amp);
    size_t eq = part.find('=');
    out.emplace_back(PercentDecode(part.substr(0, eq)),
                     eq == std::string_view::npos ? "" : PercentDecode(part.substr(eq + 1)));
    if (amp == std::string_view::npos) break;
    rest = rest.substr(amp + 1);
  }
  return out;
}

bool FakeConnection::Fill() {
  char buf[65536];
  ssize_t n = recv(fd_, buf, sizeof buf, 0);
  if (n <= 0) return false;
  buffer_.append(buf, static_cast<size_t>(n));
  return true;
}

bool FakeConnection::ReadChunkedBody(FakeRequest& request,
                                     const std::function<void(std::string_view)>& on,
                                     size_t limit) {
  size_t got = 0;
  while (!body_done_ && got < limit) {
    if (chunk_left_ == 0) {
      size_t eol;
      while ((eol = buffer_.find("\r\n")) == std::string::npos) {
        if (!Fill()) return false;
      }
      size_t size = std::stoul(buffer_.substr(0, eol), nullptr, 16);
      buffer_.erase(0, eol + 2);
      if (size == 0) {
        while (buffer_.find("\r\n") == std::string::npos) {  // No trailers from curl.
          if (!Fill()) return false;
        }
        buffer_.erase(0, buffer_.find("\r\n") + 2);
        body_done_ = true;
        break;
      }
      chunk_left_ = size;
    }
    if (buffer_.empty() && !Fill()) return false;
    size_t data = std::min({chunk_left_, buffer_.size(), limit - got});
    request.body.append(buffer_, 0, data);
    if (on) on(std::string_view(buffer_).substr(0, data));
    buffer_.erase(0, data);
    chunk_left_ -= data;
    got += data;
    if (chunk_left_ == 0) {  // The CRLF after the chunk's data.
      while (buffer_.size() < 2) {
        if (!Fill()) return false;
      }
      buffer_.erase(0, 2);
    }
  }
  return true;
}

bool FakeConnection::ReadBody(FakeRequest& request,
                              const std::function<void(std::string_view)>& on_bytes) {
  if (EqualsIgnoreCaseAscii(request.Header("Transfer-Encoding"), "chunked")) {
    bool ok = ReadChunkedBody(request, on_bytes, static_cast<size_t>(-1));
    if (on_body_) on_body_(request.body);
    return ok;
  }
  std::string length = request.Header("Content-Length");
  size_t n = length.empty() ? 0 : std::stoul(length);
  while (buffer_.size() < n) {
    if (!Fill()) return false;
  }
  request.body.append(buffer_, 0, n);
  if (on_bytes) on_bytes(std::string_view(buffer_).substr(0, n));
  buffer_.erase(0, n);
  body_done_ = true;
  if (on_body_) on_body_(request.body);
  return true;
}

bool FakeConnection::ReadSomeBody(FakeRequest& request, size_t n) {
  bool ok = ReadChunkedBody(request, nullptr, n);
  if (on_body_) on_body_(request.body);
  return ok;
}

void FakeConnection::Write(std::string_view raw) {
  while (!raw.empty()) {
    ssize_t n = send(fd_, raw.data(), raw.size(), MSG_NOSIGNAL);
    if (n <= 0) return;  // The client went away; the test notices on its side.
    raw.remove_prefix(static_cast<size_t>(n));
  }
}

void FakeConnection::WriteHead(int status,
                               const std::vector<std::pair<std::string, std::string>>& headers,
                               bool chunked) {
  std::string head = "HTTP/1.1 " + std::to_string(status) + " Whatever\r\n";
  for (const auto& [k, v] : headers) head += k + ": " + v + "\r\n";
  if (chunked) head += "Transfer-Encoding: chunked\r\n";
  head += "\r\n";
  Write(head);
}

void FakeConnection::WriteChunk(std::string_view data) {
  if (data.empty()) return;  // An empty chunk would end the body.
  char size[32];
  snprintf(size, sizeof size, "%zx\r\n", data.size());
  Write(std::string(size) + std::string(data) + "\r\n");
}

void FakeConnection::Respond(int status, std::string_view content_type, std::string_view body) {
  WriteHead(status,
            {{"Content-Type", std::string(content_type)},
             {"Content-Length", std::to_string(body.size())}},
            /*chunked=*/false);
  Write(body);
}

void FakeConnection::Drop() { shutdown(fd_, SHUT_RDWR); }

bool FakeConnection::WaitForClientClose(int timeout_ms) {
  for (int waited = 0; waited < timeout_ms; waited += 10) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, 10) > 0) {
      char buf[4096];
      ssize_t n = recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return true;
      buffer_.append(buf, static_cast<size_t>(n));  // Late body bytes; keep waiting.
    }
  }
  return false;
}

FakeEngine::FakeEngine(Listen kind) {
  char tmpl[] = "/tmp/drydock-fake-engine-XXXXXX";
  DD_CHECK(mkdtemp(tmpl) != nullptr);
  dir_ = tmpl;
  socket_path_ = dir_ + "/docker.sock";
  if (kind == Listen::kTcp) {
    listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    DD_CHECK(listen_fd_ >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // 127.0.0.1 only.
    addr.sin_port = 0;
    DD_CHECK(bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    DD_CHECK(getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    port_ = ntohs(addr.sin_port);
  } else {
    listen_fd_ = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    DD_CHECK(listen_fd_ >= 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    DD_CHECK(socket_path_.size() < sizeof addr.sun_path);
    std::memcpy(addr.sun_path, socket_path_.c_str(), socket_path_.size() + 1);
    DD_CHECK(bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  }
  DD_CHECK(::listen(listen_fd_, 16) == 0);
  DD_CHECK(pipe(stop_pipe_) == 0);
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

FakeEngine::~FakeEngine() {
  char c = 1;
  (void)!write(stop_pipe_[1], &c, 1);
  acceptor_.join();
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (int fd : open_fds_) shutdown(fd, SHUT_RDWR);
  }
  for (std::thread& t : workers_) t.join();
  close(listen_fd_);
  close(stop_pipe_[0]);
  close(stop_pipe_[1]);
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void FakeEngine::Route(std::string method, std::string path, FakeRoute route) {
  std::lock_guard<std::mutex> lock(mu_);
  routes_.push_back({{std::move(method), std::move(path)}, std::move(route)});
}

void FakeEngine::RoutePing(std::string api_version, std::string builder_version) {
  auto ping = [api_version, builder_version](FakeRequest& req, FakeConnection& conn) {
    std::vector<std::pair<std::string, std::string>> headers = {
        {"Api-Version", api_version}, {"Ostype", "linux"}, {"Docker-Experimental", "false"}};
    if (!builder_version.empty()) headers.emplace_back("Builder-Version", builder_version);
    headers.emplace_back("Content-Length", req.method == "HEAD" ? "0" : "2");
    conn.WriteHead(200, headers, /*chunked=*/false);
    if (req.method != "HEAD") conn.Write("OK");
  };
  Route("HEAD", "/_ping", ping);
  Route("GET", "/_ping", ping);
}

std::vector<FakeRequest> FakeEngine::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

void FakeEngine::AcceptLoop() {
  while (true) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents != 0) return;
    if (fds[0].revents & POLLIN) {
      int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      std::lock_guard<std::mutex> lock(mu_);
      open_fds_.push_back(fd);
      workers_.emplace_back([this, fd] { Serve(fd); });
    }
  }
}

void FakeEngine::Serve(int fd) {
  // A guard against a test that forgets to answer: nothing waits longer than this.
  timeval tv{30, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  FakeConnection conn(fd);
  size_t end;
  bool ok = true;
  while ((end = conn.buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!conn.Fill()) {
      ok = false;
      break;
    }
  }
  if (ok) {
    FakeRequest req;
    std::string head = conn.buffer_.substr(0, end);
    conn.buffer_.erase(0, end + 4);
    size_t eol = head.find("\r\n");
    std::string line = head.substr(0, eol);
    size_t sp1 = line.find(' ');
    size_t sp2 = line.find(' ', sp1 + 1);
    req.method = line.substr(0, sp1);
    req.target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    req.path = req.target.substr(0, req.target.find('?'));
    size_t pos = eol == std::string::npos ? head.size() : eol + 2;
    while (pos < head.size()) {
      size_t next = head.find("\r\n", pos);
      if (next == std::string::npos) next = head.size();
      std::string h = head.substr(pos, next - pos);
      size_t colon = h.find(':');
      if (colon != std::string::npos) {
        req.headers.emplace_back(h.substr(0, colon),
                                 std::string(TrimAsciiSpace(h.substr(colon + 1))));
      }
      pos = next + 2;
    }
    FakeRoute route;
    size_t index;
    {
      std::lock_guard<std::mutex> lock(mu_);
      index = requests_.size();
      requests_.push_back(req);  // Visible at once; the body as the route reads it.
      for (auto it = routes_.rbegin(); it != routes_.rend(); ++it) {
        if (it->first.first == req.method && it->first.second == req.path) {
          route = it->second;
          break;
        }
      }
    }
    conn.on_body_ = [this, index](const std::string& body) {
      std::lock_guard<std::mutex> lock(mu_);
      requests_[index].body = body;
    };
    if (route) {
      route(req, conn);
    } else {
      conn.ReadBody(req);
      conn.Respond(404, "application/json", "{\"message\":\"page not found\"}\n");
    }
    std::lock_guard<std::mutex> lock(mu_);
    requests_[index] = std::move(req);
  }
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = open_fds_.begin(); it != open_fds_.end(); ++it) {
    if (*it == fd) {
      open_fds_.erase(it);
      break;
    }
  }
  close(fd);
}

}  // namespace drydock::testing
