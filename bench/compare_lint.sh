#!/usr/bin/env bash
# Lints the whole real-Dockerfile corpus with drydock and with dockerfilelint (npm) in one
# run, the way ../shared/research/peer-baselines.md runs the peer (one process, every file),
# and prints both median times and the ratio (target: drydock at least 50x faster), then
# drydock's instruction count for one run when valgrind is installed.
# Usage: bench/compare_lint.sh [RUNS]   (needs build/drydock; installs dockerfilelint once)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
corpus=${DRYDOCK_CORPUS_DIR:-$(cd .. && pwd)/shared/corpus}
[ -d "$corpus" ] || corpus=/work/shared/corpus
corpus="$corpus/real-dockerfiles/jessfraz-dockerfiles"
drydock=$(realpath "${DRYDOCK:-build/drydock}")
peers=${DRYDOCK_PEERS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/drydock-bench}

if [ ! -x "$peers/node_modules/.bin/dockerfilelint" ]; then
  echo "installing dockerfilelint 1.8.0 into $peers" >&2
  mkdir -p "$peers"
  (cd "$peers" && npm install --silent --no-audit --no-fund dockerfilelint@1.8.0 >/dev/null)
fi
dfl="$peers/node_modules/.bin/dockerfilelint"

cd "$corpus"
mapfile -t files < <(find . -name 'Dockerfile*' | sed 's|^\./||' | sort)

# median_ms CMD...: runs CMD $runs times (after one warm-up), prints the median wall time in ms.
median_ms() {
  "$@" >/dev/null 2>&1 || true
  local times=()
  for _ in $(seq "$runs"); do
    # $EPOCHREALTIME (bash 5) reads the clock without a fork: $(date) would add the start-up
    # of two `date` processes, milliseconds, to every sample.
    local start=${EPOCHREALTIME/./} end
    "$@" >/dev/null 2>&1 || true
    end=${EPOCHREALTIME/./}
    times+=($(( end - start )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f\n", m/1000}'
}

ours=$(median_ms "$drydock" lint --format=json "${files[@]}")
theirs=$(median_ms "$dfl" -j "${files[@]}")
echo "files:          ${#files[@]}"
echo "drydock lint:   ${ours} ms (median of $runs)"
echo "dockerfilelint: ${theirs} ms (median of $runs)"
awk -v a="$theirs" -v b="$ours" 'BEGIN { printf "ratio:          %.1fx faster\n", a / b }'
# Wall times on a shared or virtual machine swing from minute to minute; the instruction count
# of one run does not, so it shows what a change did to drydock's own work.
if command -v valgrind >/dev/null; then
  out=$(mktemp)
  valgrind --tool=callgrind --callgrind-out-file="$out" "$drydock" lint --format=json "${files[@]}" \
    2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/drydock instructions: \1 (callgrind, one run)/p'
  rm -f "$out"
fi
