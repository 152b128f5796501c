"""Fixtures for the SDK unit tests: clients on a respx router, with sleeping recorded, not done.

Every test that uses `client` or `async_client` runs twice, once per HTTP client family: with an
httpx2 client (the default family, answered by the router through `httpx2.MockTransport`) and
with a legacy httpx client (answered by respx itself). Pools the SDK makes itself are httpx2's
and are answered by the router too (`_respx_bridge.patch_default_transports`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import httpx2
import pytest
import respx

from appointments import AppointmentsClient, AsyncAppointmentsClient
from tests.unit.sdk._data import API_KEY, BASE_URL
from tests.unit.sdk._respx_bridge import mock_transport, patch_default_transports

FAMILIES = ("httpx2", "httpx")


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def router(monkeypatch: pytest.MonkeyPatch) -> Iterator[respx.MockRouter]:
    with (
        respx.mock(base_url=BASE_URL, assert_all_called=False) as mock,
        patch_default_transports(mock, monkeypatch),
    ):
        yield mock


@pytest.fixture(params=FAMILIES)
def family(request: pytest.FixtureRequest) -> str:
    """The HTTP client family of `http_client` and `async_http_client`."""
    return str(request.param)


# One legacy connection pool per session: creating an httpx client (its SSL context) costs more
# than a whole mocked call. respx patches the transports, so shared pools are mocked too.
@pytest.fixture(scope="session")
def legacy_http_client() -> Iterator[httpx.Client]:
    with httpx.Client() as shared:
        yield shared


@pytest.fixture(scope="session")
def legacy_async_http_client() -> httpx.AsyncClient:
    return httpx.AsyncClient()


@pytest.fixture
def http_client(
    family: str, router: respx.MockRouter, legacy_http_client: httpx.Client
) -> httpx2.Client | httpx.Client:
    if family == "httpx":
        return legacy_http_client
    return httpx2.Client(transport=mock_transport(router))  # no SSL context: cheap


@pytest.fixture
def async_http_client(
    family: str, router: respx.MockRouter, legacy_async_http_client: httpx.AsyncClient
) -> httpx2.AsyncClient | httpx.AsyncClient:
    if family == "httpx":
        return legacy_async_http_client
    return httpx2.AsyncClient(transport=mock_transport(router))


@pytest.fixture
def client(
    router: respx.MockRouter, sleeps: list[float], http_client: httpx2.Client | httpx.Client
) -> Iterator[AppointmentsClient]:
    with AppointmentsClient(api_key=API_KEY, base_url=BASE_URL, http_client=http_client) as c:
        c._sleep = sleeps.append
        yield c


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def async_client(
    router: respx.MockRouter,
    sleeps: list[float],
    async_http_client: httpx2.AsyncClient | httpx.AsyncClient,
) -> AsyncIterator[AsyncAppointmentsClient]:
    async def record(delay: float) -> None:
        sleeps.append(delay)

    async with AsyncAppointmentsClient(
        api_key=API_KEY, base_url=BASE_URL, http_client=async_http_client
    ) as c:
        c._sleep = record
        yield c
