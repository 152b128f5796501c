"""The example project's only test setting: async tests run on asyncio (via anyio's pytest plugin)."""

import pytest


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
