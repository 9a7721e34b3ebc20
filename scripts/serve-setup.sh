# Sourced by scripts/bench-serve.sh and scripts/profile-serve.sh (not run on its own): with
# $digits (the built binary), $name (the calling script's name, for messages) and the model path
# as its argument, makes the scratch folder $work (removed on exit, with the server $server
# stopped first), sets $model (a 1-epoch model trained into $work if the file is missing; needs
# MNIST in data/mnist or MNIST_DIR) and draws the benchmark's canvas into $work/canvas.png.
work=$(mktemp -d)
server=""
cleanup() { if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

model="${1:-models/mnist.safetensors}"
if [ ! -f "$model" ]; then
  model="$work/model.safetensors"
  echo "$name: training a 1-epoch model to serve" >&2
  "$digits" train --data "${MNIST_DIR:-data/mnist}" --model "$model" --epochs 1 2>/dev/null
fi
# The body: a 280x280 white canvas with a dark, anti-aliased "3" about 18 px wide.
python3 scripts/serve-canvas.py "$work/canvas.png"
