#!/usr/bin/env bash
# The tests of `digits serve` that run outside Swift's test runner (Tests/Serve):
#   - bad requests against the server over raw sockets (Python, no packages needed);
#   - the drawing page in headless Chromium driven by Selenium: a vertical line, a circle and a
#     7 drawn with synthetic pointer events must read 1, 0 and 7 (with the default model trained
#     on MNIST when it is present; without MNIST only that some digit is read).
#
#   scripts/test-serve.sh [MNIST_DIR]     (default data/mnist)
#   SCREENSHOT=docs/images/serve-page.png scripts/test-serve.sh   # also save the page as drawn
# Needs Debian's chromium and chromium-driver and Python's selenium for the page test; without
# them that test is skipped, except under CI (CI set), where it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
mnist="${1:-${MNIST_DIR:-data/mnist}}"

swift build -c release --product digits >&2
digits="$(swift build -c release --show-bin-path)/digits"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

expect=()
if [ -f "$mnist/train-images-idx3-ubyte.gz" ] || [ -f "$mnist/train-images-idx3-ubyte" ]; then
  echo "test-serve: training the default model on $mnist" >&2
  "$digits" train --data "$mnist" --model "$work/model.safetensors" > /dev/null 2>&1
  expect=(--expect-digits)
else
  # No MNIST: a tiny made-up data set (random images), enough for a checkpoint to serve.
  python3 - "$work/fake" <<'PY'
import gzip, os, random, struct, sys
out = sys.argv[1]; os.makedirs(out)
rng = random.Random(0)
for split, n in (("train", 600), ("t10k", 100)):
    with gzip.open(f"{out}/{split}-images-idx3-ubyte.gz", "wb") as f:
        f.write(struct.pack(">IIII", 0x803, n, 28, 28) + bytes(rng.randrange(256) for _ in range(n * 784)))
    with gzip.open(f"{out}/{split}-labels-idx1-ubyte.gz", "wb") as f:
        f.write(struct.pack(">II", 0x801, n) + bytes(rng.randrange(10) for _ in range(n)))
PY
  echo "test-serve: no MNIST in $mnist; serving a model trained on random images (digits not checked)" >&2
  "$digits" train --data "$work/fake" --model "$work/model.safetensors" --epochs 1 --validation 100 > /dev/null 2>&1
fi

python3 Tests/Serve/bad_requests_test.py --digits "$digits" --model "$work/model.safetensors"

if command -v chromium >/dev/null && command -v chromedriver >/dev/null && python3 -c "import selenium" 2>/dev/null; then
  python3 Tests/Serve/drawing_page_test.py --digits "$digits" --model "$work/model.safetensors" "${expect[@]}" \
    ${SCREENSHOT:+--screenshot "$SCREENSHOT"}
elif [ -n "${CI:-}" ]; then
  echo "test-serve: chromium, chromedriver or Python's selenium is missing (.ci/run installs them)" >&2
  exit 1
else
  echo "test-serve: skipped the page test: it needs chromium, chromium-driver (apt) and selenium (pip)" >&2
fi
echo "test-serve: passed" >&2
