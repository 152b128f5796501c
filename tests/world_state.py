"""The whole observable state of a mock session's ``World``, as plain values to compare.

``snapshot(world)`` is what a test takes before and after a request that must change nothing:
every record's fields, the audit trail, the notifications, the purge schedule, the id sequence
and every index (and the indexes are checked against a rebuild from the records, so that an undo
that left an index wrong cannot hide behind equal records).
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from appointments_mock.store import World


def _record(record: Any) -> tuple[Any, ...]:
    return tuple(
        (f.name, copy.deepcopy(getattr(record, f.name)))
        for f in dataclasses.fields(record)
        if f.name != "encoded"  # a cache of the encoding, keyed by what it was made from
    )


def _indexes(world: World) -> dict[str, Any]:
    ordered = {b: list(i.keys) for b, i in world._ordered.items() if len(i)}
    by_practitioner = {p: list(i.keys) for p, i in world.by_practitioner.items() if len(i)}
    return {
        "ordered": ordered,
        "by_practitioner": by_practitioner,
        "by_client": {c: set(ids) for c, ids in world.by_client.items() if ids},
        "by_series": {s: set(ids) for s, ids in world.by_series.items() if ids},
    }


def rebuilt_indexes(world: World) -> dict[str, Any]:
    """The indexes a fresh world makes from ``world``'s records, for the families ``world`` built."""
    fresh = World(clock=world.clock, seed=world.seed, retention=world.retention)
    for status, deleted, name in world._families:
        fresh.ordered(status, deleted, name)
    fresh.add_appointments(copy.deepcopy(list(world.appointments.values())))
    for attendee in world.attendees.values():
        fresh.by_client.setdefault(attendee.client_id, set()).add(attendee.appointment_id)
    return _indexes(fresh)


def snapshot(world: World) -> dict[str, Any]:
    """Every part of the world's state a request could change."""
    with world.lock:
        return {
            "appointments": {k: _record(v) for k, v in world.appointments.items()},
            "attendees": {k: _record(v) for k, v in world.attendees.items()},
            "audit_events": [e.id for e in world.audit_events],
            "audit_by_appointment": {
                k: [e.id for e in v] for k, v in world.audit_by_appointment.items() if v
            },
            "notifications": {k: [n.id for n in v] for k, v in world.notifications.items() if v},
            "purged_practitioner": dict(world.purged_practitioner),
            "purge_schedule": sorted(set(world._purge_heap)),
            "rng": world._rng.getstate(),
            "locks": {k: (a.locked, a.lock_reason) for k, a in world.appointments.items()},
            "calendar_revocations": dict(world.calendar_revocations),
            "indexes": _indexes(world),
        }


def assert_unchanged(before: dict[str, Any], world: World) -> None:
    """The world is as ``before`` says, and its indexes are what its records make."""
    after = snapshot(world)
    for part, value in before.items():
        assert after[part] == value, f"{part} changed"
    assert _indexes(world) == rebuilt_indexes(world), "indexes disagree with the records"


__all__ = ["assert_unchanged", "rebuilt_indexes", "snapshot"]
