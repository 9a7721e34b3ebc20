#!/usr/bin/env bash
# The test suite: builds, runs every unit and end-to-end test, and, when MNIST is present
# (data/mnist, or MNIST_DIR), the end-to-end check on the real data set.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --build-tests
swift test --skip-build
scripts/test-install.sh   # scripts/install.sh into a temporary prefix and back out

mnist="${MNIST_DIR:-data/mnist}"
if [ -f "$mnist/train-images-idx3-ubyte.gz" ] || [ -f "$mnist/train-images-idx3-ubyte" ]; then
  scripts/e2e-mnist.sh "$mnist"
  # The ONNX export against onnx's checker and onnxruntime (pip install onnx onnxruntime).
  if python3 -c "import onnx, onnxruntime, numpy, safetensors" 2>/dev/null; then
    python3 scripts/check-onnx.py --data "$mnist"
  else
    echo "test: Python onnx/onnxruntime not installed; skipped the ONNX export check" >&2
  fi
else
  echo "test: no MNIST in $mnist (scripts/download-mnist.sh fetches it); skipped the real-data check" >&2
fi

# digits serve: bad requests over raw sockets, and the drawing page in headless Chromium
# (Tests/Serve; uses the default model trained on MNIST when it is present).
scripts/test-serve.sh "$mnist"
