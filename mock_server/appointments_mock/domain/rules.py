"""Rules shared by appointments and attendees: seats, booking limits, slots, reasons."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from appointments_mock.domain.context import Actor, Call
from appointments_mock.domain.guards import sees_appointment
from appointments_mock.domain.problems import problem
from appointments_mock.domain.reasons import REASONS, CancellationReason
from appointments_mock.domain.serialize import in_progress, ts
from appointments_mock.domain.values import integer
from appointments_mock.store import Appointment, Attendee, Cancellation, World


def active_attendees(world: World, appt: Appointment) -> list[Attendee]:
    """The live, active attendees: the ones that hold a seat."""
    return [a for a in world.attendees_of(appt) if a.status == "active" and not a.deleted]


def upcoming_bookings(
    world: World, client_id: str, now: datetime, *, exclude: str | None = None
) -> int:
    """Live, active, not ended appointments where the client holds an active seat."""
    count = 0
    for appt_id in world.by_client.get(client_id, ()):
        appt = world.appointments.get(appt_id)
        if (
            appt is None
            or appt_id == exclude
            or appt.status != "active"
            or appt.deleted
            or appt.ends_at <= now
        ):
            continue
        if any(a.client_id == client_id for a in active_attendees(world, appt)):
            count += 1
    return count


def check_booking_limit(
    world: World, client_ids: Iterable[str], now: datetime, new: int, *, exclude: str | None = None
) -> None:
    """409 ``booking-limit-reached`` if ``new`` more bookings exceed a client's limit."""
    if new <= 0:
        return
    for client_id in client_ids:
        client = world.clients.get(client_id)
        if client is None or client.booking_limit is None:
            continue
        held = upcoming_bookings(world, client_id, now, exclude=exclude)
        if held + new > client.booking_limit:
            raise problem(
                "booking-limit-reached",
                f"Client {client_id} already holds {held} upcoming appointments "
                f"(limit {client.booking_limit}).",
            )


def check_slot(
    world: World,
    actor: Actor,
    practitioner_id: str,
    slots: Iterable[tuple[datetime, datetime]],
    *,
    exclude: str | None = None,
) -> None:
    """409 ``slot-conflict`` if a live, active appointment of the practitioner overlaps."""
    conflicts: dict[str, Appointment] = {}
    for start, end in slots:
        for appt in world.busy(practitioner_id, start, end, exclude=exclude):
            conflicts[appt.id] = appt
    if conflicts:
        ordered = sorted(conflicts.values(), key=lambda a: (a.starts_at, a.id))
        raise problem(
            "slot-conflict",
            "The practitioner already has an appointment at that time.",
            conflicting_appointment_ids=[
                a.id for a in ordered if sees_appointment(world, actor, a)
            ],
        )


def check_cancelable(appt: Appointment, now: datetime) -> None:
    """The 409s of a cancel, in order: already canceled, locked, in progress, ended."""
    if appt.status == "canceled":
        canceled_at = appt.cancellation.canceled_at if appt.cancellation else None
        raise problem("already-canceled", f"The appointment was canceled at {ts(canceled_at)}.")
    check_unlocked(appt)
    if in_progress(appt, now):
        raise problem(
            "appointment-in-progress",
            f"The appointment started at {ts(appt.starts_at)} and runs until {ts(appt.ends_at)}.",
        )
    if appt.ends_at <= now:
        raise problem("appointment-ended", f"The appointment ended at {ts(appt.ends_at)}.")


def check_unlocked(appt: Appointment) -> None:
    """409 ``appointment-locked``."""
    if appt.locked:
        raise problem("appointment-locked", f"The appointment is locked ({appt.lock_reason}).")


def resolve_reason(reason_code: object, note: object) -> CancellationReason:
    """The reason for a cancel: 400 ``invalid-cancellation-reason`` or ``note-required``."""
    code = integer(reason_code)
    reason = REASONS.get(code) if code is not None else None
    if reason is None or not reason.active:
        raise problem(
            "invalid-cancellation-reason",
            f"{reason_code!r} is not an active code of GET /cancellation-reasons.",
        )
    if reason.requires_note and not (isinstance(note, str) and note.strip()):
        raise problem(
            "note-required", f"Reason {reason.code} ({reason.label}) requires a non-empty note."
        )
    return reason


def cancellation_from(
    world: World, call: Call, body: Mapping[str, Any], *, apply_to_repeats: bool = False
) -> Cancellation:
    """The cancellation a cancel body asks for, of an appointment or of an attendee: an active
    reason code, a note where the reason requires one, and exactly the note and message given."""
    reason = resolve_reason(body.get("reason_code"), body.get("note"))
    return Cancellation(
        id=world.new_id(),
        reason_code=reason.code,
        reason_label=reason.label,
        note=body.get("note"),
        message=body.get("message"),
        canceled_at=call.now,
        canceled_by=call.actor,
        notify=body.get("notify", True) is not False,
        apply_to_repeats=apply_to_repeats,
        cascaded=False,
    )
