#!/bin/sh
# Training speed and quality benchmarks (release build). Prints one JSON line per result.
#   scripts/bench-train.sh           speed: S800 at batch 32/128/512, S256 at batch 64
#   scripts/bench-train.sh quality   the default recipe, seeds 0 1 2, test accuracy + time
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
else
    $BENCH train --arch 800 --batch 128 --epochs 5 --threads "$T"
    $BENCH train --arch 256-128 --batch 64 --epochs 5 --threads "$T" | tail -1
    $BENCH train --arch 800 --batch 32 --epochs 3 --threads "$T" | tail -1
    $BENCH train --arch 800 --batch 512 --epochs 3 --threads "$T" | tail -1
fi
echo "{\"uptime\": \"$(uptime)\"}"
