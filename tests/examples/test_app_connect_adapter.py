"""examples/app_connect_adapter.py against the mock server over a real socket: every outcome.

The adapter has App Connect's signature, so it cannot name a mock session: these tests use the
server's default session, reset before each test, on a server of this module's own.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import timedelta

import pytest

from appointments import Appointment, AppointmentsClient
from appointments_mock._threaded_server import ThreadedServer
from examples.app_connect_adapter import NOTE, REASON_OTHER, cancel_appointment, main
from tests.contract._support import ADA, GRACE, Control, at, start_mock

ADMIN = "Bearer demo-admin-key"


@pytest.fixture(scope="module")
def mock() -> Iterator[ThreadedServer]:
    with start_mock() as server:
        yield server


@pytest.fixture
def control(mock: ThreadedServer) -> Iterator[Control]:
    control = Control(mock.url, "default")
    control.reset()
    yield control
    control.close()


@pytest.fixture
def admin(mock: ThreadedServer, control: Control) -> Iterator[AppointmentsClient]:
    with AppointmentsClient(api_key="demo-admin-key", base_url=f"{mock.url}/v1") as client:
        yield client


@pytest.fixture
def user(mock: ThreadedServer) -> dict[str, str]:
    return {"id": "rc-user-1", "base_url": f"{mock.url}/v1"}


@pytest.fixture
def booked(admin: AppointmentsClient) -> Appointment:
    return admin.appointments.create(
        type="individual",
        starts_at=at(0, 9),
        ends_at=at(0, 9) + timedelta(minutes=30),
        practitioner_id=ADA,
        client_id=GRACE,
    )


def test_success_cancels_and_keeps_the_record(
    user: dict[str, str], admin: AppointmentsClient, booked: Appointment
) -> None:
    result = cancel_appointment(user, ADMIN, str(booked.id))

    assert result == {
        "successful": True,
        "returnMessage": {
            "message": "Appointment canceled.",
            "messageType": "success",
            "ttl": 3000,
        },
    }
    kept = admin.appointments.get(booked.id)  # canceled, not deleted: still readable
    assert (kept.status, kept.deleted_at) == ("canceled", None)
    assert kept.cancellation is not None
    assert (kept.cancellation.reason_code, kept.cancellation.note) == (REASON_OTHER, NOTE)
    assert kept.cancellation.notify is True


def test_an_unknown_or_deleted_appointment_is_a_warning(
    user: dict[str, str], admin: AppointmentsClient, booked: Appointment
) -> None:
    admin.appointments.delete(booked.id)

    for appointment_id in (str(uuid.uuid4()), str(booked.id), "not-an-id"):
        result = cancel_appointment(user, ADMIN, appointment_id)
        assert result["successful"] is False
        assert result["returnMessage"]["messageType"] == "warning"
        assert result["returnMessage"]["message"] == "Appointment not found."
    assert admin.appointments.get(booked.id, show_deleted=True).status == "active"


def test_an_appointment_canceled_before_is_a_warning(
    user: dict[str, str], booked: Appointment
) -> None:
    assert cancel_appointment(user, ADMIN, str(booked.id))["successful"] is True

    again = cancel_appointment(user, ADMIN, str(booked.id))

    assert again["successful"] is False
    assert again["returnMessage"] == {
        "message": "The appointment was already canceled.",
        "messageType": "warning",
        "ttl": 5000,
    }


def test_a_locked_appointment_is_an_error(
    user: dict[str, str], admin: AppointmentsClient, control: Control, booked: Appointment
) -> None:
    control.lock(booked.id, "invoiced")

    result = cancel_appointment(user, ADMIN, str(booked.id))

    assert result["successful"] is False
    assert result["returnMessage"]["messageType"] == "danger"
    assert "locked" in result["returnMessage"]["message"]
    assert admin.appointments.get(booked.id).status == "active"


def test_an_appointment_in_progress_is_an_error(
    user: dict[str, str], admin: AppointmentsClient, control: Control, booked: Appointment
) -> None:
    control.freeze(booked.starts_at + timedelta(minutes=10))

    result = cancel_appointment(user, ADMIN, str(booked.id))

    assert result["successful"] is False
    assert result["returnMessage"]["messageType"] == "danger"
    assert "in progress" in result["returnMessage"]["message"]
    assert admin.appointments.get(booked.id).status == "active"


def test_a_bad_key_or_a_missing_address_is_an_error(
    user: dict[str, str], booked: Appointment
) -> None:
    unknown_key = cancel_appointment(user, "Bearer no-such-key", str(booked.id))
    not_bearer = cancel_appointment(user, "Basic dXNlcjpwYXNz", str(booked.id))
    no_address = cancel_appointment({"id": "rc-user-1"}, ADMIN, str(booked.id))

    for result in (unknown_key, not_bearer, no_address):
        assert result["successful"] is False
        assert result["returnMessage"]["messageType"] == "danger"
    assert unknown_key["returnMessage"]["message"] == (
        "You are not allowed to cancel this appointment."
    )


def test_the_command_line_prints_the_result(
    mock: ThreadedServer, booked: Appointment, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["app_connect_adapter.py", str(booked.id), f"{mock.url}/v1", "demo-admin-key"])

    assert status == 0
    assert json.loads(capsys.readouterr().out)["returnMessage"]["messageType"] == "success"
