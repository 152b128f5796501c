"""Each benchmark script runs end to end in its ``--quick`` configuration (they must not rot).

Speed itself is measured by the scripts, never asserted here. ``mock_throughput.py`` needs wrk
and is skipped without it; ``scale_out.py`` needs nginx.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from examples.scale_out.cluster import find_nginx

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _run(script: str) -> str:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), "--quick"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_sdk_overhead_runs() -> None:
    out = _run("sdk_overhead.py")
    assert "| sync | GET one |" in out
    assert "| async | list 20 |" in out
    assert "peak Python memory" in out


def test_scale_runs() -> None:
    out = _run("scale.py")
    assert "| list, status + practitioner |" in out
    assert "| cancel |" in out
    assert "| first list of an order no list used before" in out
    assert "mock cold start" in out


def test_request_profile_runs() -> None:
    out = _run("request_profile.py")
    for kind in ("list20", "get1", "patch", "cancel"):
        assert f"| {kind} |" in out
        assert f"Profile of 100 `{kind}` requests" in out
    assert "front.py" in out


def test_durable_runs() -> None:
    out = _run("durable.py")
    assert "| --state-dir |" in out
    assert "| --state-dir, 2,000 appointments |" in out


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed")
def test_mock_throughput_runs() -> None:
    out = _run("mock_throughput.py")
    for endpoint in ("list20", "get1", "patch", "cancel"):
        assert f"| {endpoint} | 16 |" in out
    assert "mock / bare" in out


@pytest.mark.nginx
@pytest.mark.skipif(find_nginx() is None, reason="nginx is not installed")
def test_scale_out_runs() -> None:
    out = _run("scale_out.py")
    assert "| nginx, 2 processes |" in out
    assert "2 processes / 1 process, both behind nginx:" in out


def test_hostile_runs() -> None:
    out = _run("hostile.py")
    assert "| malformed requests" in out
    assert "| 100 MB body, chunked |" in out
    assert "authenticated requests naming new sessions" in out


def test_import_time_runs() -> None:
    out = _run("import_time.py")
    assert "| import appointments |" in out
    assert "| httpx2 + pydantic |" in out or "| httpx + pydantic |" in out
    assert "`python -X importtime -c 'import appointments'`" in out
