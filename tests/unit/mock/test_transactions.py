"""A change either happens whole or not at all: ``World.atomic`` undoes everything on failure.

Each write rule of the domain runs inside a transaction that then fails; the world must be
exactly as before (records, audit trail, notifications, purge schedule, id sequence, indexes).
The same writes then succeed, to show that the failing run was not a no-op to begin with.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from mock_rules_support import BARBARA, EDSGER, FRANCES, NOW, Api

from appointments_mock.domain import appointments, attendees
from appointments_mock.domain.lifecycle import purge_expired
from appointments_mock.store import World
from tests.world_state import assert_unchanged, rebuilt_indexes, snapshot


class Boom(Exception):
    """The failure injected after the rule ran."""


def _then_fail(world: World, action: Callable[[], Any]) -> Any:
    """Run ``action`` in a transaction that then fails; return what ``action`` returned."""
    done: list[Any] = []

    def run() -> None:
        with world.atomic():
            done.append(action())
            raise Boom

    with pytest.raises(Boom):
        run()
    return done[0]


def _series(api: Api) -> None:
    api.book(repeat_rule={"frequency": "weekly", "count": 4})


def _cancel_group(api: Api) -> None:
    group = api.group(seats=4)
    api.seat(group["id"], EDSGER)
    api.seat(group["id"], BARBARA)
    api.cancel(group["id"], message="Sorry")


def _cancel_series(api: Api) -> None:
    first = api.book(repeat_rule={"frequency": "weekly", "count": 3})
    api.cancel(first["id"], apply_to_repeats=True)


def _update(api: Api) -> None:
    booked = api.book()
    appointments.update_appointment(
        api.world,
        api.call(),
        booked["id"],
        {"notes": "moved", "starts_at": "2030-03-06T11:00:00Z", "ends_at": "2030-03-06T11:30:00Z"},
    )


def _delete_restore(api: Api) -> None:
    booked = api.book()
    appointments.delete_appointment(api.world, api.call(), booked["id"], notify_people=True)
    appointments.restore_appointment(api.world, api.call(), booked["id"])


def _purge(api: Api) -> None:
    booked = api.book()
    appointments.delete_appointment(api.world, api.call(), booked["id"], notify_people=False)
    appointments.purge_appointment(api.world, api.call(), booked["id"])


def _retention(api: Api) -> None:
    api.world.clock.freeze(at=NOW)  # the clock is not part of the world's transactions
    booked = api.book()
    group = api.group(seats=3)
    seat = api.seat(group["id"], FRANCES)
    appointments.delete_appointment(api.world, api.call(), booked["id"], notify_people=False)
    attendees.delete_attendee(api.world, api.call(), group["id"], seat["id"])
    api.advance(days=40)
    purge_expired(api.world, api.world.clock.now())


def _attendee_life(api: Api) -> None:
    group = api.group(seats=3)
    seat = api.seat(group["id"], EDSGER)
    world, call = api.world, api.call()
    attendees.update_attendee(world, call, group["id"], seat["id"], {"notes": "front row"})
    attendees.delete_attendee(world, call, group["id"], seat["id"])
    attendees.restore_attendee(world, call, group["id"], seat["id"])
    attendees.cancel_attendee(world, call, group["id"], seat["id"], {"reason_code": 10})


def _lock(api: Api) -> None:
    booked = api.book()
    api.world.set_locked(booked["id"], True, "invoiced")


WRITES: dict[str, Callable[[Api], Any]] = {
    "book individual": lambda api: api.book(notes="first visit"),
    "book group": lambda api: api.group(seats=5),
    "book series": _series,
    "cancel a group with its attendees": _cancel_group,
    "cancel a series": _cancel_series,
    "update": _update,
    "delete and restore": _delete_restore,
    "purge": _purge,
    "retention purges": _retention,
    "attendee life cycle": _attendee_life,
    "lock": _lock,
}


def _build_every_family(world: World) -> None:
    for status in ("active", "canceled"):
        for deleted in (False, True):
            for name in ("starts_at", "updated_at", "created_at"):
                world.ordered(status, deleted, name)


@pytest.mark.parametrize("families_built", [False, True], ids=["lazy indexes", "every index"])
@pytest.mark.parametrize("write", list(WRITES.values()), ids=list(WRITES))
def test_a_write_that_fails_inside_its_transaction_changes_nothing(
    world: World, api: Api, write: Callable[[Api], Any], families_built: bool
) -> None:
    if families_built:
        _build_every_family(world)
    before = snapshot(world)
    changed = _then_fail(world, lambda: (write(api), snapshot(world))[1])
    assert changed != before  # the write did change the world...
    assert_unchanged(before, world)  # ...and was undone
    write(api)  # and the same write then succeeds, with the same ids as the undone one
    assert snapshot(world) != before
    assert rebuilt_indexes(world)  # consistency is checked by assert_unchanged's rebuild


def test_an_undone_write_gives_its_ids_back(world: World, api: Api) -> None:
    undone = _then_fail(world, api.book)
    assert api.book()["id"] == undone["id"]


def test_a_rule_that_raises_after_changing_the_world_leaves_it_unchanged(
    world: World, api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A series whose third occurrence fails to book is not half booked."""
    calls = {"n": 0}
    real = appointments._book

    def flaky(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise Boom
        return real(*args, **kwargs)

    monkeypatch.setattr(appointments, "_book", flaky)
    before = snapshot(world)
    with pytest.raises(Boom):
        _series(api)
    assert calls["n"] == 3
    assert_unchanged(before, world)


def test_nested_transactions_join_the_outermost(world: World, api: Api) -> None:
    before = snapshot(world)
    _then_fail(world, api.book)  # the rule's own transaction joins the outer one, which fails
    assert_unchanged(before, world)


def test_a_record_deleted_restored_and_deleted_again_at_one_instant_is_purged_once(
    world: World, api: Api
) -> None:
    booked = api.book()
    for _ in range(2):
        appointments.delete_appointment(world, api.call(), booked["id"], notify_people=False)
        appointments.restore_appointment(world, api.call(), booked["id"])
    appointments.delete_appointment(world, api.call(), booked["id"], notify_people=False)
    api.advance(days=31)
    purge_expired(world, world.clock.now())  # twice scheduled at the same purge_at: one purge
    assert booked["id"] not in world.appointments
    purged = [
        e for e in world.audit_by_appointment[booked["id"]] if e.action == "appointment.purged"
    ]
    assert len(purged) == 1
