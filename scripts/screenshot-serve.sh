#!/usr/bin/env bash
# Takes a screenshot of the `digits serve` page with headless Chromium after drawing a 7 on it
# (the README's picture): starts the server, draws with synthetic pointer events (the browser
# test, Tests/Serve/drawing_page_test.py), saves the page.
#
#   scripts/screenshot-serve.sh [MODEL] [OUT.png] [WIDTHxHEIGHT]
#     defaults: models/mnist.safetensors, docs/images/serve-page.png, 1100x800 (390x844: a phone)
# Needs chromium and chromium-driver (apt) and selenium (pip).
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-models/mnist.safetensors}"
out="${2:-docs/images/serve-page.png}"
window="${3:-1100x800}"
[ -f "$model" ] || { echo "screenshot-serve: no checkpoint $model (train one with \`digits train\`)" >&2; exit 1; }
swift build -c release --product digits >&2
digits="$(swift build -c release --show-bin-path)/digits"
mkdir -p "$(dirname "$out")"
python3 Tests/Serve/drawing_page_test.py --digits "$digits" --model "$model" --screenshot "$out" --window "$window" >&2
echo "$out"
