"""Benchmark 2: the SDK's cost over raw httpx + ``json.loads``, sync and async.

    .venv/bin/python benchmarks/sdk_overhead.py            # full run (about 1 minute)
    .venv/bin/python benchmarks/sdk_overhead.py --quick    # smoke run

Against one fast local server (``_canned.py``: canned mock responses), each round times a block
of N sequential calls per variant -- raw httpx + json.loads and the SDK, alternating which goes
first -- for GET one appointment and a 20-item page, in the sync and the async client. The ratio
is the median of the per-round SDK / raw ratios: a round's two blocks run back to back, so load
from other work on this shared machine falls on both. Then an async fan-out of 1,000 requests
over at most 16 connections, both ways, with wall time and peak Python memory (tracemalloc, a
separate pass). Then the cost of signed requests (RFC 9421, ``signing_key=``): ``sign()`` alone
on built requests, and whole calls of a signing client against a bearer one, in the same rounds.
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
          f"{args.calls} calls per variant, alternating which goes first.\nSDK / raw is the median "
          "of the per-round ratios (quartiles beside it):\n")  # fmt: skip
    headers = ["client", "call", "raw httpx + json", "SDK", "SDK / raw", "quartiles"]
    print(table(headers, rows))
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
        "GET one (no body)": httpx.Request("GET", f"{base}/appointments/{APPT}?show_deleted=false"),
        "POST cancel (body, Idempotency-Key, If-Match)": httpx.Request(
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


def _row(client: str, call: str, times: dict[str, list[float]]) -> list[object]:
    raw, sdk = times["raw"], times["sdk"]
    ratios = sorted(s / r for r, s in zip(raw, sdk, strict=True))
    spread = f"{ratios[len(ratios) // 4]:.2f}..{ratios[(3 * len(ratios)) // 4]:.2f}"
    return [client, call, f"{median(raw) * 1e6:.0f} us", f"{median(sdk) * 1e6:.0f} us",
            f"{median(ratios):.3f}x", spread]  # fmt: skip


def _order(round_no: int) -> tuple[str, str]:
    """Alternate which variant goes first, so neither always runs on a warmer or colder machine."""
    return ("raw", "sdk") if round_no % 2 == 0 else ("sdk", "raw")


def _sequential(base: str, args: argparse.Namespace) -> list[list[object]]:
    raw_http = httpx.Client(headers=AUTH)
    sdk = AppointmentsClient(api_key=API_KEY, base_url=base)
    calls: dict[str, dict[str, Callable[[], Any]]] = {
        "GET one": {
            "raw": lambda: json.loads(raw_http.get(f"{base}/appointments/{APPT}").content),
            "sdk": lambda: sdk.appointments.get(APPT),
        },
        "list 20": {
            "raw": lambda: json.loads(raw_http.get(f"{base}/appointments?page_size=20").content),
            "sdk": lambda: sdk.appointments.list(page_size=20),
        },
    }
    rows = []
    try:
        for name, fns in calls.items():
            times: dict[str, list[float]] = {"raw": [], "sdk": []}
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

    calls: dict[str, dict[str, Callable[[], Awaitable[Any]]]] = {
        "GET one": {"raw": raw_one, "sdk": sdk_one},
        "list 20": {"raw": raw_list, "sdk": sdk_list},
    }
    rows = []
    try:
        for name, fns in calls.items():
            times: dict[str, list[float]] = {"raw": [], "sdk": []}
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
