"""Attendees through the SDK: add, record attendance, cancel one seat, delete, restore."""

from __future__ import annotations

from datetime import timedelta

import pytest

from appointments import Appointment, ConflictError, GoneError
from tests.contract._support import ADA, EDSGER, GRACE, MARGARET, Api, at


def _group(api: Api, seats: int = 2) -> Appointment:
    return api.admin.appointments.create(
        type="group",
        starts_at=at(0, 10),
        ends_at=at(0, 11),
        practitioner_id=ADA,
        max_attendees=seats,
    )


def test_canceling_one_attendee_frees_the_seat_and_keeps_the_record(api: Api) -> None:
    admin = api.admin
    group = _group(api, seats=2)
    margaret = admin.attendees.create(group.id, client_id=MARGARET, notes="Wheelchair.")
    edsger = admin.attendees.create(group.id, client_id=EDSGER)
    with pytest.raises(ConflictError) as full:
        admin.attendees.create(group.id, client_id=GRACE)
    assert full.value.code == "appointment-full"

    canceled = admin.attendees.cancel(
        group.id, edsger.id, reason_code=60, note="Shift changed.", message="See you next time."
    )

    assert canceled.status == "canceled"
    assert canceled.cancellation is not None
    assert (canceled.cancellation.reason_code, canceled.cancellation.message) == (
        60,
        "See you next time.",
    )
    assert canceled.cancellation.cascaded is False
    assert admin.attendees.get(group.id, edsger.id) == canceled
    assert [a.id for a in admin.attendees.list(group.id)] == [margaret.id]
    assert [a.id for a in admin.attendees.list(group.id, status=["canceled"])] == [edsger.id]
    counts = admin.appointments.get(group.id).attendee_counts
    assert (counts.total, counts.active, counts.canceled) == (2, 1, 1)
    # The freed seat can be booked again; the appointment itself stays active.
    grace = admin.attendees.create(group.id, client_id=GRACE)
    assert grace.status == "active"
    assert admin.appointments.get(group.id).status == "active"
    # A canceled attendee is view-only, and cannot be canceled twice.
    with pytest.raises(ConflictError) as view_only:
        admin.attendees.update(group.id, edsger.id, notes="Changed my mind.")
    assert view_only.value.code == "attendee-canceled"
    with pytest.raises(ConflictError) as again:
        admin.attendees.cancel(group.id, edsger.id, reason_code=60)
    assert again.value.code == "already-canceled"


def test_attendee_cancel_is_audited_and_notifies_the_client_unless_told_not_to(api: Api) -> None:
    admin = api.admin
    group = _group(api)
    told = admin.attendees.create(group.id, client_id=MARGARET)
    quiet = admin.attendees.create(group.id, client_id=EDSGER)

    admin.attendees.cancel(group.id, told.id, reason_code=40)
    admin.attendees.cancel(group.id, quiet.id, reason_code=40, notify=False)

    emails = sorted(
        (str(n.recipient.id), n.status)
        for n in admin.appointments.notifications(group.id)
        if n.event == "attendee.canceled" and n.channel == "email"
    )
    assert emails == sorted([(str(MARGARET), "sent"), (str(EDSGER), "suppressed")])
    events = [e for e in admin.appointments.audit_events(group.id) if e.resource_type == "attendee"]
    assert [(e.action, e.resource_id) for e in events] == [
        ("attendee.added", told.id),
        ("attendee.added", quiet.id),
        ("attendee.canceled", told.id),
        ("attendee.canceled", quiet.id),
    ]


def test_attendance_is_recorded_with_if_match(api: Api) -> None:
    admin = api.admin
    group = _group(api)
    seat = admin.attendees.create(group.id, client_id=MARGARET)
    api.control.freeze(at(0, 10.5))

    arrived = admin.attendees.update(group.id, seat.id, attendance="arrived", if_match=seat)

    assert arrived.attendance == "arrived"
    assert arrived.version == seat.version + 1
    (event,) = [
        e for e in admin.appointments.audit_events(group.id) if e.action == "attendee.updated"
    ]
    assert [(c.field, c.old_value, c.new_value) for c in event.changes] == [
        ("attendance", "unknown", "arrived")
    ]


def test_attendee_delete_and_restore(api: Api) -> None:
    admin = api.admin
    group = _group(api)
    seat = admin.attendees.create(group.id, client_id=MARGARET)

    deleted = admin.attendees.delete(group.id, seat.id)

    assert deleted.deleted_at is not None
    assert deleted.purge_at is not None
    with pytest.raises(GoneError) as gone:
        admin.attendees.get(group.id, seat.id)
    assert gone.value.purge_at == deleted.purge_at
    assert admin.attendees.list(group.id).items == []
    assert [a.id for a in admin.attendees.list(group.id, deleted="only")] == [seat.id]
    assert admin.appointments.get(group.id).attendee_counts.active == 0

    restored = admin.attendees.restore(group.id, seat.id)

    assert (restored.status, restored.deleted_at) == ("active", None)
    assert admin.attendees.get(group.id, seat.id).id == seat.id
    assert admin.appointments.get(group.id).attendee_counts.active == 1
    actions = [e.action for e in admin.appointments.audit_events(group.id)]
    assert actions[-2:] == ["attendee.deleted", "attendee.restored"]


def test_a_deleted_attendee_cannot_come_back_into_a_full_group(api: Api) -> None:
    admin = api.admin
    group = _group(api, seats=1)
    seat = admin.attendees.create(group.id, client_id=MARGARET)
    admin.attendees.delete(group.id, seat.id)
    admin.attendees.create(group.id, client_id=EDSGER)  # the freed seat is taken

    with pytest.raises(ConflictError) as error:
        admin.attendees.restore(group.id, seat.id)

    assert error.value.code == "appointment-full"
    assert admin.attendees.get(group.id, seat.id, show_deleted=True).deleted_at is not None


def test_the_attendee_of_an_individual_appointment_is_canceled_with_the_appointment(
    api: Api,
) -> None:
    admin = api.admin
    booked = admin.appointments.create(
        type="individual",
        starts_at=at(0, 9),
        ends_at=at(0, 9) + timedelta(minutes=30),
        practitioner_id=ADA,
        client_id=GRACE,
    )
    (attendee,) = admin.attendees.list(booked.id).items

    with pytest.raises(ConflictError) as error:
        admin.attendees.cancel(booked.id, attendee.id, reason_code=30)

    assert error.value.code == "use-appointment-cancel"
    assert admin.attendees.get(booked.id, attendee.id).status == "active"
    assert admin.appointments.get(booked.id).status == "active"
