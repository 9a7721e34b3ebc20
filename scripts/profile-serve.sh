#!/usr/bin/env bash
# Where `digits serve` spends a classification, counted by valgrind's callgrind: the machine
# instructions the server runs per POST /api/classify of the benchmark's canvas PNG (the body of
# scripts/bench-serve.sh), after 20 warm-up requests, over REQUESTS requests sent one after
# another on one keep-alive connection. Instruction counts are the same on a busy machine and
# a quiet one (timings are not), so they compare two versions of the code where
# bench-serve.sh's latencies cannot; they leave out what the kernel does (socket calls) and what
# a cache miss costs.
#
#   scripts/profile-serve.sh [MODEL]    # default models/mnist.safetensors; trained (1 epoch) if missing
#   REQUESTS=200 OUT=reports/profile-serve scripts/profile-serve.sh
#
# Prints the instructions per request and the functions that run most of them (their own
# instructions, not their callees'); keeps the profile as $OUT/callgrind.out for
# `callgrind_annotate` (or KCachegrind). The profiled build targets a portable CPU
# (DIGITS_PORTABLE=1, in .build-portable: valgrind 3.19 does not decode AVX-512), so its counts
# are close to, not the same as, those of the native build.
# Needs Debian's valgrind (apt-get install valgrind), and MNIST in data/mnist (or MNIST_DIR) if no model.
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${REQUESTS:-200}"
out="${OUT:-reports/profile-serve}"
command -v valgrind >/dev/null || { echo "profile-serve: needs valgrind (apt-get install valgrind)" >&2; exit 1; }

DIGITS_PORTABLE=1 swift build -c release --product digits --build-path .build-portable >&2
digits=.build-portable/release/digits
name=profile-serve
. scripts/serve-setup.sh "${1:-}"

valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
  "$digits" serve --model "$model" --port 0 2> "$work/serve.log" &
server=$!
for _ in $(seq 600); do grep -q "^serving" "$work/serve.log" && break; sleep 0.2; done
port=$(sed -n 's/^serving .* at http:[^ ]*:\([0-9]*\)$/\1/p' "$work/serve.log")
[ -n "$port" ] || { echo "profile-serve: the server did not start: $(cat "$work/serve.log")" >&2; exit 1; }

# Sends $2 requests on one connection; checks that each is answered 200.
post() {
  python3 - "$port" "$1" "$work/canvas.png" <<'PY'
import http.client, sys
port, count, body = int(sys.argv[1]), int(sys.argv[2]), open(sys.argv[3], "rb").read()
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
for _ in range(count):
    connection.request("POST", "/api/classify", body, {"Content-Type": "image/png"})
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        sys.exit(f"profile-serve: answer {response.status}")
PY
}
post 20
callgrind_control --zero "$server" >/dev/null
post "$requests"
callgrind_control --dump=requests "$server" >/dev/null
kill -TERM "$server"
wait "$server" || true
server=""

mkdir -p "$out"
profile=$(ls "$work"/callgrind.out.* | head -1)
cp "$profile" "$out/callgrind.out"
report=$(callgrind_annotate --inclusive=no --threshold=100 "$out/callgrind.out" 2>/dev/null)
total=$(awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }' <<< "$report")
echo "profile-serve: $requests requests, $(python3 -c "print(f'{$total // $requests:,}')") instructions per request (callgrind, portable build); profile in $out/callgrind.out"
echo "profile-serve: the functions running the most instructions (their own), per request:"
# (Callgrind gives the threads' entry points, clone and the like, their callees' counts too: the
# lines over half the total are those, and left out.)
awk -v n="$requests" -v total="$total" 'match($0, /^ *[0-9,]+ \( *[0-9.]+%\)  /) {
    count = $1; gsub(",", "", count); if (count + 0 > total / 2) next
    printf "%10d  %s\n", count / n, substr($0, RLENGTH + 1); if (++shown == 20) exit }' <<< "$report" \
  | sed -E 's/ \[[^]]*\]$//' | swift demangle --simplified | cut -c1-160
