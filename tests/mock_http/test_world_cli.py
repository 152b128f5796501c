"""``appointments-mock serve --world FILE``: a bad file stops the start with every problem listed;
a good one is what every session starts from (the real server, in a subprocess)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

WORLD = """\
version: 1
practitioners:
  - id: 11111111-1111-4111-8111-111111111111
    display_name: Dr. Who
    time_zone: Europe/Paris
clients:
  - {id: 22222222-2222-4222-8222-222222222222, given_name: Ann, family_name: A}
api_keys:
  - {key: my-admin-key, role: admin}
  - {key: my-client-key, role: client, client_id: 22222222-2222-4222-8222-222222222222}
signing_keys:
  - {key_id: my-admin-signing, secret: my-secret, api_key: my-admin-key}
appointments:
  - id: 33333333-3333-4333-8333-333333333333
    type: individual
    practitioner_id: 11111111-1111-4111-8111-111111111111
    client_id: 22222222-2222-4222-8222-222222222222
    starts_at: "+P1DT9H"
    ends_at: "+P1DT10H"
    created_by: my-admin-key
  - type: individual
    practitioner_id: 11111111-1111-4111-8111-111111111111
    client_id: 22222222-2222-4222-8222-222222222222
    starts_at: "+P2D"
    ends_at: "+P2DT1H"
    status: canceled
    cancellation: {reason_code: 30, canceled_at: "-PT1H", canceled_by: my-client-key}
"""

BAD = """\
version: 1
practitioners:
  - id: 11111111-1111-4111-8111-111111111111
    display_name: Dr. Who
    time_zone: Mars/Olympus
api_keys:
  - {key: my-admin-key, role: superuser}
appointments:
  - type: individual
    practitioner_id: 99999999-1111-4111-8111-111111111111
    client_id: 22222222-2222-4222-8222-222222222222
    starts_at: "+P1D"
    ends_at: "+P1DT1H"
"""


def _serve(*argv: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "appointments_mock", "serve", "--port", "0", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def test_a_bad_world_file_exits_2_listing_every_problem_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD)
    process = _serve("--world", str(path))
    out, err = process.communicate(timeout=60)
    assert process.returncode == 2, (out, err)
    assert "Traceback" not in err
    assert f"{path}: 4 problems in the world file:" in err
    for line, pointer in [
        (5, "/practitioners/0/time_zone"),
        (7, "/api_keys/0/role"),
        (10, "/appointments/0/practitioner_id"),
        (11, "/appointments/0/client_id"),
    ]:
        assert f"{path}:{line}: {pointer}: " in err, err
    assert "Appointments mock server" not in out  # it never started


def test_a_missing_world_file_exits_2(tmp_path: Path) -> None:
    process = _serve("--world", str(tmp_path / "nowhere.json"))
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "cannot read the file" in err
    assert "Traceback" not in err


def test_sessions_start_from_the_world_file(tmp_path: Path) -> None:
    path = tmp_path / "world.yaml"
    path.write_text(WORLD)
    process = _serve("--world", str(path), "--seed", "5")
    try:
        assert process.stdout is not None
        lines: list[str] = []
        deadline = time.monotonic() + 30
        while not any("Press Ctrl-C" in line for line in lines):
            assert time.monotonic() < deadline, lines
            line = process.stdout.readline()
            assert line, "the server stopped"
            lines.append(line)
        banner = "".join(lines)
        assert f"World:    {path}" in banner
        assert "admin       my-admin-key" in banner
        assert "admin       my-admin-signing  my-secret" in banner
        assert "demo-admin-key" not in banner
        found = re.search(r"API:\s+(http://127\.0\.0\.1:\d+/v1)", banner)
        assert found is not None, banner
        api = found.group(1)
        for session in ("default", "another"):
            headers = {"Authorization": "Bearer my-admin-key", "X-Mock-Session": session}
            listed = httpx.get(
                f"{api}/appointments", params={"status": ["active", "canceled"]}, headers=headers
            )
            assert listed.status_code == 200, listed.text
            items = listed.json()["items"]
            assert [a["status"] for a in items] == ["active", "canceled"]
            assert items[0]["id"] == "33333333-3333-4333-8333-333333333333"
            assert items[1]["cancellation"]["canceled_by"]["type"] == "client"
        demo = httpx.get(f"{api}/appointments", headers={"Authorization": "Bearer demo-admin-key"})
        assert demo.status_code == 401  # the demo keys are not in this world
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=15)
        assert process.returncode == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
