"""Signed requests, reports and calendar feeds through the SDK against the mock (and Prism).

Feeds are parsed with ``icalendar``; one appointment is followed from its booking through its
cancel (``STATUS:CANCELLED``, ``SEQUENCE`` raised) until it leaves the feed.
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import httpx
import icalendar
import pytest

from appointments import AppointmentsClient, SigningKey
from appointments_mock.seed import DEMO_SIGNING_KEYS
from tests.contract._support import ADA, GRACE, Api, at


def _events(feed: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(feed)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


# Signatures cover @path; Prism serves the API at its root and forwards to /v1, so a signature
# made for Prism's URL cannot match the path the mock sees. Direct route only.
@pytest.mark.parametrize("route", ["direct"], indirect=True)
def test_a_signing_client_works_like_a_bearer_one(api: Api) -> None:
    secret, _ = DEMO_SIGNING_KEYS["demo-staff-signing"]
    with AppointmentsClient(
        signing_key=SigningKey("demo-staff-signing", secret),
        base_url=api.route.base_url,
        default_headers=api.headers,
    ) as staff:
        staff._sleep = api.sleeps.append
        booked = staff.appointments.create(
            type="individual", starts_at=at(0, 9), ends_at=at(0, 9.5), practitioner_id=ADA,
            client_id=GRACE,
        )  # fmt: skip
        canceled = staff.appointments.cancel(booked.id, reason_code=30, if_match=booked)
        assert canceled.status == "canceled"
    calls = api.control.journal("appointments.cancel")
    assert [(c["auth_scheme"], c["auth_verdict"], c["auth_key_id"]) for c in calls] == [
        ("signature", "accepted", "demo-staff-signing")
    ]


def test_a_report_in_json_and_in_csv_says_the_same(api: Api) -> None:
    admin = api.admin
    first = admin.appointments.create(
        type="individual",
        starts_at=at(0, 9),
        ends_at=at(0, 9.5),
        practitioner_id=ADA,
        client_id=GRACE,
    )
    admin.appointments.create(
        type="group", starts_at=at(0, 11), ends_at=at(0, 12), practitioner_id=ADA, max_attendees=4
    )
    admin.appointments.cancel(first.id, reason_code=40)
    window = {"from_": at(0, 0), "to": at(1, 0)}
    report = admin.reports.appointments(
        **window, group_by=["status", "type"], status=["active", "canceled"], practitioner_id=ADA
    )
    assert [(r.status, r.type, r.count) for r in report.rows] == [
        ("active", "group", 1),
        ("canceled", "individual", 1),
    ]
    text = admin.reports.appointments_csv(
        **window, group_by=["status", "type"], status=["active", "canceled"], practitioner_id=ADA
    )
    assert list(csv.reader(io.StringIO(text))) == [
        ["status", "type", "count"],
        ["active", "group", "1"],
        ["canceled", "individual", "1"],
    ]
    assert admin.reports.appointments(**window, practitioner_id=ADA).total == 1  # active only
    activity = admin.reports.practitioner_activity(**window, practitioner_id=ADA).rows[0]
    assert (activity.appointments_held, activity.booked_minutes) == (1, 60)
    assert (activity.working_minutes, activity.free_minutes) == (480, 420)
    rows = list(csv.DictReader(io.StringIO(admin.reports.practitioner_activity_csv(**window))))
    assert {r["practitioner_id"]: r["free_minutes"] for r in rows}[str(ADA)] == "420"


def test_a_canceled_appointment_leaves_the_feed_as_calendar_clients_expect(api: Api) -> None:
    admin = api.admin
    booked = admin.appointments.create(
        type="individual",
        starts_at=at(0, 9),
        ends_at=at(0, 9.5),
        practitioner_id=ADA,
        client_id=GRACE,
    )
    uid = str(booked.id)
    event = _events(admin.practitioners.calendar(ADA))[uid]
    assert (str(event["STATUS"]), int(event["SEQUENCE"])) == ("CONFIRMED", booked.version)
    assert event.decoded("DTSTART") == at(0, 9)
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=30)
    assert "grace@example.com" in str(event["ATTENDEE"])
    assert uid in _events(admin.clients.calendar(GRACE))

    canceled = admin.appointments.cancel(booked.id, reason_code=30)
    for feed in (admin.practitioners.calendar(ADA), admin.clients.calendar(GRACE)):
        event = _events(feed)[uid]
        assert str(event["STATUS"]) == "CANCELLED"
        assert int(event["SEQUENCE"]) == canceled.version > booked.version

    api.control.advance(days=31)
    assert uid not in _events(admin.practitioners.calendar(ADA))
    assert uid not in _events(admin.clients.calendar(GRACE))


@pytest.mark.parametrize("route", ["direct"], indirect=True)
def test_a_calendar_client_subscribes_by_url_without_headers(api: Api) -> None:
    staff = api.client("staff")
    found = next(p.calendar_url for p in staff.practitioners.list() if p.id == ADA)
    assert found is not None
    url = str(found)
    feed = httpx.get(url)  # no Authorization, no X-Mock-Session: the URL says it all
    assert feed.status_code == 200, feed.text
    assert feed.headers["content-type"].startswith("text/calendar")
    assert icalendar.Calendar.from_ical(feed.text)["X-WR-CALNAME"] == "Dr. Ada Lovelace"
    renewed = staff.practitioners.revoke_calendar_url(ADA)
    assert renewed.calendar_url is not None
    assert str(renewed.calendar_url) != url
    assert httpx.get(url).status_code == 401
    assert httpx.get(str(renewed.calendar_url)).status_code == 200
