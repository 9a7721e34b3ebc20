#!/usr/bin/env bash
# End-to-end check on the real MNIST: the default training run, then evaluate, export, classify.
#   scripts/e2e-mnist.sh [MNIST_DIR]      (default data/mnist)
# Asserts: test accuracy >= 98%; confusion-matrix rows sum to the official per-digit counts;
# `classify --raw` of the exported test PNGs gives exactly evaluate's predictions; with the default
# preprocessing at least 99.5% agree; the checkpoint opens in Python (safetensors + numpy) and
# gives the same predictions there, when those Python packages are installed; and (with numpy
# and Pillow) the preprocessing's invariance on 500 test digits (scripts/invariance-mnist.py).
set -euo pipefail
cd "$(dirname "$0")/.."
mnist="${1:-${MNIST_DIR:-data/mnist}}"

swift build -c release --product digits
digits=".build/release/digits"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "e2e: training the default model on $mnist" >&2
"$digits" train --data "$mnist" --model "$work/mnist.safetensors" --json > "$work/train.jsonl"
"$digits" evaluate --data "$mnist" --model "$work/mnist.safetensors" --json \
  --predictions "$work/predictions.txt" > "$work/evaluate.json"
"$digits" export --data "$mnist" --split test --count 10000 --out "$work/png" 2>/dev/null
"$digits" classify --model "$work/mnist.safetensors" --raw --json "$work/png" > "$work/raw.jsonl"
"$digits" classify --model "$work/mnist.safetensors" --json "$work/png" > "$work/preprocessed.jsonl"

python3 - "$work" <<'PY'
import json, os, re, sys
work = sys.argv[1]
epochs = [json.loads(line) for line in open(os.path.join(work, "train.jsonl"))]
assert epochs and all(k in epochs[0] for k in
    ("epoch", "loss", "train_accuracy", "validation_accuracy", "seconds", "samples_per_second")), epochs[:1]
training = sum(e["seconds"] for e in epochs)
ev = json.load(open(os.path.join(work, "evaluate.json")))
rows = [sum(r) for r in ev["confusion"]]
official = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
assert ev["count"] == 10000, ev["count"]
assert rows == official, f"confusion rows {rows} != {official}"
assert ev["accuracy"] >= 0.98, f"test accuracy {ev['accuracy']:.4f} < 0.98"
predictions = [int(x) for x in open(os.path.join(work, "predictions.txt")).read().split()]
assert len(predictions) == 10000

def by_index(name):
    out = {}
    for line in open(os.path.join(work, name)):
        obj = json.loads(line)
        assert "error" not in obj, obj
        index = int(re.match(r"(\d+)", os.path.basename(obj["file"])).group(1))
        out[index] = obj["digit"]
    return out
raw, pre = by_index("raw.jsonl"), by_index("preprocessed.jsonl")
assert len(raw) == 10000 and len(pre) == 10000
raw_agree = sum(raw[i] == predictions[i] for i in range(10000))
pre_agree = sum(pre[i] == predictions[i] for i in range(10000))
assert raw_agree == 10000, f"classify --raw disagrees with evaluate on {10000 - raw_agree} images"
assert pre_agree >= 9950, f"preprocessing changed {10000 - pre_agree} predictions (> 0.5%)"
print(f"e2e: {len(epochs)} epochs in {training:.1f} s of training; test accuracy {ev['accuracy']*100:.2f}%; "
      f"raw classify agrees 10000/10000; preprocessed agrees {pre_agree}/10000")
PY

if python3 -c "import safetensors, numpy" 2>/dev/null; then
  python3 scripts/check-checkpoint.py "$work/mnist.safetensors" \
    --images "$mnist/t10k-images-idx3-ubyte.gz" --expect "$work/predictions.txt"
else
  echo "e2e: Python safetensors/numpy not installed; skipped the Python checkpoint check" >&2
fi
# Invariance of the preprocessing (scripts/invariance-mnist.py): 500 test digits moved, scaled
# from 40 to 600 px, recoloured, inverted, made transparent each way, stored in each PNG type and
# given 4% noise keep >= 99% of their predictions and nearly the same 28x28 input.
if python3 -c "import numpy, PIL" 2>/dev/null; then
  echo "e2e: invariance of the preprocessing on 500 test digits" >&2
  swift build -c release --product digits-bench
  python3 scripts/invariance-mnist.py draw --mnist "$mnist" --out "$work/inv" --count 500
  for dir in "$work"/inv/*/; do
    name=$(basename "$dir")
    "$digits" classify --model "$work/mnist.safetensors" --json "$dir" > "$work/inv/$name.jsonl"
    .build/release/digits-bench preprocess --repeat 1 --dump "$work/inv/$name.inputs" "$dir"*.png > /dev/null
  done
  python3 scripts/invariance-mnist.py check "$work/inv"
else
  echo "e2e: Python numpy/Pillow not installed; skipped the invariance check" >&2
fi
echo "e2e: passed" >&2
