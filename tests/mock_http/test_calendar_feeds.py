"""Calendar feeds over HTTP: the token in ``calendar_url``, who sees it, revocation, RFC 5545 form.

Feeds are parsed with ``icalendar``. A calendar client sends no headers, so the token is the
only credential: valid for its own calendar, in its own session, until revoked.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import icalendar
import pytest

from appointments_mock.app import session_of
from appointments_mock.domain import calendars, reference
from appointments_mock.domain.context import Call
from tests.mock_http._support import CLIENT_ID, PRACTITIONER_ID
from tests.mock_http.test_errors import assert_problem
from tests.world_state import assert_unchanged, snapshot

pytestmark = pytest.mark.anyio

KEYS = {
    "admin": "demo-admin-key",
    "api_client": "demo-api-key",
    "staff": "demo-staff-key",
    "client": "demo-client-key",
}


def _headers(role: str, session: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {KEYS[role]}", "X-Mock-Session": session}


async def _urls(
    http: httpx.AsyncClient, role: str, session: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    practitioners = (await http.get("/v1/practitioners", headers=_headers(role, session))).json()
    clients = (await http.get("/v1/clients", headers=_headers(role, session))).json()
    return (
        {p["id"]: p["calendar_url"] for p in practitioners["items"]},
        {c["id"]: c["calendar_url"] for c in clients["items"]},
    )


@pytest.fixture
async def http(app: Any) -> Any:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://mock:8080"
    ) as c:
        yield c


async def test_calendar_urls_are_shown_to_those_who_may_read_the_feed(
    http: httpx.AsyncClient, session_name: str
) -> None:
    for role in ("admin", "api_client"):
        practitioners, clients = await _urls(http, role, session_name)
        assert all(practitioners.values())
        assert all(clients.values())
    practitioners, clients = await _urls(http, "staff", session_name)
    assert [p for p, url in practitioners.items() if url] == [PRACTITIONER_ID]
    assert not any(clients.values())
    practitioners, clients = await _urls(http, "client", session_name)
    assert not any(practitioners.values())
    assert list(clients) == [CLIENT_ID]
    assert clients[CLIENT_ID]
    url = urlsplit(clients[CLIENT_ID])
    assert (url.scheme, url.netloc, url.path) == (
        "http",
        "mock:8080",
        f"/v1/clients/{CLIENT_ID}/calendar.ics",
    )
    assert parse_qs(url.query)["token"][0].endswith(f"~{session_name}")  # the session, for the mock


async def test_the_token_alone_reads_its_own_calendar_and_no_other(
    http: httpx.AsyncClient, session_name: str
) -> None:
    practitioners, _ = await _urls(http, "admin", session_name)
    feed = await http.get(practitioners[PRACTITIONER_ID])  # no headers at all
    assert feed.status_code == 200, feed.text
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    assert icalendar.Calendar.from_ical(feed.text)["X-WR-CALNAME"] == "Dr. Ada Lovelace"
    token = parse_qs(urlsplit(practitioners[PRACTITIONER_ID]).query)["token"][0]
    other = next(p for p in practitioners if p != PRACTITIONER_ID)
    assert_problem(
        await http.get(f"/v1/practitioners/{other}/calendar.ics", params={"token": token}),
        401,
        "unauthenticated",
    )
    assert_problem(
        await http.get(f"/v1/clients/{CLIENT_ID}/calendar.ics", params={"token": token}),
        401,
        "unauthenticated",
    )
    assert_problem(
        await http.get(
            f"/v1/practitioners/{PRACTITIONER_ID}/calendar.ics", params={"token": "x" + token}
        ),
        401,
        "unauthenticated",
    )
    # The token is not a key for anything else.
    assert_problem(
        await http.get("/v1/appointments", params={"token": token}), 401, "unauthenticated"
    )


async def test_revoking_a_calendar_url_stops_the_old_token_at_once(
    http: httpx.AsyncClient, session_name: str
) -> None:
    _, clients = await _urls(http, "client", session_name)
    old = clients[CLIENT_ID]
    assert (await http.get(old)).status_code == 200
    revoked = await http.post(
        f"/v1/clients/{CLIENT_ID}/revoke-calendar-url", headers=_headers("client", session_name)
    )
    assert revoked.status_code == 200, revoked.text
    new = revoked.json()["calendar_url"]
    assert new != old
    assert_problem(await http.get(old), 401, "unauthenticated")
    assert (await http.get(new)).status_code == 200


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        ("staff", f"/v1/clients/{CLIENT_ID}/revoke-calendar-url", 403),
        ("client", f"/v1/practitioners/{PRACTITIONER_ID}/revoke-calendar-url", 403),
        ("client", f"/v1/practitioners/{PRACTITIONER_ID}/calendar.ics", 403),
        ("staff", f"/v1/clients/{CLIENT_ID}/calendar.ics", 403),
        ("admin", "/v1/clients/00000000-0000-4000-8000-000000000000/calendar.ics", 404),
    ],
)
async def test_feeds_keep_the_role_matrix(
    app: Any, http: httpx.AsyncClient, session_name: str, role: str, path: str, status: int
) -> None:
    session_of(app, session_name)
    before = snapshot(session_of(app, session_name).world)
    method = "POST" if path.endswith("revoke-calendar-url") else "GET"
    response = await http.request(method, path, headers=_headers(role, session_name))
    assert_problem(response, status, "forbidden" if status == 403 else "not-found")
    assert_unchanged(before, session_of(app, session_name).world)


def test_a_revocation_in_a_failed_transaction_is_undone(app: Any, session_name: str) -> None:
    world = session_of(app, session_name).world
    owner = ("practitioner", PRACTITIONER_ID)
    token = world.calendar_token(owner)
    call = Call(actor=world.api_keys["demo-admin-key"], now=world.clock.now())
    revoked_inside: list[bool] = []

    def revoke_then_fail() -> None:
        with world.atomic():
            reference.revoke_practitioner_calendar_url(world, call, PRACTITIONER_ID)
            revoked_inside.append(not world.calendar_token_matches(owner, token))
            raise RuntimeError("the response could not be sent")

    with pytest.raises(RuntimeError):
        revoke_then_fail()
    assert revoked_inside == [True]
    assert world.calendar_token_matches(owner, token)
    assert world.calendar_revocations == {}


async def test_a_feed_is_rfc_5545_text_with_the_zones_it_uses(
    app: Any, http: httpx.AsyncClient, session_name: str
) -> None:
    world = session_of(app, session_name).world
    text = (
        await http.get(
            f"/v1/practitioners/{PRACTITIONER_ID}/calendar.ics",
            headers=_headers("staff", session_name),
        )
    ).text
    raw = text.encode()
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded (RFC 5545 3.1)
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["VERSION"]) == "2.0"
    assert {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} == {"Europe/Berlin"}
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    upcoming = world.appointments[world.labels["upcoming"]]
    event = events[upcoming.id]
    assert event.decoded("DTSTART") == upcoming.starts_at
    assert str(event["SUMMARY"]) == "Grace Hopper"
    assert str(event["DESCRIPTION"]) == "First visit."
    assert str(event["ORGANIZER"]) == "mailto:ada@example.com"
    canceled = world.appointments[world.labels["canceled"]]  # canceled two hours ago: still sent
    assert str(events[canceled.id]["STATUS"]) == "CANCELLED"
    assert int(events[canceled.id]["SEQUENCE"]) == canceled.version
    assert world.labels["deleted"] not in events  # Katherine's anyway, and deleted


async def test_a_clients_canceled_seat_is_cancelled_in_its_feed_only(
    app: Any, http: httpx.AsyncClient, session_name: str
) -> None:
    world = session_of(app, session_name).world
    group = world.appointments[world.labels["group"]]  # Grace attends it
    seat = next(a for a in world.attendees_of(group) if a.client_id == CLIENT_ID)
    version = group.version
    canceled = await http.post(
        f"/v1/appointments/{group.id}/attendees/{seat.id}/cancel",
        json={"reason_code": 40},
        headers=_headers("client", session_name),
    )
    assert canceled.status_code == 200, canceled.text
    mine = icalendar.Calendar.from_ical(
        (
            await http.get(
                f"/v1/clients/{CLIENT_ID}/calendar.ics", headers=_headers("client", session_name)
            )
        ).text
    )
    event = next(e for e in mine.walk("VEVENT") if str(e["UID"]) == group.id)
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == group.version > version
    practitioner = icalendar.Calendar.from_ical(
        (
            await http.get(
                f"/v1/practitioners/{group.practitioner_id}/calendar.ics",
                headers=_headers("admin", session_name),
            )
        ).text
    )
    event = next(e for e in practitioner.walk("VEVENT") if str(e["UID"]) == group.id)
    assert str(event["STATUS"]) == "CONFIRMED"  # the class goes on without her
    assert "grace@example.com" not in str(event.get("ATTENDEE"))


async def test_a_deleted_appointment_disappears_and_comes_back_when_restored(
    app: Any, http: httpx.AsyncClient, session_name: str
) -> None:
    world = session_of(app, session_name).world
    upcoming = world.labels["upcoming"]
    feed_path = f"/v1/clients/{CLIENT_ID}/calendar.ics"

    async def uids() -> set[str]:
        text = (await http.get(feed_path, headers=_headers("admin", session_name))).text
        return {str(e["UID"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")}

    assert upcoming in await uids()
    assert (
        await http.delete(f"/v1/appointments/{upcoming}", headers=_headers("admin", session_name))
    ).status_code == 200
    assert upcoming not in await uids()
    assert (
        await http.post(
            f"/v1/appointments/{upcoming}/restore", headers=_headers("admin", session_name)
        )
    ).status_code == 200
    assert upcoming in await uids()


def test_events_long_past_are_left_out() -> None:
    from appointments_mock.clock import Clock
    from appointments_mock.seed import new_world

    world = new_world(clock=Clock(frozen_at=datetime(2030, 3, 4, 6, tzinfo=UTC)))
    past = world.appointments[world.labels["past"]]
    call = Call(actor=world.api_keys["demo-admin-key"], now=world.clock.now())
    feed = calendars.feed(world, call, ("practitioner", PRACTITIONER_ID))
    assert past.id in {e.uid for e in feed.events}
    world.clock.advance(timedelta(days=calendars.PAST_DAYS + 3).total_seconds())
    call = Call(actor=call.actor, now=world.clock.now())
    assert past.id not in {
        e.uid for e in calendars.feed(world, call, ("practitioner", PRACTITIONER_ID)).events
    }
