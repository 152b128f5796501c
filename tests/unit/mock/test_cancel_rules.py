"""Cancel is a business event: the record stays, it is final, it frees time and limits."""

from __future__ import annotations

from mock_rules_support import ADA, BARBARA, EDSGER, FRANCES, GRACE, Api, Fails

from appointments_mock.domain import appointments, attendees, availability, history

OP = "appointments.cancel"


def test_cancel_keeps_the_record_with_its_cancellation(api: Api, check) -> None:
    appt = api.book()
    canceled = api.cancel(appt["id"], note="Called in.", message="Get well soon.")
    check("Appointment", canceled)
    assert canceled["status"] == "canceled"
    assert canceled["version"] == appt["version"] + 1
    c = canceled["cancellation"]
    assert (c["reason_code"], c["reason_label"]) == (30, "Sick")
    assert (c["note"], c["message"], c["notify"], c["cascaded"]) == (
        "Called in.",
        "Get well soon.",
        True,
        False,
    )
    assert c["canceled_by"] == {"type": "admin", "id": "demo-admin", "display_name": "Demo admin"}
    assert api.get(appt["id"])["status"] == "canceled"


def test_canceled_appointments_are_hidden_from_the_default_list_but_listed_with_status_canceled(
    api: Api,
) -> None:
    appt = api.book()
    api.cancel(appt["id"])
    default = appointments.list_appointments(api.world, api.call())
    assert appt["id"] not in {a["id"] for a in default["items"]}
    canceled = appointments.list_appointments(api.world, api.call(), status=["canceled"])
    assert appt["id"] in {a["id"] for a in canceled["items"]}
    assert all(a["status"] == "canceled" for a in canceled["items"])


def test_cancel_twice_is_409_already_canceled(api: Api, fails: Fails) -> None:
    appt = api.book()
    api.cancel(appt["id"])
    fails(409, "already-canceled", OP, api.cancel, appt["id"])


def test_cancel_of_a_locked_appointment_is_409_appointment_locked(api: Api, fails: Fails) -> None:
    appt = api.book()
    api.world.set_locked(appt["id"], True, "invoiced")
    fails(409, "appointment-locked", OP, api.cancel, appt["id"])


def test_cancel_while_in_progress_is_409_appointment_in_progress(api: Api, fails: Fails) -> None:
    appt = api.book()
    api.advance(days=2, hours=3, minutes=10)  # Wednesday 09:10
    fails(409, "appointment-in-progress", OP, api.cancel, appt["id"])


def test_cancel_after_the_end_is_409_appointment_ended(api: Api, fails: Fails) -> None:
    appt = api.book()
    api.advance(days=3)
    fails(409, "appointment-ended", OP, api.cancel, appt["id"])


def test_cancel_with_an_unknown_reason_is_400_invalid_cancellation_reason(
    api: Api, fails: Fails
) -> None:
    appt = api.book()
    fails(400, "invalid-cancellation-reason", OP, api.cancel, appt["id"], reason_code=99)
    assert api.get(appt["id"])["status"] == "active"


def test_cancel_with_reason_other_requires_a_note(api: Api, fails: Fails) -> None:
    appt = api.book()
    fails(400, "note-required", OP, api.cancel, appt["id"], reason_code=50)
    fails(400, "note-required", OP, api.cancel, appt["id"], reason_code=50, note="  ")
    assert api.cancel(appt["id"], reason_code=50, note="Moved away.")["status"] == "canceled"


def test_cancel_cascades_to_the_active_attendees_with_the_same_cancellation(api: Api) -> None:
    group = api.group()
    first = api.seat(group["id"], EDSGER)
    second = api.seat(group["id"], BARBARA)
    attendees.cancel_attendee(api.world, api.call(), group["id"], second["id"], {"reason_code": 40})
    canceled = api.cancel(group["id"])
    assert canceled["attendee_counts"] == {"total": 2, "active": 0, "canceled": 2}
    cascaded = api.world.attendees[first["id"]]
    assert cascaded.status == "canceled"
    assert cascaded.cancellation is not None
    assert cascaded.cancellation.cascaded is True
    assert cascaded.cancellation.id == canceled["cancellation"]["id"]
    # The seat canceled earlier keeps its own cancellation.
    earlier = api.world.attendees[second["id"]].cancellation
    assert earlier is not None
    assert (earlier.reason_code, earlier.cascaded) == (40, False)


