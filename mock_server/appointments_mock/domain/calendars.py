"""Calendar feeds: which events a practitioner's or a client's calendar shows, and its URL.

A feed is what a calendar client subscribes to (RFC 5545 text is rendered by ``ical.py``): one
event per live appointment that ends at most ``PAST_DAYS`` ago or later. An event's ``SEQUENCE``
is the appointment's ``version``, so every change (a cancel, a seat canceled) raises it. A
canceled appointment -- or, in a client's feed, the client's canceled seat -- stays in the feed
as ``CANCELLED`` for ``CANCELED_KEPT_DAYS`` after the cancel (how calendar clients learn to remove
it), then is dropped; a deleted appointment is not in the feed at all.

The feed URL carries a per-calendar token (``World.calendar_token``), since calendar clients
cannot send headers; revoking it is undone with the rest of a failed request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal
from urllib.parse import quote

from appointments_mock.domain.context import Call
from appointments_mock.domain.guards import require_role
from appointments_mock.domain.lifecycle import transaction
from appointments_mock.domain.problems import not_found
from appointments_mock.store import Appointment, Attendee, CalendarOwner, Client, World

PAST_DAYS = 90
"""Events that ended longer ago than this are not in a feed."""
CANCELED_KEPT_DAYS = 30
"""A canceled event is sent as ``CANCELLED`` this long after the cancel, then dropped."""


@dataclass(frozen=True, slots=True)
class Person:
    """An organizer or attendee of an event."""

    name: str
    email: str | None
    id: str
    status: Literal["ACCEPTED", "DECLINED"] = "ACCEPTED"


@dataclass(frozen=True, slots=True)
class Event:
    """One ``VEVENT``."""

    uid: str
    sequence: int
    status: Literal["CONFIRMED", "CANCELLED"]
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    summary: str
    description: str | None
    organizer: Person
    attendees: tuple[Person, ...]
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Feed:
    """A calendar: its name and events, in start order."""

    name: str
    time_zone: str
    events: tuple[Event, ...]


def may_read(call: Call, owner: CalendarOwner) -> bool:
    """Whether the caller may read (and be shown the URL of) a calendar: its owner, or the API."""
    kind, owner_id = owner
    actor = call.actor
    if actor.type in ("admin", "api_client"):
        return True
    if kind == "practitioner":
        return actor.type == "staff" and actor.practitioner_id == owner_id
    return actor.type == "client" and actor.client_id == owner_id


def calendar_url(world: World, call: Call, owner: CalendarOwner) -> str | None:
    """The feed URL with its token, or None for a caller who may not read the feed."""
    if not may_read(call, owner):
        return None
    kind, owner_id = owner
    token = world.calendar_token(owner)
    if call.session != "default":  # the mock session, since a calendar client sends no header
        token = f"{token}~{call.session}"
    plural = "practitioners" if kind == "practitioner" else "clients"
    return f"{call.base_url}/{plural}/{owner_id}/calendar.ics?token={quote(token, safe='')}"


def _check_owner(world: World, call: Call, owner: CalendarOwner) -> None:
    kind, owner_id = owner
    if kind == "practitioner":
        require_role(
            call,
            "admin",
            "api_client",
            "staff",
            detail="Client keys may not read practitioners' calendars.",
        )
        if owner_id not in world.practitioners or not may_read(call, owner):
            raise not_found("Practitioner", owner_id)
    else:
        require_role(
            call,
            "admin",
            "api_client",
            "client",
            detail="Staff keys may not read clients' calendars.",
        )
        if owner_id not in world.clients or not may_read(call, owner):
            raise not_found("Client", owner_id)


def revoke(world: World, call: Call, owner: CalendarOwner) -> str | None:
    """Revoke a calendar's URL (its token); returns the new URL."""
    with transaction(world, call):
        _check_owner(world, call, owner)
        world.revoke_calendar_token(owner)
        return calendar_url(world, call, owner)


def _person_of_client(client: Client | None, client_id: str, status: str = "active") -> Person:
    name = client.display_name if client is not None else client_id
    email = client.email if client is not None else None
    return Person(name, email, client_id, "ACCEPTED" if status == "active" else "DECLINED")


