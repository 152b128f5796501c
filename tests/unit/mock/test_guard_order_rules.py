"""Guards run in a fixed order: 403 -> 404 -> 410 -> 412 -> 409 -> 400."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from mock_rules_support import EDSGER, Api, Fails

from appointments_mock.domain import appointments, attendees
from appointments_mock.errors import ProblemError


def test_a_matching_if_match_passes_and_star_matches_anything(api: Api) -> None:
    appt = api.book()
    world = api.world
    updated = appointments.update_appointment(
        world, api.call(if_match=f'"{appt["version"]}"'), appt["id"], {"notes": "a"}
    )
    appointments.update_appointment(world, api.call(if_match="*"), appt["id"], {"notes": "b"})
    appointments.update_appointment(
        world, api.call(if_match=f'W/"{updated["version"] + 1}"'), appt["id"], {"notes": "c"}
    )


def test_a_stale_if_match_is_412_with_the_current_etag(api: Api, fails: Fails) -> None:
    appt = api.book()
    appointments.update_appointment(api.world, api.call(), appt["id"], {"notes": "changed"})
    error = fails(
        412,
        "precondition-failed",
        "appointments.update",
        appointments.update_appointment,
        api.world,
        api.call(if_match='"1"'),
        appt["id"],
        {"notes": "mine"},
    )
    assert error.extra == {"current_etag": '"2"'}
    assert api.get(appt["id"])["notes"] == "changed"


def test_deleted_and_stale_if_match_is_410_not_412(api: Api, fails: Fails) -> None:
    appt = api.book()
    appointments.delete_appointment(api.world, api.call(), appt["id"])
    fails(
        410,
        "appointment-deleted",
        "appointments.cancel",
        appointments.cancel_appointment,
        api.world,
        api.call(if_match='"1"'),
        appt["id"],
        {"reason_code": 30},
    )


def test_stale_if_match_and_already_canceled_is_412_not_409(api: Api, fails: Fails) -> None:
    appt = api.book()
    api.cancel(appt["id"])
    fails(
        412,
        "precondition-failed",
        "appointments.cancel",
        appointments.cancel_appointment,
        api.world,
        api.call(if_match='"1"'),
        appt["id"],
        {"reason_code": 30},
    )


def test_already_canceled_and_an_invalid_reason_is_409_not_400(api: Api, fails: Fails) -> None:
    appt = api.book()
    api.cancel(appt["id"])
    fails(409, "already-canceled", "appointments.cancel", api.cancel, appt["id"], reason_code=99)


def test_forbidden_comes_before_not_found(api: Api, fails: Fails) -> None:
    fails(
        403,
        "forbidden",
        "appointments.update",
        appointments.update_appointment,
        api.world,
        api.call("client"),
        "00000000-0000-4000-8000-000000000000",
        {"notes": "x"},
    )


def test_an_invisible_appointment_is_404_before_410(api: Api, fails: Fails) -> None:
    deleted = api.world.labels["deleted"]  # Dr. Johnson's, not the demo staff's
    fails(404, "not-found", "appointments.get", api.get, deleted, "staff")
    fails(410, "appointment-deleted", "appointments.get", api.get, deleted, "admin")


def test_attendee_if_match_is_checked_against_the_attendee_version(api: Api, fails: Fails) -> None:
    group = api.group()
    seat = api.seat(group["id"], EDSGER)
    fails(
        412,
        "precondition-failed",
        "attendees.cancel",
        attendees.cancel_attendee,
        api.world,
        api.call(if_match='"7"'),
        group["id"],
        seat["id"],
        {"reason_code": 40},
    )
    canceled = attendees.cancel_attendee(
        api.world, api.call(if_match='"1"'), group["id"], seat["id"], {"reason_code": 40}
    )
    assert canceled["version"] == 2


def test_concurrent_cancels_of_one_appointment_succeed_exactly_once(api: Api) -> None:
    appt = api.book()

    def attempt(_: int) -> str:
        try:
            api.cancel(appt["id"])
        except ProblemError as error:
            return error.code
        return "ok"

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = sorted(pool.map(attempt, range(16)))
    assert outcomes == ["already-canceled"] * 15 + ["ok"]
    assert api.get(appt["id"])["version"] == appt["version"] + 1
