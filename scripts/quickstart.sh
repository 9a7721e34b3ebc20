#!/usr/bin/env bash
# The whole job in one command: install what is missing, build in release mode, fetch MNIST,
# train the default model, evaluate it on the official test set, and classify a few sample images.
#   scripts/quickstart.sh                 # data from the public mirrors
#   MNIST_MIRROR=DIR scripts/quickstart.sh  # or from a local copy first
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*" >&2; }

step "Installing the C libraries (zlib, libpng, OpenBLAS) if missing"
scripts/install-deps.sh

step "Building digits (release)"
swift build -c release --product digits
digits=".build/release/digits"

step "Fetching MNIST into data/mnist"
scripts/download-mnist.sh data/mnist

step "Training (models/mnist.safetensors)"
"$digits" train --data data/mnist --model models/mnist.safetensors

step "Evaluating on the official 10,000 test images"
"$digits" evaluate --data data/mnist --model models/mnist.safetensors --misclassified 5

step "Exporting 10 test images as PNG and classifying them"
"$digits" export --data data/mnist --split test --count 10 --out samples
"$digits" classify --model models/mnist.safetensors samples

printf '\nDone. Try your own digit: %s classify --show my-digit.png\n' "$digits" >&2
