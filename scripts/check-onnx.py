#!/usr/bin/env python3
"""Check `digits export-model --format onnx` against `digits` itself, with onnx and onnxruntime.

    python3 scripts/check-onnx.py [--digits BINARY] [--data MNIST_DIR] [--epochs N]

For each hidden activation that ONNX has (identity sigmoid tanh relu leaky-relu gelu) and for a
network without hidden layers, it trains a small network on MNIST (784-32-10, one epoch), then:

- exports it with `digits export-model --format onnx` (flat [N, 784] input; the relu model also
  with --input-layout image, [N, 1, 28, 28]) and `--format safetensors-plain`;
- `onnx.checker.check_model(model, full_check=True)` must pass;
- onnxruntime must predict the same digit as `digits evaluate --predictions` for all 10,000 test
  images;
- on 100 test images exported as PNGs, onnxruntime's probabilities must be within 1e-5 of
  `digits classify --raw --json`'s (the PNG named INDEX-LABEL.png holds test image INDEX);
- the plain safetensors file holds exactly the layers' weights and biases of the checkpoint.

(That a `step` model is refused is checked by the Swift tests, Tests/DigitCLITests.)
Needs `pip install onnx onnxruntime numpy safetensors`. Exit status 0 when everything agrees.
"""

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
import onnx
import onnxruntime as ort
from safetensors.numpy import load_file

TOLERANCE = 1e-5
ACTIVATIONS = ["identity", "sigmoid", "tanh", "relu", "leaky-relu", "gelu"]


def run(*args):
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"check-onnx: {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


def idx_images(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    data = opener(path, "rb").read()
    count = int.from_bytes(data[4:8], "big")
    return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, 784)


def check(digits, data, work, name, train_args, pngs, images, image_layout=False):
    model = os.path.join(work, f"{name}.safetensors")
    run(digits, "train", "--data", data, "--model", model, "--validation", "1000", *train_args)
    predictions_file = os.path.join(work, f"{name}.predictions")
    run(digits, "evaluate", "--data", data, "--model", model, "--predictions", predictions_file)
    expected = np.array([int(x) for x in open(predictions_file).read().split()])
    raw = {}
    for line in run(digits, "classify", "--model", model, "--raw", "--json", pngs).splitlines():
        obj = json.loads(line)
        raw[int(re.match(r"(\d+)", os.path.basename(obj["file"])).group(1))] = np.array(obj["probabilities"])

    layouts = [("flat", images.astype(np.float32))]
    if image_layout:
        layouts.append(("image", images.astype(np.float32).reshape(-1, 1, 28, 28)))
    for layout, pixels in layouts:
        path = os.path.join(work, f"{name}-{layout}.onnx")
        run(digits, "export-model", "--model", model, "--out", path, "--input-layout", layout)
        proto = onnx.load(path)
        onnx.checker.check_model(proto, full_check=True)
        facts = {p.key: p.value for p in proto.metadata_props}
        assert facts.get("format") == "digits-mlp" and "architecture" in facts, facts.keys()
        session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
        assert [i.name for i in session.get_inputs()] == ["pixels"]
        assert [o.name for o in session.get_outputs()] == ["probabilities"]
        probabilities = session.run(["probabilities"], {"pixels": pixels})[0]
        assert probabilities.shape == (10000, 10), probabilities.shape
        predicted = probabilities.argmax(1)
        disagree = np.nonzero(predicted != expected)[0]
        if len(disagree):
            i = disagree[0]
            sys.exit(f"check-onnx: {name} ({layout}): onnxruntime disagrees with `digits evaluate` on "
                     f"{len(disagree)} of 10000 images, first image {i}: {predicted[i]} vs {expected[i]} "
                     f"(probabilities {probabilities[i].round(6).tolist()})")
        worst = max(float(np.abs(probabilities[i] - raw[i]).max()) for i in raw)
        if worst > TOLERANCE:
            sys.exit(f"check-onnx: {name} ({layout}): probabilities differ from `digits classify --raw` "
                     f"by up to {worst:.2e} (> {TOLERANCE})")
        print(f"check-onnx: {name:10} {layout:5}  checker passed; 10000/10000 digits agree; "
              f"largest probability difference on {len(raw)} PNGs {worst:.1e}")

    plain = os.path.join(work, f"{name}.weights.safetensors")
    run(digits, "export-model", "--model", model, "--format", "safetensors-plain", "--out", plain)
    full, weights = load_file(model), load_file(plain)
    layer_names = sorted(k for k in full if k.startswith("layers."))
    assert sorted(weights) == layer_names, sorted(weights)
    assert all(np.array_equal(full[k], weights[k]) for k in layer_names)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--digits", default=".build/release/digits")
    parser.add_argument("--data", default="data/mnist")
    parser.add_argument("--epochs", default="1")
    args = parser.parse_args()
    images = idx_images(os.path.join(args.data, "t10k-images-idx3-ubyte.gz"))
    with tempfile.TemporaryDirectory() as work:
        pngs = os.path.join(work, "png")
        run(args.digits, "export", "--data", args.data, "--count", "100", "--out", pngs)
        common = ["--epochs", args.epochs, "--hidden", "32"]
        for activation in ACTIVATIONS:
            check(args.digits, args.data, work, activation, common + ["--activation", activation],
                  pngs, images, image_layout=activation == "relu")
        check(args.digits, args.data, work, "no-hidden", ["--epochs", args.epochs, "--hidden", "none"], pngs, images)
    print("check-onnx: passed")


if __name__ == "__main__":
    main()
