"""The store's indexes: bulk load, single adds, changes and families built on first use agree."""

from __future__ import annotations

import copy
import random
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from appointments_mock.clock import Clock
from appointments_mock.store import ORDER_FIELDS, Appointment, World

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


def _build_all(world: World) -> World:
    """Ask for every index family, as lists with every status, deleted flag and order would."""
    for status in ("active", "canceled"):
        for deleted in (False, True):
            for name in ORDER_FIELDS:
                world.ordered(status, deleted, name)
    return world


def _indexes(world: World) -> tuple[object, ...]:
    _build_all(world)
    ordered = {bucket: list(index.keys) for bucket, index in world._ordered.items()}
    by_practitioner = {p: list(index.keys) for p, index in world.by_practitioner.items()}
    return ordered, by_practitioner, world.by_series, world.max_duration, sorted(world.appointments)


@pytest.mark.parametrize("built_before_loading", [True, False])
def test_bulk_load_builds_the_same_indexes_as_single_adds(built_before_loading: bool) -> None:
    records = _appointments(400)
    one_by_one, bulk = World(clock=Clock(frozen_at=NOW)), World(clock=Clock(frozen_at=NOW))
    if built_before_loading:  # both then maintain the families while loading
        _build_all(one_by_one)
        _build_all(bulk)
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


def _rebuilt(world: World) -> tuple[object, ...]:
    """The indexes a fresh world builds from the same records, as they are now."""
    fresh = World(clock=Clock(frozen_at=NOW))
    fresh.add_appointments(copy.deepcopy(list(world.appointments.values())))
    return _indexes(fresh)


def _nonempty(indexes: tuple[object, ...]) -> tuple[object, ...]:
    ordered, by_practitioner, *rest = indexes
    assert isinstance(ordered, dict)
    assert isinstance(by_practitioner, dict)
    return (
        {k: v for k, v in ordered.items() if v},
        {k: v for k, v in by_practitioner.items() if v},
        *rest,
    )


def test_changes_of_any_indexed_field_leave_the_indexes_as_a_rebuild_makes_them() -> None:
    world = World(clock=Clock(frozen_at=NOW))
    world.add_appointments(_appointments(300))
    rng = random.Random(11)
    changes = [
        lambda a: setattr(a, "status", "canceled" if a.status == "active" else "active"),
        lambda a: setattr(a, "deleted_at", None if a.deleted_at else NOW),
        lambda a: setattr(a, "practitioner_id", rng.choice(["p1", "p2", "p4"])),
        lambda a: setattr(a, "starts_at", a.starts_at + timedelta(minutes=15)),
        lambda a: setattr(a, "updated_at", a.updated_at + timedelta(seconds=1)),
        lambda a: setattr(a, "created_at", a.created_at - timedelta(seconds=1)),
        lambda a: setattr(a, "notes", "not indexed"),
    ]
    ids = sorted(world.appointments)
    for _ in range(200):
        appt = world.appointments[rng.choice(ids)]
        with world.changing(appt):
            for change in rng.sample(changes, rng.randrange(1, 3)):
                change(appt)
        assert _nonempty(_indexes(world)) == _nonempty(_rebuilt(world))


def test_a_family_is_built_on_first_use_and_only_built_families_move_on_a_change() -> None:
    world = World(clock=Clock(frozen_at=NOW))
    world.add_appointments(_appointments(300))
    assert world._ordered == {}  # nothing built before a list asks
    world.ordered("active", False, "starts_at")
    built = {bucket[:3] for bucket in world._ordered}
    assert built == {("active", False, "starts_at")}
    appt = next(a for a in world.appointments.values() if a.status == "active" and not a.deleted)
    with world.changing(appt):
        appt.status = "canceled"
        appt.updated_at = NOW + timedelta(seconds=1)
    assert {bucket[:3] for bucket in world._ordered} == built
    assert (appt.starts_at, appt.id) not in list(world.ordered("active", False, "starts_at").keys)
    # Families built later see the change like those built before it.
    assert (appt.updated_at, appt.id) in list(world.ordered("canceled", False, "updated_at").keys)
    assert _nonempty(_indexes(world)) == _nonempty(_rebuilt(world))


def test_a_change_inside_a_failing_block_is_still_indexed() -> None:
    world = _build_all(World(clock=Clock(frozen_at=NOW)))
    world.add_appointments(_appointments(50))
    appt = next(a for a in world.appointments.values() if a.status == "active")
    try:
        with world.changing(appt):
            appt.status = "canceled"
            raise RuntimeError
    except RuntimeError:
        pass
    assert _nonempty(_indexes(world)) == _nonempty(_rebuilt(world))


def test_new_ids_are_the_uuid4_of_the_seeded_random_bits() -> None:
    world, rng = World(seed=7), random.Random(7)
    for _ in range(2_000):
        assert world.new_id() == str(uuid.UUID(int=rng.getrandbits(128), version=4))
