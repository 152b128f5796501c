"""Session snapshots: a session's world as one world-file document, and back (all or nothing).

A snapshot is a world file (``world.schema.json``) whose records are complete -- ids, versions,
``updated_at``, every attendee, cancellations as recorded -- plus the members a world file does
not have: ``clock``, ``audit_events``, ``notifications``, ``idempotency_keys`` and ``counters``
(the seed, the state of the random ids, calendar-token revocations, purged appointments). A
document with ``counters`` is a snapshot: its records are taken as they are, not replayed.

``export_session`` then ``import_snapshot`` gives a world that answers every list, get and audit
query as the original did, and exports the same document again. Not in a snapshot: webhook
endpoints and deliveries, the journal, faults, nonces of signed requests (the session's HTTP
side, which starts afresh as after a reset).
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from appointments_mock.clock import Clock, format_instant
from appointments_mock.domain.context import SYSTEM, Actor
from appointments_mock.idempotency import IdempotencyStore, StoredResponse
from appointments_mock.store import (
    Appointment,
    Attendee,
    AuditEvent,
    Cancellation,
    FieldChange,
    Notification,
    SigningSecret,
    World,
)
from appointments_mock.world_build import (
    actor_from_json,
    api_key_to_json,
    client_from_json,
    client_to_json,
    practitioner_from_json,
    practitioner_to_json,
)
from appointments_mock.world_file import FORMAT_VERSION, WorldFileError, WorldProblem, check

SNAPSHOT_MEMBERS = ("clock", "audit_events", "notifications", "idempotency_keys", "counters")
"""The top-level members a snapshot adds to a world file."""

_APPOINTMENT_STATE = ("series_id", "updated_at", "version")
_ATTENDEE_STATE = ("id", "created_at", "updated_at", "version", "deleted_at", "purge_at")
_CANCELLATION_STATE = ("id", "reason_label", "cascaded")


def _ts(value: datetime) -> str:
    return format_instant(value)


# A 100,000-appointment snapshot (or state directory) has 600,000 instants, many of them equal;
# datetimes are immutable, so equal ones can be shared.
@functools.lru_cache(maxsize=1 << 16)
def parse_instant(text: str) -> datetime:
    """An RFC 3339 instant as the mock writes it (or any offset), as an aware UTC datetime."""
    if text[-1:] == "Z":  # as the mock writes them
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass
    return datetime.fromisoformat(text.upper()).astimezone(UTC)


def _put(item: dict[str, Any], name: str, value: Any) -> None:
    """Set ``name`` unless the value is None (absent means None when read back)."""
    if value is not None:
        item[name] = value


# --- export ----------------------------------------------------------------------------------


def actor_to_json(actor: Actor) -> dict[str, Any]:
    """An actor as a snapshot records it."""
    item: dict[str, Any] = actor.to_json()
    _put(item, "practitioner_id", actor.practitioner_id)
    _put(item, "client_id", actor.client_id)
    return item


def actor_of_json(item: Mapping[str, Any]) -> Actor:
    """A snapshot's actor (the system is the one ``SYSTEM``)."""
    actor = Actor(
        item["type"],
        item.get("id"),
        item.get("display_name"),
        practitioner_id=item.get("practitioner_id"),
        client_id=item.get("client_id"),
    )
    return SYSTEM if actor == SYSTEM else actor


def cancellation_to_json(c: Cancellation) -> dict[str, Any]:
    """A cancellation record as a snapshot holds it."""
    item: dict[str, Any] = {
        "id": c.id,
        "reason_code": c.reason_code,
        "reason_label": c.reason_label,
    }
    _put(item, "note", c.note)
    _put(item, "message", c.message)
    item.update(
        canceled_at=_ts(c.canceled_at),
        canceled_by=actor_to_json(c.canceled_by),
        notify=c.notify,
        apply_to_repeats=c.apply_to_repeats,
        cascaded=c.cascaded,
    )
    return item


