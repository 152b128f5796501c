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

import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests._prism import Prism, prism_available
from tests.contract._support import Api, ContractGuard, Route, start_mock, wait_until_up

_MOCK_URL = "appointments_contract_mock_url"
_PRISM_URL = "appointments_contract_prism_url"  # "" when npx is not installed
_CONTROLLER_SERVERS = pytest.StashKey["_ControllerServers"]()


# -- servers ----------------------------------------------------------------------------------------


def _start_prism(mock: str) -> Prism | None:
    if not prism_available():
        return None
    # Prism serves the spec's paths at its root and forwards to the upstream, which carries /v1.
    return Prism.proxy(f"{mock}/v1").start()


class _ControllerServers:
    """The servers the xdist controller runs for all workers.

    Prism takes seconds to start; it starts in a thread while the workers come up, and each worker
    waits for it to answer before its first Prism test.
    """

    def __init__(self, with_prism: bool) -> None:
        self.mock = start_mock()
        use_prism = with_prism and prism_available()
        self.prism = Prism.proxy(f"{self.mock.url}/v1") if use_prism else None
        self._starting = threading.Thread(target=self._start_prism, name="contract-prism")
        self._starting.start()

    def _start_prism(self) -> None:
        if self.prism is not None:
            self.prism.start()

    def stop(self) -> None:
        self._starting.join()
        if self.prism is not None:
            self.prism.stop()
        self.mock.stop()


def pytest_configure(config: pytest.Config) -> None:
    is_worker = hasattr(config, "workerinput")
    uses_xdist = config.getoption("dist", "no") != "no"
    if not is_worker and uses_xdist:
        # The controller cannot see which tests will run; `-m "not prism"` is the usual way to
        # leave Prism out, so honour at least that.
        with_prism = "not prism" not in (config.getoption("markexpr", "") or "")
        config.stash[_CONTROLLER_SERVERS] = _ControllerServers(with_prism)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist, in the controller: tell each worker where the shared servers are."""
    servers = node.config.stash.get(_CONTROLLER_SERVERS, None)
    if servers is None:
        return
    node.workerinput[_MOCK_URL] = servers.mock.url
    node.workerinput[_PRISM_URL] = servers.prism.url if servers.prism is not None else ""


def pytest_unconfigure(config: pytest.Config) -> None:
    servers = config.stash.get(_CONTROLLER_SERVERS, None)
    if servers is not None:
        servers.stop()


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
    mock = start_mock()
    yield mock.url
    mock.stop()


@pytest.fixture(scope="session")
def prism_url(pytestconfig: pytest.Config, mock_url: str) -> Iterator[str]:
    """Prism's validating proxy in front of the shared mock (its root is the API's `/v1`)."""
    shared = _from_controller(pytestconfig, _PRISM_URL)
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