def test_cancel_frees_the_slot_for_availability_and_a_new_booking(api: Api, fails: Fails) -> None:
    appt = api.book()
    window = {"from_": "2030-03-06T09:00:00Z", "to": "2030-03-06T09:30:00Z", "practitioner_id": ADA}
    assert availability.list_availability(api.world, api.call(), **window)["items"] == []
    fails(409, "slot-conflict", "appointments.create", api.book, client_id=FRANCES)
    api.cancel(appt["id"])
    slots = availability.list_availability(api.world, api.call(), **window)["items"]
    assert [s["starts_at"] for s in slots] == ["2030-03-06T09:00:00Z"]
    assert api.book(client_id=FRANCES)["status"] == "active"


def test_cancel_frees_the_clients_booking_limit(api: Api, fails: Fails) -> None:
    # Grace (limit 3) holds 2 upcoming appointments in the demo data.
    third = api.book(client_id=GRACE)
    fails(
        409,
        "booking-limit-reached",
        "appointments.create",
        api.book,
        "2030-03-06T11:00:00Z",
        client_id=GRACE,
    )
    api.cancel(third["id"])
    assert api.book("2030-03-06T11:00:00Z", client_id=GRACE)["status"] == "active"


def test_cancel_sends_emails_and_removes_the_calendar_event(api: Api, check) -> None:
    appt = api.book()
    api.cancel(appt["id"])
    page = history.appointment_notifications(api.world, api.call(), appt["id"])
    check("NotificationPage", page)
    sent = [
        (n["event"], n["channel"], n["recipient"]["type"], n["status"])
        for n in page["items"]
        if n["event"] == "appointment.canceled"
    ]
    assert sorted(sent) == [
        ("appointment.canceled", "calendar_sync", "practitioner", "sent"),
        ("appointment.canceled", "email", "client", "sent"),
        ("appointment.canceled", "email", "practitioner", "sent"),
    ]


def test_cancel_without_notify_suppresses_emails_but_still_syncs_the_calendar(api: Api) -> None:
    appt = api.book()
    api.cancel(appt["id"], notify=False)
    items = history.appointment_notifications(api.world, api.call(), appt["id"])["items"]
    canceled = [n for n in items if n["event"] == "appointment.canceled"]
    assert {n["channel"]: n["status"] for n in canceled if n["channel"] == "calendar_sync"} == {
        "calendar_sync": "sent"
    }
    assert {n["status"] for n in canceled if n["channel"] == "email"} == {"suppressed"}


def test_apply_to_repeats_cancels_this_and_the_following_occurrences_only(api: Api) -> None:
    first = api.group(
        "2030-03-05T10:00:00Z", repeat_rule={"frequency": "weekly", "interval": 1, "count": 4}
    )
    series = appointments.list_appointments(api.world, api.call(), series_id=first["series_id"])
    ids = [a["id"] for a in series["items"]]
    assert len(ids) == 4
    canceled = api.cancel(ids[1], apply_to_repeats=True)
    statuses = [api.get(i)["status"] for i in ids]
    assert statuses == ["active", "canceled", "canceled", "canceled"]
    shared = {api.get(i)["cancellation"]["id"] for i in ids[1:]}
    assert shared == {canceled["cancellation"]["id"]}


def test_apply_to_repeats_skips_occurrences_that_cannot_be_canceled(api: Api) -> None:
    first = api.group(
        "2030-03-05T10:00:00Z", repeat_rule={"frequency": "weekly", "interval": 1, "count": 4}
    )
    ids = [
        a["id"]
        for a in appointments.list_appointments(
            api.world, api.call(), series_id=first["series_id"]
        )["items"]
    ]
    api.cancel(ids[2])
    api.world.set_locked(ids[3], True, "invoiced")
    api.cancel(ids[0], apply_to_repeats=True)
    assert [api.get(i)["status"] for i in ids] == ["canceled", "canceled", "canceled", "active"]
    assert api.get(ids[2])["cancellation"]["apply_to_repeats"] is False


def test_a_canceled_appointment_cannot_be_reactivated(api: Api, fails: Fails) -> None:
    appt = api.book()
    api.cancel(appt["id"])
    fails(
        409,
        "cannot-reactivate",
        "appointments.update",
        appointments.update_appointment,
        api.world,
        api.call(),
        appt["id"],
        {"status": "active"},
    )
    assert api.get(appt["id"])["status"] == "canceled"
