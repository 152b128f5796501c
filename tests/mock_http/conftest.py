"""Fixtures for the mock's HTTP layer: one app per module, one fresh session per test, live servers."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from appointments_mock._threaded_server import ThreadedServer
from appointments_mock.app import create_app
from tests.mock_http._support import ADMIN


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


@pytest.fixture(scope="session")
def live(app: Any) -> Iterator[ThreadedServer]:
    """The session's app under uvicorn on a free 127.0.0.1 port."""
    with ThreadedServer(app, name="mock-http-live", log_level="critical") as server:
        yield server
