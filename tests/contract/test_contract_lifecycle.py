"""Whole life cycles through the SDK: create, cancel (the record stays), update, delete, restore, purge.

Each test runs on its own mock session, directly and through Prism's validating proxy.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Literal
from uuid import UUID

import pytest

from appointments import (
    Appointment,
    AppointmentsClient,
    BadRequestError,
    CancelRequest,
    ConflictError,
    GoneError,
    NotFoundError,
    PermissionDeniedError,
    PreconditionFailedError,
    RepeatRule,
)
from tests.contract._support import ADA, EDSGER, GRACE, MARGARET, Api, at


def _book_individual(
    client: AppointmentsClient, hour: float = 9, client_id: UUID = GRACE
) -> Appointment:
    return client.appointments.create(
        type="individual",
        starts_at=at(0, hour),
        ends_at=at(0, hour) + timedelta(minutes=30),
        practitioner_id=ADA,
        client_id=client_id,
    )


def test_create_answers_201_with_location_and_etag(api: Api) -> None:
    raw = api.admin.with_raw_response.appointments.create(
        type="individual",
        starts_at=at(0, 9),
        ends_at=at(0, 9.5),
        practitioner_id=ADA,
        client_id=GRACE,
        notes="First visit.",
    )
    created = raw.parse()

    assert raw.status_code == 201
    assert raw.location is not None
    assert raw.location.endswith(f"/appointments/{created.id}")
    assert raw.etag == f'"{created.version}"'
    assert (created.status, created.type, created.notes) == ("active", "individual", "First visit.")
    assert created.cancellation is None
    assert created.deleted_at is None
    assert created.attendee_counts.active == 1
    assert api.admin.appointments.get(created.id) == created


def test_cancel_keeps_the_record_with_reason_note_message_and_actor(api: Api) -> None:
    admin = api.admin
    booked = _book_individual(admin)

    canceled = admin.appointments.cancel(
        booked.id,
        reason_code=30,
        note="Called in at 8:00.",
        message="Get well soon.",
        if_match=booked,
    )

    assert canceled.id == booked.id
    assert canceled.status == "canceled"
    assert canceled.version > booked.version
    cancellation = canceled.cancellation
    assert cancellation is not None
    assert (cancellation.reason_code, cancellation.reason_label) == (30, "Sick")
    assert (cancellation.note, cancellation.message) == ("Called in at 8:00.", "Get well soon.")
    assert (cancellation.notify, cancellation.apply_to_repeats) == (True, False)
    assert (cancellation.canceled_by.type, cancellation.canceled_by.id) == ("admin", "demo-admin")
    # Canceling is not deleting: the record is still there, and listed as canceled.
    assert admin.appointments.get(booked.id) == canceled
    assert [a.id for a in admin.appointments.list(status=["canceled"], client_id=GRACE)].count(
        booked.id
    ) == 1
    assert booked.id not in [a.id for a in admin.appointments.list(client_id=GRACE)]
    # Its attendee was canceled with it.
    (attendee,) = admin.attendees.list(booked.id, status=["canceled"]).items
    assert attendee.client_id == GRACE
    assert attendee.cancellation is not None
    assert attendee.cancellation.cascaded is True
    # A cancel is final.
    with pytest.raises(ConflictError) as again:
        admin.appointments.cancel(booked.id, reason_code=30)
    assert again.value.code == "already-canceled"


def test_cancel_writes_the_audit_trail_and_notifies_everyone(api: Api) -> None:
    admin = api.admin
    booked = _book_individual(admin)
    admin.appointments.cancel(booked.id, reason_code=10, message="Glad you are better.")

    events = list(admin.appointments.audit_events(booked.id))
    assert [e.action for e in events] == [
        "appointment.created",
        "attendee.added",
        "appointment.canceled",
        "attendee.canceled",
    ]
    canceled = events[2]
    assert (canceled.actor.type, canceled.actor.id) == ("admin", "demo-admin")
    assert (canceled.resource_type, canceled.resource_id) == ("appointment", booked.id)
    assert [(c.field, c.old_value, c.new_value) for c in canceled.changes] == [
        ("status", "active", "canceled")
    ]
    assert canceled.request_id

    on_cancel = [
        n for n in admin.appointments.notifications(booked.id) if n.event == "appointment.canceled"
    ]
    assert sorted((n.channel, n.recipient.type, n.status) for n in on_cancel) == [
        ("calendar_sync", "practitioner", "sent"),
        ("email", "client", "sent"),
        ("email", "practitioner", "sent"),
    ]


def test_cancel_without_notify_suppresses_emails_but_removes_the_calendar_event(api: Api) -> None:
    admin = api.admin
    booked = _book_individual(admin)

    canceled = admin.appointments.cancel(booked.id, reason_code=40, notify=False)

    assert canceled.cancellation is not None
    assert canceled.cancellation.notify is False
    on_cancel = [
        n for n in admin.appointments.notifications(booked.id) if n.event == "appointment.canceled"
    ]
    assert sorted((n.channel, n.recipient.type, n.status) for n in on_cancel) == [
        ("calendar_sync", "practitioner", "sent"),
        ("email", "client", "suppressed"),
        ("email", "practitioner", "suppressed"),
    ]


def test_group_cancel_cascades_to_the_active_attendees_only(api: Api) -> None:
    admin = api.admin
    group = admin.appointments.create(
        type="group", starts_at=at(0, 10), ends_at=at(0, 11), practitioner_id=ADA, max_attendees=3
    )
    margaret = admin.attendees.create(group.id, client_id=MARGARET)
    edsger = admin.attendees.create(group.id, client_id=EDSGER)
    admin.attendees.cancel(group.id, edsger.id, reason_code=60, message="New shift.")

    canceled = admin.appointments.cancel(group.id, reason_code=20, note="Room flooded.")

    assert (canceled.attendee_counts.total, canceled.attendee_counts.active) == (2, 0)
    assert canceled.attendee_counts.canceled == 2
    by_client = {a.client_id: a for a in admin.attendees.list(group.id, status=["canceled"])}
    cascaded, own = by_client[margaret.client_id], by_client[edsger.client_id]
    assert cascaded.cancellation is not None
    assert own.cancellation is not None
    assert (cascaded.cancellation.reason_code, cascaded.cancellation.cascaded) == (20, True)
    assert (own.cancellation.reason_code, own.cancellation.cascaded) == (60, False)
    # Only the attendee who was still coming hears about the appointment's cancel.
    emails = [
        n.recipient.id
        for n in admin.appointments.notifications(group.id)
        if n.event == "appointment.canceled"
        and n.channel == "email"
        and n.recipient.type == "client"
    ]
    assert emails == [margaret.client_id]


def test_series_cancel_with_apply_to_repeats_cancels_this_and_the_following_ones(api: Api) -> None:
    admin = api.admin
    first = admin.appointments.create(
        type="group",
        starts_at=at(1, 9),
        ends_at=at(1, 10),
        practitioner_id=ADA,
        max_attendees=5,
        repeat_rule=RepeatRule(frequency="weekly", interval=1, count=4),
    )
    assert first.series_id is not None
    assert first.repeat_rule is not None
    series = list(admin.appointments.list(series_id=first.series_id, order_by="starts_at"))
    assert [s.starts_at for s in series] == [at(1 + 7 * k, 9) for k in range(4)]
    assert series[0].id == first.id

    admin.appointments.cancel(series[1].id, reason_code=40, apply_to_repeats=True)

    after = list(
        admin.appointments.list(
            series_id=first.series_id, status=["active", "canceled"], order_by="starts_at"
        )
    )
    assert [s.status for s in after] == ["active", "canceled", "canceled", "canceled"]
    assert {s.cancellation.apply_to_repeats for s in after[1:] if s.cancellation} == {True}
    assert {s.cancellation.reason_code for s in after[1:] if s.cancellation} == {40}


def test_update_with_a_current_etag_succeeds_and_a_stale_one_changes_nothing(api: Api) -> None:
    admin = api.admin
    booked = _book_individual(admin)
    etag = admin.with_raw_response.appointments.get(booked.id).etag
    assert etag is not None

    raw = admin.with_raw_response.appointments.update(
        booked.id, notes="Bring X-rays.", if_match=etag
    )
    updated = raw.parse()
    assert raw.status_code == 200
    assert updated.notes == "Bring X-rays."
    assert raw.etag == f'"{updated.version}"' != etag

    with pytest.raises(PreconditionFailedError) as stale:
        admin.appointments.update(booked.id, notes="Overwrite.", if_match=etag)
    assert stale.value.current_etag == raw.etag
    assert admin.appointments.get(booked.id).notes == "Bring X-rays."
    updates = [
        e for e in admin.appointments.audit_events(booked.id) if e.action == "appointment.updated"
    ]
    assert [[(c.field, c.old_value, c.new_value) for c in e.changes] for e in updates] == [
        [("notes", None, "Bring X-rays.")]
    ]


def test_a_canceled_appointment_cannot_be_reactivated(api: Api) -> None:
    admin = api.admin
    booked = _book_individual(admin)
    # `{"status": "canceled", "cancellation": {...}}` is a cancel, recording what it is given.
    canceled = admin.appointments.update(
        booked.id, status="canceled", cancellation=CancelRequest(reason_code=30, note="Sick")
    )
    assert canceled.status == "canceled"
    assert canceled.cancellation is not None
    assert (canceled.cancellation.reason_code, canceled.cancellation.note) == (30, "Sick")

    with pytest.raises(ConflictError) as error:
        admin.appointments.update(booked.id, status="active")

    assert error.value.code == "cannot-reactivate"
    assert admin.appointments.get(booked.id).status == "canceled"


def test_delete_restore_delete_purge(api: Api) -> None:
    admin = api.admin
    booked = _book_individual(admin)
    admin.appointments.cancel(booked.id, reason_code=30)

    deleted = admin.appointments.delete(booked.id)
    assert deleted.deleted_at is not None
    assert deleted.purge_at is not None
    assert deleted.purge_at - deleted.deleted_at == timedelta(days=30)
    assert deleted.status == "canceled"
    with pytest.raises(GoneError) as gone:
        admin.appointments.get(booked.id)
    assert (gone.value.deleted_at, gone.value.purge_at) == (deleted.deleted_at, deleted.purge_at)
    assert admin.appointments.get(booked.id, show_deleted=True).deleted_at == deleted.deleted_at
    both: list[Literal["active", "canceled"]] = ["active", "canceled"]
    assert booked.id not in [a.id for a in admin.appointments.list(status=both)]
    assert booked.id in [a.id for a in admin.appointments.list(status=both, deleted="only")]

    restored = admin.appointments.restore(booked.id)
    assert (restored.status, restored.deleted_at, restored.purge_at) == ("canceled", None, None)
    assert admin.appointments.get(booked.id).id == booked.id

    admin.appointments.delete(booked.id)
    with pytest.raises(PermissionDeniedError):
        api.client("api_client").appointments.purge(booked.id)
    assert admin.appointments.purge(booked.id) is None

    with pytest.raises(NotFoundError):
        admin.appointments.get(booked.id)
    with pytest.raises(NotFoundError):
        admin.appointments.get(booked.id, show_deleted=True)
    # The history outlives the record.
    actions = [e.action for e in admin.appointments.audit_events(booked.id)]
    assert actions[-4:] == [
        "appointment.deleted",
        "appointment.restored",
        "appointment.deleted",
        "appointment.purged",
    ]
    assert [e.action for e in admin.audit_events.list(appointment_id=booked.id)] == actions


def test_delete_notifies_nobody_unless_asked(api: Api) -> None:
    admin = api.admin
    quiet, loud = _book_individual(admin, 9), _book_individual(admin, 10, MARGARET)

    admin.appointments.delete(quiet.id)
    admin.appointments.delete(loud.id, notify=True)

    def on_delete(appointment: Appointment) -> list[tuple[str, str]]:
        notes = admin.appointments.notifications(appointment.id)
        return sorted(
            (n.channel, n.recipient.type) for n in notes if n.event == "appointment.deleted"
        )

    assert on_delete(quiet) == []
    assert on_delete(loud) == [
        ("calendar_sync", "practitioner"),
        ("email", "client"),
        ("email", "practitioner"),
    ]


def test_a_locked_appointment_can_be_neither_canceled_nor_deleted(api: Api) -> None:
    admin = api.admin
    booked = _book_individual(admin)
    api.control.lock(booked.id, "invoiced")

    with pytest.raises(ConflictError) as cancel:
        admin.appointments.cancel(booked.id, reason_code=30)
    with pytest.raises(ConflictError) as delete:
        admin.appointments.delete(booked.id)

    assert cancel.value.code == delete.value.code == "appointment-locked"
    locked = admin.appointments.get(booked.id)
    assert (locked.status, locked.locked, locked.lock_reason) == ("active", True, "invoiced")


def test_an_appointment_in_progress_can_be_neither_canceled_nor_deleted(api: Api) -> None:
    admin = api.admin
    booked = _book_individual(admin)
    api.control.freeze(booked.starts_at + timedelta(minutes=10))

    assert admin.appointments.get(booked.id).in_progress is True
    with pytest.raises(ConflictError) as cancel:
        admin.appointments.cancel(booked.id, reason_code=30)
    with pytest.raises(ConflictError) as delete:
        admin.appointments.delete(booked.id)
    assert cancel.value.code == delete.value.code == "appointment-in-progress"

    api.control.advance(hours=1)
    with pytest.raises(ConflictError) as ended:
        admin.appointments.cancel(booked.id, reason_code=30)
    assert ended.value.code == "appointment-ended"


def test_delete_restore_and_purge_refuse_the_wrong_state(api: Api) -> None:
    admin = api.admin
    booked = _book_individual(admin)

    with pytest.raises(ConflictError) as restore_live:
        admin.appointments.restore(booked.id)
    with pytest.raises(ConflictError) as purge_live:
        admin.appointments.purge(booked.id)
    admin.appointments.delete(booked.id)
    with pytest.raises(GoneError):
        admin.appointments.delete(booked.id)
    with pytest.raises(GoneError):
        admin.appointments.update(booked.id, notes="Too late.")
    with pytest.raises(GoneError):
        admin.appointments.cancel(booked.id, reason_code=30)

    assert restore_live.value.code == purge_live.value.code == "not-deleted"
    # Its slot was freed by the delete and taken again: it cannot come back over the new booking.
    taken = _book_individual(admin, client_id=MARGARET)
    with pytest.raises(ConflictError) as restore_over:
        admin.appointments.restore(booked.id)
    assert restore_over.value.code == "slot-conflict"
    assert restore_over.value.problem is not None
    assert restore_over.value.problem.conflicting_appointment_ids == [taken.id]


def test_the_retention_running_out_on_the_session_clock_purges_for_good(api: Api) -> None:
    admin = api.admin
    booked = _book_individual(admin)
    api.control.freeze(at(-10, 0))
    deleted = admin.appointments.delete(booked.id)
    assert deleted.purge_at == at(20, 0)

    api.control.advance(days=29, hours=23)
    assert admin.appointments.get(booked.id, show_deleted=True).id == booked.id
    api.control.advance(hours=1)

    with pytest.raises(NotFoundError):
        admin.appointments.get(booked.id, show_deleted=True)
    with pytest.raises(NotFoundError):
        admin.appointments.restore(booked.id)
    actions = [e.action for e in admin.appointments.audit_events(booked.id)]
    assert actions[-2:] == ["appointment.deleted", "appointment.purged"]
    purged = list(admin.audit_events.list(appointment_id=booked.id, action="appointment.purged"))
    assert [e.actor.type for e in purged] == ["system"]


@pytest.mark.parametrize("by_status", [False, True], ids=["cancel", "update-status"])
def test_a_reason_that_needs_a_note_needs_it_whichever_way_one_cancels(
    api: Api, by_status: bool
) -> None:
    admin = api.admin
    booked = _book_individual(admin)

    def cancel() -> Appointment:
        if by_status:
            return admin.appointments.update(
                booked.id, status="canceled", cancellation=CancelRequest(reason_code=50)
            )
        return admin.appointments.cancel(booked.id, reason_code=50)

    with pytest.raises(BadRequestError) as error:
        cancel()
    assert error.value.code == "note-required"
    assert admin.appointments.get(booked.id).status == "active"


def test_a_status_cancel_without_its_reason_is_refused(api: Api) -> None:
    admin = api.admin
    booked = _book_individual(admin)
    with pytest.raises(BadRequestError) as error:
        admin.appointments.update(booked.id, status="canceled")
    assert error.value.code == "validation-error"
    assert admin.appointments.get(booked.id).status == "active"
