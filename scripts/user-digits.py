#!/usr/bin/env python3
"""Draws MNIST test digits the way people hand them over, as PNG files with labels.

    python3 scripts/user-digits.py --mnist data/mnist --out DIR [--count 1000] [--seed 1] [--size PX]
                                   [--strokes mixed|thick|fine]

Reads only the MNIST *test* split (t10k-*). For each of COUNT test digits (a random sample,
without repetition) it writes:
  DIR/user/NNNNN-L.png   the digit drawn as a person's picture (L = its label)
  DIR/raw/NNNNN-L.png    the same digit as the plain 28x28 MNIST image (white on black)
  DIR/labels.csv         file,label,test_index,tags   (tags: the variations, space separated)
With --typed N, also N digits typed in the installed handwriting fonts (Debian's fonts-* packages,
e.g. fonts-dkg-handwriting, fonts-comic-neue, fonts-kristi), tilted by up to 15 degrees and drawn
with the same variations: DIR/typed/NNNNN-L.png and DIR/typed.csv (file,label,font,tags).

Variations, in roughly the proportions people's pictures come in:
  style      pen on off-white paper (35%), plain black-on-white scan (10%), chalk or white ink
             on a dark board (20%), transparent background (35%: half light ink, half dark;
             the colour stored under transparent pixels black, white or the ink's own, with or
             without a matte halo around the strokes)
  canvas     40-600 px on its longer side (log-uniform), digit 50-85% of the canvas height,
             anywhere on it (off-centre)
  strokes    thicker (marker) strokes for 15% (--strokes thick: all of them; --strokes fine:
             every digit with a fine pen instead)
  lighting   a linear lighting gradient across the page (35% of opaque pictures)
  noise      Gaussian sensor noise of sigma 2-6% of full scale (35% of opaque pictures)
  storage    every PNG colour type: grey, RGB, palette, grey+alpha, RGBA, palette+tRNS,
             grey/RGB+tRNS (a key colour: black, white or magenta), at 8 and 16 bits;
             Adam7-interlaced for 15%. The rarer types (16-bit, grey+alpha 16, key colour)
             are drawn more often than people hand them over, so that each group holds
             enough pictures to be measured (about 2-7% of the set each)
Needs numpy and Pillow (pip install numpy pillow); PNG files are written by the small encoder
below (Pillow cannot write every colour type, 16-bit colour or interlacing).
"""
import argparse, gzip, math, os, struct, sys, zlib

import numpy as np
from PIL import Image


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def mnist_test(directory):
    def find(stem):
        for name in (stem + ".gz", stem):
            if os.path.exists(os.path.join(directory, name)):
                return os.path.join(directory, name)
        sys.exit(f"user-digits: {directory}: no {stem}(.gz); scripts/download-mnist.sh fetches it")
    return read_idx(find("t10k-images-idx3-ubyte")), read_idx(find("t10k-labels-idx1-ubyte"))


# ---- PNG writing: any colour type, 8 or 16 bits, tRNS, Adam7 ------------------------------

ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
COLOR_TYPES = {"gray": 0, "rgb": 2, "palette": 3, "ga": 4, "rgba": 6}


def chunk(kind, data):
    body = kind.encode() + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def write_png(path, samples, color, depth=8, palette=None, palette_alpha=None, transparent=None,
              interlaced=False):
    """samples: [h, w, channels] integers at `depth` (palette: indices [h, w, 1])."""
    h, w, _ = samples.shape
    dtype = ">u2" if depth == 16 else np.uint8
    raw = bytearray()
    passes = ADAM7 if interlaced else [(0, 0, 1, 1)]
    for x0, y0, dx, dy in passes:
        sub = samples[y0::dy, x0::dx]
        if sub.size == 0:
            continue
        rows = sub.astype(dtype).reshape(sub.shape[0], -1)
        for row in rows:
            raw.append(0)
            raw += row.tobytes()
    out = b"\x89PNG\r\n\x1a\n"
    out += chunk("IHDR", struct.pack(">IIBBBBB", w, h, depth, COLOR_TYPES[color], 0, 0, 1 if interlaced else 0))
    if palette is not None:
        out += chunk("PLTE", bytes(np.asarray(palette, np.uint8).reshape(-1)))
        if palette_alpha is not None:
            out += chunk("tRNS", bytes(np.asarray(palette_alpha, np.uint8)))
    if transparent is not None:
        out += chunk("tRNS", b"".join(struct.pack(">H", v) for v in transparent))
    out += chunk("IDAT", zlib.compress(bytes(raw), 6))
    out += chunk("IEND", b"")
    with open(path, "wb") as f:
        f.write(out)


