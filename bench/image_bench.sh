#!/usr/bin/env bash
# Indexes a generated ~320 MB image with `drydock inspect` (legacy docker save with plain layers,
# OCI-in-tar with gzip and with zstd layers) and times `tar -t` over the same layer bytes, best
# of RUNS, page cache warm. Prints throughput (uncompressed bytes per second) and peak RSS.
# Targets: >= 1 GB/s plain, 0.5 GB/s gzip, 0.8 GB/s zstd. Files live in /tmp and are removed.
# Usage: bench/image_bench.sh [RUNS] [MEGABYTES]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
megabytes=${2:-320}
drydock=$(realpath "${DRYDOCK:-build/drydock}")
maker=$(realpath "${MAKE_BENCH_IMAGE:-build/bench/make_bench_image}")
dir=$(mktemp -d /tmp/drydock-image-bench-XXXXXX)
trap 'rm -rf "$dir"' EXIT

"$maker" "$dir" "$megabytes"
tar_bytes=$(cat "$dir"/layer[0-9].tar | wc -c)

# best CMD...: best wall time in seconds over $runs runs (after a warm-up), and peak RSS in KiB.
best() {
  "$@" >/dev/null 2>&1
  local best_s=999999 rss=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$dir/time" -f '%e %M' "$@" >/dev/null 2>&1
    local out s m
    out=$(tail -1 "$dir/time")
    s=${out% *}
    m=${out#* }
    best_s=$(python3 -c "print(min($best_s, $s))")
    rss=$m
  done
  echo "$best_s $rss"
}

row() {  # label seconds rss
  python3 -c "import sys; b=$tar_bytes; s=max($2, 0.001); print(f'{sys.argv[1]:<34} {s:7.3f} s {b/s/1e9:6.2f} GB/s {int(sys.argv[2])/1024:8.1f} MiB peak')" "$1" "$3"
}

echo "image: $(du -b "$dir/plain.tar" | cut -f1) bytes archive, $tar_bytes bytes of layer tar"
read -r s m < <(best "$drydock" inspect "$dir/plain.tar" --format json); row "drydock inspect plain.tar" "$s" "$m"
read -r s m < <(best cat "$dir/plain.tar"); row "cat plain.tar (pipe floor)" "$s" "$m"
read -r s m < <(best sh -c "cat '$dir/plain.tar' | '$drydock' inspect - --format json"); row "drydock inspect - < plain.tar" "$s" "$m"
read -r s m < <(best sh -c "for f in '$dir'/layer?.tar; do cat \"\$f\" | tar -t; done"); row "tar -t (streamed layers)" "$s" "$m"
read -r s m < <(best "$drydock" inspect "$dir/gzip.tar" --format json); row "drydock inspect gzip.tar" "$s" "$m"
read -r s m < <(best sh -c "for f in '$dir'/layer?.tar.gz; do tar -tzf \"\$f\"; done"); row "tar -tz (zlib gzip)" "$s" "$m"
read -r s m < <(best "$drydock" inspect "$dir/zstd.tar" --format json); row "drydock inspect zstd.tar" "$s" "$m"
read -r s m < <(best sh -c "for f in '$dir'/layer?.tar.zst; do tar --zstd -tf \"\$f\"; done"); row "tar --zstd -t" "$s" "$m"
