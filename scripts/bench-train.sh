#!/bin/sh
# Training speed and quality benchmarks (release build). Prints one JSON line per result.
#   scripts/bench-train.sh           speed: S800 at batch 32/128/512, S256 at batch 64
#                                    (S800: the 784-800-10 network; S256: 784-256-128-10)
#   scripts/bench-train.sh quality   the default recipe, seeds 0 1 2, test accuracy + time
#   scripts/bench-train.sh profile   S800's time by library (OpenBLAS = sgemm), with perf
#   scripts/bench-train.sh allocations  malloc calls per batch of S256 (perf probe on libc's malloc)
#   scripts/bench-train.sh augment   epoch time with --augment elastic against none: S256 b64,
#                                    S256 b128 (the default recipe's shape) and S800 b128,
#                                    alternated ROUNDS times (default 3); ratio of the fastest
#                                    medians (target ≤ 1.25), and the distortion alone per image
#   THREADS=1 scripts/bench-train.sh  the same with one BLAS thread (default 2)
#   MNIST_DIR=DIR scripts/bench-train.sh  MNIST from DIR (default data/mnist)
set -eu
cd "$(dirname "$0")/.."
# MNIST in the layout of scripts/download-mnist.sh (gz or plain).
export MNIST_DIR=${MNIST_DIR:-data/mnist}
swift build -c release --product digits-bench >/dev/null
BENCH=.build/release/digits-bench
T=${THREADS:-2}
echo "{\"uptime\": \"$(uptime)\"}"
if [ "${1:-speed}" = quality ]; then
    for seed in 0 1 2; do $BENCH train --quality --seed $seed --threads "$T" | tail -1; done
elif [ "${1:-speed}" = profile ]; then
    # Where S800's epochs spend their time, by library: OpenBLAS's share is the time in sgemm.
    # Needs `perf` (Debian: linux-perf). Data loading is included (about 0.15 s of ~6 s).
    command -v perf >/dev/null || { echo "bench-train: profile needs perf (apt-get install linux-perf)" >&2; exit 1; }
    perf record -q -F 2000 -o /tmp/digits-bench.perf -- $BENCH train --arch 800 --batch 128 --epochs 5 --threads "$T" >/dev/null 2>&1
    perf report -q -i /tmp/digits-bench.perf --sort dso --stdio 2>/dev/null | awk 'NF >= 2 && $1 ~ /%$/ { printf "{\"dso\": \"%s\", \"share\": \"%s\"}\n", $2, $1 }' | head -6
elif [ "${1:-speed}" = allocations ]; then
    # The batch loop must allocate nothing: count libc malloc calls in runs of 2 and 4 epochs;
    # the difference, over the 2 × 938 extra batches, is what an epoch allocates per batch (the
    # epoch's own bookkeeping, a few calls, included). Needs perf and root (uprobes).
    command -v perf >/dev/null || { echo "bench-train: allocations needs perf (apt-get install linux-perf)" >&2; exit 1; }
    libc=$(ldd "$BENCH" | awk '/libc.so.6/ { print $3 }')
    perf probe -q -x "$libc" malloc 2>/dev/null || true
    count() { perf stat -x, -e probe_libc:malloc $BENCH train --arch 256-128 --batch 64 --epochs "$1" --threads "$T" --replay no 2>&1 >/dev/null | awk -F, '/probe_libc:malloc/ { print $1 }'; }
    two=$(count 2); four=$(count 4)
    echo "{\"workload\": \"784-256-128-10 batch 64\", \"mallocs_2_epochs\": $two, \"mallocs_4_epochs\": $four, \"mallocs_per_batch\": $(python3 -c "print(round(($four - $two) / (2 * 938), 3))")}"
elif [ "${1:-speed}" = augment ]; then
    # The same workload without and with distortions, one after the other, ROUNDS times: on a
    # shared machine the fastest round of each is the least disturbed.
    out=$(mktemp)
    for round in $(seq "${ROUNDS:-3}"); do
        for workload in "256-128 64" "256-128 128" "800 128"; do
            set -- $workload
            for augment in none elastic; do
                $BENCH train --arch "$1" --batch "$2" --epochs 3 --threads "$T" --augment "$augment" --replay no | tail -1 | tee -a "$out"
            done
        done
    done
    $BENCH distort
    python3 - "$out" <<'PY'
import json, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
best = {}
for r in runs:
    w = r["workload"]
    best[w] = min(best.get(w, 1e9), r["epoch_s_median"])
for w in dict.fromkeys(r["workload"].split(" augment")[0] for r in runs):
    plain, elastic = best[w + " augment none"], best[w + " augment elastic"]
    print(json.dumps({"workload": w, "epoch_s_none": plain, "epoch_s_elastic": elastic, "ratio": round(elastic / plain, 3)}))
PY
    rm -f "$out"
else
    $BENCH train --arch 800 --batch 128 --epochs 5 --threads "$T"
    $BENCH train --arch 256-128 --batch 64 --epochs 5 --threads "$T" | tail -1
    $BENCH train --arch 800 --batch 32 --epochs 3 --threads "$T" | tail -1
    $BENCH train --arch 800 --batch 512 --epochs 3 --threads "$T" | tail -1
fi
echo "{\"uptime\": \"$(uptime)\"}"
