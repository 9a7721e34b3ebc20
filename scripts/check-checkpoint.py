#!/usr/bin/env python3
"""Check a `digits` checkpoint with the reference Python `safetensors` library.

    python3 scripts/check-checkpoint.py CHECKPOINT [--images IDX] [--expect PREDICTIONS]
                                        [--labels IDX] [--limit N] [--min-agreement F]

Opens CHECKPOINT with `safetensors.numpy` (so a file that Python cannot read fails here) and
prints every tensor's name, dtype and shape, and the metadata keys.

If the file holds an MLP in the `digits` layout -- `layers.{i}.weight` of shape [out, in] and
`layers.{i}.bias` of shape [out], i = 0, 1, ... -- and `--images` is given, it also runs a small
numpy forward pass (float64) on those images:

    x = pixel * scale + offset                  pixel: the raw u8 value 0...255
    h = activation(W_i h + b_i)                 every layer but the last
    p = softmax(W_last h + b_last)              prediction = argmax p

`scale` and `offset` come from the metadata `input_scaling` (JSON `{"scale":..,"offset":..}`;
without it: scale 1/255, offset 0). The activation comes from the metadata `architecture`
(JSON with `activation`, and `leakySlope` for leaky-relu; layer sizes are taken from the tensor
shapes and checked against `inputSize`/`layerSizes` when present). Activations: identity, sigmoid,
tanh, relu, leaky-relu, gelu (exact, with erf), step (1 where z > 0, else 0).

--images IDX        a u8 IDX file of images (gzip or not), e.g. t10k-images-idx3-ubyte.gz
--expect FILE       one predicted digit per line (as `digits` writes them): report agreement,
                    and exit 1 if it is below --min-agreement (default 0.99)
--labels IDX        a u8 IDX file of labels: report accuracy
--limit N           use only the first N images

Needs `pip install safetensors numpy`. Exit status: 0 fine, 1 disagreement, 2 unreadable input.
"""

import argparse
import gzip
import json
import math
import re
import sys

try:
    import numpy as np
    from safetensors import safe_open
    from safetensors.numpy import load_file
except ImportError as error:  # pragma: no cover - depends on the machine
    sys.exit(f"check-checkpoint: {error}; install with: pip install safetensors numpy")


class CheckError(Exception):
    """An input that cannot be used; the message names the file."""


# ---------------------------------------------------------------------------------------------
# Activations (hidden layers) and softmax (the last layer)

def leaky_relu(z, slope):
    return np.where(z > 0, z, slope * z)


_erf = np.vectorize(math.erf, otypes=[np.float64])

ACTIVATIONS = {
    "identity": lambda z, slope: z,
    "sigmoid": lambda z, slope: 1.0 / (1.0 + np.exp(-z)),
    "tanh": lambda z, slope: np.tanh(z),
    "relu": lambda z, slope: np.maximum(z, 0.0),
    "leakyrelu": leaky_relu,
    "gelu": lambda z, slope: 0.5 * z * (1.0 + _erf(z / math.sqrt(2.0))),
    "step": lambda z, slope: (z > 0).astype(np.float64),
}
ALIASES = {"linear": "identity", "none": "identity", "heaviside": "step"}


def activation_named(name):
    """The activation function for a metadata name; 'Leaky-ReLU', 'leaky_relu', 'leakyRelu' all match."""
    key = re.sub(r"[-_ ]", "", str(name)).lower()
    key = ALIASES.get(key, key)
    if key not in ACTIVATIONS:
        raise CheckError(f"unknown activation {name!r}, expected one of {', '.join(sorted(ACTIVATIONS))}")
    return ACTIVATIONS[key]


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


# ---------------------------------------------------------------------------------------------
# Reading the inputs

