#!/usr/bin/env bash
# The phase-by-phase script teams write today: `docker build` of every default target of
# examples/pipeline, one after another, bases first. A peer in bench/compare_build.sh.
# Usage: bench/build-seq.sh [EXAMPLE_DIR]   (TAG as in compose.yaml, default latest)
set -euo pipefail
dir=${1:-$(dirname "$0")/../examples/pipeline}
tag=${TAG:-latest}
cd "$dir"
b() { docker build -q "$@" >/dev/null; }
# Phase 1-3: the bases.
b -t base-cpu:latest --build-arg DEBIAN="${DEBIAN_IMAGE:-debian:bookworm-slim}" images/base-cpu
b -t base-cuda:latest images/base-cuda
b -t base-ml:cuda images/base-ml
# Phase 4: the stages.
for s in demux tmdb pre-ner post-ner subtitle-gen mux; do b -t "pipeline/$s:$tag" "services/$s"; done
for s in vad diarization asr; do b -t "pipeline/$s:cuda" "services/$s"; done
