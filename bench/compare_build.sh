#!/usr/bin/env bash
# drydock build against the peers on examples/pipeline, in one run:
#   drydock build, cold and no-change; the sequential `docker build` phase script
#   (bench/build-seq.sh); Debian's docker-compose `build` and `build --parallel`, cold and
#   no-change. Prints each time (no-change: median of RUNS) and the ratios.
# "Cold" = the example's images and the layer cache they leave removed first (the imported base
# stays; dangling images newer than it are removed, see clean()); "no-change" = an
# immediate rebuild with nothing changed. Works on a copy of the example in a temp dir.
# Usage: bench/compare_build.sh [RUNS]     (needs build/drydock and a Docker engine)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
drydock=${DRYDOCK:-$root/build/drydock}
[ -x "$drydock" ] || { echo "compare_build: build drydock first (scripts/setup.sh)" >&2; exit 3; }
docker image inspect debian:bookworm-slim >/dev/null 2>&1 || "$root/scripts/prepare-base.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/examples/pipeline" "$work/pipeline"
cd "$work/pipeline"
# docker-compose 1.29 rejects the top-level `name:` of the Compose spec; the project name goes on
# its command line instead. Its services are otherwise the same file.
sed '/^name:/d' compose.yaml > docker-compose.yml
compose=(docker-compose -p pipeline -f docker-compose.yml --profile bases)

tags=(base-cpu:latest base-cuda:latest base-ml:cuda pipeline/demux:latest pipeline/tmdb:latest
      pipeline/pre-ner:latest pipeline/post-ner:latest pipeline/subtitle-gen:latest
      pipeline/mux:latest pipeline/vad:cuda pipeline/diarization:cuda pipeline/asr:cuda)
# Children before parents: removing a tag also removes its untagged parent layers only once no
# other image stands on them, so the reverse build order leaves no layer cache behind.
# Images that lost their tag to a rebuild (dangling, newer than the base) hold the classic
# builder's layer cache too, so they go as well: a cold build here runs every step.
clean() {
  local i
  for ((i = ${#tags[@]} - 1; i >= 0; i--)); do docker rmi -f "${tags[i]}" >/dev/null 2>&1 || true; done
  docker image ls -q --filter dangling=true --filter since=debian:bookworm-slim |
    xargs -r docker rmi >/dev/null 2>&1 || true
  rm -rf .drydock
}
now() { date +%s.%N; }
# time_once CMD...: seconds of one run; the run's output goes to a log, its failure is reported.
time_once() {
  local t0 t1 status=0
  t0=$(now)
  "$@" >"$work/last.log" 2>&1 || status=$?
  t1=$(now)
  if [ $status -ne 0 ]; then
    echo "compare_build: '$*' failed (exit $status); log tail:" >&2
    tail -15 "$work/last.log" >&2
    echo "FAILED"
    return 0
  fi
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f\n", b - a}'
}
median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "FAILED"; else print a[int((NR+1)/2)]}'; }
time_median() {
  for _ in $(seq 1 "$runs"); do time_once "$@"; done | grep -v FAILED | median
}

declare -A cold warm
echo "compare_build: cold builds remove the 12 images first; no-change = median of $runs runs"
clean; cold[drydock]=$(time_once "$drydock" build -f compose.yaml --progress=plain)
warm[drydock]=$(time_median "$drydock" build -f compose.yaml --progress=plain)
clean; cold[seq]=$(time_once "$root/bench/build-seq.sh" .)
warm[seq]=$(time_median "$root/bench/build-seq.sh" .)
clean; cold[compose]=$(time_once "${compose[@]}" build)
warm[compose]=$(time_median "${compose[@]}" build)
clean; cold[compose-parallel]=$(time_once "${compose[@]}" build --parallel)
warm[compose-parallel]=$(time_median "${compose[@]}" build --parallel)
# Leave the example built, the way a user's machine would be.
"$drydock" build -f compose.yaml --progress=plain >/dev/null 2>&1 || true

ratio() {
  case "$1$2" in *FAILED*) echo "n/a" ;; *) awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1fx\n", a / b}' ;; esac
}
fmt() { case "$1" in FAILED) echo "failed" ;; *) printf '%.3f s' "$1" ;; esac; }
printf '\n%-34s %14s %14s\n' "tool" "cold" "no-change"
printf '%-34s %14s %14s\n' "drydock build" "$(fmt "${cold[drydock]}")" "$(fmt "${warm[drydock]}")"
printf '%-34s %14s %14s\n' "sequential docker build script" "$(fmt "${cold[seq]}")" "$(fmt "${warm[seq]}")"
printf '%-34s %14s %14s\n' "docker-compose build" "$(fmt "${cold[compose]}")" "$(fmt "${warm[compose]}")"
printf '%-34s %14s %14s\n' "docker-compose build --parallel" "$(fmt "${cold[compose-parallel]}")" "$(fmt "${warm[compose-parallel]}")"
echo
echo "no-change, docker-compose build / drydock: $(ratio "${warm[compose]}" "${warm[drydock]}")"
echo "no-change, docker-compose build --parallel / drydock: $(ratio "${warm[compose-parallel]}" "${warm[drydock]}")"
echo "no-change, sequential script / drydock: $(ratio "${warm[seq]}" "${warm[drydock]}")"
echo "cold, sequential script / drydock: $(ratio "${cold[seq]}" "${cold[drydock]}")"
echo "cold, docker-compose build / drydock: $(ratio "${cold[compose]}" "${cold[drydock]}")"
