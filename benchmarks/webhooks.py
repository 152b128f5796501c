"""Webhooks: what they cost the API, and how fast they arrive.

    .venv/bin/python benchmarks/webhooks.py [--quick] [--rounds 3] [--seconds 4] [--events 1000]

Starts ``appointments-mock serve`` (its defaults: request and response validation on) and a
receiver on 127.0.0.1 in this process (uvicorn, answering 204 and noting when each event came).

* **Throughput**: ``--connections`` clients in one asyncio loop send, for ``--seconds``, a mix of
  one write that produces an event (``PATCH /appointments/{id}``, new notes:
  ``appointment.updated``) and one read (``GET /appointments/{id}``), in sessions with 0, 1 and
  10 endpoints subscribed to every event; the three variants interleave per round and the
  figure is the median over the rounds. Beside each: the deliveries still pending when the load
  stopped and how long they took to drain (delivery runs behind the API, never in its way).
* **Latency**: ``--events`` PATCHes one after the other with one endpoint; for each, the time
  from just before the API call to the receiver getting its event (matched by ``request_id``):
  p50, p99, max.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, ROOT, free_port, median, server

from appointments_mock._threaded_server import ThreadedServer
from appointments_mock.seed import new_world

ADMIN = {"Authorization": "Bearer demo-admin-key"}


class Receiver:
    """Answers 204 and notes the arrival time of each event by its ``request_id``."""

    def __init__(self) -> None:
        self.arrivals: dict[str, float] = {}
        self.count = 0
        self.lock = threading.Lock()

        async def app(scope: Any, receive: Any, send: Any) -> None:
            body = b""
            while True:
                message = await receive()
                body += message.get("body", b"")
                if not message.get("more_body", False):
                    break
            now = time.perf_counter()
            request_id = json.loads(body).get("request_id") if body else None
            with self.lock:
                self.count += 1
                if request_id is not None:
                    self.arrivals.setdefault(request_id, now)
            await send({"type": "http.response.start", "status": 204, "headers": []})
            await send({"type": "http.response.body", "body": b""})

        self.server = ThreadedServer(app, name="bench-receiver")


def _subscribe(base: str, session: str, url: str, count: int) -> list[str]:
    headers = {**ADMIN, "X-Mock-Session": session}
    ids = []
    with httpx.Client(base_url=base, headers=headers, timeout=10) as http:
        for n in range(count):
            made = http.post("/v1/webhook-endpoints", json={"url": f"{url}/{n}"})
            made.raise_for_status()
            ids.append(made.json()["id"])
    return ids


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a tiny smoke run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--events", type=int, default=1000)
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.seconds, args.events = 1, 0.5, 50
    appointment_id = new_world(seed=0).labels["upcoming"]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [PYTHON, "-m", "appointments_mock", "serve", "--port", str(port)]
    receiver = Receiver()
    receiver.server.start()
    try:
        with server(cmd, f"{base}/v1/appointments"):
            _run(args, base, appointment_id, receiver)
    finally:
        receiver.server.stop()


def _run(args: argparse.Namespace, base: str, appointment_id: str, receiver: Receiver) -> None:
    results: dict[int, list[float]] = {0: [], 1: [], 10: []}
    backlog: dict[int, list[tuple[int, float]]] = {0: [], 1: [], 10: []}
    for round_ in range(args.rounds):
        for endpoints in (0, 1, 10):
            session = f"bench-{round_}-{endpoints}"
            ids = _subscribe(base, session, f"{receiver.server.url}/hook", endpoints)
            done = asyncio.run(_load(base, session, appointment_id, args.seconds, args.connections))
            results[endpoints].append(done / args.seconds)
            backlog[endpoints].append(_drain(base, session, ids))
    none = median(results[0])
    print(
        f"Throughput ({args.connections} connections, PATCH+GET mix, median of {args.rounds} rounds)"
    )
    for endpoints in (0, 1, 10):
        rate = median(results[endpoints])
        left = max(b[0] for b in backlog[endpoints])
        drain = max(b[1] for b in backlog[endpoints])
        print(
            f"  {endpoints:>2} endpoints: {rate:8.0f} req/s  ratio {rate / none:5.2f}  "
            f"(pending at the end {left}, drained in {drain:.1f} s)"
        )
    session = "bench-latency"
    _subscribe(base, session, f"{receiver.server.url}/hook", 1)
    sent: dict[str, float] = {}
    headers = {**ADMIN, "X-Mock-Session": session}
    with httpx.Client(base_url=base, headers=headers, timeout=10) as http:
        for n in range(args.events):
            request_id = f"lat-{n}"
            sent[request_id] = time.perf_counter()
            http.patch(
                f"/v1/appointments/{appointment_id}",
                json={"notes": f"n{n}"},
                headers={"X-Request-Id": request_id},
            ).raise_for_status()
    deadline = time.perf_counter() + 30
    while time.perf_counter() < deadline:
        with receiver.lock:
            if all(r in receiver.arrivals for r in sent):
                break
        time.sleep(0.05)
    with receiver.lock:
        latencies = sorted(
            (receiver.arrivals[r] - t) * 1000 for r, t in sent.items() if r in receiver.arrivals
        )
    missing = len(sent) - len(latencies)
    p50 = statistics.median(latencies)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(
        f"Delivery latency, API call to receiver, {len(latencies)} events, 1 endpoint: "
        f"p50 {p50:.1f} ms  p99 {p99:.1f} ms  max {latencies[-1]:.1f} ms  (missing {missing})"
    )
    print(f"(mock at {base}, receiver {receiver.server.url}, repository {ROOT.name})")


if __name__ == "__main__":
    main()
