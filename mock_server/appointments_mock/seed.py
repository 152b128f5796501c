"""Demo data for a new mock session, deterministic for a seed and relative to the session clock.

Times are relative to the clock's now rounded down to the hour, so "past" and "future" hold
whenever a session starts. Reference data (practitioners, clients) have fixed ids; the ids of
appointments and everything else come from the session's seeded random generator. The data is
built through the domain rules themselves, so it is consistent (audit, notifications, counts).

Demo API keys: ``demo-admin-key`` (admin), ``demo-api-key`` (api_client), ``demo-staff-key``
(staff of Dr. Ada Lovelace, ``DEMO_PRACTITIONER_ID``) and ``demo-client-key`` (Grace Hopper,
``DEMO_CLIENT_ID``, who has upcoming, past and canceled appointments). Each has a signing key
for signed requests (RFC 9421, ``hmac-sha256``): key id ``demo-<role>-signing``, secret
``demo-<role>-signing-secret`` (``DEMO_SIGNING_KEYS``).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from appointments_mock.clock import Clock
from appointments_mock.domain import appointments, attendees
from appointments_mock.domain.context import Actor, Call
from appointments_mock.store import Client, Practitioner, SigningSecret, WorkingPeriod, World

_NAMESPACE = uuid.UUID("6c1f0a52-3d4e-4b8a-9f21-7a5e0c9d8b13")

DEMO_PRACTITIONER_ID = "3f2a7c4e-1b5d-4e8f-9a6b-0c1d2e3f4a5b"  # Dr. Ada Lovelace
DEMO_CLIENT_ID = "9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e"  # Grace Hopper

DEMO_KEYS = {
    "demo-admin-key": "admin",
    "demo-api-key": "api_client",
    "demo-staff-key": "staff",
    "demo-client-key": "client",
}


DEMO_SIGNING_KEYS = {
    "demo-admin-signing": ("demo-admin-signing-secret", "demo-admin-key"),
    "demo-api-signing": ("demo-api-signing-secret", "demo-api-key"),
    "demo-staff-signing": ("demo-staff-signing-secret", "demo-staff-key"),
    "demo-client-signing": ("demo-client-signing-secret", "demo-client-key"),
}
"""Signing key id -> (secret, the API key whose role and actor it signs for)."""


def _fixed_id(name: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, name))


def _weekdays(*periods: tuple[str, str]) -> list[WorkingPeriod]:
    def minutes(hhmm: str) -> int:
        hours, mins = hhmm.split(":")
        return int(hours) * 60 + int(mins)

    return [
        WorkingPeriod(weekday, minutes(start), minutes(end))
        for weekday in range(1, 6)
        for start, end in periods
    ]


PRACTITIONERS = (
    Practitioner(
        DEMO_PRACTITIONER_ID,
        "Dr. Ada Lovelace",
        "ada@example.com",
        "Europe/Berlin",
        True,
        _weekdays(("09:00", "17:00")),
    ),
    Practitioner(
        _fixed_id("practitioner:alan-turing"),
        "Dr. Alan Turing",
        "alan@example.com",
        "Europe/London",
        True,
        _weekdays(("08:00", "12:00"), ("13:00", "16:00")),
    ),
    Practitioner(
        _fixed_id("practitioner:katherine-johnson"),
        "Dr. Katherine Johnson",
        "katherine@example.com",
        "America/New_York",
        True,
        _weekdays(("10:00", "18:00")),
    ),
)

CLIENTS = (
    Client(DEMO_CLIENT_ID, "Grace", "Hopper", "grace@example.com", None, "America/New_York", 3),
    Client(
        _fixed_id("client:margaret-hamilton"),
        "Margaret",
        "Hamilton",
        "margaret@example.com",
        "+1 617 555 0101",
        "America/New_York",
        5,
    ),
    Client(
        _fixed_id("client:edsger-dijkstra"),
        "Edsger",
        "Dijkstra",
        "edsger@example.com",
        None,
        "Europe/Amsterdam",
        None,
    ),
    Client(
        _fixed_id("client:barbara-liskov"),
        "Barbara",
        "Liskov",
        "barbara@example.com",
        None,
        "America/New_York",
        None,
    ),
    Client(
        _fixed_id("client:donald-knuth"),
        "Donald",
        "Knuth",
        "donald@example.com",
        "+1 650 555 0199",
        "America/Los_Angeles",
        None,
    ),
    Client(
        _fixed_id("client:frances-allen"),
        "Frances",
        "Allen",
        "frances@example.com",
        None,
        "America/New_York",
        None,
    ),
    Client(_fixed_id("client:radia-perlman"), "Radia", "Perlman", None, None, None, None),
)


def demo_actors() -> dict[str, Actor]:
    """The actors of the fixed demo API keys."""
    ada, grace = PRACTITIONERS[0], CLIENTS[0]
    return {
        "demo-admin-key": Actor("admin", "demo-admin", "Demo admin"),
        "demo-api-key": Actor("api_client", "demo-api", "Demo API client"),
        "demo-staff-key": Actor("staff", ada.id, ada.display_name, practitioner_id=ada.id),
        "demo-client-key": Actor("client", grace.id, grace.display_name, client_id=grace.id),
    }


def new_world(*, seed: int = 0, retention_days: int = 30, clock: Clock | None = None) -> World:
    """A world with the demo data, built deterministically from ``seed``."""
    world = World(clock=clock, seed=seed, retention=timedelta(days=retention_days))
    for p in PRACTITIONERS:
        world.practitioners[p.id] = Practitioner(
            p.id, p.display_name, p.email, p.time_zone, p.active, list(p.working_hours)
        )
    for c in CLIENTS:
        world.clients[c.id] = Client(
            c.id, c.given_name, c.family_name, c.email, c.phone, c.time_zone, c.booking_limit
        )
    world.api_keys.update(demo_actors())
    for key_id, (secret, api_key) in DEMO_SIGNING_KEYS.items():
        world.signing_keys[key_id] = SigningSecret(secret.encode(), world.api_keys[api_key])
    # The history below was booked before the clients' booking limits were set.
    limits = {c.id: c.booking_limit for c in world.clients.values()}
    for client in world.clients.values():
        client.booking_limit = None
    _appointments(world)
    for client in world.clients.values():
        client.booking_limit = limits[client.id]
    return world


def _appointments(world: World) -> None:
    hour = world.clock.now().replace(minute=0, second=0, microsecond=0)
    keys = world.api_keys
    api, admin = keys["demo-api-key"], keys["demo-admin-key"]
    grace = keys["demo-client-key"]
    ada, alan, katherine = (p.id for p in PRACTITIONERS)
    _, margaret, edsger, barbara, donald, frances, radia = (c.id for c in CLIENTS)
    booked_at = hour - timedelta(days=14)

    def at(hours: float) -> datetime:
        return hour + timedelta(hours=hours)

    def call(actor: Actor, when: datetime) -> Call:
        return Call(actor=actor, now=when, request_id=None)

    def book(label: str, minutes: int, start: datetime, **body: Any) -> str:
        body = {
            "starts_at": start,
            "ends_at": start + timedelta(minutes=minutes),
            **body,
        }
        created = appointments.create_appointment(world, call(api, booked_at), body)
        world.labels[label] = created["id"]
        return str(created["id"])

    def seat(appointment_id: str, client_id: str) -> str:
        made = attendees.create_attendee(
            world, call(api, booked_at), appointment_id, {"client_id": client_id}
        )
        return str(made["id"])

    individual = {"type": "individual"}
    book("past", 30, at(-48), practitioner_id=ada, client_id=DEMO_CLIENT_ID, **individual)
    book(
        "upcoming",
        30,
        at(24),
        practitioner_id=ada,
        client_id=DEMO_CLIENT_ID,
        notes="First visit.",
        **individual,
    )
    canceled = book(
        "canceled", 30, at(48), practitioner_id=ada, client_id=DEMO_CLIENT_ID, **individual
    )
    book("other_client", 60, at(26), practitioner_id=alan, client_id=margaret, **individual)
    book("in_progress", 60, at(0), practitioner_id=alan, client_id=radia, **individual)
    locked = book("locked", 60, at(-72), practitioner_id=alan, client_id=edsger, **individual)
    deleted = book(
        "deleted",
        45,
        at(50),
        practitioner_id=katherine,
        client_id=donald,
        notes="Booked by mistake.",
        **individual,
    )

    group = book(
        "group",
        60,
        at(72),
        practitioner_id=katherine,
        type="group",
        max_attendees=8,
        notes="Back care class.",
    )
    seat(group, DEMO_CLIENT_ID)
    seat(group, edsger)
    dropped = seat(group, barbara)
    past_group = book(
        "past_group", 60, at(-96), practitioner_id=alan, type="group", max_attendees=4
    )
    arrived, absent = seat(past_group, margaret), seat(past_group, donald)
    canceled_group = book(
        "canceled_group", 60, at(120), practitioner_id=katherine, type="group", max_attendees=5
    )
    seat(canceled_group, donald)
    seat(canceled_group, margaret)
    series = book(
        "series",
        60,
        at(5 * 24),
        practitioner_id=ada,
        type="group",
        max_attendees=6,
        notes="Weekly mobility class.",
        repeat_rule={"frequency": "weekly", "interval": 1, "count": 4},
    )
    series_id = world.appointments[series].series_id or ""
    for occurrence in sorted(world.by_series[series_id]):
        seat(occurrence, frances)
        seat(occurrence, radia)

    # What happened since: attendance, cancellations, a deletion, a lock.
    after_class = at(-94)
    attendees.update_attendee(
        world, call(api, after_class), past_group, arrived, {"attendance": "arrived"}
    )
    attendees.update_attendee(
        world, call(api, after_class), past_group, absent, {"attendance": "did_not_arrive"}
    )
    world.set_locked(locked, True, "invoiced")
    attendees.cancel_attendee(
        world,
        call(admin, at(-3)),
        group,
        dropped,
        {"reason_code": 60, "note": "New shift at work."},
    )
    appointments.cancel_appointment(
        world,
        call(grace, at(-2)),
        canceled,
        {"reason_code": 30, "message": "Sorry, I caught a cold.", "notify": True},
    )
    appointments.cancel_appointment(
        world,
        call(admin, at(-5)),
        canceled_group,
        {"reason_code": 50, "note": "The room is being renovated.", "message": "We will rebook."},
    )
    appointments.delete_appointment(world, call(admin, at(-1)), deleted)
