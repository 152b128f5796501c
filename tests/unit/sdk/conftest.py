"""Fixtures for the SDK unit tests: clients on a respx router, with sleeping recorded, not done."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

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


@pytest.fixture
def client(router: respx.MockRouter, sleeps: list[float]) -> Iterator[AppointmentsClient]:
    with AppointmentsClient(api_key=API_KEY, base_url=BASE_URL, _sleep=sleeps.append) as c:
        yield c


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def async_client(
    router: respx.MockRouter, sleeps: list[float]
) -> AsyncIterator[AsyncAppointmentsClient]:
    async def record(delay: float) -> None:
        sleeps.append(delay)

    async with AsyncAppointmentsClient(api_key=API_KEY, base_url=BASE_URL, _sleep=record) as c:
        yield c
