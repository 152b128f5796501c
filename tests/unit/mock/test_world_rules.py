"""The session world: demo data, clock, lock hook, and indexes that agree with a full scan."""

from __future__ import annotations

import contextlib
import random
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from mock_rules_support import NOW, Api

from appointments_mock.clock import Clock
from appointments_mock.domain import appointments, attendees, history, reference
from appointments_mock.domain.context import Call
from appointments_mock.errors import ProblemError
from appointments_mock.seed import DEMO_CLIENT_ID, DEMO_PRACTITIONER_ID, new_world
from appointments_mock.store import World


def test_demo_data_is_deterministic_for_a_seed() -> None:
    first = new_world(seed=7, clock=Clock(frozen_at=NOW))
    again = new_world(seed=7, clock=Clock(frozen_at=NOW))
    other = new_world(seed=8, clock=Clock(frozen_at=NOW))
    assert first.labels == again.labels
    assert first.labels != other.labels
    assert list(first.practitioners) == list(other.practitioners)


def test_demo_data_covers_every_state(world: World) -> None:
    zones = {p.time_zone for p in world.practitioners.values()}
    assert len(world.practitioners) >= 3
    assert len(zones) >= 3
    assert len(world.clients) >= 6
    assert world.clients[DEMO_CLIENT_ID].booking_limit == 3
    by_label = {k: world.appointments[v] for k, v in world.labels.items()}
    assert by_label["canceled"].status == "canceled"
    assert by_label["canceled"].client_id == DEMO_CLIENT_ID
    assert by_label["canceled_group"].cancellation is not None
    assert by_label["deleted"].deleted_at is not None
    assert (by_label["locked"].locked, by_label["locked"].lock_reason) == (True, "invoiced")
    assert by_label["past"].ends_at < NOW < by_label["upcoming"].starts_at
    assert by_label["in_progress"].starts_at <= NOW < by_label["in_progress"].ends_at
    assert len(world.by_series[by_label["series"].series_id or ""]) == 4
    assert by_label["group"].type == "group"


def test_demo_keys_resolve_to_their_actors(world: World) -> None:
    assert world.actor_for_key("demo-admin-key").type == "admin"  # type: ignore[union-attr]
    assert world.actor_for_key("demo-api-key").type == "api_client"  # type: ignore[union-attr]
    staff = world.actor_for_key("demo-staff-key")
    assert staff is not None
    assert staff.practitioner_id == DEMO_PRACTITIONER_ID
    client = world.actor_for_key("demo-client-key")
    assert client is not None
    assert client.client_id == DEMO_CLIENT_ID
    assert world.actor_for_key("nope") is None


def test_every_demo_record_validates_against_the_spec(api: Api, check) -> None:
    world, call = api.world, api.call()
    page = appointments.list_appointments(
        world, call, status=["active", "canceled"], deleted="include", page_size=100
    )
    check("AppointmentPage", page)
    assert page["total_size"] == len(world.appointments)
    for appt in page["items"]:
        if appt["deleted_at"] is None:
            check(
                "AttendeePage",
                attendees.list_attendees(
                    world, call, appt["id"], status=["active", "canceled"], deleted="include"
                ),
            )
        check("AuditEventPage", history.appointment_audit_events(world, call, appt["id"]))
        check("NotificationPage", history.appointment_notifications(world, call, appt["id"]))
    check("AuditEventPage", history.list_audit_events(world, call, page_size=100))
    check("PractitionerPage", reference.list_practitioners(world, call))
    check("ClientPage", reference.list_clients(world, call))
    check("Client", reference.get_client(world, call, DEMO_CLIENT_ID))


