#!/usr/bin/env bash
# Times the preprocessing of one picture (decode + find, scale and centre the digit), one image at
# a time: 40 MNIST test digits drawn on 600x600 canvases with every variation of
# scripts/user-digits.py (transparency, noise, gradients, thick strokes, every PNG type).
# Prints, per image and overall, the median of 21 runs; target: preprocessing <= 5 ms per image.
#
#   scripts/bench-preprocess.sh [COUNT]     # default 40 pictures; needs numpy and Pillow
set -euo pipefail
cd "$(dirname "$0")/.."
mnist="${MNIST_DIR:-data/mnist}"
swift build -c release --product digits-bench >&2
bench="$(swift build -c release --show-bin-path)/digits-bench"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 scripts/user-digits.py --mnist "$mnist" --out "$work" --count "${1:-40}" --size 600 --seed 3
"$bench" preprocess --repeat 21 "$work"/user/*.png > "$work/times.jsonl"
python3 - "$work/times.jsonl" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
summary, files = lines[-1], lines[:-1]
slowest = max(files, key=lambda f: f["decode_and_prepare_ms"])
print(f"preprocess {summary['files']} pictures of 600x600: decode + prepare median "
      f"{summary['decode_and_prepare_ms_median']:.2f} ms (max {summary['decode_and_prepare_ms_max']:.2f}); "
      f"prepare alone median {summary['prepare_ms_median']:.2f} ms (max {summary['prepare_ms_max']:.2f}), "
      f"CPU time median {summary['prepare_cpu_ms_median']:.2f} ms (max {summary['prepare_cpu_ms_max']:.2f}); "
      f"target <= 5 ms")
PY
