"""What the installed SDK brings with it."""

from __future__ import annotations

import asyncio
import importlib.machinery
import re
import subprocess
import sys
from importlib import metadata
from typing import Any

import pytest


def _requirement_names(extra: str | None = None) -> set[str]:
    return {
        re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower()
        for requirement in metadata.requires("appointments-sdk") or []
        if (
            "extra ==" not in requirement
            if extra is None
            else re.search(rf"extra == .{extra}.", requirement)
        )
    }


def test_the_sdk_requires_httpx2_and_pydantic_only() -> None:
    assert _requirement_names() == {"httpx2", "pydantic"}


def test_legacy_httpx_is_an_optional_extra_with_sniffio() -> None:
    assert _requirement_names("httpx") == {"httpx", "sniffio"}


def test_an_async_request_does_not_search_sys_path_for_sniffio(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Legacy httpcore (the `httpx` extra) runs `import sniffio` on every async request. Installed, it comes from
    # sys.modules; missing, every request searched sys.path again (a failed import is not cached).
    httpcore_sync = pytest.importorskip("httpcore._synchronization")
    searched: list[str] = []
    find_spec = importlib.machinery.PathFinder.find_spec

    def spy(name: str, *args: Any, **kwargs: Any) -> Any:
        searched.append(name)
        return find_spec(name, *args, **kwargs)

    async def detect() -> str:
        return str(httpcore_sync.current_async_library())

    asyncio.run(detect())  # the first import, if any, is allowed
    monkeypatch.setattr(importlib.machinery.PathFinder, "find_spec", spy)
    for _ in range(3):
        assert asyncio.run(detect()) == "asyncio"
    assert "sniffio" not in searched


def test_the_sdk_never_imports_legacy_httpx() -> None:
    # Legacy httpx is optional: importing and using the SDK must not need it.
    code = (
        "import sys, asyncio\n"
        "from appointments import AppointmentsClient, AsyncAppointmentsClient, Timeout\n"
        "AppointmentsClient(api_key='k', timeout=2.0).close()\n"
        "asyncio.run(AsyncAppointmentsClient(api_key='k').aclose())\n"
        "assert 'httpx' not in sys.modules and 'httpcore' not in sys.modules, sorted(sys.modules)\n"
        "assert 'httpx2' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
