"""Benchmark: the cost of ``serve --state-dir`` per write, and the restart time of a big session.

    .venv/bin/python benchmarks/durable.py            # full run (about 2 minutes)
    .venv/bin/python benchmarks/durable.py --quick    # smoke run

* Cancel latency, p50 and p99, with and without ``--state-dir`` (and with ``--state-sync full``):
  three ``appointments-mock serve`` processes on the demo data; each round books ``--writes``
  group appointments in a fresh session of each server (untimed), then cancels them one after the
  other with an ``Idempotency-Key`` (timed, from the client: request sent to response read). The
  servers take turns within a round, in a rotating order. A session's first write (the session
  written whole) is an untimed booking.
* The write alone, in-process: a transaction touching one appointment, with and without the
  state directory's write (what ``World.persist`` adds), p50 and p99.
* Restart time with 100,000 appointments: a state directory holding one session of the demo
  data plus 100,000 appointments (``_world.py``, written through ``durable.StateStore``), then
  ``appointments-mock serve --state-dir`` from process start to the first 200 of a list in that
  session; beside it the same command without ``--state-dir`` (the demo data only).
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]  # as the CLI does

import httpx2  # noqa: E402
from _common import PYTHON, ROOT, free_port, median, stop, table, wait_until_ok  # noqa: E402
from _world import big_world  # noqa: E402

from appointments_mock.durable import StateStore  # noqa: E402
from appointments_mock.seed import DEMO_PRACTITIONER_ID, new_world  # noqa: E402
from appointments_mock.sessions import Session  # noqa: E402
from appointments_mock.store import World  # noqa: E402

HEADERS = {"Authorization": "Bearer demo-admin-key"}
FIRST_MONDAY = datetime(2031, 1, 6, tzinfo=UTC)


def _slot(i: int) -> dict[str, Any]:
    """The i-th free 30-minute group slot of the demo practitioner (weekdays, in her hours)."""
    day, half_hours = divmod(i, 14)
    week, weekday = divmod(day, 5)
    start = FIRST_MONDAY + timedelta(days=7 * week + weekday, hours=8, minutes=30 * half_hours)
    return {
        "type": "group",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(minutes=30)).isoformat(),
        "practitioner_id": DEMO_PRACTITIONER_ID,
        "max_attendees": 2,
    }


def _serve(port: int, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [PYTHON, "-m", "appointments_mock", "serve", "--port", str(port), *extra],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _round(client: httpx2.Client, base: str, session: str, writes: int) -> list[float]:
    """Book ``writes`` appointments in a fresh session, then time their cancels."""
    headers = {**HEADERS, "X-Mock-Session": session}
    ids = []
    for i in range(writes + 1):
        made = client.post(f"{base}/v1/appointments", json=_slot(i), headers=headers)
        assert made.status_code == 201, made.text
        ids.append(made.json()["id"])
    # The first booking wrote the session whole; the cancels are ordinary writes.
    timings = []
    for n, appointment_id in enumerate(ids[1:]):
        started = time.perf_counter()
        done = client.post(
            f"{base}/v1/appointments/{appointment_id}/cancel",
            json={"reason_code": 30},
            headers={**headers, "Idempotency-Key": f"{session}-{n}"},
        )
        timings.append(time.perf_counter() - started)
        assert done.status_code == 200, done.text
    return timings


def cancel_costs(rounds: int, writes: int) -> dict[str, tuple[list[float], list[float]]]:
    """Cancel latencies per variant (all of them, and each round's median)."""
    variants = {
        "in memory (default)": [],
        "--state-dir": ["normal"],
        "--state-dir --state-sync full": ["full"],
    }
    timings: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in variants}
    with tempfile.TemporaryDirectory(prefix="durable-bench-") as tmp:
        servers: dict[str, tuple[subprocess.Popen[bytes], str]] = {}
        try:
            for k, (name, sync) in enumerate(variants.items()):
                port = free_port()
                extra = (
                    ["--state-dir", str(Path(tmp) / f"s{k}"), "--state-sync", sync[0]]
                    if sync
                    else []
                )
                proc = _serve(port, *extra)
                base = f"http://127.0.0.1:{port}"
                servers[name] = (proc, base)
                wait_until_ok(f"{base}/v1/appointments", 60, proc)
            names = list(variants)
            with httpx2.Client(timeout=30) as client:
                for r in range(rounds):
                    for name in names[r % len(names) :] + names[: r % len(names)]:
                        got = _round(client, servers[name][1], f"round-{r}", writes)
                        timings[name][0].extend(got)
                        timings[name][1].append(median(got))
        finally:
            for proc, _ in servers.values():
                stop(proc)
    return timings


def _big_state(directory: Path, appointments: int) -> float:
    """A state directory with one session of ``appointments`` extra appointments; MB on disk."""
    world = big_world(appointments)
    store = StateStore(directory)
    store.save_session(Session(name="default", world=world))
    store.close()
    return sum(p.stat().st_size for p in directory.iterdir()) / 1e6


