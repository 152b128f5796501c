"""A user's test session with the mock extra and the plugin shows no deprecation warning.

A small test project in a temporary directory (its own ``pytest.ini``, so none of this
repository's warning filters apply) uses the plugin in process and over a socket, sync and async,
with the webhook receiver, in a subprocess where every ``DeprecationWarning`` and Starlette's
``StarletteDeprecationWarning`` (a ``UserWarning``: Starlette warns when only legacy httpx is
there) are errors.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

USER_TESTS = """
import pytest

from appointments import APITimeoutError


@pytest.fixture
def anyio_backend():
    return "asyncio"


def test_in_process(appointments_mock):
    assert appointments_mock.client().practitioners.list().items
    assert appointments_mock.http().get("/practitioners").status_code == 200


@pytest.mark.anyio
async def test_in_process_async(appointments_mock):
    page = await appointments_mock.async_client().practitioners.list()
    assert page.items


def test_in_process_timeout(appointments_mock):
    appointments_mock.delay("practitioners.list", ms=1000)
    with pytest.raises(APITimeoutError):
        appointments_mock.client(timeout=0.3, max_retries=0).practitioners.list()


def test_in_process_webhooks(appointments_mock, webhook_receiver):
    upcoming = appointments_mock.demo.appointments["upcoming"]
    appointments_mock.client().appointments.cancel(upcoming, reason_code=10)
    webhook_receiver.wait_for("appointment.canceled", timeout=10)


@pytest.mark.appointments_mock(mode="socket")
def test_socket(appointments_mock):
    assert appointments_mock.client().practitioners.list().items


@pytest.mark.appointments_mock(mode="socket")
@pytest.mark.anyio
async def test_socket_async(appointments_mock):
    page = await appointments_mock.async_client().practitioners.list()
    assert page.items
"""


def test_a_user_test_session_runs_with_deprecation_warnings_as_errors(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "test_integration.py").write_text(textwrap.dedent(USER_TESTS))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-W",
            "error::DeprecationWarning",
            "-W",
            "error::PendingDeprecationWarning",
            "-W",
            "error::starlette.exceptions.StarletteDeprecationWarning",
            "-W",
            "error:Using `httpx` with `starlette.testclient`",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "6 passed" in output, output
    assert "warning" not in output.lower(), output