# ---- Drawing ------------------------------------------------------------------------------

PENS = [(20, 20, 28), (25, 45, 150), (150, 25, 30), (25, 100, 45), (90, 90, 95)]
LIGHT_INKS = [(250, 250, 250), (255, 235, 120), (200, 230, 255), (255, 190, 220), (235, 235, 215)]
DARK_INKS = [(10, 10, 10), (30, 40, 160), (170, 20, 30), (20, 90, 40)]
BOARDS = [(30, 60, 42), (22, 22, 24), (50, 56, 62), (10, 25, 60)]


def luminance(rgb):
    r, g, b = [np.asarray(c, np.float64) for c in rgb]
    return 0.299 * r + 0.587 * g + 0.114 * b


def coverage(digit, canvas_w, canvas_h, rng, thick, fine=False):
    """The digit's ink coverage 0..1 on the canvas, [h, w], and its bounding box in pixels."""
    ys, xs = np.nonzero(digit)
    crop = digit[ys.min():ys.max() + 1, xs.min():xs.max() + 1].astype(np.float64) / 255
    ch, cw = crop.shape
    height = max(8, int(round(canvas_h * rng.uniform(0.5, 0.85))))
    width = max(1, int(round(height * cw / ch)))
    if width > canvas_w * 0.9:
        width = int(canvas_w * 0.9)
        height = max(1, int(round(width * ch / cw)))
    # MNIST's digits are already anti-aliased; enlarge with a smooth filter.
    pic = Image.fromarray((crop * 255).astype(np.uint8)).resize((width, height), Image.BICUBIC)
    ink = np.asarray(pic, np.float64) / 255
    if thick:  # a marker: grey dilation by 2-5% of the digit's height
        radius = max(1, int(round(height * rng.uniform(0.02, 0.05))))
        padded = np.pad(ink, radius)
        out = padded.copy()
        for _ in range(radius):
            out = np.maximum.reduce([out, np.roll(out, 1, 0), np.roll(out, -1, 0), np.roll(out, 1, 1), np.roll(out, -1, 1)])
        ink = out
    if fine:  # a fine pen: grey erosion by 2-3.5% of the digit's height
        for _ in range(max(1, int(round(height * rng.uniform(0.02, 0.035))))):
            ink = np.minimum.reduce([ink, np.roll(ink, 1, 0), np.roll(ink, -1, 0), np.roll(ink, 1, 1), np.roll(ink, -1, 1)])
    h, w = ink.shape
    if h > canvas_h or w > canvas_w:  # thickening overflowed: shrink to fit
        scale = min(canvas_h / h, canvas_w / w) * 0.95
        pic = Image.fromarray((ink * 255).astype(np.uint8)).resize(
            (max(1, int(w * scale)), max(1, int(h * scale))), Image.BICUBIC)
        ink = np.asarray(pic, np.float64) / 255
        h, w = ink.shape
    x = rng.integers(1, max(2, canvas_w - w))
    y = rng.integers(1, max(2, canvas_h - h))
    field = np.zeros((canvas_h, canvas_w))
    field[y:y + h, x:x + w] = np.clip(ink, 0, 1)[:canvas_h - y, :canvas_w - x]
    return field


def gradient(h, w, rng):
    """A multiplicative lighting factor [h, w]: 1 on the lit side, down to 1 - depth."""
    angle = rng.uniform(0, 2 * math.pi)
    depth = rng.uniform(0.1, 0.35)
    yy, xx = np.mgrid[0:h, 0:w]
    t = (xx / max(1, w - 1) - 0.5) * math.cos(angle) + (yy / max(1, h - 1) - 0.5) * math.sin(angle)
    t = (t - t.min()) / max(1e-9, t.max() - t.min())
    return 1 - depth * t


