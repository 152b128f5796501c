"""A session's world from a checked world file: the records, then the history through the rules.

Reference data (practitioners, clients, API keys, signing keys) becomes records as it is. The
appointments are *replayed* through the mock's own rules, so that everything derived from them is
consistent -- audit trail, notifications, attendee counts, indexes, the purge schedule:

1. every appointment is booked at its ``created_at`` (file order), its attendees seated right after
   (booking limits are set only once the history is in: they bind the session's own bookings);
2. what happened since -- attendance (recorded when the appointment ends), cancellations of
   attendees and appointments, soft deletes (with ``purge_at`` as given) -- in time order, file
   order breaking ties;
3. locks (the system's, at the session's start).

Steps 1 and 2 depend on the file, the seed, the retention and the hour the session starts in, not
on the clock (``replay_history``), so ``WorldFile.build`` replays them once per such hour and
gives each new session a copy (through a snapshot), then applies step 3 (``apply_locks``).

Ids not given are drawn from the session's seeded random ids, so a world and a seed always give the
same ids. Whatever a rule refuses is reported with the location of the record that asked for it.

The per-record conversions (``practitioner_from_json`` ...) are the format's; snapshots and durable
state reuse them.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from appointments_mock.clock import Clock
from appointments_mock.domain import appointments, attendees
from appointments_mock.domain.context import SYSTEM, Actor, Call
from appointments_mock.domain.serialize import practitioner_json
from appointments_mock.errors import ProblemError
from appointments_mock.store import Client, Practitioner, SigningSecret, WorkingPeriod, World
from appointments_mock.world_rules import relative_offset

DEFAULT_BOOKED_BEFORE = timedelta(days=14)
"""An appointment of a world file was booked this long before the session's start (or, if it
starts before then, before its own start), unless its ``created_at`` says when."""

_DEFAULT_NAMES = {"admin": "Admin", "api_client": "API client"}

Problems = list[tuple[str, str]]


# --- records ---------------------------------------------------------------------------------


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def practitioner_from_json(item: Mapping[str, Any]) -> Practitioner:
    """A world file's practitioner as a record."""
    return Practitioner(
        id=item["id"],
        display_name=item["display_name"],
        email=item.get("email"),
        time_zone=item["time_zone"],
        active=item.get("active", True),
        working_hours=[
            WorkingPeriod(w["weekday"], _minutes(w["start"]), _minutes(w["end"]))
            for w in item.get("working_hours", [])
        ],
    )


def practitioner_to_json(p: Practitioner) -> dict[str, Any]:
    """A practitioner record in the world file format."""
    shown = practitioner_json(p)
    del shown["calendar_url"]
    return shown


def client_from_json(item: Mapping[str, Any]) -> Client:
    """A world file's client as a record."""
    return Client(
        id=item["id"],
        given_name=item["given_name"],
        family_name=item["family_name"],
        email=item.get("email"),
        phone=item.get("phone"),
        time_zone=item.get("time_zone"),
        booking_limit=item.get("booking_limit"),
    )


def client_to_json(c: Client) -> dict[str, Any]:
    """A client record in the world file format."""
    return {
        "id": c.id,
        "given_name": c.given_name,
        "family_name": c.family_name,
        "email": c.email,
        "phone": c.phone,
        "time_zone": c.time_zone,
        "booking_limit": c.booking_limit,
    }


def actor_from_json(item: Mapping[str, Any], world: World) -> Actor:
    """The actor of a world file's API key (its practitioner and clients already in ``world``)."""
    role = item["role"]
    if role == "staff":
        p = world.practitioners[item["practitioner_id"]]
        name = item.get("display_name", p.display_name)
        return Actor("staff", p.id, name, practitioner_id=p.id)
    if role == "client":
        c = world.clients[item["client_id"]]
        return Actor("client", c.id, item.get("display_name", c.display_name), client_id=c.id)
    return Actor(role, item.get("id", item["key"]), item.get("display_name", _DEFAULT_NAMES[role]))


def api_key_to_json(key: str, actor: Actor) -> dict[str, Any]:
    """An API key and its actor in the world file format."""
    item: dict[str, Any] = {"key": key, "role": actor.type}
    if actor.type == "staff":
        item["practitioner_id"] = actor.practitioner_id
    elif actor.type == "client":
        item["client_id"] = actor.client_id
    else:
        item["id"] = actor.id
    item["display_name"] = actor.display_name
    return item


def instant(text: str, anchor: datetime) -> datetime:
    """A world file's instant: RFC 3339, or a signed duration from ``anchor``."""
    offset = relative_offset(text)
    if offset is not None:
        return anchor + offset
    return datetime.fromisoformat(text.upper()).astimezone(UTC)


# --- the world -------------------------------------------------------------------------------


def anchor_of(clock: Clock) -> datetime:
    """What a world file's relative instants count from: the clock's now, down to the hour."""
    return clock.now().replace(minute=0, second=0, microsecond=0)


Lock = tuple[str, str, str | None]
"""A lock still to apply: (the record's pointer, the appointment's id, the lock's reason)."""


