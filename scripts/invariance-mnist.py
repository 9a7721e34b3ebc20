#!/usr/bin/env python3
"""Invariance check of the preprocessing on real MNIST test digits.

    python3 scripts/invariance-mnist.py draw --mnist data/mnist --out DIR [--count 500]
    python3 scripts/invariance-mnist.py check DIR      (after classify --json and digits-bench
                                                        preprocess --dump wrote DIR/<variant>.*)

`draw` writes, for COUNT test digits (a fixed random sample of the test split only):
  DIR/original/NNNNN-L.png      the digit as its plain 28x28 MNIST image (white on black)
  DIR/<variant>/NNNNN-L.png     the same digit changed in one way only:
      moved-*        120 px tall on a 600x600 canvas, at a random place
      scaled-*       40, 100, 300 and 600 px tall canvases (digit 80% of the height)
      recoloured     blue ink on cream paper, RGB
      inverted       black ink on white
      transparent-*  light or dark ink on a transparent canvas, black, white or the ink's own
                     colour stored under the transparent pixels (RGBA)
      type-*         each PNG storage: grey 16-bit, RGB 8/16, palette, palette+tRNS,
                     grey+alpha 8/16, RGBA 16, Adam7-interlaced
      noise-4        sigma = 4% of full scale Gaussian noise
  (all but `moved` and `scaled` on a 200x200 canvas, the digit 150 px tall at a random place.)
`check` compares each variant with the original: the share of digits with the same prediction
(target >= 99%) and the mean absolute difference of the 28x28 inputs (in levels of 255).
Needs numpy and Pillow.
"""
import importlib.util, json, os, sys

import numpy as np
from PIL import Image

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("user_digits", os.path.join(here, "user-digits.py"))
ud = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ud)

TRANSPARENT = [f"transparent-{ink}-under-{under}" for ink in ("light", "dark") for under in ("black", "white", "ink")]
TYPES = ["type-gray16", "type-rgb8", "type-rgb16", "type-palette8", "type-palette-trns", "type-ga8", "type-ga16",
         "type-rgba16", "type-interlaced"]
VARIANTS = ["moved-a", "moved-b", "scaled-40", "scaled-100", "scaled-300", "scaled-600", "recoloured", "inverted",
            *TRANSPARENT, *TYPES, "noise-4"]
MAX_PERCENT_DIFFERENT = 1.0  # at most 1% of the predictions may change
MAX_MEAN_ABS_DIFF = 8.0      # mean |difference| of the 28x28 inputs, levels of 255 (about 4.5 measured)


