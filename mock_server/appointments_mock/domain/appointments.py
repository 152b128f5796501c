"""The appointment life cycle: create, read, update, cancel, soft delete, restore, purge.

State = status (active | canceled) x lifecycle (live | deleted | purged). Cancel is final; delete
hides until ``purge_at``; restore brings the record back as it was; purge erases it, leaving
the audit trail. Guards run in the order 403 -> 404 -> 410 -> 412 -> 409 -> 400.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any, Literal

from appointments_mock.domain import notify
from appointments_mock.domain.body_rules import body_instant, booking, check_times
from appointments_mock.domain.context import Call
from appointments_mock.domain.guards import (
    check_if_match,
    find_appointment,
    require_role,
    sees_appointment,
)
from appointments_mock.domain.lifecycle import purge, transaction
from appointments_mock.domain.listing import list_appointments
from appointments_mock.domain.problems import body_error, forbidden, problem, validation_error
from appointments_mock.domain.rules import (
    active_attendees,
    cancellation_from,
    check_booking_limit,
    check_cancelable,
    check_slot,
    check_unlocked,
)
from appointments_mock.domain.serialize import appointment_json, in_progress, ts
from appointments_mock.domain.values import integer, is_time_zone, later
from appointments_mock.store import Appointment, Attendee, Cancellation, FieldChange, World

__all__ = [
    "cancel_appointment",
    "create_appointment",
    "delete_appointment",
    "get_appointment",
    "list_appointments",
    "purge_appointment",
    "restore_appointment",
    "update_appointment",
]

MAX_DURATION = timedelta(hours=24)
_FREQUENCIES = ("daily", "weekly", "monthly")


# --- read --------------------------------------------------------------------------------------


def get_appointment(
    world: World, call: Call, appointment_id: str, *, show_deleted: bool = False
) -> dict[str, Any]:
    """One appointment; 410 while soft-deleted unless ``show_deleted``."""
    with transaction(world, call):
        appt = find_appointment(world, call, appointment_id, allow_deleted=show_deleted)
        return appointment_json(world, appt, call.now)


# --- create ------------------------------------------------------------------------------------


def create_appointment(world: World, call: Call, body: Mapping[str, Any]) -> dict[str, Any]:
    """Book an individual or group appointment, or materialize a series (all or nothing)."""
    actor, now = call.actor, call.now
    kind = body.get("type")
    client_id = body.get("client_id")
    practitioner_id = body.get("practitioner_id")
    if actor.type == "client":
        if kind != "individual":
            raise forbidden("Client keys may book individual appointments for themselves only.")
        if client_id is not None and client_id != actor.client_id:
            raise forbidden("Client keys may book for themselves only.")
    if actor.type == "staff" and practitioner_id != actor.practitioner_id:
        raise forbidden("Staff keys may book their own practitioner only.")

    with transaction(world, call):
        plan = booking(world, call, body)
        # State rules (409) come before the remaining body rules (400) when they can be checked.
        if plan.slots:
            assert plan.practitioner is not None
            check_slot(world, actor, plan.practitioner.id, plan.slots)
            client = plan.client_id
            if plan.kind == "individual" and client is not None and client in world.clients:
                check_booking_limit(world, [client], now, sum(1 for _, e in plan.slots if e > now))
        if plan.errors or plan.practitioner is None or not plan.slots:
            raise validation_error(plan.errors)
        series_id = world.new_id() if plan.rule is not None else None
        created = [
            _book(world, call, body, begin, finish, plan.time_zone, series_id, plan.rule)
            for begin, finish in plan.slots
        ]
        return appointment_json(world, created[0], now)


def _book(
    world: World,
    call: Call,
    body: Mapping[str, Any],
    start: datetime,
    end: datetime,
    time_zone: str,
    series_id: str | None,
    rule: dict[str, Any] | None,
) -> Appointment:
    now = call.now
    individual = body["type"] == "individual"
    client_id = body.get("client_id") or call.actor.client_id
    appt = Appointment(
        id=world.new_id(),
        type="individual" if individual else "group",
        status="active",
        starts_at=start,
        ends_at=end,
        time_zone=time_zone,
        practitioner_id=body["practitioner_id"],
        client_id=client_id if individual else None,
        max_attendees=None if individual else int(body["max_attendees"]),
        notes=body.get("notes"),
        series_id=series_id,
        repeat_rule=dict(rule) if rule is not None else None,
        created_at=now,
        updated_at=now,
    )
    world.add_appointment(appt)
    world.record(
        action="appointment.created",
        actor=call.actor,
        at=now,
        appointment_id=appt.id,
        request_id=call.request_id,
    )
    if individual and client_id is not None:
        attendee = Attendee(
            id=world.new_id(),
            appointment_id=appt.id,
            client_id=client_id,
            created_at=now,
            updated_at=now,
        )
        world.add_attendee(attendee)
        world.record(
            action="attendee.added",
            actor=call.actor,
            at=now,
            appointment_id=appt.id,
            resource_type="attendee",
            resource_id=attendee.id,
            request_id=call.request_id,
        )
        notify.email_clients(world, appt, [attendee], "appointment.created", now)
    notify.email_practitioner(world, appt, "appointment.created", now)
    notify.calendar_sync(world, appt, "appointment.created", now)
    return appt


# --- cancel ------------------------------------------------------------------------------------


def cancel_appointment(
    world: World, call: Call, appointment_id: str, body: Mapping[str, Any]
) -> dict[str, Any]:
    """Cancel (final): cascades to attendees, frees the slot, notifies, optionally the repeats."""
    with transaction(world, call):
        appt = find_appointment(world, call, appointment_id)
        if call.actor.type == "client" and appt.type == "group":
            # Visible, so the client attends it: it may cancel its seat, not everyone's.
            raise problem(
                "use-attendee-cancel",
                "A client key cancels its own seat (POST .../attendees/{attendee_id}/cancel), "
                "not a group appointment.",
            )
        check_if_match(call, appt.version)
        check_cancelable(appt, call.now)
        return _cancel(world, call, appt, body)


def _cancel(world: World, call: Call, appt: Appointment, body: Mapping[str, Any]) -> dict[str, Any]:
    """The one rule of a cancel, whichever way it comes (`POST .../cancel`, or `PATCH` with
    `status: canceled` and this body as `cancellation`): an active reason code, a note where the
    reason requires one, and exactly the reason, note and message given are recorded."""
    apply_to_repeats = body.get("apply_to_repeats", False) is True
    cancellation = cancellation_from(world, call, body, apply_to_repeats=apply_to_repeats)
    cancel_one(world, call, appt, cancellation)
    if apply_to_repeats and appt.series_id is not None:
        for sibling in _following(world, call, appt):
            cancel_one(world, call, sibling, cancellation)
    return appointment_json(world, appt, call.now)


def _following(world: World, call: Call, appt: Appointment) -> list[Appointment]:
    """Later occurrences of the series that can still be canceled (others are skipped)."""
    if appt.series_id is None:
        return []
    siblings = [world.appointments[i] for i in world.by_series.get(appt.series_id, ())]
    return sorted(
        (
            s
            for s in siblings
            if (s.starts_at, s.id) > (appt.starts_at, appt.id)
            and s.status == "active"
            and not s.deleted
            and not s.locked
            and s.starts_at > call.now
            and sees_appointment(world, call.actor, s)
        ),
        key=lambda s: (s.starts_at, s.id),
    )


def cancel_one(world: World, call: Call, appt: Appointment, cancellation: Cancellation) -> None:
    """The effects of canceling one appointment (its guards were checked by the caller)."""
    now = call.now
    seats = active_attendees(world, appt)
    with world.changing(appt):
        appt.status = "canceled"
        appt.cancellation = cancellation
        appt.version += 1
        appt.updated_at = now
    status_change = (FieldChange("status", "active", "canceled"),)
    world.record(
        action="appointment.canceled",
        actor=call.actor,
        at=now,
        appointment_id=appt.id,
        changes=status_change,
        request_id=call.request_id,
    )
    cascaded = Cancellation(
        id=cancellation.id,
        reason_code=cancellation.reason_code,
        reason_label=cancellation.reason_label,
        note=cancellation.note,
        message=cancellation.message,
        canceled_at=cancellation.canceled_at,
        canceled_by=cancellation.canceled_by,
        notify=cancellation.notify,
        apply_to_repeats=cancellation.apply_to_repeats,
        cascaded=True,
    )
    for attendee in seats:
        with world.changing_attendee(attendee):
            attendee.status = "canceled"
            attendee.cancellation = cascaded
            attendee.version += 1
            attendee.updated_at = now
        world.record(
            action="attendee.canceled",
            actor=call.actor,
            at=now,
            appointment_id=appt.id,
            resource_type="attendee",
            resource_id=attendee.id,
            changes=status_change,
            request_id=call.request_id,
        )
    email_status: Literal["sent", "suppressed"] = "sent" if cancellation.notify else "suppressed"
    notify.email_clients(world, appt, seats, "appointment.canceled", now, email_status)
    notify.email_practitioner(world, appt, "appointment.canceled", now, email_status)
    notify.calendar_sync(world, appt, "appointment.canceled", now)


# --- update ------------------------------------------------------------------------------------


def update_appointment(
    world: World, call: Call, appointment_id: str, body: Mapping[str, Any]
) -> dict[str, Any]:
    """Merge-patch the mutable fields; ``status: canceled`` with ``cancellation`` cancels."""
    require_role(
        call, "admin", "api_client", "staff", detail="Client keys may not change appointments."
    )
    if (
        call.actor.type == "staff"
        and "practitioner_id" in body
        and body["practitioner_id"] != call.actor.practitioner_id
    ):
        raise forbidden("Staff keys may not move appointments to another practitioner.")
    now = call.now
    with transaction(world, call):
        appt = find_appointment(world, call, appointment_id)
        check_if_match(call, appt.version)
        status = body.get("status")
        fields = {k: v for k, v in body.items() if k not in ("status", "cancellation")}
        if status == "canceled":
            return _cancel_by_status(world, call, appt, body.get("cancellation"), fields)
        if appt.status == "canceled":
            if status == "active":
                raise problem("cannot-reactivate", "Book a new appointment instead.")
            raise problem("appointment-canceled", "Canceled appointments are view-only.")
        if "cancellation" in body:
            raise validation_error(
                [body_error("/cancellation", "cancellation comes only with status: canceled")]
            )
        if not fields:  # `status: active` on an active appointment changes nothing
            return appointment_json(world, appt, now)
        check_unlocked(appt)
        _apply_patch(world, call, appt, fields)
        return appointment_json(world, appt, now)


def _cancel_by_status(
    world: World, call: Call, appt: Appointment, cancellation: object, fields: Mapping[str, Any]
) -> dict[str, Any]:
    """`PATCH {"status": "canceled", "cancellation": {...}}`: the cancel of `POST .../cancel`."""
    check_cancelable(appt, call.now)
    if fields:
        raise validation_error(
            [body_error("/status", "status: canceled cannot be combined with other changes")]
        )
    if not isinstance(cancellation, Mapping):
        raise validation_error(
            [
                body_error(
                    "/cancellation",
                    "a cancel needs its reason: send cancellation: {reason_code, note, ...}, "
                    "the body of POST .../cancel",
                )
            ]
        )
    return _cancel(world, call, appt, cancellation)


def _apply_patch(
    world: World, call: Call, appt: Appointment, fields: Mapping[str, Any]
) -> list[FieldChange] | None:
    """Validate and apply a patch of an active, unlocked appointment; returns the changes."""
    now = call.now
    errors: list[dict[str, str]] = []
    start, end = appt.starts_at, appt.ends_at
    if "starts_at" in fields:
        start = body_instant(fields, "starts_at", errors) or appt.starts_at
    if "ends_at" in fields:
        end = body_instant(fields, "ends_at", errors) or appt.ends_at
    times_ok = not errors and check_times(start, end, errors)
    practitioner_id = fields.get("practitioner_id", appt.practitioner_id)
    practitioner = world.practitioners.get(practitioner_id)
    if practitioner_id != appt.practitioner_id:
        if practitioner is None:
            errors.append(body_error("/practitioner_id", "unknown practitioner"))
        elif not practitioner.active:
            errors.append(body_error("/practitioner_id", "the practitioner takes no new bookings"))
    max_attendees = fields.get("max_attendees", appt.max_attendees)
    if max_attendees is not None:
        max_attendees = integer(max_attendees)
    if "max_attendees" in fields and appt.type == "individual":
        # A conflict with the target's type (a well-formed body), so 409 like the other state rules.
        raise problem(
            "use-group-appointment",
            "Seats (max_attendees) belong to group appointments; this one is individual.",
        )
    time_zone = fields.get("time_zone", appt.time_zone)
    if time_zone is not None and not (isinstance(time_zone, str) and is_time_zone(time_zone)):
        errors.append(body_error("/time_zone", f"{time_zone!r} is not an IANA time zone"))
        time_zone = appt.time_zone
    notes = fields.get("notes", appt.notes)

    moved = (start, end) != (appt.starts_at, appt.ends_at)
    if moved and in_progress(appt, now):
        raise problem("appointment-in-progress", "The time cannot change while it runs.")
    if appt.type == "group" and isinstance(max_attendees, int):
        seated = len(active_attendees(world, appt))
        if max_attendees < seated:
            raise problem(
                "capacity-below-attendees",
                f"{seated} active attendees do not fit in {max_attendees} seats.",
            )
    if (moved or practitioner_id != appt.practitioner_id) and times_ok and practitioner:
        check_slot(world, call.actor, practitioner_id, [(start, end)], exclude=appt.id)
    if errors:
        raise validation_error(errors)

    new_values: dict[str, Any] = {
        "starts_at": start,
        "ends_at": end,
        "practitioner_id": practitioner_id,
        "max_attendees": max_attendees,
        "time_zone": time_zone,
        "notes": notes,
    }
    changes = [
        FieldChange(name, _jsonable(getattr(appt, name)), _jsonable(value))
        for name, value in new_values.items()
        if getattr(appt, name) != value
    ]
    if not changes:
        return changes
    with world.changing(appt):
        for name, value in new_values.items():
            setattr(appt, name, value)
        appt.version += 1
        appt.updated_at = now
    world.record(
        action="appointment.updated",
        actor=call.actor,
        at=now,
        appointment_id=appt.id,
        changes=tuple(changes),
        request_id=call.request_id,
    )
    if moved or any(c.field == "practitioner_id" for c in changes):
        seats = active_attendees(world, appt)
        notify.email_clients(world, appt, seats, "appointment.updated", now)
        notify.email_practitioner(world, appt, "appointment.updated", now)
        notify.calendar_sync(world, appt, "appointment.updated", now)
    return changes


def _jsonable(value: Any) -> Any:
    return ts(value) if isinstance(value, datetime) else value


# --- delete, restore, purge ------------------------------------------------------------------


def delete_appointment(
    world: World, call: Call, appointment_id: str, *, notify_people: bool = False
) -> dict[str, Any]:
    """Soft delete: hidden until ``purge_at``; frees its time; no notification by default."""
    require_role(
        call, "admin", "api_client", "staff", detail="Client keys may not delete appointments."
    )
    now = call.now
    with transaction(world, call):
        appt = find_appointment(world, call, appointment_id)
        check_if_match(call, appt.version)
        check_unlocked(appt)
        if in_progress(appt, now):
            raise problem(
                "appointment-in-progress", "The appointment runs now and cannot be deleted."
            )
        seats = active_attendees(world, appt)
        was_active = appt.status == "active"
        with world.changing(appt):
            appt.deleted_at = now
            appt.purge_at = later(now, world.retention)
            appt.version += 1
            appt.updated_at = now
        world.schedule_purge("appointment", appt.id)
        world.record(
            action="appointment.deleted",
            actor=call.actor,
            at=now,
            appointment_id=appt.id,
            changes=(
                FieldChange("deleted_at", None, ts(appt.deleted_at)),
                FieldChange("purge_at", None, ts(appt.purge_at)),
            ),
            request_id=call.request_id,
        )
        if notify_people:
            notify.email_clients(world, appt, seats, "appointment.deleted", now)
            notify.email_practitioner(world, appt, "appointment.deleted", now)
            if was_active:
                notify.calendar_sync(world, appt, "appointment.deleted", now)
        return appointment_json(world, appt, now)


def restore_appointment(world: World, call: Call, appointment_id: str) -> dict[str, Any]:
    """Undo a soft delete; an active appointment must get its slot and booking limits back."""
    require_role(
        call, "admin", "api_client", "staff", detail="Client keys may not restore appointments."
    )
    now = call.now
    with transaction(world, call):
        appt = find_appointment(world, call, appointment_id, allow_deleted=True)
        check_if_match(call, appt.version)
        if not appt.deleted:
            raise problem("not-deleted", "Only soft-deleted records can be restored or purged.")
        if appt.status == "active":
            slot = [(appt.starts_at, appt.ends_at)]
            check_slot(world, call.actor, appt.practitioner_id, slot, exclude=appt.id)
            if appt.ends_at > now:
                clients = [a.client_id for a in active_attendees(world, appt)]
                check_booking_limit(world, clients, now, 1, exclude=appt.id)
        changes = (
            FieldChange("deleted_at", ts(appt.deleted_at), None),
            FieldChange("purge_at", ts(appt.purge_at), None),
        )
        with world.changing(appt):
            appt.deleted_at = None
            appt.purge_at = None
            appt.version += 1
            appt.updated_at = now
        world.record(
            action="appointment.restored",
            actor=call.actor,
            at=now,
            appointment_id=appt.id,
            changes=changes,
            request_id=call.request_id,
        )
        return appointment_json(world, appt, now)


def purge_appointment(world: World, call: Call, appointment_id: str) -> None:
    """Erase a soft-deleted appointment for good (admin only); its audit trail stays."""
    require_role(call, "admin", detail="Only admin keys may purge appointments.")
    with transaction(world, call):
        appt = find_appointment(world, call, appointment_id, allow_deleted=True)
        check_if_match(call, appt.version)
        if not appt.deleted:
            raise problem("not-deleted", "Delete the appointment before purging it.")
        purge(world, appt, call.actor, call.now, call.request_id)
