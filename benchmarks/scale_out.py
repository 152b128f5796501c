"""Scale-out: the mock's throughput behind nginx with 1 and 2 processes, and without nginx.

    .venv/bin/python benchmarks/scale_out.py [--quick] [--rounds 7] [--seconds 5] [--connections 16]

Three set-ups run side by side, each ``appointments-mock serve`` with its defaults (request and
response validation on), built as ``examples/scale_out/cluster.py`` builds them from
``examples/scale_out/nginx.conf``:

* **direct**: one process, no proxy (the reference: what nginx itself costs shows beside it);
* **nginx, 1 process** and **nginx, 2 processes**: the shipped config, hashing ``X-Mock-Session``.

The load is the same for each: ``--sessions`` mock sessions (each request names the next one in
turn, so that they spread over the processes; wrk's Lua API has no per-connection hook), each
request a ``GET /v1/appointments/{id}`` of a seeded appointment, every ``--patch-every``-th a
``PATCH`` of its notes instead. It comes from wrk (``-t1``, its own process) or, without wrk (and
with ``--quick``), from an asyncio httpx2 client in this process. Each set-up's sessions are made
before the timed rounds. The set-ups interleave per round, in a rotating order; figures are
medians over the rounds, and a ratio is the median of the per-round ratios (lowest..highest).
Beside them, the processor time per request of the mock processes together, of nginx's worker
(``/proc/<pid>/stat``) and of wrk (this process's finished children), and the share of the
machine's processors left idle during the run (``/proc/stat``; other jobs on a shared machine
take from it too). The processor time moves far less with the machine's load than the
throughput does, and an idle share near 0 says the processors, not the mock, set the limit.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import httpx2

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # examples.scale_out
from _common import have_wrk, median, table

from appointments_mock.seed import new_world
from examples.scale_out.cluster import Cluster, MockProcess, find_nginx

ADMIN = "Bearer demo-admin-key"

_MIX_LUA = """
local sessions = tonumber(os.getenv("BENCH_SESSIONS"))
local every = tonumber(os.getenv("BENCH_PATCH_EVERY"))
local path = "/v1/appointments/" .. os.getenv("BENCH_ID")
local i = 0
request = function()
  i = i + 1
  local headers = {["Authorization"] = "Bearer demo-admin-key",
                   ["X-Mock-Session"] = "bench-" .. (i % sessions)}
  if i % every == 0 then
    headers["Content-Type"] = "application/json"
    return wrk.format("PATCH", path, headers, '{"notes": "n' .. i .. '"}')
  end
  return wrk.format("GET", path, headers)
