"""Reports agree with brute-force counts over random worlds, and with the lists and availability.

Each example builds a world through the domain rules (bookings of both types, seats, attendance,
cancellations of appointments and seats, soft deletes, on a 5-minute grid), then compares
``reports.appointments`` and ``reports.practitioner_activity`` with counts made by scanning every
record (minute by minute for working and free time), with ``appointments.list``'s ``total_size``
and with ``availability.list``'s 5-minute slots.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mock_rules_support import ADA, KEYS, NOW, Api, validate

from appointments_mock.clock import Clock
from appointments_mock.domain import appointments, attendees, reports
from appointments_mock.domain.availability import list_availability
from appointments_mock.domain.context import Call
from appointments_mock.domain.listing import list_appointments
from appointments_mock.errors import ProblemError
from appointments_mock.seed import CLIENTS, PRACTITIONERS, new_world
from appointments_mock.store import Appointment, World

PRACTITIONER_IDS = [p.id for p in PRACTITIONERS]
CLIENT_IDS = [c.id for c in CLIENTS]
REASONS = [10, 20, 30, 40, 60]
GRID = timedelta(minutes=5)
HALF_HOUR = timedelta(minutes=30)

# Starts and period bounds on a half-hour grid, so that appointments often start exactly at a
# period's bounds; lengths on the 5-minute grid.
step = st.one_of(
    st.tuples(
        st.just("book"),
        st.integers(0, 2),
        st.integers(0, 6),
        st.integers(0, 144),
        st.integers(1, 18),
    ),
    st.tuples(
        st.just("group"),
        st.integers(0, 2),
        st.integers(0, 6),
        st.integers(0, 144),
        st.integers(1, 18),
    ),
    st.tuples(st.just("seat"), st.integers(0, 99), st.integers(0, 6)),
    st.tuples(st.just("cancel"), st.integers(0, 99), st.sampled_from(REASONS)),
    st.tuples(st.just("cancel_seat"), st.integers(0, 99), st.sampled_from(REASONS)),
    st.tuples(
        st.just("attendance"), st.integers(0, 99), st.sampled_from(["arrived", "did_not_arrive"])
    ),
    st.tuples(st.just("delete"), st.integers(0, 99)),
)


def _call(world: World, role: str = "admin") -> Call:
    return Call(actor=world.api_keys[KEYS[role]], now=world.clock.now(), request_id="req-r")


def groups(world: World, made: list[str]) -> list[str]:
    """The group appointments made so far."""
    return [a for a in made if a in world.appointments and world.appointments[a].type == "group"]


def _world(steps: list[tuple[Any, ...]]) -> World:
    """A random world: the demo data, then ``steps`` applied through the rules (refusals skipped)."""
    world = new_world(clock=Clock(frozen_at=NOW))
    for client in world.clients.values():
        client.booking_limit = None
    origin = NOW.replace(hour=0)
    made: list[str] = []
    for kind, *args in steps:
        call = _call(world)
        try:
            if kind in ("book", "group"):
                practitioner, client, slot, length = args
                start = origin + HALF_HOUR * slot
                body: dict[str, Any] = {
                    "type": "individual" if kind == "book" else "group",
                    "starts_at": start.isoformat(),
                    "ends_at": (start + GRID * length).isoformat(),
                    "practitioner_id": PRACTITIONER_IDS[practitioner],
                }
                if kind == "book":
                    body["client_id"] = CLIENT_IDS[client]
                else:
                    body["max_attendees"] = 1 + client
                made.append(appointments.create_appointment(world, call, body)["id"])
            elif kind == "seat" and groups(world, made):
                which, client = args
                chosen = groups(world, made)
                attendees.create_attendee(
                    world, call, chosen[which % len(chosen)], {"client_id": CLIENT_IDS[client]}
                )
            elif kind == "cancel" and made:
                which, reason = args
                appointments.cancel_appointment(
                    world, call, made[which % len(made)], {"reason_code": reason}
                )
            elif kind in ("cancel_seat", "attendance") and world.attendees:
                which, value = args
                seats = sorted(
                    a.id for a in world.attendees.values()
                    if kind == "attendance" or world.appointments[a.appointment_id].type == "group"
                )  # fmt: skip
                if not seats:
                    continue
                seat = world.attendees[seats[which % len(seats)]]
                if kind == "cancel_seat":
                    attendees.cancel_attendee(
                        world, call, seat.appointment_id, seat.id, {"reason_code": value}
                    )
                else:
                    attendees.update_attendee(
                        world, call, seat.appointment_id, seat.id, {"attendance": value}
                    )
            elif kind == "delete" and made:
                appointments.delete_appointment(world, call, made[args[0] % len(made)])
        except ProblemError:
            continue  # a refused step (slot taken, a group full, canceled, ...) changes nothing
    return world


periods = st.tuples(st.integers(-48, 144), st.integers(1, 96))


def _period(period: tuple[int, int]) -> tuple[datetime, datetime]:
    begin = NOW.replace(hour=0) + HALF_HOUR * period[0]
    return begin, begin + HALF_HOUR * period[1]


def _draw_period(data: st.DataObject, world: World) -> tuple[datetime, datetime]:
    """A period on the grid, or one from an appointment's start to another's (bounds matter)."""
    starts = sorted({a.starts_at for a in world.appointments.values()})
    if len(starts) >= 2 and data.draw(st.booleans()):
        first = data.draw(st.sampled_from(starts[:-1]))
        last = data.draw(st.sampled_from([t for t in starts if t > first]))
        return first, last
    return _period(data.draw(periods))


def _brute_counts(
    world: World, start: datetime, end: datetime, dims: list[str], statuses: list[str],
    deleted: str, role: str,
) -> Counter[tuple[Any, ...]]:  # fmt: skip
    flags = {"exclude": {False}, "include": {False, True}, "only": {True}}[deleted]
    counts: Counter[tuple[Any, ...]] = Counter()
    for appt in world.appointments.values():
        if role == "staff" and appt.practitioner_id != ADA:
            continue
        if appt.status in statuses and appt.deleted in flags and start <= appt.starts_at < end:
            counts[tuple(_dimension(world, appt, d) for d in dims)] += 1
    return counts


def _dimension(world: World, appt: Appointment, name: str) -> Any:
    if name == "reason_code":
        return appt.cancellation.reason_code if appt.cancellation else None
    if name == "day":
        zone = ZoneInfo(world.practitioners[appt.practitioner_id].time_zone)
        return appt.starts_at.astimezone(zone).date().isoformat()
    return getattr(appt, name)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    steps=st.lists(step, min_size=15, max_size=40),
    data=st.data(),
    dims=st.lists(st.sampled_from(reports.DIMENSIONS), unique=True, max_size=3),
    statuses=st.sampled_from([["active"], ["canceled"], ["active", "canceled"]]),
    deleted=st.sampled_from(["exclude", "include", "only"]),
    role=st.sampled_from(["admin", "staff"]),
)
def test_appointment_counts_are_the_brute_force_counts_and_the_lists_totals(
    steps: list[tuple[Any, ...]], data: st.DataObject, dims: list[str], statuses: list[str],
    deleted: str, role: str,
) -> None:  # fmt: skip
    world = _world(steps)
    start, end = _draw_period(data, world)
    report = reports.appointments_report(
        world,
        _call(world, role),
        from_=start,
        to=end,
        group_by=dims,
        status=statuses,
        deleted=deleted,
    )
    validate("AppointmentReport", report)
    expected = _brute_counts(world, start, end, dims, statuses, deleted, role)
    got = {tuple(row[d] for d in dims): row["count"] for row in report["rows"]}
    if dims:
        assert got == dict(expected)
    else:
        assert got == {(): sum(expected.values())}
    assert report["total"] == sum(expected.values())
    listed = list_appointments(
        world, _call(world, role), status=statuses, deleted=deleted,
        starts_after=start, starts_before=end, page_size=1,
    )  # fmt: skip
    assert report["total"] == listed["total_size"]
    csv_lines = reports.appointments_csv(report).split("\r\n")
    assert csv_lines[0] == ",".join([*dims, "count"])
    assert len(csv_lines) == len(report["rows"]) + 2  # header, rows, and the final CRLF


def _working(world: World, practitioner_id: str, minute: datetime) -> bool:
    p = world.practitioners[practitioner_id]
    local = minute.astimezone(ZoneInfo(p.time_zone))
    of_day = local.hour * 60 + local.minute
    return any(
        w.weekday == local.isoweekday() and w.start_minutes <= of_day < w.end_minutes
        for w in p.working_hours
    )


def _brute_activity(
    world: World, practitioner_id: str, start: datetime, end: datetime
) -> dict[str, int]:
    live = [
        a for a in world.appointments.values()
        if a.practitioner_id == practitioner_id and a.status == "active" and not a.deleted
    ]  # fmt: skip
    held = [a for a in live if start <= a.starts_at < end]
    seats = [
        s for a in held for s in world.attendees_of(a) if s.status == "active" and not s.deleted
    ]
    working = free = 0
    minute = start
    while minute < end:
        if _working(world, practitioner_id, minute):
            working += 1
            free += not any(a.starts_at <= minute < a.ends_at for a in live)
        minute += timedelta(minutes=1)
    return {
        "appointments_held": len(held),
        "booked_minutes": sum(int((a.ends_at - a.starts_at).total_seconds()) // 60 for a in held),
        "attendees": len(seats),
        "no_shows": sum(s.attendance == "did_not_arrive" for s in seats),
        "working_minutes": working,
        "free_minutes": free,
    }


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(step, min_size=15, max_size=40), data=st.data())
def test_practitioner_activity_is_the_brute_force_count_and_what_availability_leaves_free(
    steps: list[tuple[Any, ...]], data: st.DataObject
) -> None:
    world = _world(steps)
    start, end = _draw_period(data, world)
    report = reports.practitioner_activity(world, _call(world), from_=start, to=end)
    validate("PractitionerActivityReport", report)
    assert [row["practitioner_id"] for row in report["rows"]] == sorted(
        PRACTITIONER_IDS, key=lambda p: world.practitioners[p].display_name
    )
    for row in report["rows"]:
        expected = _brute_activity(world, row["practitioner_id"], start, end)
        assert {k: row[k] for k in expected} == expected
        if end - start <= timedelta(days=31):
            slots = list_availability(
                world, _call(world), from_=start, to=end, practitioner_id=row["practitioner_id"],
                duration_minutes=5, page_size=1,
            )  # fmt: skip
            assert row["free_minutes"] == 5 * slots["total_size"]


def test_canceled_appointments_are_left_out_by_default_and_never_count_as_activity() -> None:
    world = new_world(clock=Clock(frozen_at=NOW))
    api = Api(world)
    kept = api.book("2030-03-06T09:00:00Z", 30)
    dropped = api.book("2030-03-06T10:00:00Z", 60)
    api.cancel(dropped["id"], reason_code=40)
    start, end = datetime(2030, 3, 6, 8, tzinfo=UTC), datetime(2030, 3, 6, 20, tzinfo=UTC)
    call = _call(world)
    default = reports.appointments_report(world, call, from_=start, to=end, practitioner_id=ADA)
    assert default["status"] == ["active"]
    assert default["total"] == 1
    both = reports.appointments_report(
        world, call, from_=start, to=end, practitioner_id=ADA,
        status=["active", "canceled"], group_by=["status", "reason_code"],
    )  # fmt: skip
    assert [(r["status"], r["reason_code"], r["count"]) for r in both["rows"]] == [
        ("active", None, 1),
        ("canceled", 40, 1),
    ]
    row = reports.practitioner_activity(world, call, from_=start, to=end, practitioner_id=ADA)[
        "rows"
    ][0]
    assert (row["appointments_held"], row["booked_minutes"]) == (1, 30)
    assert (row["working_minutes"], row["free_minutes"]) == (480, 450)  # 09:00-17:00 in Berlin
    assert kept["status"] == "active"


def test_a_staff_key_counts_its_practitioner_only_and_a_client_key_none(fails: Any) -> None:
    world = new_world(clock=Clock(frozen_at=NOW))
    start, end = NOW - timedelta(days=10), NOW + timedelta(days=10)
    everyone = reports.appointments_report(
        world, _call(world), from_=start, to=end, group_by=["practitioner_id"]
    )
    staff = reports.appointments_report(
        world, _call(world, "staff"), from_=start, to=end, group_by=["practitioner_id"]
    )
    assert {r["practitioner_id"] for r in staff["rows"]} == {ADA}
    assert len(everyone["rows"]) > 1
    other = next(p for p in PRACTITIONER_IDS if p != ADA)
    none = reports.appointments_report(
        world, _call(world, "staff"), from_=start, to=end, practitioner_id=other
    )
    assert none["total"] == 0
    activity = reports.practitioner_activity(world, _call(world, "staff"), from_=start, to=end)
    assert [r["practitioner_id"] for r in activity["rows"]] == [ADA]
    fails(403, "forbidden", "reports.appointments", reports.appointments_report,
          world, _call(world, "client"), from_=start, to=end)  # fmt: skip
    fails(403, "forbidden", "reports.practitioner_activity", reports.practitioner_activity,
          world, _call(world, "client"), from_=start, to=end)  # fmt: skip


@pytest.mark.parametrize(
    ("start", "end"),
    [(NOW, NOW), (NOW, NOW - timedelta(hours=1)), (NOW, NOW + timedelta(days=367))],
)
def test_a_period_must_end_after_it_starts_and_within_366_days(
    fails: Any, start: datetime, end: datetime
) -> None:
    world = new_world(clock=Clock(frozen_at=NOW))
    for op, rule in (
        ("reports.appointments", reports.appointments_report),
        ("reports.practitioner_activity", reports.practitioner_activity),
    ):
        fails(400, "window-too-large", op, rule, world, _call(world), from_=start, to=end)


def test_every_bad_parameter_is_listed(fails: Any) -> None:
    world = new_world(clock=Clock(frozen_at=NOW))
    error = fails(
        400, "validation-error", "reports.appointments", reports.appointments_report,
        world, _call(world), from_=None, to=None, group_by=["colour", "day", "day"],
        status=["gone"], deleted="never", type_="solo",
    )  # fmt: skip
    assert sorted(e["parameter"] for e in error.extra["errors"]) == [
        "deleted", "from", "group_by", "group_by", "status", "to", "type",
    ]  # fmt: skip
