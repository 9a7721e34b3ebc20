"""Bad requests against `digits serve`: each must leave the server answering the next good one,
without growing its memory or its open files.

    python3 Tests/Serve/bad_requests_test.py --digits .build/release/digits --model M.safetensors

The server runs with --idle-timeout 1 so that the stalled-client cases take about a second.
"""
import argparse
import os
import random
import signal
import socket
import struct
import sys
import threading
import time
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serving import ServedDigits, canvas_one, png, post_png, read_response, request, wait_until  # noqa: E402

GOOD = canvas_one()


def good_request_works(server):
    status, headers, body = request(server.port, post_png(server.port, GOOD))
    assert status == 200, (status, body[:200])
    assert headers["content-type"] == "application/json; charset=utf-8"
    assert body.startswith(b'{"digit": '), body[:100]


def open_files(server):
    return len(os.listdir(f"/proc/{server.process.pid}/fd"))


def closed_by_server(connection, timeout):
    """Whether the server closes `connection` within `timeout` seconds (reading and dropping
    whatever it sends first); returns the bytes it sent."""
    connection.settimeout(timeout)
    received = b""
    try:
        while True:
            more = connection.recv(65536)
            if not more:
                return True, received
            received += more
    except socket.timeout:
        return False, received
    except ConnectionResetError:
        return True, received


def truncated_png(server):
    whole = canvas_one()
    for cut in (8, 33, len(whole) // 2, len(whole) - 12):
        status, headers, body = request(server.port, post_png(server.port, whole[:cut]))
        assert status == 400 and b'"error"' in body, (cut, status, body)


def huge_declared_dimensions(server):
    header = struct.pack(">IIBBBBB", 1_000_000, 1_000_000, 8, 0, 0, 0, 0)
    chunk = lambda kind, data: (struct.pack(">I", len(data)) + kind + data
                                + struct.pack(">I", zlib.crc32(kind + data)))
    bomb = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 100_000))
            + chunk(b"IEND", b""))
    before = server.rss_kib()
    started = time.monotonic()
    status, headers, body = request(server.port, post_png(server.port, bomb))
    assert status == 400 and b"more than the limit" in body, (status, body)
    assert time.monotonic() - started < 2
    assert server.rss_kib() - before < 50_000, "memory grew by more than 50 MB"
    # A small image whose pixels inflate to far more than its compressed size.
    side = 6000
    big = png(side, side, bytes(side * side))
    status, _, body = request(server.port, post_png(server.port, big))
    assert status == 200, (status, body[:200])  # a uniform image: read as blank


def large_body_within_the_limit(server):
    """A 6 MB PNG (noise, incompressible) is read whole: the limits are not in its way."""
    side = 2450
    noisy = png(side, side, os.urandom(side * side))
    assert 5_000_000 < len(noisy) < 8 << 20, len(noisy)
    status, _, body = request(server.port, post_png(server.port, noisy), timeout=30)
    assert status == 200, (status, body[:200])


def lying_content_length(server):
    """Content-Length 1 GB, then a few MB of it and silence: 413 at once, connection closed."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        connection.sendall(f"POST /api/classify HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\n"
                           f"Content-Length: {1 << 30}\r\n\r\n".encode())
        try:
            connection.sendall(os.urandom(1 << 20) * 3)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may have answered and closed already
        try:
            status, headers, body = read_response(connection)
            assert status == 413, (status, body)
            assert headers.get("connection") == "close"
        except (ConnectionResetError, AssertionError) as error:
            if not isinstance(error, ConnectionResetError):
                raise
        closed, _ = closed_by_server(connection, 5)
        assert closed, "the server kept the connection of a refused 1 GB body"


def chunked_body_over_the_limit(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        connection.sendall(b"POST /api/classify HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        piece = b"%x\r\n" % (1 << 20) + b"\0" * (1 << 20) + b"\r\n"
        status = None
        try:
            for _ in range(10):
                connection.sendall(piece)
        except (BrokenPipeError, ConnectionResetError):
            pass
        try:
            status, _, _ = read_response(connection)
        except ConnectionResetError:
            status = "reset"
        assert status in (413, "reset"), status


def slow_body_never_finished(server):
    """10 bytes of a 1,000-byte body, then nothing: closed after the idle timeout (1 s), while
    other clients are served."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        connection.sendall(b"POST /api/classify HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n0123456789")
        good_request_works(server)
        started = time.monotonic()
        closed, received = closed_by_server(connection, 6)
        assert closed, "a stalled body kept its connection for 6 s"
        assert time.monotonic() - started < 4
        assert received == b"" or b" 408 " in received.split(b"\r\n")[0], received[:100]


def slow_headers_never_finished(server):
    connections = []
    for _ in range(50):
        c = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        c.sendall(b"POST /api/classify HTTP/1.1\r\nHost: x\r\nContent-Ty")
        connections.append(c)
    good_request_works(server)
    for c in connections:
        closed, _ = closed_by_server(c, 6)
        assert closed, "a client that never finished its headers kept its connection"
        c.close()


