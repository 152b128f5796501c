"""The guards every operation runs, in the fixed order: 403 -> 404 -> 410 -> 412.

Visibility by role: admin and api_client see everything; staff see their practitioner's
appointments; a client sees only the active appointments it attends, never canceled ones. What
the caller may not see is 404, not 403, so ids cannot be probed.
"""

from __future__ import annotations

from appointments_mock.domain.context import Actor, ActorType, Call
from appointments_mock.domain.problems import forbidden, not_found, problem
from appointments_mock.domain.serialize import etag, ts
from appointments_mock.errors import ProblemError
from appointments_mock.store import Appointment, Attendee, World


def require_role(call: Call, *roles: ActorType, detail: str) -> None:
    """403 unless the caller has one of ``roles``."""
    if call.actor.type not in roles:
        raise forbidden(detail)


def client_attends(world: World, client_id: str | None, appt: Appointment) -> bool:
    """Whether the client holds an active, live seat in the appointment."""
    return client_id is not None and any(
        a.client_id == client_id and a.status == "active" and not a.deleted
        for a in world.attendees_of(appt)
    )


def sees_appointment(world: World, actor: Actor, appt: Appointment) -> bool:
    """Whether the actor may know that the appointment exists."""
    if actor.type == "staff":
        return appt.practitioner_id == actor.practitioner_id
    if actor.type == "client":
        return appt.status == "active" and client_attends(world, actor.client_id, appt)
    return True


def sees_attendee(actor: Actor, attendee: Attendee) -> bool:
    """Clients see only their own active seats; everyone else sees every attendee."""
    if actor.type == "client":
        return attendee.client_id == actor.client_id and attendee.status == "active"
    return True


def appointment_gone(appt: Appointment) -> ProblemError:
    """410 ``appointment-deleted`` with ``deleted_at`` and ``purge_at``."""
    return problem(
        "appointment-deleted",
        f"The appointment was deleted and will be purged at {ts(appt.purge_at)} unless restored.",
        deleted_at=ts(appt.deleted_at),
        purge_at=ts(appt.purge_at),
    )


def attendee_gone(attendee: Attendee) -> ProblemError:
    """410 ``attendee-deleted`` with ``deleted_at`` and ``purge_at``."""
    return problem(
        "attendee-deleted",
        f"The attendee was deleted and will be purged at {ts(attendee.purge_at)} unless restored.",
        deleted_at=ts(attendee.deleted_at),
        purge_at=ts(attendee.purge_at),
    )


def find_appointment(
    world: World, call: Call, appointment_id: str, *, allow_deleted: bool = False
) -> Appointment:
    """The appointment (404 if unknown or invisible; 410 if soft-deleted unless allowed)."""
    appt = world.appointments.get(appointment_id)
    if appt is None or not sees_appointment(world, call.actor, appt):
        raise not_found("Appointment", appointment_id)
    if appt.deleted and not allow_deleted:
        raise appointment_gone(appt)
    return appt


def find_attendee(
    world: World,
    call: Call,
    appt: Appointment,
    attendee_id: str,
    *,
    allow_deleted: bool = False,
) -> Attendee:
    """An attendee of ``appt`` (404 if unknown or invisible; 410 if soft-deleted unless allowed)."""
    attendee = world.attendees.get(attendee_id)
    if (
        attendee is None
        or attendee.appointment_id != appt.id
        or not sees_attendee(call.actor, attendee)
    ):
        raise not_found("Attendee", attendee_id)
    if attendee.deleted and not allow_deleted:
        raise attendee_gone(attendee)
    return attendee


def _etags(header: str) -> list[str]:
    tags = []
    for part in header.split(","):
        tag = part.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        tags.append(tag.strip('"'))
    return tags


def check_if_match(call: Call, version: int) -> None:
    """412 ``precondition-failed`` if ``If-Match`` names another version (``*`` matches all)."""
    if call.if_match is None:
        return
    tags = _etags(call.if_match)
    if "*" in tags or str(version) in tags:
        return
    raise problem(
        "precondition-failed",
        f"If-Match {call.if_match} does not match the current version {etag(version)}.",
        current_etag=etag(version),
    )
