#!/usr/bin/env bash
# Fuzzes the parsers that read untrusted bytes, with libFuzzer and AddressSanitizer.
#
#   scripts/fuzz.sh [TARGET|all] [SECONDS]      e.g. scripts/fuzz.sh FuzzSafeTensors 600
#
# TARGET is one of the executable targets in Sources/Fuzz (FuzzSafeTensors, FuzzIDX, FuzzPNG);
# `all` (the default) runs each in turn, SECONDS (default 60) each. Every target is built with
# `-sanitize=fuzzer,address -DFUZZING` into .build-fuzz/ and run with:
#   - a working corpus in .build-fuzz/corpus/TARGET, plus the seeds and regressions in
#     Tests/FuzzCorpus/TARGET (read, never written);
#   - Tests/FuzzCorpus/TARGET.dict as a dictionary when it exists;
#   - limits: 10 s per input, 2048 MB of RSS, and no single allocation above FUZZ_MALLOC_LIMIT_MB
#     (default 64: inputs are a few KB, which no valid file expands beyond a few MB, so a bigger
#     allocation means a size taken on trust);
#   - crashes, leaks, timeouts and huge allocations saved to fuzz-artifacts/TARGET/.
# At the end it prints, per target, the executions, the corpus size and the findings, and exits
# with 1 if anything was found. Replay a finding with the plain build:
#   swift build --product TARGET && .build/debug/TARGET fuzz-artifacts/TARGET/crash-…
# Environment: FUZZ_CONFIG=release|debug (default release: faster, still bounds-checked),
# FUZZ_JOBS (default 1; libFuzzer's -fork=N for more processes), FUZZ_MALLOC_LIMIT_MB.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:-all}"
seconds="${2:-60}"
config="${FUZZ_CONFIG:-release}"
malloc_limit="${FUZZ_MALLOC_LIMIT_MB:-64}"
jobs="${FUZZ_JOBS:-1}"

available=()
for dir in Sources/Fuzz/Fuzz*/; do
  name="$(basename "$dir")"
  [ "$name" = FuzzSupport ] || available+=("$name")
done
if [ "$target" = all ]; then
  targets=("${available[@]}")
elif [[ " ${available[*]} " == *" $target "* ]]; then
  targets=("$target")
else
  echo "fuzz: unknown target '$target'; expected one of: all ${available[*]}" >&2
  exit 2
fi
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "fuzz: SECONDS must be a whole number, got '$seconds'" >&2; exit 2; }

# Swift's own crash backtracer would run inside the sanitized process and confuse ASan.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}"

mkdir -p .build-fuzz/logs fuzz-artifacts
summary=()
found_any=0
for name in "${targets[@]}"; do
  echo "== $name: building ($config, -sanitize=fuzzer,address)"
  # ld.gold warns about every ASan-instrumented local symbol; keep the rest.
  swift build -c "$config" --product "$name" --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING 2>&1 \
    | grep -v "Cannot export local symbol" || true
  binary=".build-fuzz/$config/$name"
  [ -x "$binary" ] || { echo "fuzz: $binary was not built" >&2; exit 1; }

  corpus=".build-fuzz/corpus/$name"
  artifacts="fuzz-artifacts/$name"
  seeds="Tests/FuzzCorpus/$name"
  log=".build-fuzz/logs/$name.log"
  mkdir -p "$corpus" "$artifacts"
  flags=(
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb="$malloc_limit"
    -artifact_prefix="$artifacts/" -print_final_stats=1
  )
  [ -f "Tests/FuzzCorpus/$name.dict" ] && flags+=(-dict="Tests/FuzzCorpus/$name.dict")
  [ "$jobs" -gt 1 ] && flags+=(-fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  dirs=("$corpus")
  [ -d "$seeds" ] && dirs+=("$seeds")

  marker="$(mktemp)"
  echo "== $name: fuzzing for ${seconds}s (log: $log)"
  status=0
  "$binary" "${flags[@]}" "${dirs[@]}" >"$log" 2>&1 || status=$?
  tail -n 25 "$log" | grep -E "^(#|==|SUMMARY|stat::|MS:|Done|INFO: fuzzed)" || true

  executions="$(grep -Eo 'stat::number_of_executed_units: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+$' || true)"
  if [ -z "$executions" ]; then  # a crash ends the run before the final stats
    executions="$(grep -Eo '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)"
  fi
  # libFuzzer's own count of the units it keeps (seeds included), from its last status line.
  corpus_units="$(grep -Eo 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -1 | cut -d' ' -f2 || true)"
  corpus_files="$(find "$corpus" -type f | wc -l)"
  findings="$(find "$artifacts" -type f -newer "$marker" | sort)"
  rm -f "$marker" /dev/shm/digits-fuzz-"$name"-* /tmp/digits-fuzz-"$name"-*  # scratch files (FuzzScratchFile)
  count="$(printf '%s' "$findings" | grep -c . || true)"
  summary+=("$(printf '%-16s %10s executions  corpus %s units (%s files in %s)  findings %s  (exit %s)' \
    "$name" "${executions:-?}" "${corpus_units:-?}" "$corpus_files" "$corpus" "$count" "$status")")
  if [ "$count" -gt 0 ] || [ "$status" -ne 0 ]; then
    found_any=1
    printf '%s\n' "$findings" | sed 's/^/   finding: /'
  fi
done

echo
echo "== fuzz summary (${seconds}s per target)"
printf '%s\n' "${summary[@]}"
exit "$found_any"