def restart_times(repeats: int, appointments: int) -> tuple[list[float], list[float], float]:
    """Process start to first 200, with the big state directory and without any."""
    with tempfile.TemporaryDirectory(prefix="durable-bench-") as tmp:
        directory = Path(tmp) / "state"
        size = _big_state(directory, appointments)
        durable, memory = [], []
        for _ in range(repeats):
            for extra, into in ((["--state-dir", str(directory)], durable), ([], memory)):
                port = free_port()
                started = time.perf_counter()
                proc = _serve(port, *extra)
                try:
                    wait_until_ok(f"http://127.0.0.1:{port}/v1/appointments?page_size=1", 120, proc)
                    into.append(time.perf_counter() - started)
                    if extra:
                        _check_loaded(port, appointments)
                finally:
                    stop(proc)
    return durable, memory, size


def _check_loaded(port: int, appointments: int) -> None:
    """The restarted session has the big world's appointments (a report counts them)."""
    with httpx2.Client(timeout=30) as client:
        listed = client.get(f"http://127.0.0.1:{port}/_mock/snapshot", headers=HEADERS)
        assert listed.status_code == 200
        count = len(listed.json()["appointments"])
        assert count >= appointments, count


def print_cancel_costs(rounds: int, writes: int) -> None:
    costs = cancel_costs(rounds, writes)
    reference = costs["in memory (default)"]
    rows = []
    for name, (every, per_round) in costs.items():
        p50, p99 = percentile(every, 0.5), percentile(every, 0.99)
        ratios = [a / b for a, b in zip(per_round, reference[1], strict=True)]
        rows.append(
            [
                name,
                f"{p50 * 1e6:.0f} µs",
                f"{p99 * 1e6:.0f} µs",
                f"{p50 / percentile(reference[0], 0.5):.2f}x",
                f"{p99 / percentile(reference[0], 0.99):.2f}x",
                f"{median(ratios):.2f}x ({min(ratios):.2f}..{max(ratios):.2f})",
            ]
        )
    print(f"cancel of a booked appointment, {rounds} rounds x {writes} per server, sequential:")
    headers = ["server", "p50", "p99", "p50 / in memory", "p99 / in memory", "round medians"]
    print(table(headers, rows))


def _transactions(world: World, writes: int) -> list[float]:
    """Time ``writes`` transactions that each touch one appointment, as a cancel does."""
    appointments = list(world.appointments.values())
    timings = []
    for i in range(writes):
        appointment = appointments[i % len(appointments)]
        started = time.perf_counter()
        with world.atomic(), world.changing(appointment):
            appointment.version += 1
        timings.append(time.perf_counter() - started)
        time.sleep(0.0005)  # not back to back: a request comes between two writes
    return timings


def print_write_alone(writes: int) -> None:
    """The durable write alone, in-process: what ``World.persist`` adds to a transaction."""
    world = new_world()
    memory = _transactions(world, writes)
    with tempfile.TemporaryDirectory(prefix="durable-bench-") as tmp:
        store = StateStore(Path(tmp) / "state")
        try:
            store.attach(Session(name="bench", world=world))
            with world.atomic():
                world.new_id()  # the session's first write: written whole
            durable = _transactions(world, writes)
        finally:
            store.close()
    print(f"\na transaction touching one appointment, in-process, {writes} times:")
    print(
        table(
            ["world", "p50", "p99"],
            [
                [name, f"{percentile(t, 0.5) * 1e6:.0f} µs", f"{percentile(t, 0.99) * 1e6:.0f} µs"]
                for name, t in (("in memory", memory), ("--state-dir", durable))
            ],
        )
    )


def print_restart_times(repeats: int, appointments: int) -> None:
    durable, memory, size = restart_times(repeats, appointments)
    print(f"\nrestart, process start to first 200 ({appointments:,} appointments, {size:.0f} MB):")
    print(
        table(
            ["server", "median", "each"],
            [
                [
                    f"--state-dir, {appointments:,} appointments",
                    f"{median(durable):.2f} s",
                    ", ".join(f"{v:.2f}" for v in durable),
                ],
                [
                    "no --state-dir (demo data)",
                    f"{median(memory):.2f} s",
                    ", ".join(f"{v:.2f}" for v in memory),
                ],
            ],
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--writes", type=int, default=200, help="cancels per server per round")
    parser.add_argument("--appointments", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3, help="restarts timed")
    parser.add_argument("--only", choices=["cancel", "restart"], help="run one of the two parts")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.writes, args.appointments, args.repeats = 2, 20, 2_000, 1
    if args.only != "restart":
        print_cancel_costs(args.rounds, args.writes)
    if args.only != "cancel":
        print_write_alone(args.writes * 10)
        print_restart_times(args.repeats, args.appointments)
    print("targets: cancel p50 and p99 with --state-dir at most 1.5x in memory; restart under 5 s")


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()
