"""One mock server (and one Prism proxy) for the whole contract run; one mock session per test.

Where the servers run:

* without xdist, in this process, started on first use by the session fixtures below;
* with xdist (`pytest tests/contract -n 2`), in the controller process, started in
  `pytest_configure` and handed to the workers through `workerinput`, so every worker talks to the
  same server and the same Prism. Tests stay isolated through `X-Mock-Session`, not through
  separate servers. (If the controller never loaded this file, e.g. `pytest tests -n 2`, each
  worker falls back to servers of its own: slower, equally correct.)

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
from tests.contract._support import Api, ContractGuard, LiveMock, Route

_MOCK_URL = "appointments_contract_mock_url"
_PRISM_URL = "appointments_contract_prism_url"  # "" when npx is not installed
_CONTROLLER_SERVERS = pytest.StashKey[list[Any]]()


# -- servers ----------------------------------------------------------------------------------------


def _start_prism(mock: str) -> Prism | None:
    if not prism_available():
        return None
    # Prism serves the spec's paths at its root and forwards to the upstream, which carries /v1.
    return Prism.proxy(f"{mock}/v1").start()


def pytest_configure(config: pytest.Config) -> None:
    is_worker = hasattr(config, "workerinput")
    uses_xdist = config.getoption("dist", "no") != "no"
    if is_worker or not uses_xdist:
        return
    mock = LiveMock().start()
    servers: list[Any] = [mock]
    config.stash[_CONTROLLER_SERVERS] = servers
    prism = _start_prism(mock.url)
    if prism is not None:
        servers.append(prism)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist, in the controller: tell each worker where the shared servers are."""
    servers = node.config.stash.get(_CONTROLLER_SERVERS, None)
    if servers is None:
        return
    node.workerinput[_MOCK_URL] = servers[0].url
    node.workerinput[_PRISM_URL] = servers[1].url if len(servers) > 1 else ""


def pytest_unconfigure(config: pytest.Config) -> None:
    servers: list[Any] = config.stash.get(_CONTROLLER_SERVERS, [])
    for server in reversed(servers):
        server.stop()


def _from_controller(config: pytest.Config, key: str) -> str | None:
    workerinput: dict[str, Any] | None = getattr(config, "workerinput", None)
    if workerinput is None or key not in workerinput:
        return None
    return str(workerinput[key])


@pytest.fixture(scope="session")
def mock_url(pytestconfig: pytest.Config) -> Iterator[str]:
    """The shared mock server (without `/v1`)."""
    shared = _from_controller(pytestconfig, _MOCK_URL)
    if shared is not None:
        yield shared
        return
    mock = LiveMock().start()
    yield mock.url
    mock.stop()


@pytest.fixture(scope="session")
def prism_url(pytestconfig: pytest.Config, mock_url: str) -> Iterator[str]:
    """Prism's validating proxy in front of the shared mock (its root is the API's `/v1`)."""
    shared = _from_controller(pytestconfig, _PRISM_URL)
    if shared is not None:
        if not shared:
            pytest.skip("npx (Node 20) is not installed")
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
