#!/usr/bin/env bash
# Accuracy on people's pictures of digits: MNIST test digits drawn the way people hand them over
# (scripts/user-digits.py: canvases of 40-600 px, off-centre, pen colours, chalk on boards,
# transparent backgrounds, lighting gradients, noise, thick strokes, every PNG colour type),
# against the same digits as plain 28x28 images (`classify --raw`), overall and by variation.
#
#   scripts/bench-user-digits.sh [COUNT [MODEL]]   # default 1000 digits, models/mnist.safetensors
#                                                   # (the default training run if missing)
# Target: within 0.5 point of the 28x28 accuracy overall, no variation group more than 2 points
# below the 28x28 accuracy of its own digits. Needs numpy and Pillow (pip install numpy pillow).
# SEED (default 1) picks the digits and their variations; KEEP=DIR keeps the pictures there;
# STROKES=thick or STROKES=fine draws every digit with a marker or a fine pen (default mixed);
# TYPED (default 300) digits typed in the installed handwriting fonts are also read (reported
# apart: they have no 28x28 counterpart; apt-get install fonts-dkg-handwriting fonts-kristi ...).
set -euo pipefail
cd "$(dirname "$0")/.."
mnist="${MNIST_DIR:-data/mnist}"
count="${1:-1000}"
model="${2:-models/mnist.safetensors}"

swift build -c release --product digits >&2
digits="$(swift build -c release --show-bin-path)/digits"
work="${KEEP:-$(mktemp -d)}"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT

if [ ! -f "$model" ]; then
  echo "bench-user-digits: training the default model into $model" >&2
  mkdir -p "$(dirname "$model")"
  "$digits" train --data "$mnist" --model "$model" >/dev/null
fi
python3 scripts/user-digits.py --mnist "$mnist" --out "$work" --count "$count" --seed "${SEED:-1}" \
  --typed "${TYPED:-300}" --strokes "${STROKES:-mixed}"
"$digits" classify --model "$model" --json "$work/user" > "$work/user.jsonl" || true
"$digits" classify --model "$model" --json --raw "$work/raw" > "$work/raw.jsonl"
if [ -d "$work/typed" ]; then
  "$digits" classify --model "$model" --json "$work/typed" > "$work/typed.jsonl" || true
fi

python3 - "$work" <<'PY'
import collections, json, os, sys
work = sys.argv[1]
rows = [line.rstrip("\n").split(",", 3) for line in open(os.path.join(work, "labels.csv"))][1:]
def answers(name):
    out = {}
    for line in open(os.path.join(work, name)):
        obj = json.loads(line)
        out[os.path.basename(obj["file"])] = obj.get("digit") if "error" not in obj else "error"
    return out
user, raw = answers("user.jsonl"), answers("raw.jsonl")
groups = collections.defaultdict(list)
for name, label, _, tags in rows:
    outcome = (user.get(name) == int(label), raw.get(name) == int(label))
    groups["all"].append(outcome)
    for tag in tags.split():
        groups[tag].append(outcome)
def pct(xs): return 100 * sum(xs) / max(1, len(xs))
errors = sum(1 for v in user.values() if v == "error")
blank = sum(1 for v in user.values() if v is None)
total = groups["all"]
u, r = pct([a for a, _ in total]), pct([b for _, b in total])
print(f"user-digits: {len(total)} MNIST test digits as people's pictures: {u:.2f}% correct; "
      f"as raw 28x28: {r:.2f}%; difference {u - r:+.2f} points (target >= -0.50); "
      f"{blank} answered 'no digit', {errors} errors")
print(f"{'variation':<24}{'images':>7}{'pictures':>10}{'28x28':>8}{'diff':>8}")
worst = 0.0
for tag in sorted(groups, key=lambda t: (t != "all", t)):
    g = groups[tag]
    gu, gr = pct([a for a, _ in g]), pct([b for _, b in g])
    flag = "  <-- more than 2 points below" if gu - gr < -2 else ""
    if tag != "all": worst = min(worst, gu - gr)
    print(f"{tag:<24}{len(g):>7}{gu:>9.2f}%{gr:>7.2f}%{gu - gr:>+8.2f}{flag}")
print(f"worst group: {worst:+.2f} points (target >= -2.00)")

if os.path.exists(os.path.join(work, "typed.jsonl")):
    typed = answers("typed.jsonl")
    fonts = collections.defaultdict(list)
    for name, label, font, _ in [l.rstrip("\n").split(",", 3) for l in open(os.path.join(work, "typed.csv"))][1:]:
        fonts[font.split("-")[0]].append(typed.get(name) == int(label))
    everything = [x for v in fonts.values() for x in v]
    print(f"typed digits (installed handwriting and print fonts, no 28x28 counterpart): "
          f"{pct(everything):.1f}% of {len(everything)} in {len(fonts)} font families: "
          + ", ".join(f"{f} {pct(v):.0f}%" for f, v in sorted(fonts.items())))
PY
