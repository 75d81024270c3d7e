#!/usr/bin/env bash
# Builds drydock and runs every test through ctest; the last line is ctest's summary.
# Conformance counts (what each corpus test agreed on) are printed just before it.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${DRYDOCK_BUILD_DIR:-build}

scripts/setup.sh
rm -f "$build_dir/conformance.txt"
set +e
(cd "$build_dir" && ctest --output-on-failure -j"$(nproc)" --timeout 600) > "$build_dir/ctest.log" 2>&1
status=$?
set -e
# The whole log only when something failed; otherwise the count of tests per label.
if [ $status -ne 0 ]; then
  grep -v -E '^[0-9]+% tests passed' "$build_dir/ctest.log" | grep -v -E 'Test +#[0-9]+: .* Passed' || true
else
  sed -n '/^Label Time Summary/,/^Total Test time/p' "$build_dir/ctest.log"
fi
if [ -f "$build_dir/conformance.txt" ]; then
  echo
  echo "Conformance:"
  sort "$build_dir/conformance.txt" | sed 's/^/  /'
fi
# A test that skips for want of a prerequisite proves nothing: in CI, where setup.sh has
# installed everything, a skip is a failure.
skipped=$(grep -c -E '\(Skipped\)$' "$build_dir/ctest.log" || true)
if [ "$skipped" -gt 0 ]; then
  echo
  echo "Skipped ($skipped):"
  grep -E '\(Skipped\)$' "$build_dir/ctest.log" | sed 's/^[[:space:]]*/  /'
  if [ "${CI:-}" = "true" ] && [ $status -eq 0 ]; then status=1; fi
fi
echo
grep -E '^[0-9]+% tests passed' "$build_dir/ctest.log" || echo "ctest did not finish"
exit $status
