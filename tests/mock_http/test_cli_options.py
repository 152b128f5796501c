"""``appointments-mock serve`` refuses numbers it cannot honour, with a message naming the flag.

argparse turns a ``type=`` function's ``ValueError`` into ``invalid _positive value: 'x'`` (the
name of a private helper); every numeric flag says instead what it accepts.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import httpx
import pytest

from appointments_mock.cli import _parser

_BAD = [
    ("--port", "99999", "from 0 to 65535"),
    ("--port", "65536", "from 0 to 65535"),
    ("--port", "-1", "from 0 to 65535"),
    ("--port", "80a", "from 0 to 65535"),
    ("--port", "8080.0", "from 0 to 65535"),
    ("--seed", "abc", "a whole number"),
    ("--seed", "1.5", "a whole number"),
    ("--retention-days", "-1", "from 0 to 36500"),
    ("--retention-days", "ten", "from 0 to 36500"),
    ("--max-body-bytes", "0", "at least 1"),
    ("--max-body-bytes", "1MB", "at least 1"),
    ("--max-sessions", "0", "at least 1"),
    ("--max-sessions", "1.5", "at least 1"),
    ("--webhook-timeout", "0", "seconds"),
    ("--webhook-timeout", "nan", "seconds"),
    ("--webhook-timeout", "inf", "seconds"),
    ("--webhook-timeout", "5s", "seconds"),
    ("--webhook-disable-after", "-2", "hours"),
    ("--webhook-disable-after", "nan", "hours"),
    ("--webhook-disable-after", "1e400", "hours"),
]


@pytest.mark.parametrize(("flag", "value", "expected"), _BAD, ids=[f"{f} {v}" for f, v, _ in _BAD])
def test_serve_refuses_a_bad_number_with_a_message_naming_the_flag(
    capsys: pytest.CaptureFixture[str], flag: str, value: str, expected: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        _parser().parse_args(["serve", flag, value])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {flag}: " in err, err
    assert expected in err, err
    assert not re.search(r"invalid \w+ value", err), err  # argparse's wording for a ValueError


@pytest.mark.parametrize(
    ("argv", "attribute", "value"),
    [
        (["--port", "0"], "port", 0),  # any free port: the banner prints the one it got
        (["--port", "1"], "port", 1),
        (["--port", "65535"], "port", 65535),
        (["--seed", "-7"], "seed", -7),
        (["--retention-days", "0"], "retention_days", 0),
        (["--retention-days", "36500"], "retention_days", 36500),
        (["--max-body-bytes", "1"], "max_body_bytes", 1),
        (["--max-sessions", "1"], "max_sessions", 1),
        (["--webhook-timeout", "0.25"], "webhook_timeout", 0.25),
        (["--webhook-disable-after", "0.5"], "webhook_disable_after", 0.5),
    ],
)
def test_serve_accepts_the_edges_of_each_range(
    argv: list[str], attribute: str, value: float
) -> None:
    assert getattr(_parser().parse_args(["serve", *argv]), attribute) == value


def test_serve_defaults_are_in_range() -> None:
    args = _parser().parse_args(["serve"])
    assert (args.port, args.seed, args.retention_days) == (8080, 0, 30)
    assert (args.webhook_timeout, args.webhook_disable_after) == (5.0, 24.0)


def test_serve_on_port_0_prints_the_port_it_got_and_its_urls_answer() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "appointments_mock", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        lines: list[str] = []
        deadline = time.monotonic() + 30
        while not any("Control:" in line for line in lines):
            assert time.monotonic() < deadline, lines
            line = process.stdout.readline()
            assert line, "the server stopped"
            lines.append(line)
        found = re.search(r"API:\s+http://127\.0\.0\.1:(\d+)/v1", "".join(lines))
        assert found is not None, lines
        port = int(found.group(1))
        assert 0 < port <= 65535
        control = httpx.get(f"http://127.0.0.1:{port}/_mock", timeout=10)
        assert control.status_code == 200
        assert control.json()["api"]["base_url"] == f"http://127.0.0.1:{port}/v1"
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=15)
        assert process.returncode == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
