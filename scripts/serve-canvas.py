"""The request body of the serve benchmarks (scripts/bench-serve.sh, scripts/profile-serve.sh): a 280x280
white canvas PNG with a dark, anti-aliased "3" about 18 px wide, as the drawing page sends it.

    python3 scripts/serve-canvas.py OUT.png
"""
import math, struct, sys, zlib
size, width = 280, 18.0
points = [(100 + 80 * math.sin(t / 20 * math.pi), 70 + 60 * (1 - math.cos(t / 20 * math.pi)) / 2) for t in range(21)]
points += [(140 + 70 * math.sin(t / 20 * math.pi), 130 + 80 * (1 - math.cos(t / 20 * math.pi)) / 2) for t in range(21)]
def distance(x, y):
    best = 1e9
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        dx, dy = bx - ax, by - ay
        t = max(0, min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy or 1)))
        best = min(best, math.hypot(x - ax - t * dx, y - ay - t * dy))
    return best
rows = []
for y in range(size):
    row = bytearray([0])
    for x in range(size):
        d = distance(x + 0.5, y + 0.5) - width / 2
        ink = max(0.0, min(1.0, 0.5 - d))
        row.append(int(251 - ink * 224))
    rows.append(bytes(row))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(b"".join(rows), 6)) + chunk(b"IEND", b""))
open(sys.argv[1], "wb").write(png)
