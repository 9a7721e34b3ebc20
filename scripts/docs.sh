#!/usr/bin/env bash
# DocC documentation of the library products IDX, Model and Imaging (swift-docc-plugin), with
# every documentation warning an error. The getting-started article's code is
# Snippets/GettingStarted.swift, which `swift build` compiles.
#   scripts/docs.sh            build the three archives into .build/docs/
#   scripts/docs.sh preview    also print how to look at one (docc preview, or a static host)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .build/docs
for target in IDX Model Imaging; do
  swift package --allow-writing-to-directory .build/docs generate-documentation --target "$target" \
    --warnings-as-errors --output-path ".build/docs/$target.doccarchive" >&2
done
echo "docs: .build/docs/{IDX,Model,Imaging}.doccarchive built without warnings" >&2
if [ "${1:-}" = preview ]; then
  echo "docs: to browse: swift package --disable-sandbox preview-documentation --target Model" >&2
fi

# The article's program, run on MNIST when it is here: one epoch, then a test image read as a PNG.
mnist="${MNIST_DIR:-data/mnist}"
if [ -f "$mnist/train-images-idx3-ubyte.gz" ] || [ -f "$mnist/train-images-idx3-ubyte" ]; then
  swift build --product GettingStarted >&2
  bin="$(swift build --show-bin-path)"
  mnist="$(cd "$mnist" && pwd)"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  "$bin/digits" export --data "$mnist" --count 1 --out "$work" 2>/dev/null
  (cd "$work" && "$bin/GettingStarted" "$mnist" "$work/00000-7.png") | tee "$work/out.txt" >&2
  grep -q "00000-7.png: 7 " "$work/out.txt" || { echo "docs: the getting-started program misread test image 0 (a 7)" >&2; exit 1; }
  echo "docs: the getting-started program ran and read test image 0 as 7" >&2
fi
