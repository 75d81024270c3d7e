#!/usr/bin/env bash
# Makes the example's base image exist in the engine: debian:bookworm-slim.
# Pulled when a registry answers; otherwise built offline from
# `debootstrap --variant=minbase bookworm` and `docker import`. The rootfs tarball is cached
# under ${XDG_CACHE_HOME:-~/.cache}/drydock, so later runs (and a new engine) take seconds.
# Usage: scripts/prepare-base.sh [IMAGE]   (default debian:bookworm-slim)
set -euo pipefail
image=${1:-debian:bookworm-slim}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/drydock
tarball=$cache/debian-bookworm-minbase.tar
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"

if docker image inspect "$image" >/dev/null 2>&1; then
  echo "base: $image present"
  exit 0
fi
# A registry answers within seconds or not at all here; never wait long for it.
if timeout 20 docker pull -q "$image" >/dev/null 2>&1; then
  echo "base: pulled $image"
  exit 0
fi
if [ ! -s "$tarball" ]; then
  command -v debootstrap >/dev/null 2>&1 || {
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq debootstrap >/dev/null
  }
  # The mirror apt already uses (DEB822 `URIs:` or one-line `deb URI suite`).
  mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ {print $2; exit}')
  [ -n "$mirror" ] || mirror=$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null)
  mirror=${mirror:-http://deb.debian.org/debian}
  mkdir -p "$cache"
  rootfs=$(mktemp -d)
  trap '$sudo_cmd rm -rf "$rootfs"' EXIT
  echo "base: debootstrap --variant=minbase bookworm from $mirror (about a minute, once)"
  $sudo_cmd debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$cache/debootstrap.log" 2>&1 || {
    echo "base: debootstrap failed; log: $cache/debootstrap.log" >&2
    exit 1
  }
  $sudo_cmd tar -C "$rootfs" -c . >"$tarball.part"
  mv "$tarball.part" "$tarball"
fi
docker import "$tarball" "$image" >/dev/null
echo "base: imported $image from $tarball"
