"""The contract suite's shared servers under xdist: the controller starts one mock and one Prism
proxy in ``pytest_configure`` and hands their addresses to every worker through ``workerinput``
(``tests/contract/conftest.py`` reads them). The root ``conftest.py`` loads this module, so the
controller sees it however the run was started (``pytest -n 2``, ``pytest tests/contract -n 2``);
it starts the servers only when the run's paths include the contract suite.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from tests._prism import Prism, prism_available
from tests.contract._support import start_mock

MOCK_URL = "appointments_contract_mock_url"
PRISM_URL = "appointments_contract_prism_url"  # "" when npx is not installed
_CONTROLLER_SERVERS = pytest.StashKey["_ControllerServers"]()
_CONTRACT = Path(__file__).resolve().parent


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


def _runs_contract_tests(config: pytest.Config) -> bool:
    """Whether a path the run was given holds contract tests (or lies inside the suite)."""
    for arg in config.args:
        path = (config.invocation_params.dir / arg.split("::")[0]).resolve()
        if path == _CONTRACT or _CONTRACT.is_relative_to(path) or path.is_relative_to(_CONTRACT):
            return True
    return False


def pytest_configure(config: pytest.Config) -> None:
    is_worker = hasattr(config, "workerinput")
    uses_xdist = config.getoption("dist", "no") != "no"
    if not is_worker and uses_xdist and _runs_contract_tests(config):
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
    node.workerinput[MOCK_URL] = servers.mock.url
    node.workerinput[PRISM_URL] = servers.prism.url if servers.prism is not None else ""


def pytest_unconfigure(config: pytest.Config) -> None:
    servers = config.stash.get(_CONTROLLER_SERVERS, None)
    if servers is not None:
        servers.stop()