def opaque_picture(ink, style, rng, tags):
    """An opaque RGB picture [h, w, 3] in 0..255 floats."""
    h, w = ink.shape
    if style == "pen":
        tint = rng.uniform(-6, 3, 3)
        paper = np.clip(np.array([246, 244, 236]) + tint, 0, 255)
        colour = np.array(PENS[rng.integers(len(PENS))], np.float64)
    elif style == "plain":
        paper, colour = np.array([255.0, 255, 255]), np.array([0.0, 0, 0])
    else:  # chalk
        paper = np.array(BOARDS[rng.integers(len(BOARDS))], np.float64)
        colour = np.array(LIGHT_INKS[rng.integers(len(LIGHT_INKS))], np.float64)
    picture = paper * (1 - ink[..., None]) + colour * ink[..., None]
    if style != "plain" and rng.random() < 0.35:
        picture = picture * gradient(h, w, rng)[..., None]
        tags.append("gradient")
    if style != "plain" and rng.random() < 0.35:
        sigma = rng.uniform(0.02, 0.06) * 255
        picture = picture + rng.normal(0, sigma, picture.shape)
        tags.append("noise")
    return np.clip(picture, 0, 255)


def store_opaque(path, picture, rng, tags, interlaced):
    kind = rng.choice(["gray8", "gray16", "rgb8", "rgb16", "palette8", "rgba8-opaque"],
                      p=[0.22, 0.08, 0.32, 0.08, 0.2, 0.1])
    tags.append(kind)
    if kind.startswith("gray"):
        y = luminance(picture.transpose(2, 0, 1))[..., None]
        if kind == "gray16":
            write_png(path, np.round(y * 257).astype(np.int64), "gray", 16, interlaced=interlaced)
        else:
            write_png(path, np.round(y).astype(np.int64), "gray", 8, interlaced=interlaced)
    elif kind == "rgb16":
        write_png(path, np.round(picture * 257).astype(np.int64), "rgb", 16, interlaced=interlaced)
    elif kind == "palette8":
        image = Image.fromarray(np.round(picture).astype(np.uint8), "RGB").quantize(256)
        palette = np.array(image.getpalette()[:768], np.uint8).reshape(-1, 3)
        indices = np.asarray(image, np.int64)[..., None]
        palette = palette[:max(1, indices.max() + 1)]
        write_png(path, indices, "palette", 8, palette=palette, interlaced=interlaced)
    elif kind == "rgba8-opaque":
        rgba = np.concatenate([np.round(picture), np.full(picture.shape[:2] + (1,), 255.0)], 2)
        write_png(path, rgba.astype(np.int64), "rgba", 8, interlaced=interlaced)
    else:
        write_png(path, np.round(picture).astype(np.int64), "rgb", 8, interlaced=interlaced)


