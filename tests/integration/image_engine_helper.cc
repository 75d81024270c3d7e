#include "image_engine_helper.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace drydock::testing {

CommandResult Shell(const std::string& command) {
  CommandResult r;
  FILE* p = ::popen(command.c_str(), "r");
  if (p == nullptr) return r;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  int status = ::pclose(p);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string FindEngine(std::string* why) {
  std::string socket_path = "/var/run/docker.sock";
  if (const char* host = std::getenv("DOCKER_HOST"); host != nullptr && *host != 0) {
    std::string h = host;
    if (h.rfind("unix://", 0) != 0) {
      *why = "DOCKER_HOST=" + h + " is not a unix socket";
      return "";
    }
    socket_path = h.substr(7);
  }
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, socket_path.c_str(), sizeof(addr.sun_path) - 1);
  bool ok = fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  if (fd >= 0) ::close(fd);
  if (!ok) {
    *why = "no engine answers on " + socket_path;
    return "";
  }
  if (Shell("docker version --format '{{.Server.Version}}' 2>/dev/null").status != 0) {
    *why = "the docker CLI cannot talk to " + socket_path;
    return "";
  }
  return socket_path;
}

}  // namespace drydock::testing
