"""Fixtures for the SDK unit tests: clients on a respx router, with sleeping recorded, not done."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import respx

from appointments import AppointmentsClient, AsyncAppointmentsClient
from tests.unit.sdk._data import API_KEY, BASE_URL


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as mock:
        yield mock


# One connection pool per session: creating an httpx client (its SSL context) costs more than a
# whole mocked call. respx patches the transports, so shared pools are mocked too.
@pytest.fixture(scope="session")
def http_client() -> Iterator[httpx.Client]:
    with httpx.Client() as shared:
        yield shared


@pytest.fixture(scope="session")
def async_http_client() -> httpx.AsyncClient:
    return httpx.AsyncClient()


@pytest.fixture
def client(
    router: respx.MockRouter, sleeps: list[float], http_client: httpx.Client
) -> Iterator[AppointmentsClient]:
    with AppointmentsClient(api_key=API_KEY, base_url=BASE_URL, http_client=http_client) as c:
        c._sleep = sleeps.append
        yield c


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def async_client(
    router: respx.MockRouter, sleeps: list[float], async_http_client: httpx.AsyncClient
) -> AsyncIterator[AsyncAppointmentsClient]:
    async def record(delay: float) -> None:
        sleeps.append(delay)

    async with AsyncAppointmentsClient(
        api_key=API_KEY, base_url=BASE_URL, http_client=async_http_client
    ) as c:
        c._sleep = record
        yield c
