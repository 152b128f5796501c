"""Transactions and the end of life: purge (by an admin, or when the retention runs out)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from appointments_mock.domain.context import SYSTEM, Actor, Call
from appointments_mock.store import Appointment, World


@contextmanager
def transaction(world: World, call: Call) -> Iterator[None]:
    """One domain call, all or nothing (``World.atomic``), after purging what has expired.

    Expired records are purged lazily, at the start of the next call, so that the retention
    follows the session clock (frozen, advanced or real) without a background task.
    """
    with world.atomic():
        purge_expired(world, call.now)
        yield


def purge_expired(world: World, now: datetime) -> None:
    """Purge every soft-deleted record whose ``purge_at`` has passed (actor ``system``)."""
    for kind, record_id in world.due_purges(now):
        if kind == "appointment":
            purge(world, world.appointments[record_id], SYSTEM, now, None)
        else:
            # There is no audit action for an attendee purge; its deletion is already recorded.
            world.remove_attendee(world.attendees[record_id])


def purge(
    world: World, appt: Appointment, actor: Actor, now: datetime, request_id: str | None
) -> None:
    """Erase an appointment, its attendees and notifications; record ``appointment.purged``."""
    world.record(
        action="appointment.purged",
        actor=actor,
        at=now,
        appointment_id=appt.id,
        request_id=request_id,
    )
    world.remove_appointment(appt)