def cancellation_from_json(item: Mapping[str, Any]) -> Cancellation:
    """A snapshot's cancellation record."""
    return Cancellation(
        id=item["id"],
        reason_code=item["reason_code"],
        reason_label=item["reason_label"],
        note=item.get("note"),
        message=item.get("message"),
        canceled_at=parse_instant(item["canceled_at"]),
        canceled_by=actor_of_json(item["canceled_by"]),
        notify=item.get("notify", True),
        apply_to_repeats=item.get("apply_to_repeats", False),
        cascaded=item.get("cascaded", False),
    )


def attendee_to_json(a: Attendee) -> dict[str, Any]:
    """An attendee record as a snapshot holds it."""
    item: dict[str, Any] = {
        "id": a.id,
        "client_id": a.client_id,
        "created_at": _ts(a.created_at),
        "updated_at": _ts(a.updated_at),
        "version": a.version,
        "status": a.status,
        "attendance": a.attendance,
    }
    _put(item, "notes", a.notes)
    if a.cancellation is not None:
        item["cancellation"] = cancellation_to_json(a.cancellation)
    if a.deleted_at is not None:
        item["deleted_at"] = _ts(a.deleted_at)
    if a.purge_at is not None:
        item["purge_at"] = _ts(a.purge_at)
    return item


def attendee_from_json(item: Mapping[str, Any], appointment_id: str) -> Attendee:
    """A snapshot's attendee record."""
    cancellation = item.get("cancellation")
    return Attendee(
        id=item["id"],
        appointment_id=appointment_id,
        client_id=item["client_id"],
        created_at=parse_instant(item["created_at"]),
        updated_at=parse_instant(item["updated_at"]),
        status=item.get("status", "active"),
        attendance=item.get("attendance", "unknown"),
        notes=item.get("notes"),
        cancellation=cancellation_from_json(cancellation) if cancellation else None,
        deleted_at=parse_instant(item["deleted_at"]) if "deleted_at" in item else None,
        purge_at=parse_instant(item["purge_at"]) if "purge_at" in item else None,
        version=item["version"],
    )


def appointment_to_json(world: World, appt: Appointment, label: str | None) -> dict[str, Any]:
    """An appointment record, with its attendees, as a snapshot holds it."""
    item: dict[str, Any] = {"id": appt.id}
    _put(item, "label", label)
    item.update(type=appt.type, practitioner_id=appt.practitioner_id)
    _put(item, "client_id", appt.client_id)
    _put(item, "max_attendees", appt.max_attendees)
    item.update(starts_at=_ts(appt.starts_at), ends_at=_ts(appt.ends_at))
    _put(item, "time_zone", appt.time_zone)
    _put(item, "notes", appt.notes)
    _put(item, "series_id", appt.series_id)
    _put(item, "repeat_rule", appt.repeat_rule)
    item.update(
        created_at=_ts(appt.created_at),
        updated_at=_ts(appt.updated_at),
        version=appt.version,
        status=appt.status,
    )
    if appt.cancellation is not None:
        item["cancellation"] = cancellation_to_json(appt.cancellation)
    if appt.deleted_at is not None:
        item["deleted_at"] = _ts(appt.deleted_at)
    if appt.purge_at is not None:
        item["purge_at"] = _ts(appt.purge_at)
    item["locked"] = appt.locked
    _put(item, "lock_reason", appt.lock_reason)
    item["attendees"] = [attendee_to_json(a) for a in world.attendees_of(appt)]
    return item


def appointment_from_json(item: Mapping[str, Any]) -> tuple[Appointment, list[Attendee]]:
    """A snapshot's appointment record and its attendees."""
    cancellation = item.get("cancellation")
    appt = Appointment(
        id=item["id"],
        type=item["type"],
        status=item.get("status", "active"),
        starts_at=parse_instant(item["starts_at"]),
        ends_at=parse_instant(item["ends_at"]),
        time_zone=item.get("time_zone"),
        practitioner_id=item["practitioner_id"],
        client_id=item.get("client_id"),
        max_attendees=item.get("max_attendees"),
        notes=item.get("notes"),
        series_id=item.get("series_id"),
        repeat_rule=dict(item["repeat_rule"]) if "repeat_rule" in item else None,
        created_at=parse_instant(item["created_at"]),
        updated_at=parse_instant(item["updated_at"]),
        cancellation=cancellation_from_json(cancellation) if cancellation else None,
        locked=item.get("locked", False),
        lock_reason=item.get("lock_reason"),
        deleted_at=parse_instant(item["deleted_at"]) if "deleted_at" in item else None,
        purge_at=parse_instant(item["purge_at"]) if "purge_at" in item else None,
        version=item["version"],
    )
    return appt, [attendee_from_json(a, appt.id) for a in item.get("attendees", [])]