def build_world(
    document: Mapping[str, Any],
    *,
    seed: int = 0,
    retention_days: int = 30,
    clock: Clock | None = None,
) -> tuple[World, Problems]:
    """The world of a checked world file, and what the rules refused while replaying it."""
    world = World(clock=clock, seed=seed, retention=timedelta(days=retention_days))
    locks, problems = replay_history(world, document, anchor_of(world.clock))
    return world, problems + apply_locks(world, locks)


def replay_history(
    world: World, document: Mapping[str, Any], anchor: datetime
) -> tuple[list[Lock], Problems]:
    """Steps 1 and 2 (the records, then the history) into the new ``world``: what it gives
    depends on the file, the seed, the retention and ``anchor`` only (no rule reads the clock).
    Returns the locks still to apply (step 3, ``apply_locks``) and what the rules refused."""
    for item in document.get("practitioners", []):
        world.practitioners[item["id"]] = practitioner_from_json(item)
    for item in document.get("clients", []):
        world.clients[item["id"]] = client_from_json(item)
    for item in document.get("api_keys", []):
        world.api_keys[item["key"]] = actor_from_json(item, world)
    for item in document.get("signing_keys", []):
        world.signing_keys[item["key_id"]] = SigningSecret(
            item["secret"].encode(), world.api_keys[item["api_key"]]
        )
    limits = {c.id: c.booking_limit for c in world.clients.values()}
    for client in world.clients.values():
        client.booking_limit = None
    history = _History(world, anchor)
    problems = history.replay(document.get("appointments", []))
    for client in world.clients.values():
        client.booking_limit = limits[client.id]
    return history.locks, problems


def apply_locks(world: World, locks: Sequence[Lock]) -> Problems:
    """Step 3: the system locks the appointments, at the session clock's now."""
    history = _History(world, anchor_of(world.clock))
    for base, appointment_id, reason in locks:
        history.attempt(f"{base}/locked", world.set_locked, appointment_id, True, reason)
    return history.problems


# The body field a problem without a pointer is about (else: the instant of the step).
_BODY_FIELDS = {"invalid-cancellation-reason": "/reason_code", "note-required": "/note"}


def _actor_of(args: tuple[Any, ...]) -> Actor | None:
    """The actor of a rule's ``Call`` argument."""
    return next((a.actor for a in args if isinstance(a, Call)), None)


