"""Webhooks: what they cost the API, and how fast they arrive.

    .venv/bin/python benchmarks/webhooks.py [--quick] [--rounds 3] [--seconds 4] [--events 1000]

Starts ``appointments-mock serve`` (its defaults: request and response validation on) and a
receiver (``_receiver.py``: asyncio streams answering 204, noting when each event came), each in
a process of its own on 127.0.0.1, so that neither the load nor the receiving runs in the
mock's process or in one another's.

* **Throughput**: for ``--seconds``, a mix of one write that produces an event
  (``PATCH /appointments/{id}``, new notes: ``appointment.updated``) and one read
  (``GET /appointments/{id}``), in sessions with 0, 1 and 10 endpoints subscribed to every event;
  the three variants interleave per round (in alternating order, each session deleted once its
  deliveries drained, so no variant carries another's heap) and the ratio is the median of the
  per-round ratios.
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
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, ROOT, free_port, have_wrk, median, server

from appointments_mock.seed import new_world

ADMIN = {"Authorization": "Bearer demo-admin-key"}


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


def _run(args: argparse.Namespace, base: str, receiver: str, appointment_id: str, pid: int) -> None:
    use_wrk = have_wrk() and not args.quick
    ratios: dict[int, list[float]] = {1: [], 10: []}
    rates: dict[int, list[float]] = {0: [], 1: [], 10: []}
    cpu: dict[int, list[float]] = {0: [], 1: [], 10: []}  # processor µs per request
    other: dict[int, list[float]] = {0: [], 1: [], 10: []}  # of which not the API's thread
    sent_under_load: dict[int, list[float]] = {0: [], 1: [], 10: []}  # deliveries/s received
    drain_cpu: dict[int, list[float]] = {0: [], 1: [], 10: []}  # processor µs per delivery
    backlog: dict[int, list[tuple[int, float]]] = {0: [], 1: [], 10: []}
    for round_ in range(args.rounds):
        # The order alternates, so that no variant always follows the same one.
        for endpoints in (0, 1, 10) if round_ % 2 == 0 else (10, 1, 0):
            session = f"bench-{round_}-{endpoints}"
            ids = _subscribe(base, session, f"{receiver}/hook", endpoints)
            received = _received(receiver)
            before, before_other = _cpu_seconds(pid), _other_threads_seconds(pid)
            if use_wrk:
                rate, done = _wrk_load(
                    base, session, appointment_id, args.seconds, args.connections
                )
            else:
                done = asyncio.run(
                    _load(base, session, appointment_id, args.seconds, args.connections)
                )
                rate = done / args.seconds
            loaded, loaded_other = _cpu_seconds(pid), _other_threads_seconds(pid)
            sent_under_load[endpoints].append((_received(receiver) - received) / args.seconds)
            rates[endpoints].append(rate)
            cpu[endpoints].append((loaded - before) / max(done, 1) * 1e6)
            other[endpoints].append(max(0.0, loaded_other - before_other) / max(done, 1) * 1e6)
            left, took = _drain(base, session, ids)
            backlog[endpoints].append((left, took))
            if left:
                drain_cpu[endpoints].append((_cpu_seconds(pid) - loaded) / left * 1e6)
            _forget(base, session)  # every variant runs with the same heap, whatever came before
        for endpoints in (1, 10):
            ratios[endpoints].append(rates[endpoints][-1] / rates[0][-1])
    source = "wrk -t1" if use_wrk else "an asyncio client in the benchmark's process"
    print(f"Throughput ({args.connections} connections from {source}, PATCH+GET mix, "
          f"medians of {args.rounds} rounds; ratio: median of per-round ratios)")  # fmt: skip
    for endpoints in (0, 1, 10):
        left = max(b[0] for b in backlog[endpoints])
        drain = max(b[1] for b in backlog[endpoints])
        ratio = median(ratios[endpoints]) if endpoints else 1.0
        spread = (f" ({min(ratios[endpoints]):.2f}..{max(ratios[endpoints]):.2f})"
                  if endpoints else "")  # fmt: skip
        cost = median(cpu[endpoints])
        cost_ratio = cost / median(cpu[0])
        per_delivery = (f", then {median(drain_cpu[endpoints]):.0f} µs per delivery drained"
                        if drain_cpu[endpoints] else "")  # fmt: skip
        print(f"  {endpoints:>2} endpoints: {median(rates[endpoints]):8.0f} req/s  ratio "
              f"{ratio:5.2f}{spread}  (pending at the end {left}, drained in {drain:.1f} s)")  # fmt: skip
        print(f"      processor time {cost:6.0f} µs per request, {cost_ratio:4.2f}x of none"
              f" (other threads than the API's: {median(other[endpoints]):.0f} µs);"
              f" {median(sent_under_load[endpoints]):.0f} deliveries/s during the load"
              f"{per_delivery}")  # fmt: skip
    if args.skip_latency:
        return
    print(_latency(base, receiver, appointment_id, args.events, None, "burst"))
    print(_latency(base, receiver, appointment_id, args.events, args.rate, "paced"))
    print(f"(mock at {base}, receiver {receiver}, repository {ROOT.name})")


if __name__ == "__main__":
    main()
