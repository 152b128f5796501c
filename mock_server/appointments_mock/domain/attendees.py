"""The attendee life cycle: seats of group appointments (an individual appointment has one).

Canceled attendees are view-only; only active, live attendees hold a seat, count toward
``max_attendees`` and toward the client's booking limit. The attendee of an individual
appointment follows its appointment (409 ``use-appointment-cancel`` / ``use-appointment-delete``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from appointments_mock.domain import notify
from appointments_mock.domain.context import Call
from appointments_mock.domain.guards import (
    appointment_gone,
    check_if_match,
    client_attends,
    find_appointment,
    find_attendee,
    require_role,
    sees_attendee,
)
from appointments_mock.domain.lifecycle import transaction
from appointments_mock.domain.paging import Pager
from appointments_mock.domain.problems import (
    body_error,
    forbidden,
    not_found,
    parameter_error,
    problem,
    validation_error,
)
from appointments_mock.domain.rules import (
    active_attendees,
    cancellation_from,
    check_booking_limit,
    check_unlocked,
)
from appointments_mock.domain.serialize import attendee_json, in_progress, ts
from appointments_mock.domain.values import later
from appointments_mock.store import Appointment, Attendee, FieldChange, World

_STATUSES = ("active", "canceled")
_DELETED = {"exclude": (False,), "include": (False, True), "only": (True,)}


def _touch(world: World, appt: Appointment, now: Any) -> None:
    """The appointment's ``attendee_counts`` changed: a new version of the appointment."""
    with world.changing(appt):
        appt.version += 1
        appt.updated_at = now


def _record(
    world: World, call: Call, action: str, attendee: Attendee, *changes: FieldChange
) -> None:
    world.record(
        action=action,
        actor=call.actor,
        at=call.now,
        appointment_id=attendee.appointment_id,
        resource_type="attendee",
        resource_id=attendee.id,
        changes=changes,
        request_id=call.request_id,
    )


def _check_full(world: World, appt: Appointment) -> None:
    seated = len(active_attendees(world, appt))
    if appt.max_attendees is not None and seated >= appt.max_attendees:
        raise problem(
            "appointment-full",
            f"All {appt.max_attendees} seats are taken.",
        )


def list_attendees(
    world: World,
    call: Call,
    appointment_id: str,
    *,
    status: Sequence[str] | None = None,
    deleted: str | None = None,
    page_size: int | None = None,
    page_token: str | None = None,
) -> dict[str, Any]:
    """One page of an appointment's attendees (default: active, not deleted)."""
    wanted = list(dict.fromkeys(status or ["active"]))
    deleted = deleted or "exclude"
    errors = [
        parameter_error("status", f"{s!r} is not one of {list(_STATUSES)}")
        for s in wanted
        if s not in _STATUSES
    ]
    if deleted not in _DELETED:
        errors.append(parameter_error("deleted", f"{deleted!r} is not one of {list(_DELETED)}"))
    if errors:
        raise validation_error(errors)
    pager = Pager(
        "attendees.list",
        {"appointment_id": appointment_id, "status": sorted(wanted), "deleted": deleted},
        page_size,
        page_token,
    )
    flags = _DELETED[deleted]
    with transaction(world, call):
        appt = find_appointment(world, call, appointment_id)
        found = [
            a
            for a in world.attendees_of(appt)
            if a.status in wanted and a.deleted in flags and sees_attendee(call.actor, a)
        ]
        return pager.page([attendee_json(a) for a in pager.slice(found)], len(found))


def get_attendee(
    world: World, call: Call, appointment_id: str, attendee_id: str, *, show_deleted: bool = False
) -> dict[str, Any]:
    """One attendee; 410 if it (or its appointment) is soft-deleted, unless ``show_deleted``."""
    with transaction(world, call):
        appt = find_appointment(world, call, appointment_id, allow_deleted=show_deleted)
        attendee = find_attendee(world, call, appt, attendee_id, allow_deleted=show_deleted)
        return attendee_json(attendee)