class _History:
    """The replay of a world file's appointments (see the module docstring)."""

    def __init__(self, world: World, anchor: datetime) -> None:
        self.world = world
        self.anchor = anchor
        self.problems: Problems = []
        # What is still to happen, as a heap: (when, record, step, where, field, rule, arguments);
        # the record's index and its step number break ties in file order.
        self.events: list[tuple[datetime, int, int, str, str, Callable[..., Any], tuple[Any, ...]]]
        self.events = []
        self.record = 0
        self.steps = 0
        self.now = datetime.min.replace(tzinfo=UTC)
        self.locks: list[Lock] = []  # booked appointments to lock once the history is in

    def at(self, text: str) -> datetime:
        return instant(text, self.anchor)

    def booked_at(self, item: Mapping[str, Any]) -> datetime:
        """``created_at``; by default 14 days before the session's start or, for an appointment
        that starts before then, 14 days before it starts."""
        if "created_at" in item:
            return self.at(item["created_at"])
        default = self.anchor - DEFAULT_BOOKED_BEFORE
        starts_at = self.at(item["starts_at"])
        return default if starts_at >= default else starts_at - DEFAULT_BOOKED_BEFORE

    def actor(self, key: str | None, default: Actor = SYSTEM) -> Actor:
        return self.world.api_keys[key] if key is not None else default

    def attempt(
        self, where: str, rule: Callable[..., Any], *args: Any, field: str = ""
    ) -> tuple[bool, Any]:
        """Apply one rule: (True, its result), or (False, None) with the refusal as a problem
        located at ``where`` (the body's pointer appended), or at its ``field`` (a state rule)."""
        try:
            result = rule(*args)
        except ProblemError as exc:
            errors = exc.extra.get("errors")
            if isinstance(errors, list) and errors:
                for error in errors:
                    pointer = error.get("pointer") or ""
                    self.problems.append((where + pointer, f"{error['detail']} ({exc.code})"))
            else:
                detail = exc.detail
                if exc.code == "forbidden" and args and _actor_of(args) is SYSTEM:
                    detail = (
                        "the system may not do this: name an admin, api_client or staff key "
                        "of /api_keys (the record's created_by is the default)"
                    )
                field = _BODY_FIELDS.get(exc.code, field)
                self.problems.append((where + field, f"{detail} ({exc.code})"))
            return False, None
        return True, result

    def later(
        self, when: datetime, where: str, rule: Callable[..., Any], *args: Any, field: str = ""
    ) -> None:
        """Apply a rule at ``when``, in time order with everything else (never before now)."""
        if when < self.now:
            self.problems.append(
                (where + field, "is before the appointment was booked (give an earlier created_at)")
            )
            return
        self.steps += 1
        heapq.heappush(self.events, (when, self.record, self.steps, where, field, rule, args))

    def replay(self, items: list[Mapping[str, Any]]) -> Problems:
        for i, item in enumerate(items):
            self.record = i
            when = self.booked_at(item)
            self.later(when, f"/appointments/{i}", self.book, i, item)
        while self.events:
            when, self.record, _, where, field, rule, args = heapq.heappop(self.events)
            self.now = when
            self.attempt(where, rule, *args, field=field)
        return self.problems

    def book(self, i: int, item: Mapping[str, Any]) -> None:
        """Book one appointment (a series: every occurrence), seat its attendees, and schedule
        what happened to it since."""
        base = f"/appointments/{i}"
        world = self.world
        creator = self.actor(item.get("created_by"))
        call = Call(actor=creator, now=self.booked_at(item))
        body: dict[str, Any] = {
            name: item[name]
            for name in (
                "type",
                "practitioner_id",
                "client_id",
                "max_attendees",
                "notes",
                "time_zone",
                "repeat_rule",
            )
            if name in item
        }
        body["starts_at"], body["ends_at"] = self.at(item["starts_at"]), self.at(item["ends_at"])
        world.pin_next_id(item.get("id"))
        try:
            ok, made = self.attempt(base, appointments.create_appointment, world, call, body)
        finally:
            world.pin_next_id(None)
        if not ok:
            return
        first = str(made["id"])
        if "label" in item:
            world.labels[item["label"]] = first
        appt = world.appointments[first]
        occurrences = (
            sorted(world.by_series[appt.series_id]) if appt.series_id is not None else [first]
        )
        for occurrence in occurrences:
            self.seat(base, item, occurrence, call)
        if item["type"] == "individual" and "attendance" in item:
            attendee_id = appt.attendee_ids[0]
            self.record_attendance(
                f"{base}/attendance", item, first, attendee_id, item["attendance"]
            )
        if "cancellation" in item:
            self.cancel(f"{base}/cancellation", item, item["cancellation"], first, None)
        if "deleted_at" in item:
            self.delete(base, item, first)
        if item.get("locked") is True:
            self.locks.append((base, first, item.get("lock_reason")))

    def seat(self, base: str, item: Mapping[str, Any], occurrence: str, call: Call) -> None:
        for j, seat in enumerate(item.get("attendees", [])):
            where = f"{base}/attendees/{j}"
            body = {name: seat[name] for name in ("client_id", "notes") if name in seat}
            ok, made = self.attempt(
                where, attendees.create_attendee, self.world, call, occurrence, body
            )
            if not ok:
                continue
            attendee_id = str(made["id"])
            if "attendance" in seat:
                self.record_attendance(
                    f"{where}/attendance", item, occurrence, attendee_id, seat["attendance"]
                )
            if "cancellation" in seat:
                self.cancel(
                    f"{where}/cancellation", item, seat["cancellation"], occurrence, attendee_id
                )

    def record_attendance(
        self, where: str, item: Mapping[str, Any], appointment_id: str, attendee_id: str, value: str
    ) -> None:
        ended = self.world.appointments[appointment_id].ends_at
        call = Call(actor=self.actor(item.get("created_by")), now=ended)
        self.later(
            ended,
            where,
            attendees.update_attendee,
            self.world,
            call,
            appointment_id,
            attendee_id,
            {"attendance": value},
        )

    def cancel(
        self,
        where: str,
        item: Mapping[str, Any],
        cancellation: Mapping[str, Any],
        appointment_id: str,
        attendee_id: str | None,
    ) -> None:
        when = self.at(cancellation["canceled_at"])
        creator = self.actor(item.get("created_by"))
        call = Call(actor=self.actor(cancellation.get("canceled_by"), creator), now=when)
        body = {
            name: cancellation[name]
            for name in ("reason_code", "note", "message", "notify", "apply_to_repeats")
            if name in cancellation
        }
        world = self.world
        if attendee_id is None:
            self.later(
                when,
                where,
                appointments.cancel_appointment,
                world,
                call,
                appointment_id,
                body,
                field="/canceled_at",
            )
        else:
            body.pop("apply_to_repeats", None)
            self.later(
                when,
                where,
                attendees.cancel_attendee,
                world,
                call,
                appointment_id,
                attendee_id,
                body,
                field="/canceled_at",
            )

    def delete(self, base: str, item: Mapping[str, Any], appointment_id: str) -> None:
        when = self.at(item["deleted_at"])
        creator = self.actor(item.get("created_by"))
        call = Call(actor=self.actor(item.get("deleted_by"), creator), now=when)
        purge_at = self.at(item["purge_at"]) if "purge_at" in item else None
        world = self.world

        def step(call: Call) -> None:
            if purge_at is None:
                appointments.delete_appointment(world, call, appointment_id)
                return
            if purge_at <= when:
                self.problems.append((f"{base}/purge_at", "must be after deleted_at"))
                return
            # The rule sets purge_at to deleted_at plus the retention (and records it so).
            retention, world.retention = world.retention, purge_at - when
            try:
                appointments.delete_appointment(world, call, appointment_id)
            finally:
                world.retention = retention

        self.later(when, f"{base}/deleted_at", step, call)