def audit_event_to_json(e: AuditEvent) -> dict[str, Any]:
    """An audit event as a snapshot holds it."""
    item: dict[str, Any] = {
        "id": e.id,
        "occurred_at": _ts(e.occurred_at),
        "action": e.action,
        "actor": actor_to_json(e.actor),
        "resource_type": e.resource_type,
        "resource_id": e.resource_id,
        "appointment_id": e.appointment_id,
        "changes": [
            {"field": c.field, "old_value": c.old_value, "new_value": c.new_value}
            for c in e.changes
        ],
    }
    _put(item, "request_id", e.request_id)
    return item


def audit_event_from_json(item: Mapping[str, Any]) -> AuditEvent:
    """A snapshot's audit event."""
    return AuditEvent(
        id=item["id"],
        occurred_at=parse_instant(item["occurred_at"]),
        action=item["action"],
        actor=actor_of_json(item["actor"]),
        resource_type=item["resource_type"],
        resource_id=item["resource_id"],
        appointment_id=item["appointment_id"],
        changes=tuple(
            FieldChange(c["field"], c["old_value"], c["new_value"]) for c in item["changes"]
        ),
        request_id=item.get("request_id"),
    )


def notification_to_json(n: Notification) -> dict[str, Any]:
    """A notification as a snapshot holds it."""
    return {
        "id": n.id,
        "appointment_id": n.appointment_id,
        "attendee_id": n.attendee_id,
        "event": n.event,
        "channel": n.channel,
        "recipient_type": n.recipient_type,
        "recipient_id": n.recipient_id,
        "address": n.address,
        "status": n.status,
        "created_at": _ts(n.created_at),
    }


def notification_from_json(item: Mapping[str, Any]) -> Notification:
    """A snapshot's notification."""
    return Notification(
        id=item["id"],
        appointment_id=item["appointment_id"],
        attendee_id=item.get("attendee_id"),
        event=item["event"],
        channel=item["channel"],
        recipient_type=item["recipient_type"],
        recipient_id=item["recipient_id"],
        address=item.get("address"),
        status=item["status"],
        created_at=parse_instant(item["created_at"]),
    )


def export_session(world: World, idempotency: IdempotencyStore | None = None) -> dict[str, Any]:
    """The whole state of a session's world (and its idempotency keys) as one document."""
    with world.lock:
        labels = {appointment_id: label for label, appointment_id in world.labels.items()}
        return {
            "version": FORMAT_VERSION,
            "practitioners": [practitioner_to_json(p) for p in world.practitioners.values()],
            "clients": [client_to_json(c) for c in world.clients.values()],
            "api_keys": [api_key_to_json(k, a) for k, a in world.api_keys.items()],
            "signing_keys": [
                {"key_id": key_id, "secret": s.secret.decode(), "api_key": _key_of(world, s)}
                for key_id, s in world.signing_keys.items()
            ],
            "appointments": [
                appointment_to_json(world, a, labels.get(a.id)) for a in world.appointments.values()
            ],
            "clock": world.clock.state(),
            "audit_events": [audit_event_to_json(e) for e in world.audit_events],
            "notifications": [
                notification_to_json(n) for sent in world.notifications.values() for n in sent
            ],
            "idempotency_keys": [
                {
                    "scope": scope,
                    "fingerprint": fingerprint,
                    "status": response.status,
                    "headers": [
                        [k.decode("latin-1"), v.decode("latin-1")] for k, v in response.headers
                    ],
                    "body": base64.b64encode(response.body).decode(),
                }
                for scope, fingerprint, response in (idempotency.finished() if idempotency else [])
            ],
            "counters": {
                "seed": world.seed,
                "id_sequence": world.id_sequence(),
                "calendar_revocations": [
                    {"owner_type": kind, "owner_id": owner, "count": count}
                    for (kind, owner), count in world.calendar_revocations.items()
                ],
                "purged": [
                    {"appointment_id": a, "practitioner_id": p}
                    for a, p in world.purged_practitioner.items()
                ],
            },
        }


