"""The plugin's webhook receiver (``webhook_receiver`` / ``appointments_mock.webhooks``), used from
a fresh test project, in process (no socket) and over a socket."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

RECEIVER_TESTS = """
import time

import pytest
from appointments import AppointmentCanceledEvent

def test_a_cancel_reaches_the_receiver(appointments_mock, webhook_receiver):
    client = appointments_mock.client("admin")
    appointment = appointments_mock.demo.appointments["upcoming"]
    client.appointments.cancel(appointment, reason_code=10)
    event = webhook_receiver.wait_for("appointment.canceled", timeout=10)
    assert isinstance(event, AppointmentCanceledEvent)
    assert str(event.data.id) == appointment
    assert appointments_mock.webhooks is webhook_receiver

def test_retries_are_due_on_the_session_clock(appointments_mock, webhook_receiver):
    appointments_mock.clock.freeze()
    webhook_receiver.respond_with(500, times=2)
    client = appointments_mock.client("admin")
    client.appointments.cancel(appointments_mock.demo.appointments["upcoming"], reason_code=10)
    first = webhook_receiver.wait_for_attempts(1, event_type="appointment.canceled", timeout=15)
    appointments_mock.clock.advance(minutes=5)
    webhook_receiver.wait_for_attempts(2, event_type="appointment.canceled", timeout=15)
    appointments_mock.clock.advance(minutes=5)
    attempts = webhook_receiver.wait_for_attempts(3, event_type="appointment.canceled", timeout=15)
    assert [a.status for a in attempts] == [500, 500, 204]
    assert {a.webhook_id for a in attempts} == {first[0].webhook_id}
    webhook_receiver.wait_for("appointment.canceled", timeout=15)
    journal = [e for e in appointments_mock.journal.entries() if e.kind == "webhook"]
    assert "appointment.canceled" in {e.operation_id for e in journal}

def test_a_delivery_fault_fails_without_sending(appointments_mock, webhook_receiver):
    appointments_mock.clock.freeze()
    webhook_receiver.fail(503, times=1, event_type="appointment.canceled")
    client = appointments_mock.client("admin")
    client.appointments.cancel(appointments_mock.demo.appointments["upcoming"], reason_code=10)
    journal = appointments_mock.journal
    deadline = time.monotonic() + 2
    while not [e for e in journal.entries() if e.kind == "webhook"] and time.monotonic() < deadline:
        time.sleep(0.02)
    assert webhook_receiver.attempts == []  # nothing was sent; attendee.canceled waits behind it
    (delivery,) = [d for d in webhook_receiver.deliveries() if d.event_type == "appointment.canceled"]
    assert delivery.status == "pending" and delivery.attempts[0].response_status == 503
    appointments_mock.clock.advance(seconds=5)
    webhook_receiver.wait_for("attendee.canceled", timeout=15)
    assert [a.type for a in webhook_receiver.attempts] == ["appointment.canceled", "attendee.canceled"]

def test_a_rotated_secret_is_verified(appointments_mock, webhook_receiver):
    old = webhook_receiver.secret
    new = webhook_receiver.rotate_secret(grace_period_seconds=60)
    assert new != old and webhook_receiver.secrets == [new, old]
    appointments_mock.client("admin").appointments.cancel(
        appointments_mock.demo.appointments["upcoming"], reason_code=10
    )
    received = webhook_receiver.wait_for_attempts(1, timeout=15)
    assert len(received[0].headers["webhook-signature"].split()) == 2 and received[0].error is None
"""


@pytest.mark.parametrize("mode", ["inprocess", "socket"])
def test_the_receiver_works_in_every_mode(pytester: pytest.Pytester, mode: str) -> None:
    pytester.makepyfile(RECEIVER_TESTS)
    result = pytester.runpytest_subprocess(
        f"--appointments-mock={mode}", "-q", "-p", "no:cacheprovider"
    )
    result.assert_outcomes(passed=4)