def test_the_clock_freezes_advances_and_resumes() -> None:
    clock = Clock(frozen_at=NOW)
    assert clock.now() == NOW
    assert clock.state() == {"mode": "frozen", "now": "2030-03-04T06:00:00Z", "offset_seconds": 0.0}
    clock.advance(90)
    assert clock.now() == NOW + timedelta(seconds=90)
    clock.resume()
    assert clock.state()["mode"] == "real"
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=5)
    clock.advance(3600)
    assert clock.state()["mode"] == "offset"
    assert abs(clock.now() - datetime.now(UTC) - timedelta(hours=1)) < timedelta(seconds=5)
    clock.freeze()
    frozen = clock.now()
    assert clock.now() == frozen
    clock.freeze(datetime(2031, 1, 1, 12, tzinfo=ZoneInfo("Europe/Berlin")))
    assert clock.now() == datetime(2031, 1, 1, 11, tzinfo=UTC)
    with pytest.raises(ValueError, match="timezone-aware"):
        clock.freeze(datetime(2031, 1, 1))


def test_locking_is_a_change_with_a_new_version(api: Api) -> None:
    appt = api.book()
    api.world.set_locked(appt["id"], True, "invoiced")
    locked = api.get(appt["id"])
    assert (locked["locked"], locked["lock_reason"], locked["version"]) == (True, "invoiced", 2)
    api.world.set_locked(appt["id"], False, None)
    assert (api.get(appt["id"])["locked"], api.get(appt["id"])["lock_reason"]) == (False, None)
    with pytest.raises(ProblemError) as info:
        api.world.set_locked("00000000-0000-4000-8000-000000000000", True, None)
    assert info.value.status == 404


def test_the_indexes_agree_with_a_full_scan_after_random_changes(api: Api) -> None:
    rng = random.Random(42)
    world = api.world
    practitioners = list(world.practitioners)
    for _ in range(150):
        start = NOW + timedelta(minutes=15 * rng.randrange(-200, 2000))
        with contextlib.suppress(ProblemError):  # a slot conflict skips this booking
            api.book(
                start.isoformat(),
                rng.choice([15, 30, 60]),
                type="group",
                max_attendees=2,
                practitioner_id=rng.choice(practitioners),
            )
    for appt_id in rng.sample(sorted(world.appointments), 60):
        action = rng.choice(["cancel", "delete", "move", "notes"])
        try:
            if action == "cancel":
                api.cancel(appt_id)
            elif action == "delete":
                appointments.delete_appointment(world, api.call(), appt_id)
            elif action == "move":
                appt = world.appointments[appt_id]
                shift = timedelta(minutes=15 * rng.randrange(1, 50))
                body = {
                    "starts_at": (appt.starts_at + shift).isoformat(),
                    "ends_at": (appt.ends_at + shift).isoformat(),
                }
                appointments.update_appointment(world, api.call(), appt_id, body)
            else:
                appointments.update_appointment(world, api.call(), appt_id, {"notes": "n"})
        except ProblemError:
            pass
        api.advance(minutes=1)

    def listed(call: Call, **filters: Any) -> list[str]:
        ids: list[str] = []
        token = None
        while True:
            page = appointments.list_appointments(
                world, call, page_token=token, page_size=37, **filters
            )
            ids.extend(a["id"] for a in page["items"])
            token = page["next_page_token"]
            if token is None:
                return ids

    after = NOW + timedelta(days=3)
    for order in ("starts_at", "updated_at_desc", "created_at"):
        for statuses, deleted in (
            (["active"], "exclude"),
            (["active", "canceled"], "include"),
            (["canceled"], "only"),
        ):
            name, desc = order.removesuffix("_desc"), order.endswith("_desc")
            flags = {"exclude": (False,), "include": (False, True), "only": (True,)}[deleted]
            expected = sorted(
                (
                    a
                    for a in world.appointments.values()
                    if a.status in statuses and a.deleted in flags and a.starts_at >= after
                ),
                key=lambda a: (getattr(a, name), a.id),
                reverse=desc,
            )
            got = listed(
                api.call(),
                status=statuses,
                deleted=deleted,
                order_by=order,
                starts_after=after.isoformat(),
            )
            assert got == [a.id for a in expected], (order, statuses, deleted)
            staff = listed(
                api.call("staff"),
                status=statuses,
                deleted=deleted,
                order_by=order,
                starts_after=after.isoformat(),
            )
            assert staff == [a.id for a in expected if a.practitioner_id == DEMO_PRACTITIONER_ID]
