"""Benchmark 9: where one request's time goes, in-process (no sockets, no other server).

    .venv/bin/python benchmarks/request_profile.py              # times, then a profile of each
    .venv/bin/python benchmarks/request_profile.py --quick      # smoke run

The requests of ``mock_throughput.py`` (a 20-item page, one appointment, a PATCH of the notes, a
cancel of a fresh appointment), sent one after another straight into the ASGI app that
``create_app`` returns (request and response validation on), on a world of bulk-loaded
appointments. For each request: the median server time per request over the rounds (µs), then one
``cProfile`` run of the same requests, its functions by their own time. This is what to read before
cutting work from the request path; the HTTP server's own share is what ``mock_throughput.py``'s
bare floor measures.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import pstats
import sys
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import median, table
from _world import big_world, cancelable_ids
from scale import call

from appointments_mock.app import create_app

KINDS = ("list20", "get1", "patch", "cancel")


def _requests(app: Any, ids: list[str], fresh: list[str]) -> dict[str, Callable[[int], Any]]:
    """Per kind: a coroutine function sending request ``i`` and checking it succeeded."""

    async def list20(i: int) -> None:
        assert await call(app, "GET", "/v1/appointments", query=b"page_size=20") == 200

    async def get1(i: int) -> None:
        assert await call(app, "GET", f"/v1/appointments/{ids[i % len(ids)]}") == 200

    async def patch(i: int) -> None:
        body = json.dumps({"notes": f"bench {i}"}).encode()
        assert await call(app, "PATCH", f"/v1/appointments/{ids[i % len(ids)]}", body=body) == 200

    async def cancel(i: int) -> None:
        body = b'{"reason_code": 30}'
        status = await call(app, "POST", f"/v1/appointments/{fresh.pop()}/cancel", body=body)
        assert status == 200, status

    return {"list20": list20, "get1": get1, "patch": patch, "cancel": cancel}


async def _run(send: Callable[[int], Coroutine[Any, Any, None]], start: int, count: int) -> float:
    began = time.perf_counter()
    for i in range(start, start + count):
        await send(i)
    return (time.perf_counter() - began) / count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--appointments", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2_000, help="per kind and round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--top", type=int, default=25, help="functions shown per profile")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--endpoints", nargs="+", choices=KINDS, default=list(KINDS))
    args = parser.parse_args(argv)
    if args.quick:
        args.appointments, args.requests, args.rounds, args.top = 2_000, 100, 1, 8
    world = big_world(args.appointments)
    app = create_app(world_factory=lambda **_: world)
    fresh = cancelable_ids(world)
    ids = fresh[: len(fresh) // 2]  # read and patched; the later half is canceled, last first
    fresh = fresh[len(fresh) // 2 :]
    needed = args.requests * (args.rounds + 2)
    if "cancel" in args.endpoints and len(fresh) < needed:
        parser.error(f"--appointments too few for {needed} cancels")
    sends = _requests(app, ids, fresh)
    loop = asyncio.new_event_loop()
    done = 0
    for kind in args.endpoints:  # warm every path (and the encodings) once
        loop.run_until_complete(_run(sends[kind], done, args.requests))
    done += args.requests
    times: dict[str, list[float]] = {kind: [] for kind in args.endpoints}
    for _ in range(args.rounds):  # the kinds take turns within each round
        for kind in args.endpoints:
            times[kind].append(loop.run_until_complete(_run(sends[kind], done, args.requests)))
        done += args.requests
    print(f"\nServer time per request, in-process ({args.appointments:,} appointments; median of "
          f"{args.rounds} rounds of {args.requests:,} requests):\n")  # fmt: skip
    rows = [[kind, f"{median(v) * 1e6:.0f} µs", f"{1 / median(v):,.0f}",
             ", ".join(f"{x * 1e6:.0f}" for x in v)] for kind, v in times.items()]  # fmt: skip
    print(table(["request", "per request", "requests/s (one core)", "rounds (µs)"], rows))
    if not args.no_profile:
        for kind in args.endpoints:
            profile = cProfile.Profile()
            profile.enable()
            loop.run_until_complete(_run(sends[kind], done, args.requests))
            profile.disable()
            out = io.StringIO()
            stats = pstats.Stats(profile, stream=out).strip_dirs().sort_stats("tottime")
            stats.print_stats(args.top)
            print(f"\nProfile of {args.requests:,} `{kind}` requests (cProfile; its own cost "
                  "inflates small functions), by own time:")  # fmt: skip
            print(out.getvalue().split("\n\n", 1)[-1].rstrip())
        done += args.requests
    loop.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
