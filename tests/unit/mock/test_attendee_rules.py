"""Attendees: seats of group appointments; canceled attendees are view-only."""

from __future__ import annotations

from typing import Any

from mock_rules_support import BARBARA, EDSGER, FRANCES, GRACE, Api, Fails

from appointments_mock.domain import attendees


def _cancel(api: Api, appt_id: str, attendee_id: str, **body: Any) -> dict[str, Any]:
    return attendees.cancel_attendee(
        api.world, api.call(), appt_id, attendee_id, {"reason_code": 40, **body}
    )


def _delete(api: Api, appt_id: str, attendee_id: str) -> dict[str, Any]:
    return attendees.delete_attendee(api.world, api.call(), appt_id, attendee_id)


def _restore(api: Api, appt_id: str, attendee_id: str) -> dict[str, Any]:
    return attendees.restore_attendee(api.world, api.call(), appt_id, attendee_id)


def _update(api: Api, appt_id: str, attendee_id: str, body: dict[str, Any]) -> dict[str, Any]:
    return attendees.update_attendee(api.world, api.call(), appt_id, attendee_id, body)


def _only_attendee(api: Api, appt_id: str) -> str:
    return str(attendees.list_attendees(api.world, api.call(), appt_id)["items"][0]["id"])


def test_adding_an_attendee_takes_a_seat(api: Api, check) -> None:
    group = api.group()
    seat = api.seat(group["id"], EDSGER)
    check("Attendee", seat)
    assert (seat["status"], seat["attendance"], seat["version"]) == ("active", "unknown", 1)
    assert api.get(group["id"])["attendee_counts"] == {"total": 1, "active": 1, "canceled": 0}


def test_a_full_group_is_409_appointment_full(api: Api, fails: Fails) -> None:
    group = api.group(seats=1)
    api.seat(group["id"], EDSGER)
    fails(409, "appointment-full", "attendees.create", api.seat, group["id"], BARBARA)


def test_a_canceled_seat_frees_capacity(api: Api) -> None:
    group = api.group(seats=1)
    seat = api.seat(group["id"], EDSGER)
    _cancel(api, group["id"], seat["id"])
    assert api.seat(group["id"], BARBARA)["status"] == "active"


def test_the_same_client_twice_is_409_attendee_exists(api: Api, fails: Fails) -> None:
    group = api.group()
    api.seat(group["id"], EDSGER)
    fails(409, "attendee-exists", "attendees.create", api.seat, group["id"], EDSGER)


def test_adding_to_an_individual_appointment_is_409_use_group_appointment(
    api: Api, fails: Fails
) -> None:
    appt = api.book()
    fails(409, "use-group-appointment", "attendees.create", api.seat, appt["id"], BARBARA)


def test_adding_to_a_canceled_appointment_is_409_appointment_canceled(
    api: Api, fails: Fails
) -> None:
    group = api.group()
    api.cancel(group["id"])
    fails(409, "appointment-canceled", "attendees.create", api.seat, group["id"], BARBARA)


def test_adding_after_the_end_is_409_appointment_ended(api: Api, fails: Fails) -> None:
    group = api.group()
    api.advance(days=3)
    fails(409, "appointment-ended", "attendees.create", api.seat, group["id"], BARBARA)


def test_adding_beyond_the_booking_limit_is_409_booking_limit_reached(
    api: Api, fails: Fails
) -> None:
    api.book(client_id=GRACE)
    group = api.group()
    fails(409, "booking-limit-reached", "attendees.create", api.seat, group["id"], GRACE)


def test_adding_to_a_deleted_appointment_is_410(api: Api, fails: Fails) -> None:
    from appointments_mock.domain import appointments

    group = api.group()
    appointments.delete_appointment(api.world, api.call(), group["id"])
    fails(410, "appointment-deleted", "attendees.create", api.seat, group["id"], BARBARA)
    fails(
        410,
        "appointment-deleted",
        "attendees.list",
        attendees.list_attendees,
        api.world,
        api.call(),
        group["id"],
    )


def test_attendee_cancel_on_an_individual_appointment_is_409_use_appointment_cancel(
    api: Api, fails: Fails
) -> None:
    appt = api.book()
    fails(
        409,
        "use-appointment-cancel",
        "attendees.cancel",
        _cancel,
        api,
        appt["id"],
        _only_attendee(api, appt["id"]),
    )


def test_attendee_delete_on_an_individual_appointment_is_409_use_appointment_delete(
    api: Api, fails: Fails
) -> None:
    appt = api.book()
    fails(
        409,
        "use-appointment-delete",
        "attendees.delete",
        _delete,
        api,
        appt["id"],
        _only_attendee(api, appt["id"]),
    )


def test_cancel_a_seat_keeps_it_listed_as_canceled(api: Api, check) -> None:
    group = api.group()
    seat = api.seat(group["id"], EDSGER)
    canceled = _cancel(api, group["id"], seat["id"], note="On holiday.")
    check("Attendee", canceled)
    assert canceled["status"] == "canceled"
    assert canceled["cancellation"]["reason_label"] == "Away"
    assert api.get(group["id"])["attendee_counts"] == {"total": 1, "active": 0, "canceled": 1}
    listed = attendees.list_attendees(api.world, api.call(), group["id"], status=["canceled"])
    assert [a["id"] for a in listed["items"]] == [seat["id"]]
    assert attendees.list_attendees(api.world, api.call(), group["id"])["items"] == []


