#!/usr/bin/env bash
# Load test of `digits serve` from a second process on loopback: wrk with 32 connections posting
# a 280x280 canvas PNG (an anti-aliased digit, as the page sends) to /api/classify for 30 s.
# Prints requests/s, p50/p99 latency (wrk --latency), errors, and the server's memory (RSS) every
# 5 s. Targets: no errors, no memory growth over the second half of the run, p99 <= 20 ms,
# >= 1,000 classifications/s.
#
#   scripts/bench-serve.sh [MODEL]     # default models/mnist.safetensors; trained (1 epoch) if missing
#   SECONDS_OF_LOAD=30 CONNECTIONS=32 THREADS=2 scripts/bench-serve.sh
# Needs Debian's wrk (apt-get install wrk), and MNIST in data/mnist (or MNIST_DIR) if no model.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${SECONDS_OF_LOAD:-30}"
connections="${CONNECTIONS:-32}"
threads="${THREADS:-2}"
command -v wrk >/dev/null || { echo "bench-serve: needs wrk (apt-get install wrk)" >&2; exit 1; }

swift build -c release --product digits >&2
digits="$(swift build -c release --show-bin-path)/digits"
name=bench-serve
. scripts/serve-setup.sh "${1:-}"
cat > "$work/post.lua" <<EOF2
local file = io.open("$work/canvas.png", "rb")
wrk.method = "POST"
wrk.body = file:read("*all")
wrk.headers["Content-Type"] = "image/png"
file:close()
EOF2

"$digits" serve --model "$model" --port 0 2> "$work/serve.log" &
server=$!
for _ in $(seq 100); do grep -q "^serving" "$work/serve.log" && break; sleep 0.1; done
url=$(sed -n 's/^serving .* at \(http:[^ ]*\)$/\1/p' "$work/serve.log")
[ -n "$url" ] || { echo "bench-serve: the server did not start: $(cat "$work/serve.log")" >&2; exit 1; }
answer=$(curl -s --data-binary @"$work/canvas.png" -H 'Content-Type: image/png' "$url/api/classify" | head -c 40)
echo "bench-serve: $url, body $(stat -c %s "$work/canvas.png") bytes, first answer $answer..." >&2

rss() { awk '/^VmRSS/ {print $2}' "/proc/$server/status"; }
# The server's resident memory every 5 s of the load (KiB), the first after 5 s.
( for _ in $(seq $((duration / 5))); do sleep 5; rss >> "$work/rss"; done ) &
sampler=$!
wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$work/post.lua" "$url/api/classify" > "$work/wrk.txt"
wait "$sampler"
cat "$work/wrk.txt" >&2

python3 - "$work/wrk.txt" "$work/rss" "$duration" "$connections" <<'PY'
import re, sys
text, duration, connections = open(sys.argv[1]).read(), sys.argv[3], sys.argv[4]
samples = [int(line) for line in open(sys.argv[2]) if line.strip()]
rss5, rss_end = samples[0], samples[-1]
def latency(p):
    m = re.search(rf"^\s*{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
total = int(re.search(r"(\d+) requests in", text).group(1))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
socket_errors = re.search(r"Socket errors: (.*)", text)
errors = (int(non2xx.group(1)) if non2xx else 0)
p50, p99 = latency(50), latency(99)
print(f"bench-serve: {connections} connections for {duration} s: {total:,} classifications, {rate:,.0f}/s; "
      f"latency p50 {p50:.2f} ms, p99 {p99:.2f} ms; non-2xx {errors}; socket errors {socket_errors.group(1) if socket_errors else 'none'}; "
      f"server RSS every 5 s: {', '.join(f'{k / 1024:.1f}' for k in samples)} MB ({(rss_end - rss5) / 1024:+.1f} MB after the first 5 s)")
# Memory: the allocator warms up for a while; growth over the second half of the run is a leak.
half = samples[len(samples) // 2 - 1] if len(samples) >= 2 else rss5
print(f"bench-serve: memory over the second half of the run: {(rss_end - half) / 1024:+.1f} MB")
ok = errors == 0 and not socket_errors and p99 <= 20 and rate >= 1000 and rss_end - half < 2 * 1024
print("bench-serve: targets (no errors, p99 <= 20 ms, >= 1,000/s, no memory growth) " + ("met" if ok else "NOT met"))
PY
