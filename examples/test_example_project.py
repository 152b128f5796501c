"""What a third-party project's tests look like with the appointments mock's pytest plugin.

Nothing here but the SDK and the plugin's public fixture, ``appointments_mock``: every test gets
its own mock session with fresh demo data, so the tests can run in any order and in parallel.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from appointments import GoneError, NotFoundError
from appointments_mock.pytest_plugin import AppointmentsMock


def test_canceling_keeps_the_record_and_frees_the_slot(appointments_mock: AppointmentsMock) -> None:
    client = appointments_mock.client("admin")
    practitioner_id = appointments_mock.demo.practitioner_id
    now = appointments_mock.clock.freeze()
    window = {
        "from_": now + timedelta(days=2),
        "to": now + timedelta(days=9),
        "duration_minutes": 30,
    }
    slot = next(iter(client.availability.list(practitioner_id=practitioner_id, **window)))

    booked = client.appointments.create(
        type="individual",
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        practitioner_id=practitioner_id,
        client_id=appointments_mock.demo.client_id,
    )
    assert slot not in list(client.availability.list(practitioner_id=practitioner_id, **window))

    canceled = client.appointments.cancel(
        booked.id, reason_code=30, note="Called in sick.", message="Get well soon!"
    )

    assert canceled.status == "canceled"
    assert canceled.cancellation is not None
    assert canceled.cancellation.reason_code == 30
    assert client.appointments.get(booked.id).status == "canceled"  # the record stays
    assert slot in list(client.availability.list(practitioner_id=practitioner_id, **window))


def test_a_cancel_survives_two_503s(appointments_mock: AppointmentsMock) -> None:
    grace = appointments_mock.client("client")  # the demo client's own key
    appointment_id = appointments_mock.demo.appointments["upcoming"]
    appointments_mock.fail("appointments.cancel", status=503, times=2)

    canceled = grace.appointments.cancel(appointment_id, reason_code=40)

    assert canceled.status == "canceled"
    calls = appointments_mock.journal.assert_called("appointments.cancel", times=3)
    assert [call.status for call in calls] == [503, 503, 200]
    # Every attempt carried the same Idempotency-Key: the retries cannot cancel twice.
    assert len({call.request_headers["idempotency-key"] for call in calls}) == 1


def test_a_deleted_appointment_is_gone_for_good_after_retention(
    appointments_mock: AppointmentsMock,
) -> None:
    client = appointments_mock.client("admin")
    appointment_id = appointments_mock.demo.appointments["upcoming"]

    deleted = client.appointments.delete(appointment_id)
    assert deleted.purge_at is not None
    with pytest.raises(GoneError):  # soft-deleted: restorable until purge_at
        client.appointments.get(appointment_id)

    appointments_mock.clock.advance(days=31)  # past the 30-day retention

    with pytest.raises(NotFoundError):
        client.appointments.get(appointment_id)
    history = [event.action for event in client.appointments.audit_events(appointment_id)]
    assert "appointment.deleted" in history  # the audit trail outlives the appointment


@pytest.mark.anyio
async def test_the_async_client_books_and_cancels(appointments_mock: AppointmentsMock) -> None:
    client = appointments_mock.async_client("staff")  # staff of the demo practitioner
    now = appointments_mock.clock.freeze()
    start = (now + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)

    booked = await client.appointments.create(
        type="group",
        starts_at=start,
        ends_at=start + timedelta(minutes=45),
        practitioner_id=appointments_mock.demo.practitioner_id,
        max_attendees=6,
    )
    canceled = await client.appointments.cancel(booked.id, reason_code=50, note="Room flooded.")

    assert canceled.status == "canceled"
    appointments_mock.journal.assert_called("appointments.create", times=1, status=201)
