"""One mock server (and one Prism proxy) for the whole contract run; one mock session per test.

Where the servers run:

* without xdist, in this process, started on first use by the session fixtures below;
* with xdist (`pytest -n 2`, `pytest tests/contract -n 2`), in the controller process
  (`_shared_servers.py`, loaded by the root conftest), handed to the workers through
  `workerinput`, so every worker talks to the same server and the same Prism. Tests stay isolated
  through `X-Mock-Session`, not through separate servers.

Each scenario runs twice, directly against the mock and through `prism proxy --errors`, an
independent validator of both sides: the `route` fixture is parametrized over the two, and every
SDK client carries a `ContractGuard` that fails the test on any violation Prism reports.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests._prism import Prism, prism_available
from tests.contract._shared_servers import MOCK_URL, PRISM_URL
from tests.contract._support import Api, ContractGuard, Route, start_mock, wait_until_up

# -- servers ----------------------------------------------------------------------------------------


def _start_prism(mock: str) -> Prism | None:
    if not prism_available():
        return None
    # Prism serves the spec's paths at its root and forwards to the upstream, which carries /v1.
    return Prism.proxy(f"{mock}/v1").start()


def _from_controller(config: pytest.Config, key: str) -> str | None:
    workerinput: dict[str, Any] | None = getattr(config, "workerinput", None)
    if workerinput is None or key not in workerinput:
        return None
    return str(workerinput[key])


@pytest.fixture(scope="session")
def mock_url(pytestconfig: pytest.Config) -> Iterator[str]:
    """The shared mock server (without `/v1`)."""
    shared = _from_controller(pytestconfig, MOCK_URL)
    if shared is not None:
        yield shared
        return
    mock = start_mock()
    yield mock.url
    mock.stop()


@pytest.fixture(scope="session")
def prism_url(pytestconfig: pytest.Config, mock_url: str) -> Iterator[str]:
    """Prism's validating proxy in front of the shared mock (its root is the API's `/v1`)."""
    shared = _from_controller(pytestconfig, PRISM_URL)
    if shared is not None:
        if not shared:
            pytest.skip("npx (Node 20) is not installed")
        wait_until_up(shared, timeout=120)  # the controller starts it while the workers come up
        yield shared
        return
    prism = _start_prism(mock_url)
    if prism is None:
        pytest.skip("npx (Node 20) is not installed")
    yield prism.url
    prism.stop()


# -- one test's view of the API -----------------------------------------------------------------------

ROUTES = ["direct", pytest.param("prism", marks=pytest.mark.prism)]


@pytest.fixture(params=ROUTES)
def route(request: pytest.FixtureRequest, mock_url: str) -> Route:
    """Parametrized over both routes; `@pytest.mark.parametrize("route", ["direct"],
    indirect=True)` limits a test to the direct one."""
    if request.param == "prism":
        prism: str = request.getfixturevalue("prism_url")
        return Route("prism", prism, mock_url)
    return Route("direct", f"{mock_url}/v1", mock_url)


@pytest.fixture(scope="session")
def guarded_http() -> Iterator[tuple[httpx.Client, ContractGuard]]:
    """One connection pool for every sync SDK client, with the contract guard on it."""
    guard = ContractGuard()
    with httpx.Client(event_hooks=guard.event_hooks()) as http:
        yield http, guard


@pytest.fixture
def api(route: Route, guarded_http: tuple[httpx.Client, ContractGuard]) -> Iterator[Api]:
    http, guard = guarded_http
    before = len(guard.seen)
    harness = Api(route, http, guard)
    yield harness
    harness.control.forget()
    harness.control.close()
    assert guard.seen[before:] == [], "contract violations were reported"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