def read_idx(path):
    """A u8 IDX file (gzip or not) as a numpy array of its dimensions."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
    except (OSError, EOFError) as error:
        raise CheckError(f"{path}: cannot read: {error}")
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0:
        raise CheckError(f"{path}: not an IDX file (expected 0x00 0x00 then type and rank)")
    if raw[2] != 0x08:
        raise CheckError(f"{path}: IDX element type 0x{raw[2]:02x}, expected 0x08 (unsigned bytes)")
    rank = raw[3]
    if len(raw) < 4 + 4 * rank:
        raise CheckError(f"{path}: IDX header of rank {rank} is truncated")
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(rank)]
    count = math.prod(dims)
    data = raw[4 + 4 * rank:]
    if len(data) != count:
        raise CheckError(f"{path}: IDX dimensions {dims} need {count} bytes, found {len(data)}")
    return np.frombuffer(data, dtype=np.uint8).reshape(dims)


def read_predictions(path):
    """One integer per non-empty line."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = [line.strip() for line in f]
    except OSError as error:
        raise CheckError(f"{path}: cannot read: {error}")
    try:
        return np.array([int(line) for line in lines if line], dtype=np.int64)
    except ValueError as error:
        raise CheckError(f"{path}: expected one digit per line: {error}")


def metadata_json(metadata, key, path):
    """The metadata value `key` parsed as JSON, or None when absent."""
    if key not in metadata:
        return None
    try:
        return json.loads(metadata[key])
    except json.JSONDecodeError as error:
        raise CheckError(f"{path}: metadata {key!r} is not JSON: {error}")


# ---------------------------------------------------------------------------------------------
# The network

def mlp_layers(tensors, path):
    """[(W [out, in], b [out])] for layers.0, layers.1, ...; [] if the file holds no such layers."""
    indices = sorted({int(m.group(1)) for name in tensors if (m := re.fullmatch(r"layers\.(\d+)\.weight", name))})
    if not indices:
        return []
    if indices != list(range(len(indices))):
        raise CheckError(f"{path}: layer indices {indices}, expected 0...{len(indices) - 1}")
    layers = []
    for i in indices:
        w = tensors[f"layers.{i}.weight"]
        b = tensors.get(f"layers.{i}.bias")
        if b is None:
            raise CheckError(f"{path}: layers.{i}.weight has no layers.{i}.bias")
        if w.ndim != 2 or b.shape != (w.shape[0],):
            raise CheckError(f"{path}: layers.{i} has weight {list(w.shape)} and bias {list(b.shape)}, expected [out, in] and [out]")
        if layers and layers[-1][0].shape[0] != w.shape[1]:
            raise CheckError(f"{path}: layers.{i}.weight takes {w.shape[1]} inputs, but layers.{i - 1} gives {layers[-1][0].shape[0]}")
        layers.append((w.astype(np.float64), b.astype(np.float64)))
    return layers


def check_architecture(architecture, layers, path):
    """Compares `inputSize`/`layerSizes` in the metadata, when present, with the tensor shapes."""
    if not isinstance(architecture, dict):
        return
    shapes_input = layers[0][0].shape[1]
    shapes_sizes = [w.shape[0] for w, _ in layers]
    if "inputSize" in architecture and architecture["inputSize"] != shapes_input:
        raise CheckError(f"{path}: architecture inputSize {architecture['inputSize']}, but the tensors take {shapes_input}")
    sizes = architecture.get("layerSizes")
    if sizes is not None and list(sizes) not in (shapes_sizes, [shapes_input] + shapes_sizes):
        raise CheckError(f"{path}: architecture layerSizes {sizes}, but the tensors give {shapes_sizes}")


def forward(layers, activation, slope, x):
    """Class probabilities [n, classes] for inputs x [n, in]."""
    h = x
    for i, (w, b) in enumerate(layers):
        z = h @ w.T + b
        h = activation(z, slope) if i < len(layers) - 1 else z
    return softmax(h)


# ---------------------------------------------------------------------------------------------