def store_transparent(path, ink, rng, tags, interlaced):
    light = rng.random() < 0.5
    tags.append("transparent-light-ink" if light else "transparent-dark-ink")
    colour = np.array((LIGHT_INKS if light else DARK_INKS)[rng.integers(4)], np.float64)
    kind = rng.choice(["rgba8", "rgba16", "ga8", "ga16", "palette-trns", "key-trns"],
                      p=[0.32, 0.1, 0.15, 0.08, 0.15, 0.2])
    tags.append(kind)
    # A key colour is black, white, or a colour the picture does not use (magenta, as GIF-style
    # exports often pick).
    under_name = rng.choice(["black", "white", "magenta"] if kind == "key-trns" else ["black", "white", "ink"])
    tags.append("under-" + under_name)
    under = {"black": np.zeros(3), "white": np.full(3, 255.0), "ink": colour,
             "magenta": np.array([255.0, 0, 255])}[under_name]
    halo = under_name != "ink" and kind != "key-trns" and rng.random() < 0.5
    if halo:
        tags.append("halo")
    a = ink[..., None]
    if kind == "key-trns":
        # One colour is transparent, as a GIF-style export makes it: pixels covered less than
        # a threshold become the key colour (transparent); the others are opaque, the ink
        # blended towards the key colour by the coverage.
        a = np.where(a >= rng.uniform(0.15, 0.3), a, 0)
        ink = a[..., 0]
        picture = np.round(under * (1 - a) + colour * a)
        gray = rng.random() < 0.5
        if gray:
            y = np.round(luminance(picture.transpose(2, 0, 1)))[..., None]
            key = int(luminance(under))
            y[(ink > 0) & (y[..., 0] == key)] += 1 if key < 255 else -1
            write_png(path, y.astype(np.int64), "gray", 8, transparent=[key], interlaced=interlaced)
        else:
            key = [int(v) for v in under]
            hit = (ink > 0) & np.all(picture == under, axis=2)
            picture[hit] += np.where(under < 255, 1, -1)
            write_png(path, picture.astype(np.int64), "rgb", 8, transparent=key, interlaced=interlaced)
        return
    # Colour under each pixel: the ink where there is some (or, with a matte halo, the ink
    # blended towards the matte colour by the coverage), the `under` colour where there is none.
    rgb = np.where(a > 0, colour * a + under * (1 - a) if halo else colour + 0 * a, under)
    alpha = np.round(a * 255)
    if kind == "palette-trns":
        # 256 entries, one per coverage level: the ink colour at that alpha.
        levels = np.arange(256)[:, None] / 255
        entries = colour * levels + under * (1 - levels) if halo else np.tile(colour, (256, 1))
        entries[0] = under
        indices = alpha.astype(np.int64)
        write_png(path, indices, "palette", 8, palette=np.round(entries), palette_alpha=np.arange(256),
                  interlaced=interlaced)
    elif kind.startswith("ga"):
        y = luminance(rgb.transpose(2, 0, 1))[..., None]
        scale = 257 if kind == "ga16" else 1
        write_png(path, np.round(np.concatenate([y, alpha], 2) * scale).astype(np.int64), "ga",
                  16 if kind == "ga16" else 8, interlaced=interlaced)
    else:
        scale = 257 if kind == "rgba16" else 1
        write_png(path, np.round(np.concatenate([rgb, alpha], 2) * scale).astype(np.int64), "rgba",
                  16 if kind == "rgba16" else 8, interlaced=interlaced)


HANDWRITING = ("comic", "dkg", "breip", "bwht", "dancing", "femke", "humor", "kaushan", "kristi", "rufscript")
PRINT = ("DejaVuSans.ttf", "DejaVuSerif.ttf", "LiberationSans-Regular", "LiberationSerif-Regular")


def fonts():
    """Installed TrueType/OpenType fonts that look handwritten (Debian fonts-* packages), and a
    few print fonts: [(name, path)]."""
    found = []
    for root in ("/usr/share/fonts", "/usr/local/share/fonts"):
        for directory, _, files in os.walk(root):
            for f in sorted(files):
                low = f.lower()
                if low.endswith((".ttf", ".otf")) and (any(h in low for h in HANDWRITING) or f.startswith(PRINT)):
                    found.append((os.path.splitext(f)[0], os.path.join(directory, f)))
    return sorted(found)


def typed_digit(label, font_path, rng):
    """A digit typed in a font, tilted by up to 15 degrees: [h, w] uint8 coverage."""
    from PIL import ImageDraw, ImageFont
    font = ImageFont.truetype(font_path, 120)
    canvas = Image.new("L", (300, 300), 0)
    ImageDraw.Draw(canvas).text((150, 150), str(label), fill=255, font=font, anchor="mm")
    canvas = canvas.rotate(rng.uniform(-15, 15), resample=Image.BICUBIC)
    return np.asarray(canvas)


