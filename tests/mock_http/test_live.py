"""Over a real socket: concurrency, dropped connections and the CLI."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest

from appointments_mock._threaded_server import ThreadedServer
from tests._prism import free_port
from tests.mock_http._support import ADMIN, group_body

pytestmark = pytest.mark.anyio
ROOT = Path(__file__).resolve().parents[2]


def _client(live: ThreadedServer, session: str) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=50)
    headers = {**ADMIN, "X-Mock-Session": session}
    return httpx.AsyncClient(base_url=live.url, headers=headers, limits=limits, timeout=20)


async def test_fifty_concurrent_cancels_give_one_200_and_49_conflicts(live: ThreadedServer) -> None:
    async with _client(live, f"live-{uuid.uuid4().hex}") as client:
        appointment = (await client.post("/v1/appointments", json=group_body())).json()
        path = f"/v1/appointments/{appointment['id']}"
        responses = await asyncio.wait_for(
            asyncio.gather(
                *(client.post(f"{path}/cancel", json={"reason_code": 30}) for _ in range(50))
            ),
            timeout=30,
        )
        statuses = sorted(r.status_code for r in responses)
        assert statuses == [200] + [409] * 49
        assert {r.json()["code"] for r in responses if r.status_code == 409} == {"already-canceled"}
        events = (await client.get(f"{path}/audit-events", params={"page_size": 100})).json()[
            "items"
        ]
        assert [e["action"] for e in events].count("appointment.canceled") == 1


async def test_fifty_concurrent_creates_with_one_key_create_one_appointment(
    live: ThreadedServer,
) -> None:
    async with _client(live, f"live-{uuid.uuid4().hex}") as client:

        async def count() -> int:
            page = await client.get("/v1/appointments", params={"type": "group", "page_size": 1})
            return int(page.json()["total_size"])

        before = await count()
        key = {"Idempotency-Key": str(uuid.uuid4())}
        responses = await asyncio.wait_for(
            asyncio.gather(
                *(
                    client.post("/v1/appointments", json=group_body(), headers=key)
                    for _ in range(50)
                )
            ),
            timeout=30,
        )
        created = [
            r for r in responses if r.status_code == 201 and "idempotent-replayed" not in r.headers
        ]
        replayed = [r for r in responses if r.headers.get("idempotent-replayed") == "true"]
        in_use = [r for r in responses if r.status_code == 409]
        assert len(created) == 1
        assert len(created) + len(replayed) + len(in_use) == 50
        assert {r.json()["code"] for r in in_use} <= {"idempotency-key-in-use"}
        assert {r.json()["id"] for r in replayed} <= {created[0].json()["id"]}
        assert await count() == before + 1


async def test_a_dropped_connection_is_a_connection_error_for_httpx(live: ThreadedServer) -> None:
    async with _client(live, f"live-{uuid.uuid4().hex}") as client:
        await client.post(
            "/_mock/faults", json={"kind": "drop", "operation_id": "cancellation_reasons.list"}
        )
        with pytest.raises(httpx.RemoteProtocolError):
            await client.get("/v1/cancellation-reasons")
        assert (await client.get("/v1/cancellation-reasons")).status_code == 200
        journal = (await client.get("/_mock/journal")).json()["items"]
        assert [(e["status"], e["fault"]) for e in journal] == [(0, "drop"), (200, None)]


def test_cli_serves_the_demo_data_and_stops_cleanly_on_ctrl_c() -> None:
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "appointments_mock", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    try:
        lines: list[str] = []
        deadline = time.monotonic() + 30
        assert process.stdout is not None
        while not any("demo-client-key" in line for line in lines):
            assert time.monotonic() < deadline, lines
            line = process.stdout.readline()
            assert line, f"the server stopped: {process.stderr.read() if process.stderr else ''}"
            lines.append(line)
        output = "".join(lines)
        assert f"http://127.0.0.1:{port}/v1" in output
        assert f"http://127.0.0.1:{port}/docs" in output
        assert f"http://127.0.0.1:{port}/_mock" in output
        for key in ("demo-admin-key", "demo-api-key", "demo-staff-key", "demo-client-key"):
            assert key in output
        response = httpx.get(f"http://127.0.0.1:{port}/v1/appointments", headers=ADMIN, timeout=10)
        assert response.status_code == 200
        assert response.json()["items"]
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=15)
        assert process.returncode == 0, stderr
        assert "Traceback" not in stderr
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