def _shown(appt: Appointment, canceled_at: datetime | None, now: datetime) -> bool:
    if appt.deleted or appt.ends_at < now - timedelta(days=PAST_DAYS):
        return False
    return canceled_at is None or canceled_at >= now - timedelta(days=CANCELED_KEPT_DAYS)


def feed(world: World, call: Call, owner: CalendarOwner) -> Feed:
    """The feed of a practitioner or a client."""
    with transaction(world, call):
        _check_owner(world, call, owner)
        kind, owner_id = owner
        if kind == "practitioner":
            return _practitioner_feed(world, owner_id, call.now)
        return _client_feed(world, owner_id, call.now)


def _organizer(world: World, appt: Appointment) -> Person:
    practitioner = world.practitioners.get(appt.practitioner_id)
    if practitioner is None:  # pragma: no cover - appointments name a known practitioner
        return Person(appt.practitioner_id, None, appt.practitioner_id)
    return Person(practitioner.display_name, practitioner.email, practitioner.id)


def _time_zone(world: World, appt: Appointment) -> str:
    practitioner = world.practitioners.get(appt.practitioner_id)
    return appt.time_zone or (practitioner.time_zone if practitioner is not None else "UTC")


def _practitioner_feed(world: World, practitioner_id: str, now: datetime) -> Feed:
    practitioner = world.practitioners[practitioner_id]
    events = []
    index = world.by_practitioner.get(practitioner_id)
    for _, appt_id in index.keys if index is not None else ():
        appt = world.appointments[appt_id]
        canceled_at = appt.cancellation.canceled_at if appt.cancellation is not None else None
        if not _shown(appt, canceled_at, now):
            continue
        seats = [a for a in world.attendees_of(appt) if not a.deleted and a.status == "active"]
        people = tuple(
            _person_of_client(world.clients.get(a.client_id), a.client_id) for a in seats
        )
        if appt.type == "individual" and appt.client_id is not None:
            summary = _person_of_client(world.clients.get(appt.client_id), appt.client_id).name
        else:
            summary = f"Group appointment ({len(seats)} of {appt.max_attendees})"
        events.append(
            Event(
                uid=appt.id,
                sequence=appt.version,
                status="CANCELLED" if appt.status == "canceled" else "CONFIRMED",
                starts_at=appt.starts_at,
                ends_at=appt.ends_at,
                time_zone=_time_zone(world, appt),
                summary=summary,
                description=appt.notes,
                organizer=_organizer(world, appt),
                attendees=people,
                created_at=appt.created_at,
                updated_at=appt.updated_at,
            )
        )
    return Feed(practitioner.display_name, practitioner.time_zone, tuple(events))


def _seat(world: World, appt: Appointment, client_id: str) -> Attendee | None:
    """The client's live seat in the appointment (its latest, if it booked more than once)."""
    seats = [a for a in world.attendees_of(appt) if a.client_id == client_id and not a.deleted]
    active = [a for a in seats if a.status == "active"]
    chosen = active or seats
    return chosen[-1] if chosen else None


def _client_feed(world: World, client_id: str, now: datetime) -> Feed:
    client = world.clients[client_id]
    events = []
    appointments = sorted(
        (
            world.appointments[a]
            for a in world.by_client.get(client_id, ())
            if a in world.appointments
        ),
        key=lambda appt: (appt.starts_at, appt.id),
    )
    for appt in appointments:
        seat = _seat(world, appt, client_id)
        if seat is None:
            continue
        canceled = appt.status == "canceled" or seat.status == "canceled"
        cancellation = appt.cancellation or seat.cancellation
        canceled_at = cancellation.canceled_at if canceled and cancellation is not None else None
        if canceled and canceled_at is None:  # pragma: no cover - a cancel always records one
            canceled_at = appt.updated_at
        if not _shown(appt, canceled_at, now):
            continue
        organizer = _organizer(world, appt)
        events.append(
            Event(
                uid=appt.id,
                sequence=appt.version,
                status="CANCELLED" if canceled else "CONFIRMED",
                starts_at=appt.starts_at,
                ends_at=appt.ends_at,
                time_zone=_time_zone(world, appt),
                summary=f"Appointment with {organizer.name}",
                description=None,
                organizer=organizer,
                attendees=(_person_of_client(client, client_id, seat.status),),
                created_at=appt.created_at,
                updated_at=appt.updated_at,
            )
        )
    return Feed(client.display_name, client.time_zone or "UTC", tuple(events))
