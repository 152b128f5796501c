"""Fixtures for SDK tests against real servers: Stoplight Prism's mock, once per session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests._prism import Prism, prism_available


@pytest.fixture(scope="session")
def prism_mock() -> Iterator[Prism]:
    if not prism_available():
        pytest.skip("npx (Node 20) is not installed")
    with Prism.mock() as prism:
        yield prism
