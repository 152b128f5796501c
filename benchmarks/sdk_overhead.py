"""Benchmark 2: the SDK's cost over raw httpx + ``json.loads``, sync and async.

    .venv/bin/python benchmarks/sdk_overhead.py            # full run (about 1 minute)
    .venv/bin/python benchmarks/sdk_overhead.py --quick    # smoke run

Against one fast local server (``_canned.py``: canned mock responses), each round times a block
of N sequential calls per variant -- raw httpx + json.loads, then the SDK -- for GET one
appointment and a 20-item page, in the sync and the async client. Medians of the per-call times
over the rounds; the ratio is SDK / raw. Then an async fan-out of 1,000 requests over at most 16
connections, both ways, with wall time and peak Python memory (tracemalloc, a separate pass).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from _common import API_KEY, AUTH, PYTHON, ROOT, free_port, median, server, table

from appointments import AppointmentsClient, AsyncAppointmentsClient

APPT = "00000000-0000-4000-8000-000000000001"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--calls", type=int, default=500, help="calls per block")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--fanout", type=int, default=1_000)
    args = parser.parse_args(argv)
    if args.quick:
        args.calls, args.rounds, args.fanout = 20, 1, 50
    port = free_port()
    base = f"http://127.0.0.1:{port}/v1"
    cmd = [PYTHON, str(ROOT / "benchmarks" / "_canned.py"), "--port", str(port)]
    with server(cmd, f"{base}/appointments/{APPT}", timeout=60):
        rows = _sequential(base, args)
        rows += asyncio.run(_sequential_async(base, args))
        fan = asyncio.run(_fanout(base, args.fanout))
    print(f"\nPer-call time, medians of {args.rounds} interleaved blocks of {args.calls} calls:\n")
    print(table(["client", "call", "raw httpx + json", "SDK", "SDK / raw"], rows))
    print(f"\nAsync fan-out of {args.fanout} requests, at most 16 connections:\n")
    print(table(["variant", "wall time", "per request", "peak Python memory"], fan))
    return 0


def _row(client: str, call: str, raw: list[float], sdk: list[float]) -> list[object]:
    r, s = median(raw), median(sdk)
    return [client, call, f"{r * 1e6:.0f} us", f"{s * 1e6:.0f} us", f"{s / r:.3f}x"]


def _sequential(base: str, args: argparse.Namespace) -> list[list[object]]:
    raw_http = httpx.Client(headers=AUTH)
    sdk = AppointmentsClient(api_key=API_KEY, base_url=base)
    calls: dict[str, tuple[Callable[[], Any], Callable[[], Any]]] = {
        "GET one": (
            lambda: json.loads(raw_http.get(f"{base}/appointments/{APPT}").content),
            lambda: sdk.appointments.get(APPT),
        ),
        "list 20": (
            lambda: json.loads(raw_http.get(f"{base}/appointments?page_size=20").content),
            lambda: sdk.appointments.list(page_size=20),
        ),
    }
    rows = []
    try:
        for name, (raw, wrapped) in calls.items():
            times: dict[str, list[float]] = {"raw": [], "sdk": []}
            for fn in (raw, wrapped):  # warm-up
                for _ in range(20):
                    fn()
            for _ in range(args.rounds):
                for label, fn in (("raw", raw), ("sdk", wrapped)):
                    started = time.perf_counter()
                    for _ in range(args.calls):
                        fn()
                    times[label].append((time.perf_counter() - started) / args.calls)
            rows.append(_row("sync", name, times["raw"], times["sdk"]))
    finally:
        raw_http.close()
        sdk.close()
    return rows


async def _sequential_async(base: str, args: argparse.Namespace) -> list[list[object]]:
    raw_http = httpx.AsyncClient(headers=AUTH)
    sdk = AsyncAppointmentsClient(api_key=API_KEY, base_url=base)

    async def raw_one() -> Any:
        return json.loads((await raw_http.get(f"{base}/appointments/{APPT}")).content)

    async def raw_list() -> Any:
        return json.loads((await raw_http.get(f"{base}/appointments?page_size=20")).content)

    async def sdk_one() -> Any:
        return await sdk.appointments.get(APPT)

    async def sdk_list() -> Any:
        return await sdk.appointments.list(page_size=20)

    calls: dict[str, tuple[Callable[[], Awaitable[Any]], Callable[[], Awaitable[Any]]]] = {
        "GET one": (raw_one, sdk_one),
        "list 20": (raw_list, sdk_list),
    }
    rows = []
    try:
        for name, (raw, wrapped) in calls.items():
            times: dict[str, list[float]] = {"raw": [], "sdk": []}
            for fn in (raw, wrapped):
                for _ in range(20):
                    await fn()
            for _ in range(args.rounds):
                for label, fn in (("raw", raw), ("sdk", wrapped)):
                    started = time.perf_counter()
                    for _ in range(args.calls):
                        await fn()
                    times[label].append((time.perf_counter() - started) / args.calls)
            rows.append(_row("async", name, times["raw"], times["sdk"]))
    finally:
        await raw_http.aclose()
        await sdk.aclose()
    return rows


async def _fanout(base: str, n: int) -> list[list[object]]:
    limits = httpx.Limits(max_connections=16, max_keepalive_connections=16)
    results = []
    for label in ("raw httpx + json", "SDK"):
        http = httpx.AsyncClient(headers=AUTH, limits=limits)
        sdk = AsyncAppointmentsClient(api_key=API_KEY, base_url=base, http_client=http)

        async def one(label: str = label, http: Any = http, sdk: Any = sdk) -> Any:
            if label == "SDK":
                return await sdk.appointments.get(APPT)
            return json.loads((await http.get(f"{base}/appointments/{APPT}")).content)

        await asyncio.gather(*(one() for _ in range(32)))  # warm the pool
        started = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(n)))
        wall = time.perf_counter() - started
        tracemalloc.start()
        await asyncio.gather(*(one() for _ in range(n)))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        await http.aclose()
        results.append([label, f"{wall * 1000:.0f} ms", f"{wall / n * 1e6:.0f} us",
                        f"{peak / 1e6:.1f} MB"])  # fmt: skip
    return results


if __name__ == "__main__":
    raise SystemExit(main())
