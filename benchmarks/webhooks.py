"""Webhooks: what they cost the API, and how fast they arrive.

    .venv/bin/python benchmarks/webhooks.py [--quick] [--rounds 3] [--seconds 4] [--events 1000]

Starts ``appointments-mock serve`` (its defaults: request and response validation on) and a
receiver (``_receiver.py``: asyncio streams answering 204, noting when each event came), each in
a process of its own on 127.0.0.1, so that neither the load nor the receiving runs in the
mock's process or in one another's.

* **Throughput**: for ``--seconds``, a mix of one write that produces an event
  (``PATCH /appointments/{id}``, new notes: ``appointment.updated``) and one read
  (``GET /appointments/{id}``), in sessions with 0, 1 and 10 endpoints subscribed to every event.
  Each round runs 0, 1, 0, 10, 0 endpoints (1 and 10 swap places every round), each in a new
  session deleted once its deliveries drained and the mock's idle collection freed it, so no
  load carries another's heap. A variant's ratio in a round is its rate over the mean of the
  two loads without endpoints on either side of it, so drift in what else the machine runs
  cancels out; the middle load without endpoints, over the outer two, is the control: how far
  the ratio moves by chance. Printed: the median of the per-round ratios with a 90 % bootstrap
  interval of that median.
  The load comes from wrk (``-t1``, its own process; a Lua script alternates the two requests),
  or without wrk (and with ``--quick``) from ``--connections`` clients in one asyncio loop here.
  Beside each: the deliveries still pending when the load stopped and how long they took to
  drain (delivery runs behind the API, never in its way).
* **Latency**: ``--events`` PATCHes with one endpoint, sent back to back (the worst case: the
  queue of one endpoint, which gets one attempt at a time) and paced at ``--rate`` per second;
  for each, the time from just before the API call to the receiver getting its event (matched
  by ``request_id``, on the system-wide monotonic clock): p50, p99, max.
* **Processor time**: beside each throughput figure, the mock process's processor time per
  request during the load (all its threads, from ``/proc/<pid>/stat``) and, for the
  drain after it, per delivery. On a shared machine the throughput moves with what else runs;
  the processor time a request costs hardly does, so its ratio is the steadier figure.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, ROOT, free_port, have_wrk, median, server

from appointments_mock.seed import new_world

ADMIN = {"Authorization": "Bearer demo-admin-key"}
_IDLE_COLLECTION_SECONDS = 1.2  # gcpolicy.IDLE_SECONDS, then its next check at most as long after


def _subscribe(base: str, session: str, url: str, count: int) -> list[str]:
    headers = {**ADMIN, "X-Mock-Session": session}
    ids = []
    with httpx.Client(base_url=base, headers=headers, timeout=10) as http:
        for n in range(count):
            made = http.post("/v1/webhook-endpoints", json={"url": f"{url}/{n}"})
            made.raise_for_status()
            ids.append(made.json()["id"])
    return ids


def _forget(base: str, session: str) -> None:
    with httpx.Client(base_url=base, headers={"X-Mock-Session": session}, timeout=10) as http:
        http.delete("/_mock/session").raise_for_status()


def _pending(base: str, session: str, endpoint_ids: list[str]) -> int:
    headers = {**ADMIN, "X-Mock-Session": session}
    total = 0
    with httpx.Client(base_url=base, headers=headers, timeout=10) as http:
        for endpoint_id in endpoint_ids:
            page = http.get(
                f"/v1/webhook-endpoints/{endpoint_id}/deliveries",
                params={"status": "pending", "page_size": 1},
            )
            total += page.json()["total_size"]
    return total


async def _load(
    base: str, session: str, appointment_id: str, seconds: float, connections: int
) -> int:
    headers = {**ADMIN, "X-Mock-Session": session}
    done = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=30) as http:

        async def worker(n: int) -> None:
            nonlocal done
            i = 0
            while time.perf_counter() < deadline:
                i += 1
                if i % 2:
                    r = await http.patch(
                        f"/v1/appointments/{appointment_id}", json={"notes": f"w{n}-{i}"}
                    )
                else:
                    r = await http.get(f"/v1/appointments/{appointment_id}")
                if r.status_code == 200:
                    done += 1

        await asyncio.gather(*(worker(n) for n in range(connections)))
    return done


def _cpu_seconds(pid: int, tid: int | None = None) -> float:
    """Processor time so far of a process, all its threads (``/proc/<pid>/stat``: utime + stime),
    or of one of its threads (``/proc/<pid>/task/<tid>/stat``)."""
    where = f"/proc/{pid}/stat" if tid is None else f"/proc/{pid}/task/{tid}/stat"
    try:
        fields = Path(where).read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:  # a thread that ended
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _other_threads_seconds(pid: int) -> float:
    """Processor time so far of every thread of ``pid`` but its first (the event loop serving the
    API): the webhook sender's, and any other's."""
    tids = [int(t) for t in os.listdir(f"/proc/{pid}/task") if int(t) != pid]
    return sum(_cpu_seconds(pid, tid) for tid in tids)


def _drain(
    base: str, session: str, endpoint_ids: list[str], timeout: float = 120
) -> tuple[int, float]:
    left = _pending(base, session, endpoint_ids) if endpoint_ids else 0
    started = time.perf_counter()
    pending = left
    while pending and time.perf_counter() - started < timeout:
        time.sleep(0.1)
        pending = _pending(base, session, endpoint_ids)
    return left, time.perf_counter() - started


_MIX_LUA = """
local i = 0
request = function()
  i = i + 1
  if i % 2 == 1 then
    return wrk.format("PATCH", nil, nil, '{"notes": "w' .. i .. '"}')
  end
  return wrk.format("GET")
