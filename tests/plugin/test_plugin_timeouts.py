"""The client's timeout holds against the plugin's mock in every mode, as it does over a socket.

In-process, the transport reads the request's timeout (`request.extensions["timeout"]`) and
gives up on time while the app finishes the request, as a server does after its client left.
"""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from appointments import APITimeoutError, AppointmentsClient
from appointments_mock.pytest_plugin import AppointmentsMock
from tests.contract._support import at

MODES = [
    pytest.param("inprocess", id="inprocess"),
    pytest.param("socket", id="socket", marks=pytest.mark.appointments_mock(mode="socket")),
]


def _booking(mock: AppointmentsMock, hour: float) -> dict[str, object]:
    start = at(0, hour)
    return {
        "type": "individual",
        "starts_at": start,
        "ends_at": start + timedelta(minutes=30),
        "practitioner_id": mock.demo.practitioner_id,
        "client_id": mock.demo.client_id,
    }


def _count(client: AppointmentsClient) -> int:
    return client.appointments.list(page_size=1).total_size


@pytest.mark.parametrize("mode", MODES)
def test_a_slow_answer_raises_a_timeout_on_time(
    appointments_mock: AppointmentsMock, mode: str
) -> None:
    assert appointments_mock.server.mode == mode
    appointments_mock.delay("practitioners.list", ms=1500)
    slow = appointments_mock.client(timeout=0.5, max_retries=0)
    started = time.monotonic()
    with pytest.raises(APITimeoutError, match=r"timed out: GET http://.*/v1/practitioners"):
        slow.practitioners.list()
    assert time.monotonic() - started < 1.3


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.anyio
async def test_a_slow_answer_raises_a_timeout_on_time_async(
    appointments_mock: AppointmentsMock, mode: str
) -> None:
    appointments_mock.delay("practitioners.list", ms=1500)
    slow = appointments_mock.async_client(timeout=0.5, max_retries=0)
    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        await slow.practitioners.list()
    assert time.monotonic() - started < 1.3


@pytest.mark.parametrize("mode", MODES)
def test_a_per_call_timeout_is_honoured_too(appointments_mock: AppointmentsMock, mode: str) -> None:
    appointments_mock.delay("practitioners.list", ms=1500)
    client = appointments_mock.client(max_retries=0)  # 30 s for the client, 0.5 s for this call
    with pytest.raises(APITimeoutError):
        client.practitioners.list(timeout=0.5)


@pytest.mark.parametrize("mode", MODES)
def test_a_write_the_caller_gave_up_on_still_happens(
    appointments_mock: AppointmentsMock, mode: str
) -> None:
    admin = appointments_mock.client()
    before = _count(admin)
    appointments_mock.delay("appointments.create", ms=800)
    with pytest.raises(APITimeoutError):
        appointments_mock.client(timeout=0.3, max_retries=0).appointments.create(
            **_booking(appointments_mock, 9)  # type: ignore[arg-type]
        )
    deadline = time.monotonic() + 5
    while _count(admin) == before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _count(admin) == before + 1  # the server finished it, as over a socket


@pytest.mark.parametrize("mode", MODES)
def test_a_timed_out_write_is_retried_with_the_same_key_and_happens_once(
    appointments_mock: AppointmentsMock, mode: str
) -> None:
    admin = appointments_mock.client()
    before = _count(admin)
    appointments_mock.delay("appointments.create", ms=800)
    patient = appointments_mock.client(timeout=0.5, max_retries=4)
    raw = patient.appointments.with_raw_response.create(**_booking(appointments_mock, 10))  # type: ignore[arg-type]
    assert raw.status_code == 201
    assert raw.idempotent_replayed  # the first attempt's result
    assert _count(admin) == before + 1
    attempts = appointments_mock.journal.calls("appointments.create")
    assert len(attempts) >= 2
    assert len({entry.request_headers["idempotency-key"] for entry in attempts}) == 1


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # the in-process transport enforces timeouts on asyncio