def idle_keep_alive(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        connection.sendall(post_png(server.port, GOOD))
        status, _, _ = read_response(connection)
        assert status == 200
        closed, _ = closed_by_server(connection, 6)
        assert closed, "an idle keep-alive connection was kept for 6 s"


def many_connections_dropped(server):
    """10,000 connections opened and dropped, some after a partial request, some with RST."""
    files = open_files(server)

    def worker(count, seed):
        rng = random.Random(seed)
        for i in range(count):
            try:
                c = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            except OSError:
                continue
            choice = rng.random()
            if choice < 0.3:
                c.sendall(b"GET /api/model HTTP/1.1\r\nHo")
            elif choice < 0.5:
                c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST
            c.close()

    threads = [threading.Thread(target=worker, args=(1250, n)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    good_request_works(server)
    wait_until(lambda: open_files(server) <= files + 2, timeout=8)


def garbage_http(server):
    cases = [
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + os.urandom(200),  # a TLS hello
        b"NONSENSE\r\n\r\n",
        b"GET\r\n\r\n",
        b"POST /api/classify HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
        b"POST /api/classify HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
        b"POST /api/classify HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
        b"POST /api/classify HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
        b"POST /api/classify HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"GET /%%%%%%% HTTP/1.1\r\n\r\n",
        b"GET /" + b"a" * 4000 + b" HTTP/1.1\r\n\r\n",
        b"GET /" + b"a" * 200_000 + b" HTTP/1.1\r\n\r\n",
        b"\0" * 5000 + b"\r\n\r\n",
        os.urandom(64 * 1024),
    ]
    for raw in cases:
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
            try:
                connection.sendall(raw)
                connection.shutdown(socket.SHUT_WR)
            except OSError:
                pass  # the server refused it and reset the connection already
            closed, received = closed_by_server(connection, 5)
            assert closed, f"the server kept a connection after {raw[:40]!r}"
            if received:
                assert received.startswith(b"HTTP/1.1 "), received[:80]
                assert b" 500 " not in received.split(b"\r\n")[0], (raw[:40], received[:200])
        good_request_works(server)


def long_line_without_end(server):
    """16 MB of header bytes with no line end: cut off within a second (the limit is 8 KiB of
    headers), without the server holding them, and answering others meanwhile."""
    before = server.rss_kib()
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        try:
            connection.sendall(b"GET /api/model HTTP/1.1\r\nX-Long: ")
            for _ in range(16):
                connection.sendall(b"a" * (1 << 20))
        except (BrokenPipeError, ConnectionResetError):
            pass
        closed, _ = closed_by_server(connection, 6)
        assert closed
    assert time.monotonic() - started < 3, f"a 16 MB header line held the connection {time.monotonic() - started:.1f} s"
    grown = server.rss_kib() - before
    assert grown < 20_000, f"a 16 MB header line grew the server's memory by {grown / 1024:.0f} MB"
    print(f"    a 16 MB header line grew the server's memory by {grown / 1024:.1f} MB")
    good_request_works(server)


def stop_finishes_requests_in_flight(binary, model):
    with ServedDigits(binary, model) as server:
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
            raw = post_png(server.port, GOOD)
            connection.sendall(raw[:len(raw) // 2])
            time.sleep(0.2)
            server.process.send_signal(signal.SIGTERM)
            time.sleep(0.3)
            connection.sendall(raw[len(raw) // 2:])
            status, _, body = read_response(connection)
            assert status == 200, (status, body[:200])
        assert server.process.wait(timeout=10) == 0
        # A new connection is refused once it has stopped.
        try:
            socket.create_connection(("127.0.0.1", server.port), timeout=2).close()
            raise AssertionError("still accepting connections after SIGTERM")
        except ConnectionRefusedError:
            pass


def port_in_use(binary, model):
    import subprocess
    with ServedDigits(binary, model) as server:
        result = subprocess.run([binary, "serve", "--model", model, "--port", str(server.port)],
                                capture_output=True, text=True, timeout=20)
        assert result.returncode == 1, result
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "already in use" in lines[0] and f"--port {server.port}" in lines[0], lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--digits", required=True)
    parser.add_argument("--model", required=True)
    args = parser.parse_args()

    cases = [truncated_png, huge_declared_dimensions, large_body_within_the_limit, lying_content_length, chunked_body_over_the_limit,
             slow_body_never_finished, slow_headers_never_finished, idle_keep_alive, many_connections_dropped,
             garbage_http, long_line_without_end]
    with ServedDigits(args.digits, args.model, ["--idle-timeout", "1"]) as server:
        good_request_works(server)
        first_rss = server.rss_kib()
        for case in cases:
            started = time.monotonic()
            case(server)
            good_request_works(server)
            print(f"bad requests: {case.__name__} ok ({time.monotonic() - started:.1f} s, "
                  f"server memory {server.rss_kib() / 1024:.0f} MB)")
        grown = server.rss_kib() - first_rss
        assert grown < 200_000, f"memory grew by {grown / 1024:.0f} MB over the bad requests"
    for case in (stop_finishes_requests_in_flight, port_in_use):
        case(args.digits, args.model)
        print(f"bad requests: {case.__name__} ok")
    print("bad requests: passed")


if __name__ == "__main__":
    main()
