#!/usr/bin/env bash
# Times `digits classify` as people run it:
#   - one PNG, as a whole process (start-up, checkpoint load, decode, preprocess, predict):
#     median of 31 runs (target <= 30 ms);
#   - 10,000 exported 28x28 test PNGs in one call: median of 3 runs (target <= 5 s).
#
#   scripts/bench-classify.sh [MODEL]   # default models/mnist.safetensors; trained (1 epoch) if missing
# Needs MNIST in data/mnist (or MNIST_DIR) for the exported images.
set -euo pipefail
cd "$(dirname "$0")/.."
mnist="${MNIST_DIR:-data/mnist}"

swift build -c release --product digits >&2
digits="$(swift build -c release --show-bin-path)/digits"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

model="${1:-models/mnist.safetensors}"
if [ ! -f "$model" ]; then
  model="$work/model.safetensors"
  echo "bench-classify: training a 1-epoch model for the benchmark" >&2
  "$digits" train --data "$mnist" --model "$model" --epochs 1 2>/dev/null
fi
"$digits" export --data "$mnist" --split test --count 10000 --out "$work/png" 2>/dev/null

python3 - "$digits" "$model" "$work/png" <<'PY'
import statistics, subprocess, sys, time
digits, model, png = sys.argv[1:4]
one = f"{png}/00000-7.png"

def timed(args, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times)

subprocess.run([digits, "classify", "--model", model, one], check=True, stdout=subprocess.DEVNULL)  # warm the page cache
single = timed([digits, "classify", "--model", model, one], 31)
batch = timed([digits, "classify", "--model", model, "--json", png], 3)
print(f"classify one PNG (whole process): median {single[0]*1000:.1f} ms (min {single[1]*1000:.1f}, max {single[2]*1000:.1f}); target <= 30 ms")
print(f"classify 10,000 PNGs in one call:  median {batch[0]:.2f} s (min {batch[1]:.2f}, max {batch[2]:.2f}); target <= 5 s")
PY