end
"""


def _wrk_load(
    base: str, session: str, appointment_id: str, seconds: float, connections: int
) -> tuple[float, int]:
    """Requests per second of the PATCH+GET mix, from wrk in its own process, and their count."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "mix.lua"
        script.write_text(_MIX_LUA)
        out = subprocess.run(
            ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "10s",
             "-s", str(script), "-H", "Authorization: Bearer demo-admin-key",
             "-H", "Content-Type: application/json", "-H", f"X-Mock-Session: {session}",
             f"{base}/v1/appointments/{appointment_id}"],
            capture_output=True, text=True, timeout=seconds + 60, check=True,
        ).stdout  # fmt: skip
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    count = re.search(r"(\d+) requests in", out)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if bad:
        raise RuntimeError(f"wrk saw {bad.group(1)} error responses:\n{out}")
    return (float(found.group(1)) if found else 0.0), int(count.group(1)) if count else 0


def _received(receiver: str) -> int:
    """Deliveries the receiver has had so far."""
    return int(httpx.get(f"{receiver}/count", timeout=30).json()["count"])


def _arrivals(receiver: str) -> dict[str, float]:
    return dict(httpx.get(f"{receiver}/arrivals", timeout=30).json())


def _latency(base: str, receiver: str, appointment_id: str, events: int, rate: float | None,
             label: str) -> str:  # fmt: skip
    session = f"bench-latency-{label}"
    _subscribe(base, session, f"{receiver}/hook", 1)
    sent: dict[str, float] = {}
    headers = {**ADMIN, "X-Mock-Session": session}
    with httpx.Client(base_url=base, headers=headers, timeout=10) as http:
        started = time.monotonic()
        for n in range(events):
            if rate:
                time.sleep(max(0.0, started + n / rate - time.monotonic()))
            request_id = f"lat-{label}-{n}"
            sent[request_id] = time.monotonic()
            http.patch(f"/v1/appointments/{appointment_id}", json={"notes": f"n{n}"},
                       headers={"X-Request-Id": request_id}).raise_for_status()  # fmt: skip
    deadline = time.monotonic() + 60
    arrived = _arrivals(receiver)
    while time.monotonic() < deadline and not all(r in arrived for r in sent):
        time.sleep(0.1)
        arrived = _arrivals(receiver)
    latencies = sorted((arrived[r] - t) * 1000 for r, t in sent.items() if r in arrived)
    p50 = statistics.median(latencies)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    how = f"paced at {rate:g}/s" if rate else "back to back"
    return (f"Delivery latency, API call to receiver, {len(latencies)} events {how}, 1 endpoint: "
            f"p50 {p50:.1f} ms  p99 {p99:.1f} ms  max {latencies[-1]:.1f} ms  "
            f"(missing {len(sent) - len(latencies)})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a tiny smoke run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=100.0, help="events/s of the paced run")
    parser.add_argument("--skip-latency", action="store_true", help="measure throughput only")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.seconds, args.events = 1, 0.5, 50
    appointment_id = new_world(seed=0).labels["upcoming"]
    port, receiver_port = free_port(), free_port()
    base = f"http://127.0.0.1:{port}"
    receiver = f"http://127.0.0.1:{receiver_port}"
    mock_cmd = [PYTHON, "-m", "appointments_mock", "serve", "--port", str(port)]
    receiver_cmd = [PYTHON, str(Path(__file__).resolve().parent / "_receiver.py"),
                    "--port", str(receiver_port)]  # fmt: skip
    with (
        server(receiver_cmd, f"{receiver}/count"),
        server(mock_cmd, f"{base}/v1/appointments") as mock,
    ):
        _run(args, base, receiver, appointment_id, mock.pid)


@dataclass
class _Figures:
    """What one variant measured, round by round."""

    rates: list[float] = field(default_factory=list)  # req/s
    cpu: list[float] = field(default_factory=list)  # processor µs per request
    other: list[float] = field(default_factory=list)  # of which not the API's thread
    sent_under_load: list[float] = field(default_factory=list)  # deliveries/s received
    drain_cpu: list[float] = field(default_factory=list)  # processor µs per delivery drained
    backlog: list[tuple[int, float]] = field(default_factory=list)  # pending at the end, drain s
    ratios: list[float] = field(default_factory=list)  # req/s / that of the 0s on either side
    cpu_ratios: list[float] = field(default_factory=list)  # the same for processor time


def _interval(values: list[float], runs: int = 2000) -> tuple[float, float]:
    """A 90 % bootstrap interval of the median of ``values`` (fixed seed: reproducible)."""
    pick = random.Random(0)
    medians = sorted(statistics.median(pick.choices(values, k=len(values))) for _ in range(runs))
    return medians[int(runs * 0.05)], medians[int(runs * 0.95) - 1]


def _run(args: argparse.Namespace, base: str, receiver: str, appointment_id: str, pid: int) -> None:
    use_wrk = have_wrk() and not args.quick
    figures = {"0": _Figures(), "1": _Figures(), "10": _Figures(), "0 (control)": _Figures()}

    def measure(label: str, endpoints: int, name: str) -> tuple[float, float]:
        """One load of ``args.seconds`` in a new session; its req/s and processor µs per request."""
        got = figures[label]
        session = f"bench-{name}"
        ids = _subscribe(base, session, f"{receiver}/hook", endpoints)
        received = _received(receiver)
        before, before_other = _cpu_seconds(pid), _other_threads_seconds(pid)
        if use_wrk:
            rate, done = _wrk_load(base, session, appointment_id, args.seconds, args.connections)
        else:
            done = asyncio.run(_load(base, session, appointment_id, args.seconds, args.connections))
            rate = done / args.seconds
        loaded, loaded_other = _cpu_seconds(pid), _other_threads_seconds(pid)
        got.sent_under_load.append((_received(receiver) - received) / args.seconds)
        cost = (loaded - before) / max(done, 1) * 1e6
        got.rates.append(rate)
        got.cpu.append(cost)
        got.other.append(max(0.0, loaded_other - before_other) / max(done, 1) * 1e6)
        left, took = _drain(base, session, ids)
        got.backlog.append((left, took))
        if left:
            got.drain_cpu.append((_cpu_seconds(pid) - loaded) / left * 1e6)
        _forget(base, session)  # every variant runs with the same heap, whatever came before
        # A deleted session is garbage the cyclic collector frees; let the mock's idle
        # collection (gcpolicy.py: 0.5 s without a request) free it now, not in the middle of
        # the next load.
        time.sleep(_IDLE_COLLECTION_SECONDS)
        return rate, cost

    for round_ in range(args.rounds):
        # Each variant with endpoints is compared with the loads without any just before and
        # just after it (drift in what else the machine runs cancels out), and the middle load
        # without endpoints with the two outer ones: the control, how far the ratio moves by
        # chance alone. The two variants swap places every round.
        first, second = ("1", "10") if round_ % 2 == 0 else ("10", "1")
        zero_a = measure("0", 0, f"{round_}-0a")
        one = measure(first, int(first), f"{round_}-{first}")
        zero_b = measure("0 (control)", 0, f"{round_}-0b")
        two = measure(second, int(second), f"{round_}-{second}")
        zero_c = measure("0", 0, f"{round_}-0c")
        for label, this, (left, right) in (
            (first, one, (zero_a, zero_b)),
            (second, two, (zero_b, zero_c)),
            ("0 (control)", zero_b, (zero_a, zero_c)),
        ):
            figures[label].ratios.append(this[0] / ((left[0] + right[0]) / 2))
            figures[label].cpu_ratios.append(this[1] / ((left[1] + right[1]) / 2))
    source = "wrk -t1" if use_wrk else "an asyncio client in the benchmark's process"
    print(f"Throughput ({args.connections} connections from {source}, PATCH+GET mix, "
          f"{args.rounds} rounds of 0, 1, 0, 10, 0 endpoints (1 and 10 swap every round), "
          f"{args.seconds:g} s each; ratio: median of the per-round ratios to the loads "
          "without endpoints on either side, with its 90 % bootstrap interval)")  # fmt: skip
    for label in ("0", "0 (control)", "1", "10"):
        got = figures[label]
        pending = max(b[0] for b in got.backlog)
        drain = max(b[1] for b in got.backlog)
        if got.ratios:
            low, high = _interval(got.ratios)
            ratio = (f"ratio {median(got.ratios):5.2f} [{low:.2f}..{high:.2f}]"
                     f" (rounds {min(got.ratios):.2f}..{max(got.ratios):.2f})")  # fmt: skip
            cost = f"{median(got.cpu_ratios):4.2f}x of the loads without endpoints beside it"
        else:
            ratio, cost = "(the reference)", "the reference"
        per_delivery = (f", then {median(got.drain_cpu):.0f} µs per delivery drained"
                        if got.drain_cpu else "")  # fmt: skip
        count, _, note = label.partition(" ")
        name = f"{count} endpoint{'s' if count != '1' else ''}{' ' + note if note else ''}"
        print(f"  {name:>22}: {median(got.rates):8.0f} req/s  {ratio}"
              f"  (pending at the end {pending}, drained in {drain:.1f} s)")  # fmt: skip
        print(f"      processor time {median(got.cpu):6.0f} µs per request, {cost}"
              f" (other threads than the API's: {median(got.other):.0f} µs);"
              f" {median(got.sent_under_load):.0f} deliveries/s during the load"
              f"{per_delivery}")  # fmt: skip
    if args.skip_latency:
        return
    print(_latency(base, receiver, appointment_id, args.events, None, "burst"))
    print(_latency(base, receiver, appointment_id, args.events, args.rate, "paced"))
    print(f"(mock at {base}, receiver {receiver}, repository {ROOT.name})")


if __name__ == "__main__":
    main()