def placed(digit, canvas_w, canvas_h, height, x=None, y=None, rng=None):
    """Coverage 0..1 [canvas_h, canvas_w]: the digit `height` px tall at (x, y) (random if None)."""
    ys, xs = np.nonzero(digit)
    crop = digit[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    width = max(1, int(round(height * crop.shape[1] / crop.shape[0])))
    if width > canvas_w * 0.9:  # a wide digit: fit the width instead
        width = int(canvas_w * 0.9)
        height = max(1, int(round(width * crop.shape[0] / crop.shape[1])))
    ink = np.asarray(Image.fromarray(crop).resize((width, height), Image.BICUBIC), np.float64) / 255
    if x is None:
        x, y = rng.integers(0, canvas_w - width + 1), rng.integers(0, canvas_h - height + 1)
    field = np.zeros((canvas_h, canvas_w))
    field[y:y + height, x:x + width] = np.clip(ink, 0, 1)
    return field


def draw(args):
    images, labels = ud.mnist_test(args.mnist)
    rng = np.random.default_rng(7)
    chosen = rng.choice(len(images), size=args.count, replace=False)
    for sub in ["original"] + VARIANTS:
        os.makedirs(os.path.join(args.out, sub), exist_ok=True)
    for n, index in enumerate(chosen):
        digit, name = images[index], f"{n:05d}-{labels[index]}.png"
        out = lambda variant: os.path.join(args.out, variant, name)
        ud.write_png(out("original"), digit[..., None].astype(np.int64), "gray", 8)
        for variant in ("moved-a", "moved-b"):
            ink = placed(digit, 600, 600, 120, rng=rng)
            ud.write_png(out(variant), np.round(255 * (1 - ink))[..., None].astype(np.int64), "gray", 8)
        for side in (40, 100, 300, 600):
            ink = placed(digit, side, side, int(side * 0.8), rng=rng)
            ud.write_png(out(f"scaled-{side}"), np.round(255 * (1 - ink))[..., None].astype(np.int64), "gray", 8)
        ink = placed(digit, 200, 200, 150, x=None, y=None, rng=np.random.default_rng(n))
        a = ink[..., None]
        dark_on_light = np.round(255 * (1 - ink))[..., None]
        paper, blue = np.array([250, 243, 215.0]), np.array([30, 50, 170.0])
        ud.write_png(out("recoloured"), np.round(paper * (1 - a) + blue * a).astype(np.int64), "rgb", 8)
        ud.write_png(out("inverted"), dark_on_light.astype(np.int64), "gray", 8)
        alpha = np.round(255 * a)
        for variant in TRANSPARENT:
            colour = np.array([255, 240, 120.0]) if "light" in variant else np.array([20, 30, 120.0])
            under = {"black": np.zeros(3), "white": np.full(3, 255.0), "ink": colour}[variant.rsplit("-", 1)[1]]
            rgb = np.where(a > 0, colour + 0 * a, under)
            ud.write_png(out(variant), np.concatenate([rgb, alpha], 2).astype(np.int64), "rgba", 8)
        rgb = np.repeat(dark_on_light, 3, 2)
        ud.write_png(out("type-gray16"), (dark_on_light * 257).astype(np.int64), "gray", 16)
        ud.write_png(out("type-rgb8"), rgb.astype(np.int64), "rgb", 8)
        ud.write_png(out("type-rgb16"), (rgb * 257).astype(np.int64), "rgb", 16)
        ud.write_png(out("type-palette8"), dark_on_light.astype(np.int64), "palette", 8,
                     palette=[[v, v, v] for v in range(256)])
        ud.write_png(out("type-palette-trns"), alpha.astype(np.int64), "palette", 8,
                     palette=[[0, 0, 0]] * 256, palette_alpha=list(range(256)))
        black = np.zeros_like(alpha)
        ud.write_png(out("type-ga8"), np.concatenate([black, alpha], 2).astype(np.int64), "ga", 8)
        ud.write_png(out("type-ga16"), (np.concatenate([black, alpha], 2) * 257).astype(np.int64), "ga", 16)
        ud.write_png(out("type-rgba16"), (np.concatenate([black, black, black, alpha], 2) * 257).astype(np.int64),
                     "rgba", 16)
        ud.write_png(out("type-interlaced"), dark_on_light.astype(np.int64), "gray", 8, interlaced=True)
        noisy = np.clip(dark_on_light + rng.normal(0, 0.04 * 255, dark_on_light.shape), 0, 255)
        ud.write_png(out("noise-4"), np.round(noisy).astype(np.int64), "gray", 8)
    print(f"invariance: {args.count} test digits in {len(VARIANTS)} variants under {args.out}", file=sys.stderr)


def check(directory):
    def predictions(variant):
        out = {}
        for line in open(os.path.join(directory, variant + ".jsonl")):
            obj = json.loads(line)
            out[os.path.basename(obj["file"])] = obj.get("digit", "error")
        return out
    def inputs(variant):
        return np.fromfile(os.path.join(directory, variant + ".inputs"), np.uint8).reshape(-1, 784).astype(np.int64)
    base, base_inputs = predictions("original"), inputs("original")
    names = sorted(base)
    failed = []
    print(f"{'variant':<32}{'same prediction':>16}{'mean |diff|':>13}")
    for variant in VARIANTS:
        p, x = predictions(variant), inputs(variant)
        same = 100 * sum(p[n] == base[n] for n in names) / len(names)
        mad = float(np.abs(x - base_inputs).mean())
        bad = same < 100 - MAX_PERCENT_DIFFERENT or mad > MAX_MEAN_ABS_DIFF
        print(f"{variant:<32}{same:>15.1f}%{mad:>13.2f}{'  <-- FAILS' if bad else ''}")
        if bad:
            failed.append(variant)
    if failed:
        sys.exit(f"invariance: {', '.join(failed)}: more than {MAX_PERCENT_DIFFERENT}% of predictions changed "
                 f"or inputs differ by more than {MAX_MEAN_ABS_DIFF} levels on average")
    print(f"invariance: {len(names)} test digits, {len(VARIANTS)} variants: every variant keeps >= "
          f"{100 - MAX_PERCENT_DIFFERENT:.0f}% of predictions and its inputs within {MAX_MEAN_ABS_DIFF} levels")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "check":
        check(sys.argv[2])
    else:
        import argparse
        parser = argparse.ArgumentParser()
        parser.add_argument("command", choices=["draw"])
        parser.add_argument("--mnist", default="data/mnist")
        parser.add_argument("--out", required=True)
        parser.add_argument("--count", type=int, default=500)
        draw(parser.parse_args())
