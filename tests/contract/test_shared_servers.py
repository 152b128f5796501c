"""Under xdist the contract suite's workers share the controller's mock and Prism
(``_shared_servers.py``): one start-up of each for the whole run, however pytest was invoked."""

from __future__ import annotations

import pytest

from tests.contract._shared_servers import MOCK_URL, PRISM_URL


def test_a_worker_is_handed_the_controllers_servers(pytestconfig: pytest.Config) -> None:
    workerinput = getattr(pytestconfig, "workerinput", None)
    if workerinput is None:
        pytest.skip("not under xdist: the session fixtures start the servers in this process")
    assert workerinput[MOCK_URL].startswith("http://127.0.0.1:")
    assert PRISM_URL in workerinput