def test_cancel_a_seat_twice_is_409_already_canceled(api: Api, fails: Fails) -> None:
    group = api.group()
    seat = api.seat(group["id"], EDSGER)
    _cancel(api, group["id"], seat["id"])
    fails(409, "already-canceled", "attendees.cancel", _cancel, api, group["id"], seat["id"])


def test_cancel_a_seat_of_a_locked_appointment_is_409(api: Api, fails: Fails) -> None:
    group = api.group()
    seat = api.seat(group["id"], EDSGER)
    api.world.set_locked(group["id"], True, "invoiced")
    fails(409, "appointment-locked", "attendees.cancel", _cancel, api, group["id"], seat["id"])


def test_cancel_a_seat_while_in_progress_or_after_the_end_is_409(api: Api, fails: Fails) -> None:
    group = api.group()
    seat = api.seat(group["id"], EDSGER)
    api.advance(days=2, hours=4, minutes=10)
    fails(409, "appointment-in-progress", "attendees.cancel", _cancel, api, group["id"], seat["id"])
    api.advance(hours=1)
    fails(409, "appointment-ended", "attendees.cancel", _cancel, api, group["id"], seat["id"])


def test_cancel_a_seat_with_reason_other_needs_a_note(api: Api, fails: Fails) -> None:
    group = api.group()
    seat = api.seat(group["id"], EDSGER)
    fails(
        400,
        "note-required",
        "attendees.cancel",
        _cancel,
        api,
        group["id"],
        seat["id"],
        reason_code=50,
    )
    fails(
        400,
        "invalid-cancellation-reason",
        "attendees.cancel",
        _cancel,
        api,
        group["id"],
        seat["id"],
        reason_code=1,
    )


def test_a_canceled_attendee_is_view_only(api: Api, fails: Fails) -> None:
    group = api.group()
    seat = api.seat(group["id"], EDSGER)
    _cancel(api, group["id"], seat["id"])
    fails(
        409,
        "attendee-canceled",
        "attendees.update",
        _update,
        api,
        group["id"],
        seat["id"],
        {"attendance": "arrived"},
    )


def test_recording_attendance_bumps_the_version_and_is_audited(api: Api) -> None:
    group = api.group()
    seat = api.seat(group["id"], EDSGER)
    updated = _update(api, group["id"], seat["id"], {"attendance": "arrived"})
    assert (updated["attendance"], updated["version"]) == ("arrived", 2)
    assert _update(api, group["id"], seat["id"], {"attendance": "arrived"})["version"] == 2


def test_a_deleted_attendee_is_410_unless_show_deleted(api: Api, fails: Fails) -> None:
    group = api.group()
    seat = api.seat(group["id"], EDSGER)
    deleted = _delete(api, group["id"], seat["id"])
    assert deleted["purge_at"] == "2030-04-03T06:00:00Z"
    error = fails(
        410,
        "attendee-deleted",
        "attendees.get",
        attendees.get_attendee,
        api.world,
        api.call(),
        group["id"],
        seat["id"],
    )
    assert error.extra["purge_at"] == "2030-04-03T06:00:00Z"
    shown = attendees.get_attendee(
        api.world, api.call(), group["id"], seat["id"], show_deleted=True
    )
    assert shown["deleted_at"] is not None
    assert api.get(group["id"])["attendee_counts"]["total"] == 0


def test_restore_of_an_attendee_rechecks_capacity(api: Api, fails: Fails) -> None:
    group = api.group(seats=1)
    seat = api.seat(group["id"], EDSGER)
    _delete(api, group["id"], seat["id"])
    api.seat(group["id"], BARBARA)
    fails(409, "appointment-full", "attendees.restore", _restore, api, group["id"], seat["id"])


def test_restore_of_a_live_attendee_is_409_not_deleted(api: Api, fails: Fails) -> None:
    group = api.group()
    seat = api.seat(group["id"], EDSGER)
    fails(409, "not-deleted", "attendees.restore", _restore, api, group["id"], seat["id"])


def test_restore_brings_the_seat_back(api: Api) -> None:
    group = api.group()
    seat = api.seat(group["id"], FRANCES)
    _delete(api, group["id"], seat["id"])
    restored = _restore(api, group["id"], seat["id"])
    assert (restored["status"], restored["deleted_at"]) == ("active", None)
    assert api.get(group["id"])["attendee_counts"]["active"] == 1


def test_a_deleted_attendee_is_purged_after_the_retention(api: Api, fails: Fails) -> None:
    group = api.group("2030-05-06T10:00:00Z")
    seat = api.seat(group["id"], FRANCES)
    _delete(api, group["id"], seat["id"])
    api.advance(days=30)
    fails(
        404,
        "not-found",
        "attendees.get",
        attendees.get_attendee,
        api.world,
        api.call(),
        group["id"],
        seat["id"],
        show_deleted=True,
    )
