"""Starting `digits serve` for a test, and talking to it over plain sockets.

`ServedDigits(binary, model)` starts the server on a free port of 127.0.0.1 and stops it (SIGTERM)
when the `with` block ends, checking that it exits 0.
"""
import os
import re
import signal
import socket
import struct
import subprocess
import time
import zlib


class ServedDigits:
    """`digits serve --port 0` as a context manager; `url` is where it listens."""

    def __init__(self, binary, model, extra=()):
        self.binary, self.model, self.extra = binary, model, list(extra)
        self.process = None
        self.url = None
        self.port = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [self.binary, "serve", "--model", self.model, "--port", "0", *self.extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stderr.readline()
        match = re.match(r"serving (\S+) at (http://127\.0\.0\.1:(\d+))$", line.strip())
        if not match:
            self.process.kill()
            raise AssertionError(f"unexpected first line from digits serve: {line!r}")
        self.url, self.port = match.group(2), int(match.group(3))
        return self

    def __exit__(self, kind, value, traceback):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise AssertionError("digits serve did not stop within 15 s of SIGTERM")
        if kind is None:
            assert code == 0, f"digits serve exited {code}: {self.process.stderr.read()}"

    def rss_kib(self):
        """The server's resident memory in KiB (Linux)."""
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0


def png(width, height, pixels):
    """An 8-bit grey PNG of `pixels` (row-major, 0 = black)."""
    raw = b"".join(b"\x00" + bytes(pixels[y * width:(y + 1) * width]) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


def canvas_one(size=280):
    """A `size`×`size` white canvas with a dark vertical stroke, like the page sends."""
    pixels = [255] * (size * size)
    for y in range(size // 7, size - size // 7):
        for x in range(size // 2 - size // 28, size // 2 + size // 28):
            pixels[y * size + x] = 20
    return png(size, size, pixels)


def request(port, raw, timeout=10.0):
    """Sends `raw` bytes to the server and returns (status, headers dict, body bytes) of the
    first response, reading until the body's Content-Length is complete."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(raw)
        return read_response(connection)


def read_response(connection):
    """(status, headers, body) of one response on `connection`."""
    data = b""
    while b"\r\n\r\n" not in data:
        more = connection.recv(65536)
        if not more:
            raise AssertionError(f"connection closed before a response: {data[:200]!r}")
        data += more
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:] if ":" in l)}
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        more = connection.recv(65536)
        if not more:
            break
        body += more
    return status, headers, body[:length]


def post_png(port, body, path="/api/classify", extra_headers=""):
    """The raw bytes of a POST of `body` as image/png."""
    return (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: image/png\r\n"
            f"Content-Length: {len(body)}\r\n{extra_headers}\r\n").encode() + body


def wait_until(condition, timeout=10.0, interval=0.05):
    """Polls `condition` until it is true; raises after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError("timed out waiting")