def _find_for_create(world: World, call: Call, appointment_id: str) -> Appointment:
    """Clients may join any active group appointment; others need to see the appointment."""
    if call.actor.type != "client":
        return find_appointment(world, call, appointment_id)
    appt = world.appointments.get(appointment_id)
    # A client never sees canceled appointments, nor other clients' individual ones.
    if (
        appt is None
        or appt.status != "active"
        or (appt.type == "individual" and appt.client_id != call.actor.client_id)
    ):
        raise not_found("Appointment", appointment_id)
    if appt.deleted:
        # A deleted appointment is hidden from clients that do not attend it: 404, as for any
        # other id, so that a client cannot learn which ids were deleted (and their purge_at).
        if not client_attends(world, call.actor.client_id, appt):
            raise not_found("Appointment", appointment_id)
        raise appointment_gone(appt)
    return appt


def create_attendee(
    world: World, call: Call, appointment_id: str, body: Mapping[str, Any]
) -> dict[str, Any]:
    """Book a client into a group appointment."""
    client_id = body.get("client_id")
    if call.actor.type == "client" and client_id != call.actor.client_id:
        raise forbidden("Client keys may book for themselves only.")
    now = call.now
    with transaction(world, call):
        appt = _find_for_create(world, call, appointment_id)
        if appt.type == "individual":
            raise problem(
                "use-group-appointment", "An individual appointment has exactly one attendee."
            )
        if appt.status == "canceled":
            raise problem("appointment-canceled", "Canceled appointments are view-only.")
        if appt.ends_at <= now:
            raise problem("appointment-ended", f"The appointment ended at {ts(appt.ends_at)}.")
        known = isinstance(client_id, str) and client_id in world.clients
        if known:
            for existing in active_attendees(world, appt):
                if existing.client_id == client_id:
                    raise problem(
                        "attendee-exists",
                        f"Client {client_id} already attends as {existing.id}.",
                    )
        _check_full(world, appt)
        if known:
            check_booking_limit(world, [str(client_id)], now, 1)
        else:
            raise validation_error([body_error("/client_id", "unknown client")])
        attendee = Attendee(
            id=world.new_id(),
            appointment_id=appt.id,
            client_id=str(client_id),
            created_at=now,
            updated_at=now,
            notes=body.get("notes"),
        )
        world.add_attendee(attendee)
        _touch(world, appt, now)
        _record(world, call, "attendee.added", attendee)
        notify.email_clients(world, appt, [attendee], "attendee.added", now)
        notify.email_practitioner(world, appt, "attendee.added", now)
        return attendee_json(attendee)


def _find_live(
    world: World, call: Call, appointment_id: str, attendee_id: str, *, allow_deleted: bool = False
) -> tuple[Appointment, Attendee]:
    appt = find_appointment(world, call, appointment_id)
    attendee = find_attendee(world, call, appt, attendee_id, allow_deleted=allow_deleted)
    check_if_match(call, attendee.version)
    return appt, attendee


def update_attendee(
    world: World, call: Call, appointment_id: str, attendee_id: str, body: Mapping[str, Any]
) -> dict[str, Any]:
    """Record attendance or change notes (canceled attendees are view-only)."""
    require_role(
        call, "admin", "api_client", "staff", detail="Client keys may not change attendees."
    )
    now = call.now
    with transaction(world, call):
        appt, attendee = _find_live(world, call, appointment_id, attendee_id)
        if attendee.status == "canceled":
            raise problem("attendee-canceled", "Canceled attendees are view-only.")
        if appt.status == "canceled":
            raise problem("appointment-canceled", "Canceled appointments are view-only.")
        check_unlocked(appt)
        errors = []
        attendance = body.get("attendance", attendee.attendance)
        if attendance not in ("unknown", "arrived", "did_not_arrive"):
            errors.append(body_error("/attendance", f"{attendance!r} is not an attendance"))
        notes = body.get("notes", attendee.notes)
        if notes is not None and not isinstance(notes, str):
            errors.append(body_error("/notes", "notes must be a string or null"))
        if errors:
            raise validation_error(errors)
        changes = [
            FieldChange(name, old, new)
            for name, old, new in (
                ("attendance", attendee.attendance, attendance),
                ("notes", attendee.notes, notes),
            )
            if old != new
        ]
        if changes:
            with world.changing_attendee(attendee):
                attendee.attendance = attendance
                attendee.notes = notes
                attendee.version += 1
                attendee.updated_at = now
            _record(world, call, "attendee.updated", attendee, *changes)
        return attendee_json(attendee)


