"""``World.add_appointments`` (bulk load) indexes exactly like adding one appointment at a time."""

from __future__ import annotations

import copy
import random
from datetime import UTC, datetime, timedelta

from appointments_mock.clock import Clock
from appointments_mock.store import Appointment, World

NOW = datetime(2031, 1, 1, 9, 0, tzinfo=UTC)


def _appointments(n: int) -> list[Appointment]:
    rng = random.Random(3)
    result = []
    for i in range(n):
        start = NOW + timedelta(minutes=15 * rng.randrange(-500, 500))
        result.append(
            Appointment(
                id=f"{i:08d}-0000-4000-8000-000000000000",
                type="group",
                status=rng.choice(["active", "canceled"]),
                starts_at=start,
                ends_at=start + timedelta(minutes=rng.choice([15, 30, 90])),
                time_zone=None,
                practitioner_id=rng.choice(["p1", "p2", "p3"]),
                client_id=None,
                max_attendees=3,
                notes=None,
                series_id=rng.choice([None, "s1"]),
                repeat_rule=None,
                created_at=NOW - timedelta(minutes=rng.randrange(1000)),
                updated_at=NOW,
                deleted_at=rng.choice([None, NOW]),
            )
        )
    return result


def _indexes(world: World) -> tuple[object, ...]:
    ordered = {bucket: list(index.keys) for bucket, index in world._ordered.items()}
    by_practitioner = {p: list(index.keys) for p, index in world.by_practitioner.items()}
    return ordered, by_practitioner, world.by_series, world.max_duration, sorted(world.appointments)


def test_bulk_load_builds_the_same_indexes_as_single_adds() -> None:
    records = _appointments(400)
    one_by_one, bulk = World(clock=Clock(frozen_at=NOW)), World(clock=Clock(frozen_at=NOW))
    for appt in copy.deepcopy(records):
        one_by_one.add_appointment(appt)
    bulk.add_appointments(copy.deepcopy(records))
    assert _indexes(bulk) == _indexes(one_by_one)


def test_a_bulk_loaded_world_keeps_its_indexes_true_through_changes() -> None:
    world = World(clock=Clock(frozen_at=NOW))
    world.add_appointments(_appointments(300))
    appt = next(a for a in world.appointments.values() if a.status == "active")
    with world.changing(appt):
        appt.status = "canceled"
    active = world.ordered("active", appt.deleted, "starts_at", appt.practitioner_id)
    canceled = world.ordered("canceled", appt.deleted, "starts_at", appt.practitioner_id)
    assert (appt.starts_at, appt.id) not in list(active.keys)
    assert (appt.starts_at, appt.id) in list(canceled.keys)
