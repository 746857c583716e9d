"""`make bench`, part four: the local stack's HTTP connections (`make run`, over loopback).

A citizen tracks a complaint (`GET /v1/track/{code}` with its token: one table read) on a
fresh stack, three ways:

- keep-alive: one connection, requests one after another (as a browser does);
- new connections: one new connection per request, one after another (the two interleaved,
  ten requests at a time);
- bursts: BURSTS times, 16 clients open a new connection each at the same moment.

It prints the median (p50) and p99 latency of each, in milliseconds, with the goals of issue 17
(point 12): p50 with keep-alive at most 1.2x p50 with new connections (a kept-alive response
once waited ~40 ms for the client's delayed ACK: Nagle's algorithm), and p99 of a burst of 16
new connections at most 3x its p50 (a listen backlog of 5 dropped SYNs, retried after 1 s).

A benchmark, not a test: no timed assertion; it exits non-zero only when a request fails.

    python -m bench.http_bench [--requests 300] [--bursts 30]
"""

from __future__ import annotations

import argparse
import http.client
import signal
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from dev.stack import Stack

KEEP_ALIVE_GOAL = 1.2
BURST_GOAL = 3.0
BURST_CLIENTS = 16
BODY = {
    "subject": "Antrian pelayanan",
    "description": "Pelayanan di loket lambat sejak pagi.",
    "privacy": "anonymous",
}


def _get(conn: http.client.HTTPConnection, path: str, token: str) -> float:
    """One GET on `conn` (connecting first if it is not open); milliseconds to the last byte."""
    t0 = time.perf_counter()
    conn.request("GET", path, headers={"X-Access-Token": token})
    res = conn.getresponse()
    res.read()
    took = (time.perf_counter() - t0) * 1000
    if res.status != 200:
        raise RuntimeError(f"GET {path} answered {res.status}")
    return took


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[98]


def _bursts(host: str, port: int, path: str, token: str, bursts: int) -> list[float]:
    """`bursts` times, BURST_CLIENTS threads each open a new connection at once (a barrier)
    and GET `path`: every latency in ms. RuntimeError when any request failed."""
    burst: list[float] = []
    failures: list[BaseException] = []
    lock = threading.Lock()
    for _ in range(bursts):
        start = threading.Barrier(BURST_CLIENTS)

        def client(start: threading.Barrier = start) -> None:
            conn = http.client.HTTPConnection(host, port, timeout=30)
            start.wait()
            try:
                took = _get(conn, path, token)
                with lock:
                    burst.append(took)
            except BaseException as exc:
                with lock:
                    failures.append(exc)
            finally:
                conn.close()

        threads = [threading.Thread(target=client) for _ in range(BURST_CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    if failures:
        raise RuntimeError(f"{len(failures)} burst requests failed: {failures[0]!r}")
    return burst


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=300, help="requests per sequential way")
    parser.add_argument("--bursts", type=int, default=30, help="bursts of 16 new connections")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="kesra-http-bench-") as tmp:
        stack = Stack(Path(tmp) / "state", sweep_interval=0)
        stack.start()
        try:
            status, _, body = stack.request("POST", "/v1/complaints", BODY)
            if status != 201:
                print(f"submission answered {status}: {body}")
                return 1
            path, token = f"/v1/track/{body['tracking_code']}", body["access_token"]
            host, port = "127.0.0.1", stack.port

            kept = http.client.HTTPConnection(host, port, timeout=10)
            for _ in range(20):  # warm-up: imports, clients, caches
                _get(kept, path, token)
            # Interleaved in rounds of ten, so a load change on the machine weighs on both.
            keep_alive: list[float] = []
            fresh: list[float] = []
            for _ in range(max(1, args.requests // 10)):
                keep_alive.extend(_get(kept, path, token) for _ in range(10))
                for _ in range(10):
                    conn = http.client.HTTPConnection(host, port, timeout=10)
                    fresh.append(_get(conn, path, token))
                    conn.close()
            kept.close()

            burst = _bursts(host, port, path, token, args.bursts)
        finally:
            stack.stop(signal.SIGTERM)

    ka50, new50 = statistics.median(keep_alive), statistics.median(fresh)
    b50, b99 = statistics.median(burst), p99(burst)
    print(f"GET /v1/track/{{code}} on the local stack ({args.requests} requests each)")
    print(f"{'':>28} {'p50':>9} {'p99':>9}")
    print(f"{'keep-alive':>28} {ka50:>6.1f} ms {p99(keep_alive):>6.1f} ms")
    print(f"{'new connection each':>28} {new50:>6.1f} ms {p99(fresh):>6.1f} ms")
    print(
        f"{'16 new connections at once':>28} {b50:>6.1f} ms {b99:>6.1f} ms  ({len(burst)} requests)"
    )
    ka_ratio, burst_ratio = ka50 / new50, b99 / b50
    print(
        f"goal: keep-alive p50 / new-connection p50 <= {KEEP_ALIVE_GOAL} "
        f"({ka_ratio:.2f}, {'met' if ka_ratio <= KEEP_ALIVE_GOAL else 'NOT met'}); "
        f"burst p99 / burst p50 <= {BURST_GOAL} "
        f"({burst_ratio:.2f}, {'met' if burst_ratio <= BURST_GOAL else 'NOT met'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