end
"""


class Setup:
    """One of the compared set-ups: its URL and the PIDs whose processor time is counted."""

    def __init__(self, label: str, url: str, mocks: Sequence[int], nginx: int | None) -> None:
        self.label = label
        self.url = url
        self.mocks = list(mocks)
        self.nginx_master = nginx

    def cpu(self) -> tuple[float, float]:
        """Processor seconds so far: the mock processes together, and nginx's workers."""
        mocks = sum(_cpu_seconds(pid) for pid in self.mocks)
        workers = _children(self.nginx_master) if self.nginx_master else []
        return mocks, sum(_cpu_seconds(pid) for pid in workers)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _idle_seconds() -> float:
    """Idle processor seconds of the whole machine so far (all processors, /proc/stat)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
    return (int(fields[4]) + int(fields[5])) / os.sysconf("SC_CLK_TCK")  # idle + iowait


def _load_cpu_seconds() -> float:
    """Processor seconds of the finished children of this process (the wrk runs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _children(pid: int) -> list[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return [int(p) for p in text.split()]


def _prepare(url: str, sessions: int, appointment_id: str) -> None:
    """Make every session (from the seed data) before the timed rounds."""
    with httpx2.Client(base_url=url, headers={"Authorization": ADMIN}, timeout=30) as http:
        for n in range(sessions):
            got = http.get(
                f"/v1/appointments/{appointment_id}", headers={"X-Mock-Session": f"bench-{n}"}
            )
            got.raise_for_status()


def _wrk(url: str, args: argparse.Namespace, appointment_id: str) -> tuple[float, int, int]:
    """Requests/s, requests and errors of one wrk run."""
    env = dict(os.environ, BENCH_SESSIONS=str(args.sessions), BENCH_ID=appointment_id,
               BENCH_PATCH_EVERY=str(args.patch_every))  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "mix.lua"
        script.write_text(_MIX_LUA)
        out = subprocess.run(
            ["wrk", "-t1", f"-c{args.connections}", f"-d{args.seconds:g}s", "--timeout", "10s",
             "-s", str(script), url],
            capture_output=True, text=True, env=env, timeout=args.seconds + 60, check=True,
        ).stdout  # fmt: skip
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    done = re.search(r"(\d+) requests in", out)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (
        sum(int(g) for g in sock.groups()) if sock else 0
    )
    if rate is None or done is None:
        raise RuntimeError(f"no figures in wrk's output:\n{out}")
    return float(rate.group(1)), int(done.group(1)), errors


async def _asyncio_load(
    url: str, args: argparse.Namespace, appointment_id: str
) -> tuple[float, int, int]:
    """The same mix from ``--connections`` httpx2 clients in one asyncio loop."""
    path = f"/v1/appointments/{appointment_id}"
    done = errors = sent = 0
    limits = httpx2.Limits(max_connections=args.connections)
    async with httpx2.AsyncClient(
        base_url=url, headers={"Authorization": ADMIN}, limits=limits, timeout=30
    ) as http:
        started = time.perf_counter()
        deadline = started + args.seconds

        async def worker() -> None:
            nonlocal done, errors, sent
            while time.perf_counter() < deadline:
                sent += 1
                headers = {"X-Mock-Session": f"bench-{sent % args.sessions}"}
                if sent % args.patch_every == 0:
                    answer = await http.patch(path, json={"notes": f"n{sent}"}, headers=headers)
                else:
                    answer = await http.get(path, headers=headers)
                done += 1
                errors += answer.status_code != 200

        await asyncio.gather(*(worker() for _ in range(args.connections)))
        took = time.perf_counter() - started
    return done / took, done, errors


def _run(setups: list[Setup], args: argparse.Namespace, appointment_id: str) -> None:
    use_wrk = have_wrk() and not args.quick
    rates: dict[str, list[float]] = {s.label: [] for s in setups}
    mock_us: dict[str, list[float]] = {s.label: [] for s in setups}
    nginx_us: dict[str, list[float]] = {s.label: [] for s in setups}
    load_us: dict[str, list[float]] = {s.label: [] for s in setups}
    idle: dict[str, list[float]] = {s.label: [] for s in setups}
    errors: dict[str, int] = {s.label: 0 for s in setups}
    for round_ in range(args.rounds):
        shift = round_ % len(setups)
        for setup in setups[shift:] + setups[:shift]:
            before, idle_before, load_before = setup.cpu(), _idle_seconds(), _load_cpu_seconds()
            started = time.perf_counter()
            if use_wrk:
                rate, done, bad = _wrk(setup.url, args, appointment_id)
            else:
                rate, done, bad = asyncio.run(_asyncio_load(setup.url, args, appointment_id))
            took = time.perf_counter() - started
            after, idle_after, load_after = setup.cpu(), _idle_seconds(), _load_cpu_seconds()
            idle[setup.label].append((idle_after - idle_before) / took / (os.cpu_count() or 1))
            load_us[setup.label].append((load_after - load_before) / max(done, 1) * 1e6)
            rates[setup.label].append(rate)
            mock_us[setup.label].append((after[0] - before[0]) / max(done, 1) * 1e6)
            nginx_us[setup.label].append((after[1] - before[1]) / max(done, 1) * 1e6)
            errors[setup.label] += bad
    direct, one, two = (s.label for s in setups)

    def ratio(top: str, bottom: str) -> str:
        per_round = [a / b for a, b in zip(rates[top], rates[bottom], strict=True)]
        return f"{median(per_round):.2f}x ({min(per_round):.2f}..{max(per_round):.2f})"

    source = "wrk -t1" if use_wrk else "an asyncio httpx2 client in the benchmark's process"
    print(f"Load: {args.connections} connections from {source}, {args.seconds:g} s per run, "
          f"{args.sessions} sessions in turn, GET one appointment with every "
          f"{args.patch_every}th request a PATCH; medians of {args.rounds} interleaved rounds; "
          f"{os.cpu_count()} processors")  # fmt: skip
    rows = [
        [
            s.label,
            f"{median(rates[s.label]):,.0f}",
            f"{min(rates[s.label]):,.0f}..{max(rates[s.label]):,.0f}",
            f"{median(mock_us[s.label]):,.0f}",
            f"{median(nginx_us[s.label]):,.0f}" if s.nginx_master else "-",
            f"{median(load_us[s.label]):,.0f}" if use_wrk else "-",
            f"{median(idle[s.label]):.0%}",
            errors[s.label],
        ]
        for s in setups
    ]
    headers = ["set-up", "req/s", "rounds", "mock µs/req", "nginx µs/req", "wrk µs/req",
               "machine idle", "errors"]  # fmt: skip
    print(table(headers, rows))
    print(f"2 processes / 1 process, both behind nginx: {ratio(two, one)}")
    print(f"nginx + 1 process / 1 process direct: {ratio(one, direct)}")
    print(f"2 processes behind nginx / 1 process direct: {ratio(two, direct)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a tiny smoke run")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--sessions", type=int, default=64)
    parser.add_argument("--patch-every", type=int, default=4)
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.seconds, args.sessions, args.connections = 1, 0.5, 8, 4
    if find_nginx() is None:
        raise SystemExit("scale_out.py needs nginx (Debian: apt-get install nginx)")
    appointment_id = new_world(seed=0).labels["upcoming"]
    with tempfile.TemporaryDirectory() as tmp:
        direct = MockProcess(Path(tmp) / "direct.log")
        try:
            direct.start()
            with Cluster(1) as one, Cluster(2) as two:
                setups = [
                    Setup("1 process, direct", direct.url, [_pid(direct)], None),
                    Setup("nginx, 1 process", one.url, _pids(one.mocks), _pid(one.nginx)),
                    Setup("nginx, 2 processes", two.url, _pids(two.mocks), _pid(two.nginx)),
                ]
                for setup in setups:
                    _prepare(setup.url, args.sessions, appointment_id)
                spread = [_sessions(m) for m in two.mocks]
                print(f"Sessions per process behind nginx (2 processes): {spread}")
                _run(setups, args, appointment_id)
        finally:
            direct.stop()


def _pid(process: object) -> int:
    popen = getattr(process, "process", None)
    assert isinstance(popen, subprocess.Popen)
    return popen.pid


def _pids(mocks: Sequence[MockProcess]) -> list[int]:
    return [_pid(mock) for mock in mocks]


def _sessions(mock: MockProcess) -> int:
    listed = httpx2.get(f"{mock.url}/_mock/sessions", timeout=10).json()["items"]
    return sum(1 for item in listed if item["name"].startswith("bench-"))


if __name__ == "__main__":
    main()