def _key_of(world: World, secret: SigningSecret) -> str:
    """The API key a signing key signs for (the first with its actor)."""
    return next(k for k, actor in world.api_keys.items() if actor == secret.actor)


# --- import ----------------------------------------------------------------------------------


def import_snapshot(
    document: Any, *, retention_days: int = 30, source: str = "snapshot"
) -> tuple[World, IdempotencyStore]:
    """A new world (and idempotency store) from a snapshot; ``WorldFileError`` lists every
    problem, and nothing is built."""
    if not isinstance(document, dict) or "counters" not in document:
        raise WorldFileError(
            source,
            [WorldProblem("", "a snapshot is an object with counters (GET /_mock/snapshot)")],
        )
    check(document, source)
    return build_snapshot(document, retention_days)


def build_snapshot(
    doc: Mapping[str, Any], retention_days: int = 30, *, clock: Clock | None = None
) -> tuple[World, IdempotencyStore]:
    """The world and idempotency keys of a checked snapshot, its records as they are; on the
    snapshot's own clock, or on ``clock`` when given."""
    counters = doc["counters"]
    clock = clock if clock is not None else _clock_of(doc.get("clock") or {"mode": "real"})
    world = World(clock=clock, seed=counters["seed"], retention=timedelta(days=retention_days))
    world.resume_id_sequence(counters["id_sequence"])
    for item in doc.get("practitioners", []):
        world.practitioners[item["id"]] = practitioner_from_json(item)
    for item in doc.get("clients", []):
        world.clients[item["id"]] = client_from_json(item)
    for item in doc.get("api_keys", []):
        world.api_keys[item["key"]] = actor_from_json(item, world)
    for item in doc.get("signing_keys", []):
        world.signing_keys[item["key_id"]] = SigningSecret(
            item["secret"].encode(), world.api_keys[item["api_key"]]
        )
    records = [appointment_from_json(item) for item in doc.get("appointments", [])]
    world.add_appointments(appt for appt, _ in records)
    world.add_attendees(seat for _, seats in records for seat in seats)
    for (appt, seats), item in zip(records, doc.get("appointments", []), strict=True):
        if "label" in item:
            world.labels[item["label"]] = appt.id
        for attendee in seats:
            if attendee.purge_at is not None:
                world.schedule_purge("attendee", attendee.id)
        if appt.purge_at is not None:
            world.schedule_purge("appointment", appt.id)
    for item in doc.get("audit_events", []):
        event = audit_event_from_json(item)
        world.audit_events.append(event)
        world.audit_by_appointment.setdefault(event.appointment_id, []).append(event)
    for item in doc.get("notifications", []):
        world.add_notification(notification_from_json(item))
    for item in counters.get("calendar_revocations", []):
        world.calendar_revocations[item["owner_type"], item["owner_id"]] = item["count"]
    for item in counters.get("purged", []):
        world.purged_practitioner[item["appointment_id"]] = item["practitioner_id"]
    store = IdempotencyStore()
    store.restore(
        (
            item["scope"],
            item["fingerprint"],
            StoredResponse(
                item["status"],
                tuple((k.encode("latin-1"), v.encode("latin-1")) for k, v in item["headers"]),
                base64.b64decode(item["body"]),
            ),
        )
        for item in doc.get("idempotency_keys", [])
    )
    return world, store


def _clock_of(state: Mapping[str, Any]) -> Clock:
    """A clock in the state ``Clock.state`` gave."""
    if state["mode"] == "frozen":
        # A frozen clock that was advanced shows its offset too (``Clock.state``).
        moved = float(state.get("offset_seconds", 0))
        return Clock(frozen_at=parse_instant(state["now"]) - timedelta(seconds=moved),
                     offset_seconds=moved)  # fmt: skip
    if state["mode"] == "offset":
        return Clock(offset_seconds=float(state.get("offset_seconds", 0)))
    return Clock()
