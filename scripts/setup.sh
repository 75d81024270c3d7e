#!/usr/bin/env bash
# Installs what drydock's build needs (Debian 12 packages), then configures and builds Release
# into build/. Idempotent: with nothing changed a second run only checks and takes seconds.
# Usage: scripts/setup.sh            (then: build/drydock ...)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build clang libclang-rt-14-dev pkg-config debootstrap
  libfmt-dev nlohmann-json3-dev libcli11-dev libyaml-cpp-dev libcurl4-openssl-dev libssl-dev
  zlib1g-dev libzstd-dev libdeflate-dev libarchive-dev libisal-dev ccache
  libgtest-dev libgmock-dev libbenchmark-dev
  # What the tests run: busybox for tiny test images, shellcheck for `lint --shellcheck`,
  # python3 to make wheels, the registry for push tests.
  busybox-static shellcheck python3 docker-registry
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build_dir=${DRYDOCK_BUILD_DIR:-build}
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
if [ ! -f "$build_dir/build.ninja" ]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDRYDOCK_WERROR="$werror" >/dev/null
else
  cmake "$build_dir" -DDRYDOCK_WERROR="$werror" >/dev/null
fi
cmake --build "$build_dir" -j"$(nproc)"
echo "setup: built $build_dir/drydock"

# The engine and the example's base image, for `drydock build` and the integration tests
# (DRYDOCK_NO_ENGINE=1 skips this; a machine without one still builds and unit-tests drydock).
if [ "${DRYDOCK_NO_ENGINE:-}" != "1" ]; then
  if scripts/engine.sh start; then
    scripts/prepare-base.sh
  else
    echo "setup: no Docker engine; drydock build and the integration tests need one" >&2
  fi
fi
