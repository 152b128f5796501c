"""Create: individual (with its attendee) or group; series all or nothing; slots and limits."""

from __future__ import annotations

from mock_rules_support import ADA, EDSGER, FRANCES, GRACE, Api, Fails

from appointments_mock.domain import appointments, attendees, history

OP = "appointments.create"


def test_an_individual_appointment_gets_its_single_attendee(api: Api, check) -> None:
    appt = api.book()
    check("Appointment", appt)
    assert (appt["type"], appt["status"], appt["version"]) == ("individual", "active", 1)
    assert appt["attendee_counts"] == {"total": 1, "active": 1, "canceled": 0}
    assert appt["time_zone"] == "Europe/Berlin"  # the practitioner's by default
    page = attendees.list_attendees(api.world, api.call(), appt["id"])
    check("AttendeePage", page)
    assert [a["client_id"] for a in page["items"]] == [EDSGER]


def test_create_writes_audit_events_and_notifications(api: Api) -> None:
    appt = api.book()
    actions = [
        e["action"]
        for e in history.appointment_audit_events(api.world, api.call(), appt["id"])["items"]
    ]
    assert actions == ["appointment.created", "attendee.added"]
    notes = history.appointment_notifications(api.world, api.call(), appt["id"])["items"]
    assert {(n["channel"], n["recipient"]["type"]) for n in notes} == {
        ("email", "client"),
        ("email", "practitioner"),
        ("calendar_sync", "practitioner"),
    }


def test_a_group_appointment_starts_without_attendees(api: Api) -> None:
    group = api.group(seats=5)
    assert (group["client_id"], group["max_attendees"]) == (None, 5)
    assert group["attendee_counts"] == {"total": 0, "active": 0, "canceled": 0}


def test_an_overlapping_booking_is_409_slot_conflict(api: Api, fails: Fails) -> None:
    taken = api.book()
    error = fails(409, "slot-conflict", OP, api.book, "2030-03-06T09:15:00Z", client_id=FRANCES)
    assert error.extra["conflicting_appointment_ids"] == [taken["id"]]


def test_back_to_back_bookings_do_not_conflict(api: Api) -> None:
    api.book()
    assert api.book("2030-03-06T09:30:00Z", client_id=FRANCES)["status"] == "active"


def test_booking_beyond_the_clients_limit_is_409_booking_limit_reached(
    api: Api, fails: Fails
) -> None:
    api.book(client_id=GRACE)
    fails(409, "booking-limit-reached", OP, api.book, "2030-03-06T12:00:00Z", client_id=GRACE)


def test_a_weekly_series_materializes_its_occurrences(api: Api, check) -> None:
    first = api.group(
        "2030-03-05T10:00:00Z", repeat_rule={"frequency": "weekly", "interval": 2, "count": 3}
    )
    assert first["series_id"] is not None
    assert first["repeat_rule"] == {"frequency": "weekly", "interval": 2, "count": 3}
    page = appointments.list_appointments(api.world, api.call(), series_id=first["series_id"])
    check("AppointmentPage", page)
    assert [a["starts_at"] for a in page["items"]] == [
        "2030-03-05T10:00:00Z",
        # Berlin switches to summer time on 2030-03-31: the wall-clock time stays 11:00.
        "2030-03-19T10:00:00Z",
        "2030-04-02T09:00:00Z",
    ]


def test_a_monthly_series_clamps_to_the_end_of_the_month(api: Api) -> None:
    first = api.book(
        "2030-03-31T07:00:00Z",
        practitioner_id=ADA,
        repeat_rule={"frequency": "monthly", "count": 2},
    )
    page = appointments.list_appointments(api.world, api.call(), series_id=first["series_id"])
    assert [a["starts_at"][:10] for a in page["items"]] == ["2030-03-31", "2030-04-30"]


def test_a_series_with_one_conflict_creates_nothing(api: Api, fails: Fails) -> None:
    api.book("2030-03-13T09:00:00Z", client_id=FRANCES)
    before = len(api.world.appointments)
    fails(409, "slot-conflict", OP, api.book, repeat_rule={"frequency": "weekly", "count": 3})
    assert len(api.world.appointments) == before


def test_ends_at_before_starts_at_is_400_with_a_pointer(api: Api, fails: Fails) -> None:
    error = fails(400, "validation-error", OP, api.book, minutes=-30)
    assert error.extra["errors"] == [
        {"detail": "ends_at must be after starts_at", "pointer": "/ends_at"}
    ]


def test_individual_without_client_and_group_without_seats_are_400(api: Api, fails: Fails) -> None:
    body = {
        "type": "individual",
        "starts_at": "2030-03-06T09:00:00Z",
        "ends_at": "2030-03-06T09:30:00Z",
        "practitioner_id": ADA,
    }
    error = fails(
        400, "validation-error", OP, appointments.create_appointment, api.world, api.call(), body
    )
    assert [e["pointer"] for e in error.extra["errors"]] == ["/client_id"]
    group = {**body, "type": "group"}
    error = fails(
        400, "validation-error", OP, appointments.create_appointment, api.world, api.call(), group
    )
    assert [e["pointer"] for e in error.extra["errors"]] == ["/max_attendees"]


def test_every_body_error_is_listed(api: Api, fails: Fails) -> None:
    body = {
        "type": "individual",
        "starts_at": "2030-03-06T09:00:00Z",
        "ends_at": "2030-03-06T08:00:00Z",
        "practitioner_id": "00000000-0000-4000-8000-000000000000",
        "client_id": "00000000-0000-4000-8000-000000000001",
        "time_zone": "Mars/Olympus",
    }
    error = fails(
        400, "validation-error", OP, appointments.create_appointment, api.world, api.call(), body
    )
    assert sorted(e["pointer"] for e in error.extra["errors"]) == [
        "/client_id",
        "/ends_at",
        "/practitioner_id",
        "/time_zone",
    ]


def test_a_slot_conflict_is_reported_before_body_rules(api: Api, fails: Fails) -> None:
    api.book()
    fails(409, "slot-conflict", OP, api.book, client_id=FRANCES, time_zone="Mars/Olympus")