def cancel_attendee(
    world: World, call: Call, appointment_id: str, attendee_id: str, body: Mapping[str, Any]
) -> dict[str, Any]:
    """Cancel one seat of a group appointment (final); frees the seat and the booking limit."""
    now = call.now
    with transaction(world, call):
        appt, attendee = _find_live(world, call, appointment_id, attendee_id)
        if appt.type == "individual":
            raise problem(
                "use-appointment-cancel",
                "The attendee of an individual appointment is canceled by canceling the "
                "appointment.",
            )
        if attendee.status == "canceled":
            raise problem("already-canceled", "The attendee is already canceled.")
        if appt.status == "canceled":
            raise problem("appointment-canceled", "Canceled appointments are view-only.")
        check_unlocked(appt)
        if in_progress(appt, now):
            raise problem("appointment-in-progress", "The appointment runs now.")
        if appt.ends_at <= now:
            raise problem("appointment-ended", f"The appointment ended at {ts(appt.ends_at)}.")
        cancellation = cancellation_from(world, call, body)
        with world.changing_attendee(attendee):
            attendee.status = "canceled"
            attendee.cancellation = cancellation
            attendee.version += 1
            attendee.updated_at = now
        _touch(world, appt, now)
        _record(
            world, call, "attendee.canceled", attendee, FieldChange("status", "active", "canceled")
        )
        status: Literal["sent", "suppressed"] = "sent" if cancellation.notify else "suppressed"
        notify.email_clients(world, appt, [attendee], "attendee.canceled", now, status)
        return attendee_json(attendee)


def delete_attendee(
    world: World, call: Call, appointment_id: str, attendee_id: str
) -> dict[str, Any]:
    """Soft-delete an attendee of a group appointment; its seat is freed."""
    require_role(
        call, "admin", "api_client", "staff", detail="Client keys may not delete attendees."
    )
    now = call.now
    with transaction(world, call):
        appt, attendee = _find_live(world, call, appointment_id, attendee_id)
        if appt.type == "individual":
            raise problem(
                "use-appointment-delete",
                "The attendee of an individual appointment is deleted with the appointment.",
            )
        check_unlocked(appt)
        if in_progress(appt, now):
            raise problem("appointment-in-progress", "The appointment runs now.")
        with world.changing_attendee(attendee):
            attendee.deleted_at = now
            attendee.purge_at = later(now, world.retention)
            attendee.version += 1
            attendee.updated_at = now
        world.schedule_purge("attendee", attendee.id)
        _touch(world, appt, now)
        _record(
            world,
            call,
            "attendee.deleted",
            attendee,
            FieldChange("deleted_at", None, ts(attendee.deleted_at)),
            FieldChange("purge_at", None, ts(attendee.purge_at)),
        )
        return attendee_json(attendee)


def restore_attendee(
    world: World, call: Call, appointment_id: str, attendee_id: str
) -> dict[str, Any]:
    """Undo a soft delete; an active attendee needs its seat and booking limit back."""
    require_role(
        call, "admin", "api_client", "staff", detail="Client keys may not restore attendees."
    )
    now = call.now
    with transaction(world, call):
        appt, attendee = _find_live(world, call, appointment_id, attendee_id, allow_deleted=True)
        if not attendee.deleted:
            raise problem("not-deleted", "Only soft-deleted records can be restored or purged.")
        if attendee.status == "active" and appt.status == "active":
            for existing in active_attendees(world, appt):
                if existing.client_id == attendee.client_id:
                    raise problem(
                        "attendee-exists",
                        f"Client {attendee.client_id} already attends as {existing.id}.",
                    )
            _check_full(world, appt)
            if appt.ends_at > now:
                check_booking_limit(world, [attendee.client_id], now, 1)
        changes = (
            FieldChange("deleted_at", ts(attendee.deleted_at), None),
            FieldChange("purge_at", ts(attendee.purge_at), None),
        )
        with world.changing_attendee(attendee):
            attendee.deleted_at = None
            attendee.purge_at = None
            attendee.version += 1
            attendee.updated_at = now
        _touch(world, appt, now)
        _record(world, call, "attendee.restored", attendee, *changes)
        return attendee_json(attendee)
