"""Benchmark 2: the SDK's cost over raw httpx2 (and legacy httpx) + ``json.loads``, sync and async.

    .venv/bin/python benchmarks/sdk_overhead.py            # full run (about 1 minute)
    .venv/bin/python benchmarks/sdk_overhead.py --quick    # smoke run

Against one fast local server (``_canned.py``: canned mock responses), each round times a block
of N sequential calls per variant -- raw httpx2 + json.loads, the SDK (its own httpx2 pool), raw
legacy httpx + json.loads and the SDK on a legacy ``httpx.Client``, rotating which goes first --
for GET one appointment and a 20-item page, in the sync and the async client. A ratio is the
median of the per-round SDK / raw ratios of one family: a round's blocks run back to back, so
load from other work on this shared machine falls on all of them. Then an async fan-out of 1,000
requests over at most 16 connections, raw and SDK, per family, with wall time and peak Python
memory (tracemalloc, a separate pass). Then the cost of signed requests (RFC 9421,
``signing_key=``): ``sign()`` alone on built requests, and whole calls of a signing client against
a bearer one, in the same rounds.
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
import httpx2
from _common import API_KEY, AUTH, PYTHON, ROOT, free_port, median, server, table

from appointments import AppointmentsClient, AsyncAppointmentsClient, SigningKey
from appointments._signing import sign

APPT = "00000000-0000-4000-8000-000000000001"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--calls", type=int, default=200, help="calls per block")
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--fanout", type=int, default=1_000)
    args = parser.parse_args(argv)
    if args.quick:
        args.calls, args.rounds, args.fanout = 20, 2, 50
    port = free_port()
    base = f"http://127.0.0.1:{port}/v1"
    cmd = [PYTHON, str(ROOT / "benchmarks" / "_canned.py"), "--port", str(port)]
    with server(cmd, f"{base}/appointments/{APPT}", timeout=60):
        rows = _sequential(base, args)
        rows += asyncio.run(_sequential_async(base, args))
        fan = asyncio.run(_fanout(base, args.fanout))
        signing = _sign_alone(base, args)
        signed_calls = _signed_calls(base, args)
    print(f"\nPer-call time, medians of {args.rounds} rounds; each round times a block of "
          f"{args.calls} calls per variant, rotating which goes first.\nSDK / raw is the median "
          "of the per-round ratios (quartiles beside it); the SDK makes its own httpx2 pool, and is\n"
          "also timed on a legacy httpx.Client against raw legacy httpx:\n")  # fmt: skip
    print(table(ROW_HEADERS, rows))
    print(f"\nAsync fan-out of {args.fanout} requests, at most 16 connections:\n")
    print(table(["variant", "wall time", "per request", "peak Python memory"], fan))
    print("\nSigned requests (hmac-sha256, RFC 9421): sign() alone, median of "
          f"{args.rounds} rounds of {args.calls * 10} requests:\n")  # fmt: skip
    print(table(["request", "sign() per request"], signing))
    print(f"\nWhole sync calls, signing client vs bearer client, medians of {args.rounds} rounds "
          f"of {args.calls} calls; the overhead is the median of the per-round differences:\n")  # fmt: skip
    print(table(["call", "bearer", "signed", "signing overhead"], signed_calls))
    return 0


KEY = SigningKey("bench-signing", "bench-signing-secret")
CANCEL_BODY = {"reason_code": 30, "note": "Called in sick.", "notify": True}


def _sign_alone(base: str, args: argparse.Namespace) -> list[list[object]]:
    """``sign()`` on requests as the SDK builds them (the attempt's headers are replaced each time)."""
    requests = {
        "GET one (no body)": httpx2.Request("GET", f"{base}/appointments/{APPT}?show_deleted=false"),
        "POST cancel (body, Idempotency-Key, If-Match)": httpx2.Request(
            "POST", f"{base}/appointments/{APPT}/cancel", json=CANCEL_BODY,
            headers={"Idempotency-Key": "5f0c8b5e-6a38-4b7e-9d1e-6c1f2b3a4d5e", "If-Match": '"3"'},
        ),
    }  # fmt: skip
    rows = []
    n = args.calls * 10
    for name, request in requests.items():
        for _ in range(100):
            sign(request, KEY)
        per_round = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            for _ in range(n):
                sign(request, KEY)
            per_round.append((time.perf_counter() - started) / n)
        rows.append([name, f"{median(per_round) * 1e6:.1f} us"])
    return rows


def _signed_calls(base: str, args: argparse.Namespace) -> list[list[object]]:
    bearer = AppointmentsClient(api_key=API_KEY, base_url=base)
    signed = AppointmentsClient(signing_key=KEY, base_url=base)
    calls: dict[str, dict[str, Callable[[], Any]]] = {
        "GET one": {
            "bearer": lambda: bearer.appointments.get(APPT),
            "signed": lambda: signed.appointments.get(APPT),
        },
        "POST cancel": {
            "bearer": lambda: bearer.appointments.cancel(APPT, **CANCEL_BODY),
            "signed": lambda: signed.appointments.cancel(APPT, **CANCEL_BODY),
        },
    }
    rows = []
    try:
        for name, fns in calls.items():
            times: dict[str, list[float]] = {"bearer": [], "signed": []}
            for fn in fns.values():
                for _ in range(20):
                    fn()
            for round_no in range(args.rounds):
                order = ("bearer", "signed") if round_no % 2 == 0 else ("signed", "bearer")
                for label in order:
                    fn = fns[label]
                    started = time.perf_counter()
                    for _ in range(args.calls):
                        fn()
                    times[label].append((time.perf_counter() - started) / args.calls)
            extra = sorted(s - b for b, s in zip(times["bearer"], times["signed"], strict=True))
            rows.append([name, f"{median(times['bearer']) * 1e6:.0f} us",
                         f"{median(times['signed']) * 1e6:.0f} us",
                         f"{median(extra) * 1e6:+.0f} us"])  # fmt: skip
    finally:
        bearer.close()
        signed.close()
    return rows


VARIANTS = ("raw2", "sdk2", "raw1", "sdk1")
"""raw httpx2 + json, the SDK (its own httpx2 pool), raw legacy httpx + json, the SDK on a legacy
``httpx.Client``."""


def _ratio(times: dict[str, list[float]], sdk: str, raw: str) -> tuple[str, str]:
    ratios = sorted(s / r for r, s in zip(times[raw], times[sdk], strict=True))
    spread = f"{ratios[len(ratios) // 4]:.2f}..{ratios[(3 * len(ratios)) // 4]:.2f}"
    return f"{median(ratios):.3f}x", spread


def _row(client: str, call: str, times: dict[str, list[float]]) -> list[object]:
    us = {label: f"{median(times[label]) * 1e6:.0f} us" for label in VARIANTS}
    ratio2, spread2 = _ratio(times, "sdk2", "raw2")
    ratio1, spread1 = _ratio(times, "sdk1", "raw1")
    return [client, call, us["raw2"], us["sdk2"], ratio2, spread2,
            us["raw1"], us["sdk1"], ratio1, spread1, _ratio(times, "raw1", "raw2")[0]]  # fmt: skip


ROW_HEADERS = [
    "client", "call", "raw httpx2 + json", "SDK", "SDK / raw httpx2", "quartiles",
    "raw httpx + json", "SDK on httpx.Client", "SDK / raw httpx", "quartiles",
    "raw httpx / raw httpx2",
]  # fmt: skip


def _order(round_no: int) -> tuple[str, ...]:
    """Rotate which variant goes first, so none always runs on a warmer or colder machine."""
    shift = round_no % len(VARIANTS)
    return VARIANTS[shift:] + VARIANTS[:shift]


def _sequential(base: str, args: argparse.Namespace) -> list[list[object]]:
    raw2 = httpx2.Client(headers=AUTH)
    raw1 = httpx.Client(headers=AUTH)
    legacy_pool = httpx.Client()
    sdk2 = AppointmentsClient(api_key=API_KEY, base_url=base)
    sdk1 = AppointmentsClient(api_key=API_KEY, base_url=base, http_client=legacy_pool)
    one, page = f"{base}/appointments/{APPT}", f"{base}/appointments?page_size=20"
    calls: dict[str, dict[str, Callable[[], Any]]] = {
        "GET one": {
            "raw2": lambda: json.loads(raw2.get(one).content),
            "sdk2": lambda: sdk2.appointments.get(APPT),
            "raw1": lambda: json.loads(raw1.get(one).content),
            "sdk1": lambda: sdk1.appointments.get(APPT),
        },
        "list 20": {
            "raw2": lambda: json.loads(raw2.get(page).content),
            "sdk2": lambda: sdk2.appointments.list(page_size=20),
            "raw1": lambda: json.loads(raw1.get(page).content),
            "sdk1": lambda: sdk1.appointments.list(page_size=20),
        },
    }
    rows = []
    try:
        for name, fns in calls.items():
            times: dict[str, list[float]] = {label: [] for label in VARIANTS}
            for fn in fns.values():  # warm-up
                for _ in range(20):
                    fn()
            for round_no in range(args.rounds):
                for label in _order(round_no):
                    fn = fns[label]
                    started = time.perf_counter()
                    for _ in range(args.calls):
                        fn()
                    times[label].append((time.perf_counter() - started) / args.calls)
            rows.append(_row("sync", name, times))
    finally:
        for closable in (raw2, raw1, legacy_pool, sdk2, sdk1):
            closable.close()
    return rows


async def _sequential_async(base: str, args: argparse.Namespace) -> list[list[object]]:
    raw2 = httpx2.AsyncClient(headers=AUTH)
    raw1 = httpx.AsyncClient(headers=AUTH)
    legacy_pool = httpx.AsyncClient()
    sdk2 = AsyncAppointmentsClient(api_key=API_KEY, base_url=base)
    sdk1 = AsyncAppointmentsClient(api_key=API_KEY, base_url=base, http_client=legacy_pool)
    one, page = f"{base}/appointments/{APPT}", f"{base}/appointments?page_size=20"

    def raw(http: Any, url: str) -> Callable[[], Awaitable[Any]]:
        async def call() -> Any:
            return json.loads((await http.get(url)).content)

        return call

    def sdk_one(sdk: AsyncAppointmentsClient) -> Callable[[], Awaitable[Any]]:
        async def call() -> Any:
            return await sdk.appointments.get(APPT)

        return call

    def sdk_list(sdk: AsyncAppointmentsClient) -> Callable[[], Awaitable[Any]]:
        async def call() -> Any:
            return await sdk.appointments.list(page_size=20)

        return call

    calls: dict[str, dict[str, Callable[[], Awaitable[Any]]]] = {
        "GET one": {"raw2": raw(raw2, one), "sdk2": sdk_one(sdk2),
                    "raw1": raw(raw1, one), "sdk1": sdk_one(sdk1)},
        "list 20": {"raw2": raw(raw2, page), "sdk2": sdk_list(sdk2),
                    "raw1": raw(raw1, page), "sdk1": sdk_list(sdk1)},
    }  # fmt: skip
    rows = []
    try:
        for name, fns in calls.items():
            times: dict[str, list[float]] = {label: [] for label in VARIANTS}
            for fn in fns.values():
                for _ in range(20):
                    await fn()
            for round_no in range(args.rounds):
                for label in _order(round_no):
                    fn = fns[label]
                    started = time.perf_counter()
                    for _ in range(args.calls):
                        await fn()
                    times[label].append((time.perf_counter() - started) / args.calls)
            rows.append(_row("async", name, times))
    finally:
        for closable in (raw2, raw1, legacy_pool):
            await closable.aclose()
        await sdk2.aclose()
        await sdk1.aclose()
    return rows


async def _fanout(base: str, n: int) -> list[list[object]]:
    results = []
    for family in (httpx2, httpx):
        limits = family.Limits(max_connections=16, max_keepalive_connections=16)
        for label in (f"raw {family.__name__} + json", f"SDK on {family.__name__}"):
            # A generous pool timeout: 1,000 requests queue for 16 connections on a busy machine.
            http = family.AsyncClient(headers=AUTH, limits=limits, timeout=60)
            sdk = AsyncAppointmentsClient(api_key=API_KEY, base_url=base, http_client=http)

            async def one(label: str = label, http: Any = http, sdk: Any = sdk) -> Any:
                if label.startswith("SDK"):
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
