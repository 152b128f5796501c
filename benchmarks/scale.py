"""Benchmark 3: how the mock's cost grows with its data, and how fast it starts.

    .venv/bin/python benchmarks/scale.py            # full run (about 2 minutes)
    .venv/bin/python benchmarks/scale.py --quick    # smoke run

* List, cancel and report latency with 1k, 10k and 100k appointments in one session, through the whole
  app in-process (ASGI calls: front, fast path or Connexion, validation both ways, rules), so that
  the figures are the server's own time without network noise. Sizes are interleaved per round;
  medians; the ratio is 100k / 1k.
* Cold start of ``appointments-mock serve`` (process start to first 200), median of 5.
* An in-process test session: with the app built once, a new ``X-Mock-Session`` from nothing to
  its first 200 (what a per-test fixture pays); and ``create_app()`` in a fresh interpreter.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
from datetime import timedelta
from typing import Any
from urllib.parse import quote

sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]  # as the CLI does

from _common import PYTHON, ROOT, free_port, median, stop, table, wait_until_ok  # noqa: E402
from _world import big_world, cancelable_ids  # noqa: E402

from appointments_mock.app import create_app, session_of  # noqa: E402
from appointments_mock.seed import DEMO_PRACTITIONER_ID  # noqa: E402

AUTH = [(b"authorization", b"Bearer demo-api-key")]


async def call(
    app: Any, method: str, path: str, query: bytes = b"", body: bytes = b"",
    headers: list[tuple[bytes, bytes]] | None = None,
) -> int:  # fmt: skip
    """One request through the ASGI app; its status."""
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": path, "raw_path": path.encode(), "root_path": "",
        "query_string": query, "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
        "headers": [*AUTH, *(headers or []),
                    *([(b"content-type", b"application/json")] if body else [])],
    }  # fmt: skip
    sent = False
    status = 0

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.sleep(3600)
        raise AssertionError

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


def _reports(world_now: Any) -> dict[str, tuple[str, bytes]]:
    """The report requests timed, over periods from the first bulk appointment (``_world.py``)."""
    start = world_now.replace(minute=0, second=0, microsecond=0) + timedelta(days=2)
    month, year = start + timedelta(days=30), start + timedelta(days=366)

    def period(end: Any) -> str:
        return f"from={quote(start.isoformat())}&to={quote(end.isoformat())}"

    return {
        "report: counts by status, 30 days": (
            "/v1/reports/appointments",
            f"{period(month)}&group_by=status&status=active&status=canceled".encode(),
        ),
        "report: by practitioner and day, 366 days": (
            "/v1/reports/appointments",
            f"{period(year)}&group_by=practitioner_id&group_by=day".encode(),
        ),
        "report: the same as CSV": (
            "/v1/reports/appointments",
            f"{period(year)}&group_by=practitioner_id&group_by=day&csv".encode(),
        ),
        "practitioner activity, 30 days": (
            "/v1/reports/practitioner-activity",
            period(month).encode(),
        ),
        "practitioner activity, 366 days": (
            "/v1/reports/practitioner-activity",
            period(year).encode(),
        ),
    }


LISTS = {
    "list, first page": b"page_size=20",
    "list, status + practitioner": f"page_size=20&status=active&practitioner_id={DEMO_PRACTITIONER_ID}".encode(),
    "list, type filter (scan)": b"page_size=20&type=individual",
}  # fmt: skip


async def _latency(
    sizes: list[int], rounds: int, calls: int
) -> tuple[list[list[object]], list[object]]:
    apps = {}
    first: list[object] = ["first list of an order no list used before (builds its index family)"]
    for n in sizes:
        started = time.perf_counter()
        app = create_app(world_factory=lambda n=n, **kw: big_world(n, **kw))
        ids = cancelable_ids(session_of(app).world)
        apps[n] = (app, ids)
        print(f"app with a world of {n:,} appointments built in {time.perf_counter() - started:.1f} s",
              flush=True)  # fmt: skip
        # The app's first request (warm code paths, the default order's family), then the timed
        # first list of an order the rows below never use.
        assert await call(app, "GET", "/v1/appointments", b"page_size=20") == 200
        listed = time.perf_counter()
        assert (
            await call(app, "GET", "/v1/appointments", b"page_size=20&order_by=created_at_desc")
            == 200
        )
        first.append(f"{(time.perf_counter() - listed) * 1e3:.1f} ms")
    times: dict[tuple[str, int], list[float]] = {}
    counted: dict[int, int] = {}
    reports = {n: _reports(session_of(apps[n][0]).world.clock.now()) for n in sizes}
    for n in sizes:  # the appointments the year-long report counts, for the table
        world = session_of(apps[n][0]).world
        start, _ = _period_of(reports[n]["report: by practitioner and day, 366 days"][1])
        counted[n] = sum(
            1 for a in world.appointments.values()
            if a.status == "active" and not a.deleted and start <= a.starts_at < start + timedelta(days=366)
        )  # fmt: skip
    for n in sizes:  # each report once first: the canceled bucket's index family is built then
        for path, query in reports[n].values():
            assert await call(apps[n][0], "GET", path, query.removesuffix(b"&csv")) == 200
    used = dict.fromkeys(sizes, 0)
    body = json.dumps({"reason_code": 30}).encode()
    for _ in range(rounds):
        for n in sizes:
            app, ids = apps[n]
            for name, query in LISTS.items():
                for _ in range(calls):
                    started = time.perf_counter()
                    assert await call(app, "GET", "/v1/appointments", query) == 200
                    times.setdefault((name, n), []).append(time.perf_counter() - started)
            for name, (path, query) in reports[n].items():
                csv = query.endswith(b"&csv")
                query = query.removesuffix(b"&csv")
                accept = [(b"accept", b"text/csv")] if csv else []
                for _ in range(max(1, calls // 10)):
                    started = time.perf_counter()
                    assert await call(app, "GET", path, query, headers=accept) == 200
                    times.setdefault((name, n), []).append(time.perf_counter() - started)
            for _ in range(calls):
                appt_id = ids[used[n]]
                used[n] += 1
                started = time.perf_counter()
                status = await call(app, "POST", f"/v1/appointments/{appt_id}/cancel", body=body)
                assert status == 200, status
                times.setdefault(("cancel", n), []).append(time.perf_counter() - started)
    rows = []
    for name in [*LISTS, "cancel", *reports[sizes[0]]]:
        p50 = [median(times[(name, n)]) for n in sizes]
        rows.append([name, *(f"{v * 1e3:.3f} ms" for v in p50), f"{p50[-1] / p50[0]:.2f}x"])
    rows.append(["(active appointments in the 366 days)", *(f"{counted[n]:,}" for n in sizes), ""])
    return rows, first


def _period_of(query: bytes) -> tuple[Any, Any]:
    from datetime import datetime
    from urllib.parse import parse_qs

    values = parse_qs(query.decode())
    return datetime.fromisoformat(values["from"][0]), datetime.fromisoformat(values["to"][0])


def _cold_start(repeats: int) -> list[float]:
    results = []
    for _ in range(repeats):
        port = free_port()
        started = time.perf_counter()
        proc = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "appointments-mock"), "serve", "--port", str(port)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        try:
            wait_until_ok(f"http://127.0.0.1:{port}/v1/appointments", 60, proc)
            results.append(time.perf_counter() - started)
        finally:
            stop(proc)
    return results


def _create_app_fresh(repeats: int) -> list[float]:
    code = (
        "import sys, time, warnings; sys.modules.setdefault('rfc3987_syntax', None);"
        "warnings.filterwarnings('ignore');"
        "from appointments_mock.app import create_app; t = time.perf_counter(); create_app();"
        "print(time.perf_counter() - t)"
    )
    out = []
    for _ in range(repeats):
        run = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, check=True)
        out.append(float(run.stdout.strip().splitlines()[-1]))
    return out


async def _test_session(repeats: int) -> list[float]:
    app = create_app()
    await call(app, "GET", "/v1/appointments")  # the default session, and warm code paths
    out = []
    for i in range(repeats):
        started = time.perf_counter()
        status = await call(app, "GET", "/v1/appointments",
                            headers=[(b"x-mock-session", f"bench-{i}".encode())])  # fmt: skip
        assert status == 200
        out.append(time.perf_counter() - started)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--calls", type=int, default=100, help="calls per size, kind and round")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.rounds, args.calls = [200, 2_000], 1, 5
    rows, first = asyncio.run(_latency(args.sizes, args.rounds, args.calls))
    print(f"\nServer time per request (p50 of {args.rounds} x {args.calls} calls per size; "
          f"reports: {args.rounds} x {max(1, args.calls // 10)}):\n")  # fmt: skip
    sizes = [f"{n:,}" for n in args.sizes]
    print(table(["request", *sizes, f"{sizes[-1]} / {sizes[0]}"], rows))
    print("\nOnce per order and session (one call each):\n")
    print(table(["request", *sizes], [first]))

    repeats = 1 if args.quick else 5
    cold = _cold_start(repeats)
    fresh = _create_app_fresh(repeats)
    sessions = asyncio.run(_test_session(3 if args.quick else 30))
    print("\nStart-up (medians):\n")
    print(table(["what", "median", "all runs"], [
        ["mock cold start: `appointments-mock serve` to first 200", f"{median(cold) * 1e3:.0f} ms",
         ", ".join(f"{v * 1e3:.0f}" for v in cold)],
        ["create_app() in a fresh interpreter", f"{median(fresh) * 1e3:.0f} ms",
         ", ".join(f"{v * 1e3:.0f}" for v in fresh)],
        ["in-process test session: new X-Mock-Session to first 200", f"{median(sessions) * 1e3:.1f} ms",
         f"min {min(sessions) * 1e3:.1f}, max {max(sessions) * 1e3:.1f}"],
    ]))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
