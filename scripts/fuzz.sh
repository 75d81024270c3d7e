#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (address + undefined sanitizers) into build-fuzz/ and
# runs each for SECONDS (default 60), seeded from the shared corpus when it is present.
# Fails on any finding. Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build_dir=${DRYDOCK_FUZZ_BUILD_DIR:-build-fuzz}
corpus=${DRYDOCK_CORPUS_DIR:-$(cd .. && pwd)/shared/corpus}
[ -d "$corpus" ] || corpus=/work/shared/corpus

if [ ! -f "$build_dir/build.ninja" ]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DDRYDOCK_BUILD_FUZZ=ON -DDRYDOCK_BUILD_TESTS=OFF \
    -DDRYDOCK_BUILD_BENCH=OFF \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" \
    >/dev/null
fi
cmake --build "$build_dir" -j"$(nproc)" >/dev/null

status=0
for target in "$build_dir"/fuzz/*_fuzzer; do
  name=$(basename "$target")
  work=$(mktemp -d)
  seeds="$work/seeds"
  mkdir -p "$seeds"
  # Seeds are copied to a scratch folder (libFuzzer writes new inputs there), never the repo.
  case "$name" in
    dockerfile_fuzzer|lint_fuzzer)
      if [ -d "$corpus/buildkit-parser" ]; then
        find "$corpus/buildkit-parser" "$corpus/real-dockerfiles" -name Dockerfile -size -16k |
          head -300 | while read -r f; do cp "$f" "$seeds/$(echo "$f" | md5sum | cut -c1-16)"; done
      fi ;;
    image_tar_fuzzer)
      # A tiny pax layer with a whiteout, an opaque marker and links, written by Python's tarfile.
      python3 - "$seeds/layer" <<'PY' || true
import io, sys, tarfile
buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
    def add(name, kind=tarfile.REGTYPE, data=b"", link=""):
        i = tarfile.TarInfo(name); i.type = kind; i.size = len(data); i.linkname = link
        t.addfile(i, io.BytesIO(data))
    add("etc/", tarfile.DIRTYPE); add("etc/passwd", data=b"root:x:0:0::/root:/bin/sh\n")
    add("etc/.wh.old"); add("usr/.wh..wh..opq"); add("bin", tarfile.SYMTYPE, link="usr/bin")
    add("usr/bin/sh", data=b"#!"); add("usr/bin/ash", tarfile.LNKTYPE, link="usr/bin/sh")
open(sys.argv[1], "wb").write(buf.getvalue())
PY
      ;;
    image_json_fuzzer)
      printf '%s' '{"architecture":"amd64","os":"linux","config":{"User":"app","Env":["A=1"],"Cmd":["sh"]},"rootfs":{"type":"layers","diff_ids":["sha256:0000000000000000000000000000000000000000000000000000000000000000"]},"history":[{"created_by":"x"}]}' >"$seeds/config"
      printf '%s' '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000","size":1,"platform":{"os":"linux","architecture":"amd64"}}]}' >"$seeds/index"
      ;;
    engine_stream_fuzzer)
      # Recorded engine streams, prefixed with the mode byte (1 classic, 2 BuildKit).
      for f in tests/engine/testdata/classic-*.stream; do
        { printf '\001'; cat "$f"; } >"$seeds/$(basename "$f")"
      done
      for f in tests/engine/testdata/buildkit-*.stream; do
        { printf '\002'; cat "$f"; } >"$seeds/$(basename "$f")"
      done ;;
    pep508_fuzzer)
      if [ -d "$corpus/pep440-oracle" ] && command -v python3 >/dev/null; then
        python3 - "$corpus/pep440-oracle" "$seeds" <<'PY'
import json, sys
src, out = sys.argv[1], sys.argv[2]
for name in ("versions", "specifier_parse", "marker_parse", "requirements"):
    for i, line in enumerate(open(f"{src}/{name}.jsonl", encoding="utf-8")):
        if i % 10 == 0:
            open(f"{out}/{name}-{i}", "w", encoding="utf-8", errors="replace").write(json.loads(line)["input"])
PY
      fi ;;
  esac
  log="$build_dir/$name.log"
  echo "fuzz: $name for ${seconds}s"
  if UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
     "$target" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$work/" -print_final_stats=1 "$seeds" >"$log" 2>&1; then
    echo "fuzz: $name: $(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}') runs, no finding"
  else
    echo "fuzz: $name FOUND A PROBLEM; log tail:"
    tail -40 "$log"
    ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* 2>/dev/null || true
    status=1
  fi
  rm -rf "$work"
done
exit $status
