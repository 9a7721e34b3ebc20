#!/usr/bin/env bash
# digits against PyTorch on the same machine in the same run: one training epoch of the
# reference workloads, with the peers' own script (../shared/peers/train_speed.py, PyTorch eager,
# 2 threads) and digits-bench (2 threads), interleaved so both see the same machine.
# Prints, per round, the ratio of the median epochs (5 timed epochs each), and the ratio of the
# two programs' fastest rounds.
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

# ROUNDS alternations of the two programs per workload (default 3): this machine shares its host,
# and a slow spell of tens of seconds can hit one program's run and not the other's; the least
# disturbed (fastest) round of each program is the steadier comparison.
rounds="${ROUNDS:-3}"
for workload in "800 128" "256-128 64"; do
  set -- $workload
  for round in $(seq "$rounds"); do
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=2 \
      "$python" "$peers/train_speed.py" --arch "$1" --batch "$2" --epochs 5 --json "$work/torch-$round.json" >/dev/null
    "$bench" train --arch "$1" --batch "$2" --epochs 5 --threads 2 | grep '"workload"' > "$work/digits-$round.json"
  done
  python3 - "$work" "$rounds" "$1" "$2" <<'PY'
import json, sys
work, rounds = sys.argv[1], int(sys.argv[2])
torch = [json.load(open(f"{work}/torch-{r}.json")) for r in range(1, rounds + 1)]
ours = [json.loads(open(f"{work}/digits-{r}.json").read()) for r in range(1, rounds + 1)]
name = f"784-{sys.argv[3]}-10 batch {sys.argv[4]} (torch {torch[0]['torch']})"
for r, (t, d) in enumerate(zip(torch, ours), 1):
    print(f"{name} round {r}: median PyTorch {t['epoch_s_median']:.3f} s, digits {d['epoch_s_median']:.3f} s, "
          f"ratio {d['epoch_s_median'] / t['epoch_s_median']:.2f}")
t = min(x['epoch_s_median'] for x in torch)
d = min(x['epoch_s_median'] for x in ours)
print(f"{name} fastest rounds: PyTorch {t:.3f} s, digits {d:.3f} s, ratio {d / t:.2f}")
PY
done
