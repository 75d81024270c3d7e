#!/usr/bin/env bash
# Makes sure a Docker engine answers, for the example build and the integration tests.
#   scripts/engine.sh start   if nothing answers on DOCKER_HOST (or /var/run/docker.sock):
#                             install Debian's docker.io when dockerd is missing, start dockerd
#                             detached (setsid, output to a log file) and wait for it
#   scripts/engine.sh stop    stop the dockerd that `start` started (by its PID), nothing else
#   scripts/engine.sh status  exit 0 when an engine answers
# The PID of an engine this script started is kept in $DRYDOCK_ENGINE_STATE/dockerd.pid, so a
# CI run can stop exactly what it started (a daemon left running would hold CI's output open).
set -euo pipefail
state=${DRYDOCK_ENGINE_STATE:-/tmp/drydock-engine}
mkdir -p "$state"
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"

answers() {
  command -v docker >/dev/null 2>&1 || return 1
  timeout 10 docker version --format '{{.Server.APIVersion}}' >/dev/null 2>&1
}

start() {
  if answers; then
    echo "engine: answering ($(docker version --format 'Docker {{.Server.Version}}, API {{.Server.APIVersion}}'))"
    return 0
  fi
  if ! command -v dockerd >/dev/null 2>&1; then
    echo "engine: installing Debian's docker.io"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
      docker.io >/dev/null
  fi
  if answers; then return 0; fi  # The package's own service may have started it.
  case "${DOCKER_HOST:-unix:///var/run/docker.sock}" in
    unix:///var/run/docker.sock) ;;
    *) echo "engine: DOCKER_HOST=$DOCKER_HOST does not answer; not starting one elsewhere" >&2
       return 1 ;;
  esac
  echo "engine: starting dockerd (log: $state/dockerd.log)"
  $sudo_cmd setsid dockerd >"$state/dockerd.log" 2>&1 </dev/null &
  echo $! >"$state/dockerd.pid"
  for _ in $(seq 1 60); do
    if answers; then
      echo "engine: started ($(docker version --format 'Docker {{.Server.Version}}, API {{.Server.APIVersion}}'))"
      return 0
    fi
    sleep 0.5
  done
  echo "engine: dockerd did not answer within 30 s; last log lines:" >&2
  tail -20 "$state/dockerd.log" >&2 || true
  return 1
}

stop() {
  [ -f "$state/dockerd.pid" ] || return 0
  pid=$(cat "$state/dockerd.pid")
  rm -f "$state/dockerd.pid"
  if kill -0 "$pid" 2>/dev/null; then
    echo "engine: stopping the dockerd this script started (pid $pid)"
    $sudo_cmd kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
    $sudo_cmd kill -9 "$pid" 2>/dev/null || true
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) answers ;;
  *) echo "usage: scripts/engine.sh start|stop|status" >&2; exit 2 ;;
esac
