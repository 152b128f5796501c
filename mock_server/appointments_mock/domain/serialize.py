"""The spec's JSON shapes for the records of the store (every nullable field present)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from appointments_mock.clock import format_instant
from appointments_mock.domain.context import Actor
from appointments_mock.store import (
    Appointment,
    Attendee,
    AuditEvent,
    Cancellation,
    Client,
    Notification,
    Practitioner,
    World,
)


def ts(value: datetime | None) -> str | None:
    """RFC 3339 UTC with ``Z``, or None."""
    return None if value is None else format_instant(value)


def etag(version: int) -> str:
    """The strong ``ETag`` of a version."""
    return f'"{version}"'


def actor_json(actor: Actor) -> dict[str, Any]:
    """The spec's ``Actor``."""
    return actor.to_json()


def cancellation_json(c: Cancellation | None) -> dict[str, Any] | None:
    """The spec's ``Cancellation``, or None."""
    if c is None:
        return None
    return {
        "id": c.id,
        "reason_code": c.reason_code,
        "reason_label": c.reason_label,
        "note": c.note,
        "message": c.message,
        "canceled_at": ts(c.canceled_at),
        "canceled_by": actor_json(c.canceled_by),
        "notify": c.notify,
        "apply_to_repeats": c.apply_to_repeats,
        "cascaded": c.cascaded,
    }


def attendee_counts(world: World, appt: Appointment) -> dict[str, int]:
    """Attendees by status; soft-deleted attendees are not counted."""
    active, canceled = _counts(world, appt)
    return {"total": active + canceled, "active": active, "canceled": canceled}


def _counts(world: World, appt: Appointment) -> tuple[int, int]:
    active = canceled = 0
    attendees = world.attendees
    for attendee_id in appt.attendee_ids:  # as world.attendees_of, without building the list
        attendee = attendees.get(attendee_id)
        if attendee is None or attendee.deleted:
            continue
        if attendee.status == "active":
            active += 1
        else:
            canceled += 1
    return active, canceled


def in_progress(appt: Appointment, now: datetime) -> bool:
    """An active appointment between its start (inclusive) and end (exclusive)."""
    return appt.status == "active" and appt.starts_at <= now < appt.ends_at


def appointment_json(world: World, appt: Appointment, now: datetime) -> dict[str, Any]:
    """The spec's ``Appointment`` (``in_progress`` derived from ``now``)."""
    return _appointment_json(appt, attendee_counts(world, appt), in_progress(appt, now))


class EncodedJSON:
    """A value already encoded as JSON (``raw``); ``encode`` splices it in as it is."""

    __slots__ = ("fragment", "raw")

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self.fragment = orjson.Fragment(raw)


def appointment_encoded(world: World, appt: Appointment, now: datetime) -> EncodedJSON:
    """``appointment_json`` encoded, reused while the appointment and its derived fields are the same.

    Every change of an appointment's own fields bumps its ``version`` (its ETag depends on it);
    the fields derived from elsewhere -- ``in_progress`` from the session clock, ``attendee_counts``
    from the attendees -- are part of the key, so a stale encoding is never served.
    """
    active, canceled = _counts(world, appt)
    progress = in_progress(appt, now)
    key = (appt.version, progress, active, canceled)
    cached = appt.encoded
    if cached is not None and cached[0] == key:
        hit: EncodedJSON = cached[1]  # only this function stores encodings
        return hit
    counts = {"total": active + canceled, "active": active, "canceled": canceled}
    encoded = EncodedJSON(encode(_appointment_json(appt, counts, progress)))
    appt.encoded = (key, encoded)
    return encoded


def encode(value: Any) -> bytes:
    """``value`` as JSON (UTC datetimes with ``Z``), with ``EncodedJSON`` parts spliced in."""
    return orjson.dumps(value, default=_fragment, option=orjson.OPT_UTC_Z)


def _fragment(value: Any) -> Any:
    if type(value) is EncodedJSON:
        return value.fragment
    raise TypeError(f"Type is not JSON serializable: {type(value).__name__}")