def main(argv):
    parser = argparse.ArgumentParser(description="Check a digits safetensors checkpoint with Python's safetensors.")
    parser.add_argument("checkpoint")
    parser.add_argument("--images", help="u8 IDX file of images (gzip or not)")
    parser.add_argument("--expect", help="text file: one predicted digit per line")
    parser.add_argument("--labels", help="u8 IDX file of labels, to report accuracy")
    parser.add_argument("--limit", type=int, help="use only the first N images")
    parser.add_argument("--min-agreement", type=float, default=0.99, help="fraction needed with --expect (default 0.99)")
    args = parser.parse_args(argv)
    path = args.checkpoint

    try:
        with safe_open(path, framework="numpy") as f:
            metadata = f.metadata() or {}
        tensors = load_file(path)
    except Exception as error:  # the library raises several types; all mean "unreadable"
        raise CheckError(f"{path}: Python safetensors cannot read it: {error}")

    print(f"{path}: {len(tensors)} tensors")
    shown = lambda text: text if text.isprintable() and text else repr(text)
    for name, value in tensors.items():
        print(f"  {shown(name):24} {str(value.dtype):8} {list(value.shape)}")
    print(f"metadata keys: {', '.join(map(shown, sorted(metadata))) or '(none)'}")
    for key in sorted(metadata):
        text = metadata[key]
        print(f"  {shown(key)} = {shown(text if len(text) <= 100 else text[:100] + '...')}")

    if not args.images:
        return 0
    layers = mlp_layers(tensors, path)
    if not layers:
        raise CheckError(f"{path}: no layers.{{i}}.weight tensors, so no forward pass")
    architecture = metadata_json(metadata, "architecture", path) or {}
    check_architecture(architecture, layers, path)
    activation_name = architecture.get("activation", "relu") if isinstance(architecture, dict) else "relu"
    slope = float(architecture.get("leakySlope", architecture.get("leaky_slope", 0.01))) if isinstance(architecture, dict) else 0.01
    activation = activation_named(activation_name)
    scaling = metadata_json(metadata, "input_scaling", path) or {}
    scale = float(scaling.get("scale", 1.0 / 255.0))
    offset = float(scaling.get("offset", 0.0))
    sizes = [layers[0][0].shape[1]] + [w.shape[0] for w, _ in layers]
    print(f"network: {' -> '.join(map(str, sizes))}, activation {activation_name}"
          + (f" (slope {slope})" if activation is leaky_relu else "")
          + f", input = pixel * {scale:.6g} + {offset:.6g}")

    images = read_idx(args.images)
    images = images.reshape(images.shape[0], -1)
    if args.limit is not None:
        images = images[: args.limit]
    if images.shape[1] != sizes[0]:
        raise CheckError(f"{args.images}: images of {images.shape[1]} pixels, but the network takes {sizes[0]}")
    probabilities = forward(layers, activation, slope, images.astype(np.float64) * scale + offset)
    predictions = probabilities.argmax(axis=1)
    counts = np.bincount(predictions, minlength=sizes[-1])
    print(f"predicted {len(predictions)} images; per class: {counts.tolist()}; mean top probability {probabilities.max(axis=1).mean():.4f}")

    status = 0
    if args.labels:
        labels = read_idx(args.labels).reshape(-1)[: len(predictions)]
        if len(labels) != len(predictions):
            raise CheckError(f"{args.labels}: {len(labels)} labels for {len(predictions)} images")
        print(f"accuracy: {(labels == predictions).mean() * 100:.2f}% ({int((labels == predictions).sum())}/{len(labels)})")
    if args.expect:
        expected = read_predictions(args.expect)
        if len(expected) != len(predictions):
            raise CheckError(f"{args.expect}: {len(expected)} predictions for {len(predictions)} images")
        agree = predictions == expected
        print(f"agreement with {args.expect}: {agree.mean() * 100:.2f}% ({int(agree.sum())}/{len(agree)})")
        for index in np.flatnonzero(~agree)[:10]:
            print(f"  image {index}: python {predictions[index]}, expected {expected[index]}")
        if agree.mean() < args.min_agreement:
            print(f"FAIL: agreement below {args.min_agreement * 100:.2f}%")
            status = 1
    return status


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except CheckError as error:
        print(f"check-checkpoint: {error}", file=sys.stderr)
        sys.exit(2)
