#!/usr/bin/env bash
# digits against PyTorch on the same machine in the same run: one training epoch of the
# reference workloads, with the peers' own script (../shared/peers/train_speed.py, PyTorch eager,
# 2 threads) and digits-bench (2 threads), interleaved so both see the same machine.
# Prints the ratio of the median epochs and of the best epochs (5 timed epochs each).
#
#   PEERS_PYTHON=/path/to/venv/bin/python scripts/bench-vs-pytorch.sh
# The Python needs torch and numpy (python3 -m venv .venv-peers && .venv-peers/bin/pip install
# torch==2.15.0 numpy). MNIST comes from MNIST_DIR (default data/mnist).
set -euo pipefail
cd "$(dirname "$0")/.."
peers="${PEERS_DIR:-../shared/peers}"
python="${PEERS_PYTHON:-.venv-peers/bin/python}"
export MNIST_DIR="${MNIST_DIR:-$(pwd)/data/mnist}"
[ -f "$peers/train_speed.py" ] || { echo "bench-vs-pytorch: no $peers/train_speed.py" >&2; exit 1; }
"$python" -c "import torch" 2>/dev/null || { echo "bench-vs-pytorch: $python has no torch" >&2; exit 1; }

swift build -c release --product digits-bench >&2
bench="$(swift build -c release --show-bin-path)/digits-bench"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for workload in "800 128" "256-128 64"; do
  set -- $workload
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=2 \
    "$python" "$peers/train_speed.py" --arch "$1" --batch "$2" --epochs 5 --json "$work/torch.json" >/dev/null
  "$bench" train --arch "$1" --batch "$2" --epochs 5 --threads 2 | grep '"workload"' > "$work/digits.json"
  python3 - "$work/torch.json" "$work/digits.json" "$1" "$2" <<'PY'
import json, sys
torch = json.load(open(sys.argv[1]))
ours = json.loads(open(sys.argv[2]).read())
# Medians, and the best epochs: on a shared host (another machine's load shows up as lost
# time) the fastest epoch of each is the steadier comparison.
print(f"784-{sys.argv[3]}-10 batch {sys.argv[4]} (torch {torch['torch']}): "
      f"median PyTorch {torch['epoch_s_median']:.3f} s, digits {ours['epoch_s_median']:.3f} s, "
      f"ratio {ours['epoch_s_median'] / torch['epoch_s_median']:.2f}; "
      f"best PyTorch {torch['epoch_s_min']:.3f} s, digits {ours['epoch_s_min']:.3f} s, "
      f"ratio {ours['epoch_s_min'] / torch['epoch_s_min']:.2f}")
PY
done