def _appointment_json(appt: Appointment, counts: dict[str, int], progress: bool) -> dict[str, Any]:
    return {
        "id": appt.id,
        "type": appt.type,
        "status": appt.status,
        "starts_at": ts(appt.starts_at),
        "ends_at": ts(appt.ends_at),
        "time_zone": appt.time_zone,
        "practitioner_id": appt.practitioner_id,
        "client_id": appt.client_id,
        "max_attendees": appt.max_attendees,
        "attendee_counts": counts,
        "notes": appt.notes,
        "series_id": appt.series_id,
        "repeat_rule": dict(appt.repeat_rule) if appt.repeat_rule is not None else None,
        "cancellation": cancellation_json(appt.cancellation),
        "locked": appt.locked,
        "lock_reason": appt.lock_reason,
        "in_progress": progress,
        "deleted_at": ts(appt.deleted_at),
        "purge_at": ts(appt.purge_at),
        "created_at": ts(appt.created_at),
        "updated_at": ts(appt.updated_at),
        "version": appt.version,
    }


def attendee_json(attendee: Attendee) -> dict[str, Any]:
    """The spec's ``Attendee``."""
    return {
        "id": attendee.id,
        "appointment_id": attendee.appointment_id,
        "client_id": attendee.client_id,
        "status": attendee.status,
        "attendance": attendee.attendance,
        "notes": attendee.notes,
        "cancellation": cancellation_json(attendee.cancellation),
        "deleted_at": ts(attendee.deleted_at),
        "purge_at": ts(attendee.purge_at),
        "created_at": ts(attendee.created_at),
        "updated_at": ts(attendee.updated_at),
        "version": attendee.version,
    }


def audit_event_json(event: AuditEvent) -> dict[str, Any]:
    """The spec's ``AuditEvent``."""
    return {
        "id": event.id,
        "occurred_at": ts(event.occurred_at),
        "action": event.action,
        "actor": actor_json(event.actor),
        "resource_type": event.resource_type,
        "resource_id": event.resource_id,
        "appointment_id": event.appointment_id,
        "changes": [
            {"field": c.field, "old_value": c.old_value, "new_value": c.new_value}
            for c in event.changes
        ],
        "request_id": event.request_id,
    }


def notification_json(n: Notification) -> dict[str, Any]:
    """The spec's ``Notification``."""
    return {
        "id": n.id,
        "appointment_id": n.appointment_id,
        "attendee_id": n.attendee_id,
        "event": n.event,
        "channel": n.channel,
        "recipient": {"type": n.recipient_type, "id": n.recipient_id, "address": n.address},
        "status": n.status,
        "created_at": ts(n.created_at),
    }


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def practitioner_json(p: Practitioner, calendar_url: str | None = None) -> dict[str, Any]:
    """The spec's ``Practitioner`` (``calendar_url`` for callers who may read the feed)."""
    return {
        "id": p.id,
        "display_name": p.display_name,
        "email": p.email,
        "time_zone": p.time_zone,
        "active": p.active,
        "working_hours": [
            {"weekday": w.weekday, "start": _hhmm(w.start_minutes), "end": _hhmm(w.end_minutes)}
            for w in p.working_hours
        ],
        "calendar_url": calendar_url,
    }


def client_json(c: Client, calendar_url: str | None = None) -> dict[str, Any]:
    """The spec's ``Client`` (``calendar_url`` for callers who may read the feed)."""
    return {
        "id": c.id,
        "given_name": c.given_name,
        "family_name": c.family_name,
        "email": c.email,
        "phone": c.phone,
        "time_zone": c.time_zone,
        "booking_limit": c.booking_limit,
        "calendar_url": calendar_url,
    }


def slot_json(practitioner_id: str, starts_at: datetime, ends_at: datetime) -> dict[str, Any]:
    """The spec's ``AvailabilitySlot``."""
    return {"practitioner_id": practitioner_id, "starts_at": ts(starts_at), "ends_at": ts(ends_at)}
