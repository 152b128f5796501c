"""Canceled and deleted appointments give their time and their booking back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from appointments import AppointmentsClient, ConflictError
from tests.contract._support import ADA, GRACE, Api, at


def _free_starts(client: AppointmentsClient) -> list[datetime]:
    """Dr. Lovelace's free half hours on Monday 3 March 2031 (09:00-17:00 Berlin = 08:00-16:00 UTC)."""
    slots = client.availability.list(
        practitioner_id=ADA, from_=at(0, 0), to=at(1, 0), duration_minutes=30
    )
    return [slot.starts_at for slot in slots]


def test_a_canceled_appointment_gives_its_slot_back(api: Api) -> None:
    admin = api.admin
    before = _free_starts(admin)
    assert before[0] == at(0, 8)
    assert before[-1] == at(0, 15.5)
    assert at(0, 9) in before

    booked = admin.appointments.create(
        type="individual",
        starts_at=at(0, 9),
        ends_at=at(0, 9.5),
        practitioner_id=ADA,
        client_id=GRACE,
    )
    assert _free_starts(admin) == [s for s in before if s != at(0, 9)]
    with pytest.raises(ConflictError) as taken:
        admin.appointments.create(
            type="group",
            starts_at=at(0, 9),
            ends_at=at(0, 10),
            practitioner_id=ADA,
            max_attendees=3,
        )
    assert taken.value.code == "slot-conflict"
    assert taken.value.problem is not None
    assert taken.value.problem.conflicting_appointment_ids == [booked.id]

    admin.appointments.cancel(booked.id, reason_code=10)

    assert _free_starts(admin) == before
    admin.appointments.create(
        type="group", starts_at=at(0, 9), ends_at=at(0, 10), practitioner_id=ADA, max_attendees=3
    )


def test_a_deleted_appointment_frees_its_slot_until_restored(api: Api) -> None:
    admin = api.admin
    before = _free_starts(admin)
    booked = admin.appointments.create(
        type="individual",
        starts_at=at(0, 9),
        ends_at=at(0, 9.5),
        practitioner_id=ADA,
        client_id=GRACE,
    )
    admin.appointments.delete(booked.id)
    assert _free_starts(admin) == before

    admin.appointments.restore(booked.id)

    assert at(0, 9) not in _free_starts(admin)


def test_a_cancel_frees_the_clients_booking_limit(api: Api) -> None:
    admin = api.admin
    limit = admin.clients.get(GRACE).booking_limit
    assert limit is not None
    held = len(list(admin.appointments.list(client_id=GRACE, starts_after=datetime.now(UTC))))
    assert held < limit, "the demo data should leave Grace Hopper room for one more booking"

    def book(hour: float) -> None:
        start = at(0, hour)
        admin.appointments.create(
            type="individual",
            starts_at=start,
            ends_at=start + timedelta(minutes=30),
            practitioner_id=ADA,
            client_id=GRACE,
        )

    for hour in range(9, 9 + limit - held):
        book(hour)
    with pytest.raises(ConflictError) as error:
        book(14)
    assert error.value.code == "booking-limit-reached"

    mine = next(iter(admin.appointments.list(client_id=GRACE, starts_after=at(0, 0))))
    admin.appointments.cancel(mine.id, reason_code=40)

    book(14)
    assert (
        len(list(admin.appointments.list(client_id=GRACE, starts_after=at(0, 0)))) == limit - held
    )
