"""PATCH: a merge patch of the mutable fields; status changes only as a cancel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from mock_rules_support import BARBARA, EDSGER, FRANCES, NOW, Api, Fails

from appointments_mock.clock import Clock
from appointments_mock.domain import appointments, attendees, history
from appointments_mock.seed import new_world

OP = "appointments.update"


def _patch(api: Api, appointment_id: str, body: dict[str, Any], **call: Any) -> dict[str, Any]:
    return appointments.update_appointment(api.world, api.call(**call), appointment_id, body)


def test_patch_changes_fields_and_records_them_in_the_audit_trail(api: Api, check) -> None:
    appt = api.book()
    updated = _patch(api, appt["id"], {"notes": "Bring X-rays.", "time_zone": "Europe/Paris"})
    check("Appointment", updated)
    assert (updated["notes"], updated["time_zone"]) == ("Bring X-rays.", "Europe/Paris")
    assert updated["version"] == appt["version"] + 1
    event = history.appointment_audit_events(api.world, api.call(), appt["id"])["items"][-1]
    assert event["action"] == "appointment.updated"
    assert {c["field"] for c in event["changes"]} == {"notes", "time_zone"}
    assert event["request_id"] == "req-test"


def test_patch_that_changes_nothing_keeps_the_version(api: Api) -> None:
    appt = api.book(notes="Same.")
    assert _patch(api, appt["id"], {"notes": "Same."})["version"] == appt["version"]
    assert _patch(api, appt["id"], {"status": "active"})["version"] == appt["version"]


STATUS_CANCEL = {"status": "canceled", "cancellation": {"reason_code": 30}}


def _by_cancel(api: Api, appointment_id: str, body: dict[str, Any]) -> dict[str, Any]:
    return appointments.cancel_appointment(api.world, api.call(), appointment_id, body)


def _by_status(api: Api, appointment_id: str, body: dict[str, Any]) -> dict[str, Any]:
    return _patch(api, appointment_id, {"status": "canceled", "cancellation": body})


CANCEL_PATHS = [_by_cancel, _by_status]
PATH_IDS = ["post-cancel", "patch-status"]
RECORDED = ("reason_code", "reason_label", "note", "message", "notify", "apply_to_repeats")


@pytest.mark.parametrize(
    "body",
    [
        {"reason_code": 30},
        {"reason_code": 30, "note": "Called in sick", "message": "Get well soon"},
        {"reason_code": 50, "note": "Moved abroad", "notify": False},
        {"reason_code": 10, "message": "See you next time"},
    ],
)
def test_both_ways_of_canceling_record_what_they_are_given(body: dict[str, Any]) -> None:
    recorded = []
    for cancel in CANCEL_PATHS:
        api = Api(new_world(clock=Clock(frozen_at=NOW)))  # the same world for each way
        appt = api.book()
        canceled = cancel(api, appt["id"], body)
        assert canceled["status"] == "canceled"
        recorded.append({k: canceled["cancellation"][k] for k in RECORDED})
        assert canceled["cancellation"]["note"] == body.get("note")  # nothing invented
        actions = [e["action"] for e in history.appointment_audit_events(
            api.world, api.call(), appt["id"])["items"]]  # fmt: skip
        assert "appointment.canceled" in actions  # then its attendee's, cascaded
    assert recorded[0] == recorded[1]


@pytest.mark.parametrize("cancel", CANCEL_PATHS, ids=PATH_IDS)
@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"reason_code": 50}, "note-required"),
        ({"reason_code": 50, "note": "  "}, "note-required"),
        ({"reason_code": 7}, "invalid-cancellation-reason"),
    ],
)
def test_both_ways_of_canceling_refuse_the_same_reasons(
    api: Api, fails: Fails, cancel: Callable[..., Any], body: dict[str, Any], code: str
) -> None:
    appt = api.book()
    op = "appointments.cancel" if cancel is _by_cancel else OP
    fails(400, code, op, cancel, api, appt["id"], body)
    assert api.get(appt["id"])["status"] == "active"


def test_patch_status_canceled_without_a_reason_is_400_and_changes_nothing(
    api: Api, fails: Fails
) -> None:
    appt = api.book()
    error = fails(400, "validation-error", OP, _patch, api, appt["id"], {"status": "canceled"})
    assert [e["pointer"] for e in error.extra["errors"]] == ["/cancellation"]
    assert api.get(appt["id"])["status"] == "active"


def test_a_cancellation_without_status_canceled_is_400(api: Api, fails: Fails) -> None:
    appt = api.book()
    body = {"notes": "x", "cancellation": {"reason_code": 30}}
    error = fails(400, "validation-error", OP, _patch, api, appt["id"], body)
    assert [e["pointer"] for e in error.extra["errors"]] == ["/cancellation"]
    assert api.get(appt["id"])["notes"] != "x"


def test_patch_status_canceled_on_a_canceled_appointment_is_409_already_canceled(
    api: Api, fails: Fails
) -> None:
    appt = api.book()
    api.cancel(appt["id"])
    fails(409, "already-canceled", OP, _patch, api, appt["id"], STATUS_CANCEL)


def test_patch_status_canceled_after_the_end_is_409_appointment_ended(
    api: Api, fails: Fails
) -> None:
    appt = api.book()
    api.advance(days=3)
    fails(409, "appointment-ended", OP, _patch, api, appt["id"], STATUS_CANCEL)


def test_patch_of_a_canceled_appointment_is_409_appointment_canceled(
    api: Api, fails: Fails
) -> None:
    appt = api.book()
    api.cancel(appt["id"])
    fails(409, "appointment-canceled", OP, _patch, api, appt["id"], {"notes": "x"})


def test_patch_of_a_locked_appointment_is_409_appointment_locked(api: Api, fails: Fails) -> None:
    appt = api.book()
    api.world.set_locked(appt["id"], True, "finalized")
    fails(409, "appointment-locked", OP, _patch, api, appt["id"], {"notes": "x"})


def test_moving_an_appointment_in_progress_is_409_appointment_in_progress(
    api: Api, fails: Fails
) -> None:
    appt = api.book()
    api.advance(days=2, hours=3, minutes=5)
    move = {"starts_at": "2030-03-06T09:00:00Z", "ends_at": "2030-03-06T09:45:00Z"}
    fails(409, "appointment-in-progress", OP, _patch, api, appt["id"], move)
    assert _patch(api, appt["id"], {"notes": "Running late."})["notes"] == "Running late."


def test_moving_onto_a_taken_slot_is_409_slot_conflict(api: Api, fails: Fails) -> None:
    appt = api.book()
    other = api.book("2030-03-06T10:00:00Z", client_id=FRANCES)
    move = {"starts_at": "2030-03-06T10:15:00Z", "ends_at": "2030-03-06T10:45:00Z"}
    error = fails(409, "slot-conflict", OP, _patch, api, appt["id"], move)
    assert error.extra["conflicting_appointment_ids"] == [other["id"]]


def test_moving_within_its_own_slot_is_no_conflict(api: Api) -> None:
    appt = api.book()
    moved = _patch(api, appt["id"], {"ends_at": "2030-03-06T09:45:00Z"})
    assert moved["ends_at"] == "2030-03-06T09:45:00Z"


def test_moving_an_appointment_notifies_and_syncs_the_calendar(api: Api) -> None:
    appt = api.book()
    _patch(
        api, appt["id"], {"starts_at": "2030-03-06T11:00:00Z", "ends_at": "2030-03-06T11:30:00Z"}
    )
    items = history.appointment_notifications(api.world, api.call(), appt["id"])["items"]
    updated = {
        (n["channel"], n["recipient"]["type"]) for n in items if n["event"] == "appointment.updated"
    }
    assert updated == {
        ("email", "client"),
        ("email", "practitioner"),
        ("calendar_sync", "practitioner"),
    }


def test_lowering_max_attendees_below_the_attendees_is_409_capacity_below_attendees(
    api: Api, fails: Fails
) -> None:
    group = api.group(seats=3)
    api.seat(group["id"], EDSGER)
    api.seat(group["id"], BARBARA)
    fails(409, "capacity-below-attendees", OP, _patch, api, group["id"], {"max_attendees": 1})
    assert _patch(api, group["id"], {"max_attendees": 2})["max_attendees"] == 2


def test_canceled_attendees_do_not_count_against_max_attendees(api: Api) -> None:
    group = api.group(seats=3)
    api.seat(group["id"], EDSGER)
    seat = api.seat(group["id"], BARBARA)
    attendees.cancel_attendee(api.world, api.call(), group["id"], seat["id"], {"reason_code": 40})
    assert _patch(api, group["id"], {"max_attendees": 1})["max_attendees"] == 1


def test_ends_before_starts_is_400_validation_error_with_a_pointer(api: Api, fails: Fails) -> None:
    appt = api.book()
    error = fails(
        400, "validation-error", OP, _patch, api, appt["id"], {"ends_at": "2030-03-06T08:00:00Z"}
    )
    assert error.extra["errors"][0]["pointer"] == "/ends_at"


def test_max_attendees_on_an_individual_appointment_is_409_use_group_appointment(
    api: Api, fails: Fails
) -> None:
    appt = api.book()
    fails(409, "use-group-appointment", OP, _patch, api, appt["id"], {"max_attendees": 2})


def test_status_canceled_with_other_changes_is_400(api: Api, fails: Fails) -> None:
    appt = api.book()
    fails(400, "validation-error", OP, _patch, api, appt["id"], {**STATUS_CANCEL, "notes": "x"})
    assert api.get(appt["id"])["status"] == "active"
