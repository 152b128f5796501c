"""Shared helpers of the benchmark scripts: processes, wrk, medians, tables.

Every server binds 127.0.0.1 on a free port, is stopped by its PID, and every load run is bounded
in time. The machine is shared and noisy: scripts interleave the variants they compare, repeat
them, and report medians and ratios measured in the same run.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx2

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
API_KEY = "demo-api-key"
AUTH = {"Authorization": f"Bearer {API_KEY}"}
PRISM = ["npx", "--yes", "@stoplight/prism-cli@5.14.2", "mock", "-v", "error"]
# Steady, the OpenAPI mock that Stainless-generated SDKs test against (a binary run through npx).
STEADY = ["npx", "--yes", "@stdy/cli@0.22.2", "--quiet"]
STEADY_HEALTH = "/_x-steady/health"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def wait_until_ok(url: str, timeout: float, proc: subprocess.Popen[bytes] | None = None) -> float:
    """Poll ``url`` until it answers 200; the seconds it took."""
    started = time.perf_counter()
    deadline = started + timeout
    with httpx2.Client(timeout=2) as client:
        while time.perf_counter() < deadline:
            if proc is not None and proc.poll() is not None:
                raise RuntimeError(f"server exited with {proc.returncode}: {' '.join(proc.args)}")  # type: ignore[arg-type]
            with contextlib.suppress(httpx2.HTTPError):
                if client.get(url, headers=AUTH).status_code == 200:
                    return time.perf_counter() - started
            time.sleep(0.01)
    raise RuntimeError(f"{url} did not answer 200 within {timeout} s")


@contextlib.contextmanager
def server(
    cmd: list[str], ready_url: str, timeout: float = 120
) -> Iterator[subprocess.Popen[bytes]]:
    """Start a server process, wait for its first 200, stop it by PID afterwards."""
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        wait_until_ok(ready_url, timeout, proc)
        yield proc
    finally:
        stop(proc)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop a process we started (and its children: npx starts node), by its process group id."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


def mock_cmd(
    port: int, *, appointments: int, validate_responses: bool, ids_file: Path
) -> list[str]:
    cmd = [PYTHON, str(ROOT / "benchmarks" / "_serve.py"), "--port", str(port)]
    cmd += ["--appointments", str(appointments), "--ids-file", str(ids_file)]
    if not validate_responses:
        cmd.append("--no-response-validation")
    return cmd


def prism_cmd(port: int) -> list[str]:
    return [*PRISM, "-h", "127.0.0.1", "-p", str(port), str(ROOT / "openapi.yaml")]


def steady_cmd(port: int) -> list[str]:
    """Steady on the spec. Like Prism, it serves the spec's paths at the root, without ``/v1``."""
    return [*STEADY, "--host", "127.0.0.1", "--port", str(port), str(ROOT / "openapi.yaml")]


def bare_cmd(port: int, mock: str, *, appointment: str, patch: str, cancel: str) -> list[str]:
    """The bare-Starlette floor (``_bare.py``), replaying what the mock at ``mock`` answers."""
    cmd = [PYTHON, str(ROOT / "benchmarks" / "_bare.py"), "--port", str(port), "--mock", mock]
    return [*cmd, "--appointment", appointment, "--patch", patch, "--cancel", cancel]


def have_wrk() -> bool:
    return shutil.which("wrk") is not None


@dataclass
class WrkResult:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int  # non-2xx/3xx responses plus socket errors


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}

_CANCEL_LUA = """
local ids = {}
for line in io.lines(os.getenv("BENCH_IDS")) do ids[#ids + 1] = line end
local offset = tonumber(os.getenv("BENCH_OFFSET"))
local prefix = os.getenv("BENCH_PREFIX")
local i = 0
request = function()
  local id = ids[((offset + i) % #ids) + 1]
  i = i + 1
  return wrk.format("POST", prefix .. "/appointments/" .. id .. "/cancel",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer demo-api-key"},
    '{"reason_code": 30}')
end
"""


# PATCHes of one appointment's notes, a new value each time (so that each is a real change).
_PATCH_LUA = """
local path = os.getenv("BENCH_PATH")
local i = 0
request = function()
  i = i + 1
  return wrk.format("PATCH", path,
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer demo-api-key"},
    '{"notes": "bench ' .. i .. '"}')
end
"""


def _latency(text: str, pct: str) -> float:
    match = re.search(rf"^\s*{pct}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    return float(match.group(1)) * _UNITS[match.group(2)] if match else float("nan")


def wrk(
    url: str,
    connections: int,
    seconds: float,
    *,
    cancel_ids: Path | None = None,
    offset: int = 0,
    prefix: str = "",
    patch_path: str | None = None,
) -> WrkResult:
    """One bounded wrk run (one thread): GET ``url``, POST cancels of ids from a file, or PATCHes
    of the notes at ``patch_path`` (a path, ``url`` being the server's)."""
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--latency", "--timeout", "5s"]
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        if cancel_ids is not None:
            script = Path(tmp) / "cancel.lua"
            script.write_text(_CANCEL_LUA)
            cmd += ["-s", str(script)]
            env.update(BENCH_IDS=str(cancel_ids), BENCH_OFFSET=str(offset), BENCH_PREFIX=prefix)
        elif patch_path is not None:
            script = Path(tmp) / "patch.lua"
            script.write_text(_PATCH_LUA)
            cmd += ["-s", str(script)]
            env.update(BENCH_PATH=patch_path)
        else:
            cmd += ["-H", f"Authorization: Bearer {API_KEY}"]
        out = subprocess.run(
            [*cmd, url], capture_output=True, text=True, env=env, timeout=seconds + 30, check=True
        ).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = int(non2xx.group(1)) if non2xx else 0
    if sock:
        errors += sum(int(g) for g in sock.groups())
    return WrkResult(
        rps=float(rps.group(1)) if rps else 0.0,
        p50_ms=_latency(out, "50"),
        p99_ms=_latency(out, "99"),
        errors=errors,
    )


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
