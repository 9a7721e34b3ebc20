#!/bin/sh
# Training speed and quality benchmarks (release build). Prints one JSON line per result.
#   scripts/bench-train.sh           speed: S800 at batch 32/128/512, S256 at batch 64
#   scripts/bench-train.sh quality   the default recipe, seeds 0 1 2, test accuracy + time
#   THREADS=1 scripts/bench-train.sh  the same with one BLAS thread (default 2)
set -eu
cd "$(dirname "$0")/.."
MNIST_GZ=${MNIST_GZ:-/work/shared/mnist}
export MNIST_RAW=${MNIST_RAW:-/tmp/mnist-raw}
mkdir -p "$MNIST_RAW"
for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
    [ -f "$MNIST_RAW/$f" ] || gzip -dc "$MNIST_GZ/$f.gz" > "$MNIST_RAW/$f"
done
swift build -c release --product digits-bench >/dev/null
BENCH=.build/release/digits-bench
T=${THREADS:-2}
echo "{\"uptime\": \"$(uptime)\"}"
if [ "${1:-speed}" = quality ]; then
    for seed in 0 1 2; do $BENCH train --quality --seed $seed --threads "$T" | tail -1; done
else
    $BENCH train --arch 800 --batch 128 --epochs 5 --threads "$T"
    $BENCH train --arch 256-128 --batch 64 --epochs 5 --threads "$T" | tail -1
    $BENCH train --arch 800 --batch 32 --epochs 3 --threads "$T" | tail -1
    $BENCH train --arch 800 --batch 512 --epochs 3 --threads "$T" | tail -1
fi
echo "{\"uptime\": \"$(uptime)\"}"
