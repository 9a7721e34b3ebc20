#!/usr/bin/env bash
# Runs the unit tests under AddressSanitizer and then ThreadSanitizer, one after the other
# (each is a full instrumented build in its own scratch directory: slow, several minutes).
#
#   scripts/sanitizers.sh [address|thread|all] [-- swift test arguments, e.g. --filter IDXTests]
#
# Everything is built (the end-to-end tests run the sanitized `digits`); if an executable does
# not compile yet, only the test product is, so the unit tests still run. Logs go to
# .build-asan/sanitizers.log and .build-tsan/sanitizers.log; the summary at the end gives each
# sanitizer's test count, sanitizer reports and result. Exits 1 if either fails.
set -uo pipefail
cd "$(dirname "$0")/.."

which="${1:-all}"
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
case "$which" in
  address) sanitizers=(address) ;;
  thread) sanitizers=(thread) ;;
  all) sanitizers=(address thread) ;;
  *) echo "sanitizers: expected address, thread or all, got '$which'" >&2; exit 2 ;;
esac

# Swift's crash backtracer would run inside the sanitized process and confuse the sanitizer.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=0}"
# Leaks that libraries keep until exit (not the project's code): see the file for each.
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$(pwd)/scripts/lsan-suppressions.txt:print_suppressions=0}"

summary=()
failed=0
for sanitizer in "${sanitizers[@]}"; do
  scratch=".build-${sanitizer:0:1}san"  # .build-asan, .build-tsan
  log="$scratch/sanitizers.log"
  mkdir -p "$scratch"
  echo "== $sanitizer: building the tests in $scratch (log: $log)"
  # Everything, so that the end-to-end tests run a sanitized `digits` too; if some executable
  # does not compile, the test product alone (those tests then report the missing binary).
  status=0
  swift build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch" >"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    echo "== $sanitizer: full build failed; building the test product only"
    status=0
    swift build --product digitsPackageTests --sanitize="$sanitizer" \
      --scratch-path "$scratch" >>"$log" 2>&1 || status=$?
  fi
  if [ "$status" -ne 0 ]; then
    grep -E "error:" "$log" | head -20
    summary+=("$sanitizer: BUILD FAILED (exit $status, see $log)")
    failed=1
    continue
  fi
  echo "== $sanitizer: running the tests"
  skip=()
  # ThreadSanitizer's own runtime dies of SIGBUS at start-up under a 500 kB file-size limit
  # (`ulimit -f 1000` in sh; it passes at 1000 kB), before any of digits' code runs.
  [ "$sanitizer" = thread ] && skip=(--skip fileSizeLimit)
  swift test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch" "${skip[@]}" "$@" >>"$log" 2>&1 \
    || status=$?
  reports="$(grep -cE "^(==[0-9]+==ERROR|WARNING: ThreadSanitizer|SUMMARY: (Address|Thread|Leak|UndefinedBehavior)Sanitizer)" "$log" || true)"
  grep -E "SUMMARY: .*Sanitizer|Test run with|✘ Test .* failed" "$log" | sort | uniq -c | head -20
  result="$(grep -E "Test run with [0-9]+ tests" "$log" | tail -1)"
  summary+=("$sanitizer: exit $status, sanitizer reports $reports; ${result:-no test summary}")
  if [ "$status" -ne 0 ] || [ "$reports" -gt 0 ]; then failed=1; fi
done

echo
echo "== sanitizer summary"
printf '%s\n' "${summary[@]}"
exit "$failed"
