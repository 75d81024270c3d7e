// Finding the Docker engine for integration tests and running the docker CLI against it.
#ifndef DRYDOCK_TESTS_INTEGRATION_IMAGE_ENGINE_HELPER_H_
#define DRYDOCK_TESTS_INTEGRATION_IMAGE_ENGINE_HELPER_H_

#include <string>

namespace drydock::testing {

// The engine's unix socket (DOCKER_HOST=unix://..., else /var/run/docker.sock) when something
// accepts a connection on it and `docker version` answers; "" otherwise, with `why` set.
std::string FindEngine(std::string* why);

struct CommandResult {
  int status = -1;
  std::string output;  // stdout only.
};
// Runs `command` through /bin/sh; stderr goes to the test log.
CommandResult Shell(const std::string& command);

}  // namespace drydock::testing

#endif  // DRYDOCK_TESTS_INTEGRATION_IMAGE_ENGINE_HELPER_H_
