"""Fixtures for the mock's HTTP layer: one app per module, one fresh session per test, live servers."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import uvicorn

from appointments_mock.app import create_app

ADMIN = {"Authorization": "Bearer demo-admin-key"}
PRACTITIONER_ID = "3f2a7c4e-1b5d-4e8f-9a6b-0c1d2e3f4a5b"  # Dr. Ada Lovelace, seeded
CLIENT_ID = "9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e"  # Grace Hopper, seeded


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def app() -> Any:
    return create_app()


@pytest.fixture
def session_name() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
async def client(app: Any, session_name: str) -> AsyncIterator[httpx.AsyncClient]:
    """An in-process client on its own mock session, with the admin key."""
    transport = httpx.ASGITransport(app=app)
    headers = {**ADMIN, "X-Mock-Session": session_name}
    async with httpx.AsyncClient(transport=transport, base_url="http://mock", headers=headers) as c:
        yield c


def group_body(
    start: str = "2031-01-06T10:00:00Z", end: str = "2031-01-06T11:00:00Z"
) -> dict[str, Any]:
    """A valid group appointment for the seeded practitioner."""
    return {
        "type": "group",
        "starts_at": start,
        "ends_at": end,
        "practitioner_id": PRACTITIONER_ID,
        "max_attendees": 4,
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """A uvicorn server in a thread on a free 127.0.0.1 port."""

    def __init__(self, app: Any) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            log_level="critical",
            access_log=False,
            lifespan="off",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the live server did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live(app: Any) -> Iterator[LiveServer]:
    with LiveServer(app) as server:
        yield server