def draw_typed(args, rng):
    """DIR/typed/NNNNN-L.png and DIR/typed.csv (file,label,font,tags): digits typed in the
    installed fonts, drawn with the same variations as the MNIST digits."""
    available = fonts()
    if not available:
        print("user-digits: no handwriting fonts installed (apt-get install fonts-dkg-handwriting ...); "
              "no typed digits", file=sys.stderr)
        return
    os.makedirs(os.path.join(args.out, "typed"), exist_ok=True)
    rows = ["file,label,font,tags"]
    for n in range(args.typed):
        label = int(rng.integers(10))
        name, path = available[rng.integers(len(available))]
        glyph = typed_digit(label, path, rng)
        if not glyph.any():
            continue
        file = f"{n:05d}-{label}.png"
        tags = draw_picture(glyph, os.path.join(args.out, "typed", file), args, rng)
        rows.append(f"{file},{label},{name},{' '.join(tags)}")
    with open(os.path.join(args.out, "typed.csv"), "w") as f:
        f.write("\n".join(rows) + "\n")
    print(f"user-digits: {len(rows) - 1} digits typed in {len(available)} fonts into {args.out}/typed",
          file=sys.stderr)


def draw_picture(digit, path, args, rng):
    """Draws `digit` ([h, w] uint8 coverage) as a person's picture at `path`; returns its tags."""
    tags = []
    side = int(round(math.exp(rng.uniform(math.log(40), math.log(600)))))
    aspect = rng.uniform(0.75, 1.33)
    w, h = (side, max(40, int(side / aspect))) if aspect > 1 else (max(40, int(side * aspect)), side)
    if args.size:
        w = h = args.size
    tags.append("small" if max(w, h) < 100 else "large" if max(w, h) > 300 else "medium")
    thick = rng.random() < 0.15
    if args.strokes != "mixed":
        thick = args.strokes == "thick"
    if thick:
        tags.append("thick")
    fine = args.strokes == "fine"
    if fine:
        tags.append("fine")
    ink = coverage(digit, w, h, rng, thick, fine)
    interlaced = rng.random() < 0.15
    if interlaced:
        tags.append("interlaced")
    style = rng.choice(["pen", "plain", "chalk", "transparent"], p=[0.35, 0.1, 0.2, 0.35])
    if style == "transparent":
        store_transparent(path, ink, rng, tags, interlaced)
    else:
        tags.insert(0, {"pen": "pen-on-paper", "plain": "plain-scan", "chalk": "chalk-on-board"}[style])
        store_opaque(path, opaque_picture(ink, style, rng, tags), rng, tags, interlaced)
    return tags


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mnist", default="data/mnist")
    parser.add_argument("--out", required=True)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--size", type=int, default=0, help="every canvas SIZE x SIZE px (default: 40-600)")
    parser.add_argument("--strokes", choices=["mixed", "thick", "fine"], default="mixed",
                        help="mixed: 15%% thick marker strokes (default); thick: all; fine: every digit "
                             "drawn with a fine pen (eroded by 2-3.5%% of its height)")
    parser.add_argument("--typed", type=int, default=0,
                        help="also draw this many digits typed in the installed handwriting fonts (DIR/typed)")
    args = parser.parse_args()
    images, labels = mnist_test(args.mnist)
    rng = np.random.default_rng(args.seed)
    chosen = rng.choice(len(images), size=min(args.count, len(images)), replace=False)
    for sub in ("user", "raw"):
        os.makedirs(os.path.join(args.out, sub), exist_ok=True)
    rows = ["file,label,test_index,tags"]
    for n, index in enumerate(chosen):
        digit, label = images[index], int(labels[index])
        name = f"{n:05d}-{label}.png"
        write_png(os.path.join(args.out, "raw", name), digit[..., None].astype(np.int64), "gray", 8)

        tags = draw_picture(digit, os.path.join(args.out, "user", name), args, rng)
        rows.append(f"{name},{label},{index},{' '.join(tags)}")
    with open(os.path.join(args.out, "labels.csv"), "w") as f:
        f.write("\n".join(rows) + "\n")
    if args.typed:
        draw_typed(args, np.random.default_rng(args.seed + 1000))
    print(f"user-digits: {len(chosen)} test digits drawn into {args.out}/user (and as 28x28 in {args.out}/raw)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
