"""The world of one mock session: records, the indexes the lists and rules need, and one lock.

The store knows nothing about rules: it holds records, keeps the indexes true when a record
changes (always through ``World.changing``), hands out ids and appends audit events. The rules
live in ``domain/``.

Transactions (``World.atomic``): every change goes through a method of ``World`` that logs how to
undo it, so that a request either happens whole or, on any exception before it ends, not at all
(records, indexes, audit trail, notifications, purge schedule and the id sequence are restored).

Indexes (designed so a page of the default list costs O(log n + page), not a scan):

* ``ordered(status, deleted, field[, practitioner])`` -- the appointments of one (status, deleted)
  bucket, of all practitioners or of one, sorted by ``starts_at``, ``updated_at`` or ``created_at``.
  A family of these (one status, deleted flag and field, every practitioner) is built the first
  time a list asks for it and kept true from then on: a session pays on each write only for the
  orders its lists use (the default list: one family; a cancel then moves 2 keys, not 12);
* ``by_practitioner`` -- a practitioner's appointments sorted by ``starts_at`` (slot conflicts,
  availability, staff lists);
* ``by_client`` and ``by_series`` -- small id sets (client visibility, booking limits, series).
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import hmac
import logging
import random
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from functools import partial
from typing import Any, Literal

from sortedcontainers import SortedList  # type: ignore[import-untyped]

from appointments_mock.clock import Clock
from appointments_mock.domain.context import SYSTEM, Actor
from appointments_mock.errors import ProblemError
from appointments_mock.ids import uuid4_text
from appointments_mock.outbox import Outbox

logger = logging.getLogger(__name__)

Status = Literal["active", "canceled"]
OrderField = Literal["starts_at", "updated_at", "created_at"]
ORDER_FIELDS: tuple[OrderField, ...] = ("starts_at", "updated_at", "created_at")
Key = tuple[datetime, str]
Bucket = tuple[Status, bool, OrderField, str]
"""(status, deleted, order field, practitioner id or "" for all practitioners)"""


# --- records -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WorkingPeriod:
    """A weekly working period in the practitioner's time zone, in minutes after midnight."""

    weekday: int  # ISO, 1 = Monday
    start_minutes: int
    end_minutes: int  # 1440 = 24:00


@dataclass(slots=True)
class Practitioner:
    """Reference data: who is booked, where, and when they work."""

    id: str
    display_name: str
    email: str | None
    time_zone: str
    active: bool
    working_hours: list[WorkingPeriod]


@dataclass(slots=True)
class Client:
    """Reference data: who books."""

    id: str
    given_name: str
    family_name: str
    email: str | None
    phone: str | None
    time_zone: str | None
    booking_limit: int | None

    @property
    def display_name(self) -> str:
        """Given and family name."""
        return f"{self.given_name} {self.family_name}"


@dataclass(frozen=True, slots=True)
class Cancellation:
    """What happened when an appointment or attendee was canceled."""

    id: str
    reason_code: int
    reason_label: str
    note: str | None
    message: str | None
    canceled_at: datetime
    canceled_by: Actor
    notify: bool
    apply_to_repeats: bool
    cascaded: bool


@dataclass(slots=True)
class Appointment:
    """An individual or group appointment (mutate only inside ``World.changing``)."""

    id: str
    type: Literal["individual", "group"]
    status: Status
    starts_at: datetime
    ends_at: datetime
    time_zone: str | None
    practitioner_id: str
    client_id: str | None
    max_attendees: int | None
    notes: str | None
    series_id: str | None
    repeat_rule: dict[str, Any] | None
    created_at: datetime
    updated_at: datetime
    cancellation: Cancellation | None = None
    locked: bool = False
    lock_reason: str | None = None
    deleted_at: datetime | None = None
    purge_at: datetime | None = None
    version: int = 1
    attendee_ids: list[str] = field(default_factory=list)
    # The last JSON encoding and what it was derived from (``serialize.appointment_encoded``).
    encoded: tuple[tuple[int, bool, int, int], Any] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def deleted(self) -> bool:
        """Soft-deleted (hidden until restored or purged)."""
        return self.deleted_at is not None


@dataclass(slots=True)
class Attendee:
    """A client attending an appointment (an individual appointment has exactly one)."""

    id: str
    appointment_id: str
    client_id: str
    created_at: datetime
    updated_at: datetime
    status: Status = "active"
    attendance: Literal["unknown", "arrived", "did_not_arrive"] = "unknown"
    notes: str | None = None
    cancellation: Cancellation | None = None
    deleted_at: datetime | None = None
    purge_at: datetime | None = None
    version: int = 1

    @property
    def deleted(self) -> bool:
        """Soft-deleted."""
        return self.deleted_at is not None


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One changed field of an audit event (JSON-ready values)."""

    field: str
    old_value: Any
    new_value: Any


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One change, recorded for good (survives purge)."""

    id: str
    occurred_at: datetime
    action: str
    actor: Actor
    resource_type: Literal["appointment", "attendee"]
    resource_id: str
    appointment_id: str
    changes: tuple[FieldChange, ...]
    request_id: str | None


@dataclass(frozen=True, slots=True)
class Notification:
    """A message or calendar update the server sent (or suppressed) because of a change."""

    id: str
    appointment_id: str
    attendee_id: str | None
    event: str
    channel: Literal["email", "calendar_sync"]
    recipient_type: Literal["client", "practitioner"]
    recipient_id: str
    address: str | None
    status: Literal["sent", "suppressed"]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SigningSecret:
    """A signing key of a role (RFC 9421 ``hmac-sha256``): the shared secret and whose it is."""

    secret: bytes = field(repr=False)
    actor: Actor


CalendarOwner = tuple[Literal["practitioner", "client"], str]
"""Whose calendar feed: ``("practitioner", id)`` or ``("client", id)``."""


# --- indexes -----------------------------------------------------------------------------------


class SortedIndex:
    """Keys ``(instant, id)`` kept sorted; ranges by instant through bisection.

    ``keys`` is a ``SortedList`` (a list of short sorted lists): insert, remove and ``keys[i]``
    cost O(log n), where a plain sorted list pays O(n) per write -- 100k appointments took
    half a minute to load that way.
    """

    __slots__ = ("keys",)

    def __init__(self, keys: Iterable[Key] = ()) -> None:
        self.keys: Any = SortedList(keys)

    def add(self, key: Key) -> None:
        """Insert a key."""
        self.keys.add(key)

    def update(self, keys: Iterable[Key]) -> None:
        """Insert many keys at once (one sort instead of one insert each)."""
        self.keys.update(keys)

    def remove(self, key: Key) -> None:
        """Remove a key if present."""
        self.keys.discard(key)

    def bounds(self, lo: datetime | None = None, hi: datetime | None = None) -> tuple[int, int]:
        """Positions of the keys with ``lo <= instant < hi`` (either bound optional)."""
        # A 1-tuple sorts before every 2-tuple with the same instant.
        i = self.keys.bisect_left((lo,)) if lo is not None else 0
        j = self.keys.bisect_left((hi,)) if hi is not None else len(self.keys)
        return i, max(i, j)

    def __len__(self) -> int:
        return len(self.keys)


_EMPTY = SortedIndex()


def _order_value(appt: Appointment, name: OrderField) -> datetime:
    if name == "starts_at":
        return appt.starts_at
    if name == "updated_at":
        return appt.updated_at
    return appt.created_at


# What an appointment's index entries depend on: status, deleted, practitioner and the values of
# ``ORDER_FIELDS`` (in that order).
_Placement = tuple[Status, bool, str, tuple[datetime, datetime, datetime]]


def _placement(appt: Appointment) -> _Placement:
    return (
        appt.status,
        appt.deleted_at is not None,
        appt.practitioner_id,
        (appt.starts_at, appt.updated_at, appt.created_at),
    )


_APPOINTMENT_FIELDS = tuple(f.name for f in fields(Appointment))
_ATTENDEE_FIELDS = tuple(f.name for f in fields(Attendee))


def _fields_of(record: Appointment | Attendee) -> tuple[Any, ...]:
    names = _APPOINTMENT_FIELDS if isinstance(record, Appointment) else _ATTENDEE_FIELDS
    return tuple(getattr(record, name) for name in names)


def _restore_fields(record: Any, names: tuple[str, ...], values: tuple[Any, ...]) -> None:
    for name, value in zip(names, values, strict=True):
        setattr(record, name, value)


def _drop_last(items: list[Any], owner: dict[str, Any] | None, key: str) -> None:
    """Undo an append (and forget the owner's entry if the list was made for it)."""
    items.pop()
    if owner is not None and not items:
        owner.pop(key, None)


# --- the world ---------------------------------------------------------------------------------


class World:
    """The whole state of one mock session."""

    def __init__(
        self,
        *,
        clock: Clock | None = None,
        seed: int = 0,
        retention: timedelta = timedelta(days=30),
    ) -> None:
        self.clock = clock if clock is not None else Clock()
        self.seed = seed
        self.retention = retention
        # Re-entrant so that control-API helpers may call into the world while holding it.
        self.lock = threading.RLock()
        self._rng = random.Random(seed)
        # Ids drawn from ``_rng`` since it was seeded or resumed (``durable.py`` keeps this count
        # rather than the generator's whole state).
        self.ids_drawn = 0
        self.practitioners: dict[str, Practitioner] = {}
        self.clients: dict[str, Client] = {}
        self.appointments: dict[str, Appointment] = {}
        self.attendees: dict[str, Attendee] = {}
        self.api_keys: dict[str, Actor] = {}
        self.signing_keys: dict[str, SigningSecret] = {}
        # How often each calendar's token was revoked; the token is derived from it (``calendar_token``).
        self.calendar_revocations: dict[CalendarOwner, int] = {}
        self._calendar_secret = hashlib.sha256(f"calendar-feeds:{seed}".encode()).digest()
        self.audit_events: list[AuditEvent] = []
        self.audit_by_appointment: dict[str, list[AuditEvent]] = {}
        self.notifications: dict[str, list[Notification]] = {}
        # Who owned a purged appointment: its history stays visible to that practitioner's staff.
        self.purged_practitioner: dict[str, str] = {}
        self.by_practitioner: dict[str, SortedIndex] = {}
        self.by_client: dict[str, set[str]] = {}
        self.by_series: dict[str, set[str]] = {}
        # (status, deleted, order field, practitioner id or "" for all practitioners) -> index,
        # for the families (status, deleted, order field) built so far (``ordered``).
        self._ordered: dict[Bucket, SortedIndex] = {}
        self._families: set[tuple[Status, bool, OrderField]] = set()
        # Named records of the demo data (seed.py), e.g. ``labels["canceled"]``.
        self.labels: dict[str, str] = {}
        self.max_duration = timedelta(0)
        self._purge_heap: list[tuple[datetime, str, str]] = []
        # While a transaction is open: how to undo each change made in it, oldest first.
        self._undo: list[Callable[[], None]] | None = None
        self._rng_saved = False
        self._pinned_id: str | None = None
        # Webhook endpoints and deliveries (``outbox.py``), and who hears of committed changes.
        self.outbox = Outbox(self._log)
        self.commit_listener: Callable[[World, list[AuditEvent]], None] | None = None
        # Who makes a transaction's changes durable (``durable.py``; None: in memory only), and
        # the appointments an open transaction touched (their records, attendees, notifications).
        self.persist: Callable[[set[str], list[AuditEvent]], None] | None = None
        self._touched: set[str] = set()

    # transactions -----------------------------------------------------------------------------

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """Hold the lock; if the block raises, undo every change made in it, then re-raise.

        Nested blocks join the outermost one: a request's handler opens one around the rule it
        calls, the response it builds and the response's check, and the rule's own joins it.

        At the end of the outermost block, ``commit_listener`` (when set: the session has webhook
        endpoints) gets the audit events the block wrote, still inside the transaction: what it
        queues is undone with the rest if it fails, and an undone block queues nothing. Last,
        if the block changed anything, ``persist`` (when set: ``serve --state-dir``) gets the ids
        of the appointments it touched and its audit events; if it raises, the block is undone.
        """
        with self.lock:
            if self._undo is not None:
                yield
                return
            undo: list[Callable[[], None]] = []
            self._undo = undo
            self._rng_saved = False
            self._touched = set()
            written = len(self.audit_events)
            self.outbox.notify_later = False
            try:
                yield
                listener = self.commit_listener
                if listener is not None and len(self.audit_events) > written:
                    listener(self, self.audit_events[written:])
                persist = self.persist
                if persist is not None and undo:
                    persist(self._touched, self.audit_events[written:])
            except BaseException:
                self._undo = None  # undoing is not itself logged
                for step in reversed(undo):
                    step()
                raise
            finally:
                self._undo = None
            if self.outbox.notify_later and self.outbox.notify is not None:
                self.outbox.notify_later = False
                try:
                    self.outbox.notify()  # committed: the sender may look now
                except Exception:  # the change stands; its deliveries wait for the next wake-up
                    logger.exception("could not wake the webhook sender")

    def _log(self, step: Callable[[], None]) -> None:
        if self._undo is not None:
            self._undo.append(step)

    def _touch(self, appointment_id: str) -> None:
        if self._undo is not None:
            self._touched.add(appointment_id)

    # ids, keys --------------------------------------------------------------------------------

    def new_id(self) -> str:
        """A fresh UUIDv4, deterministic for the session's seed (an undone change gives its ids back)."""
        if self._pinned_id is not None:
            pinned, self._pinned_id = self._pinned_id, None
            return pinned
        if self._undo is not None and not self._rng_saved:
            self._rng_saved = True
            self._undo.append(partial(self._rewind_ids, self._rng.getstate(), self.ids_drawn))
        self.ids_drawn += 1
        return uuid4_text(self._rng.getrandbits(128))

    def _rewind_ids(self, state: tuple[Any, ...], drawn: int) -> None:
        """Undo the ids drawn in a transaction."""
        self._rng.setstate(state)
        self.ids_drawn = drawn

    def id_sequence(self) -> list[Any]:
        """Where the session's random ids stand (JSON-ready; a snapshot keeps it)."""
        version, internal, gauss = self._rng.getstate()
        return [version, list(internal), gauss]

    def resume_id_sequence(self, state: list[Any]) -> None:
        """Continue the random ids from ``id_sequence()``'s value (ValueError if it is not one)."""
        try:
            version, internal, gauss = state
            self._rng.setstate((version, tuple(internal), gauss))
        except (TypeError, ValueError, OverflowError) as exc:
            raise ValueError(f"not a state of the id sequence ({exc})") from None
        self.ids_drawn = 0

    def pin_next_id(self, value: str | None) -> None:
        """Make the next ``new_id`` return ``value`` (a world file names an appointment's id)."""
        self._pinned_id = value

    def actor_for_key(self, key: str) -> Actor | None:
        """The actor an API key stands for, or None for an unknown key."""
        return self.api_keys.get(key)

    def signing_secret(self, key_id: str) -> SigningSecret | None:
        """The signing key ``key_id`` (its secret and actor), or None for an unknown key id."""
        return self.signing_keys.get(key_id)

    # calendar feeds ---------------------------------------------------------------------------

    def calendar_token(self, owner: CalendarOwner) -> str:
        """The current token of a calendar feed (deterministic for the seed and revocations)."""
        kind, owner_id = owner
        generation = self.calendar_revocations.get(owner, 0)
        message = f"{kind}:{owner_id}:{generation}".encode()
        mac = hmac.new(self._calendar_secret, message, hashlib.sha256).digest()[:16]
        return base64.urlsafe_b64encode(mac).decode().rstrip("=")

    def calendar_token_matches(self, owner: CalendarOwner, token: str) -> bool:
        """Whether ``token`` is the current token of the calendar (a revoked one is not)."""
        return hmac.compare_digest(self.calendar_token(owner).encode(), token.encode())

    def revoke_calendar_token(self, owner: CalendarOwner) -> None:
        """Revoke a calendar's token: the next one is derived from a new generation."""
        before = self.calendar_revocations.get(owner)
        self.calendar_revocations[owner] = (before or 0) + 1
        self._log(partial(self._unrevoke, owner, before))

    def _unrevoke(self, owner: CalendarOwner, before: int | None) -> None:
        """Undo ``revoke_calendar_token``."""
        if before is None:
            self.calendar_revocations.pop(owner, None)
        else:
            self.calendar_revocations[owner] = before

    # appointments -----------------------------------------------------------------------------

    def ordered(
        self, status: Status, deleted: bool, name: OrderField, practitioner_id: str | None = None
    ) -> SortedIndex:
        """One (status, deleted) bucket sorted by ``name``, of one practitioner or of all.

        The first call for a (status, deleted, name) family builds it from the records (one scan,
        one sort per index); callers hold ``lock``, as for any other access to the world.
        """
        if (status, deleted, name) not in self._families:
            self._build_family(status, deleted, name)
        return self._ordered.get((status, deleted, name, practitioner_id or ""), _EMPTY)

    def _build_family(self, status: Status, deleted: bool, name: OrderField) -> None:
        pending: dict[str, list[Key]] = {}
        for appt in self.appointments.values():
            if appt.status == status and (appt.deleted_at is not None) == deleted:
                key = (_order_value(appt, name), appt.id)
                pending.setdefault("", []).append(key)
                pending.setdefault(appt.practitioner_id, []).append(key)
        for scope, keys in pending.items():
            self._ordered[(status, deleted, name, scope)] = SortedIndex(keys)
        self._families.add((status, deleted, name))

    def add_appointment(self, appt: Appointment) -> None:
        """Store a new appointment and index it."""
        self.appointments[appt.id] = appt
        if appt.series_id is not None:
            self.by_series.setdefault(appt.series_id, set()).add(appt.id)
        self.max_duration = max(self.max_duration, appt.ends_at - appt.starts_at)
        self._index(appt)
        self._log(partial(self._forget_appointment, appt))
        self._touch(appt.id)

    def _forget_appointment(self, appt: Appointment) -> None:
        """Undo ``add_appointment``."""
        self._unindex(appt)
        del self.appointments[appt.id]
        if appt.series_id is not None:
            self.by_series.get(appt.series_id, set()).discard(appt.id)

    def add_appointments(self, appts: Iterable[Appointment]) -> None:
        """Store many new appointments and index them in bulk (large worlds, benchmarks)."""
        pending: dict[Bucket, list[Key]] = {}
        by_practitioner: dict[str, list[Key]] = {}
        added = list(appts)
        for appt in added:
            self.appointments[appt.id] = appt
            if appt.series_id is not None:
                self.by_series.setdefault(appt.series_id, set()).add(appt.id)
            self.max_duration = max(self.max_duration, appt.ends_at - appt.starts_at)
            for bucket, key in self._entries(appt):
                pending.setdefault(bucket, []).append(key)
            by_practitioner.setdefault(appt.practitioner_id, []).append((appt.starts_at, appt.id))
        for bucket, keys in pending.items():
            self._ordered.setdefault(bucket, SortedIndex()).update(keys)
        for practitioner_id, keys in by_practitioner.items():
            self.by_practitioner.setdefault(practitioner_id, SortedIndex()).update(keys)
        if self._undo is not None:
            for appt in added:
                self._undo.append(partial(self._forget_appointment, appt))
                self._touched.add(appt.id)

    @contextmanager
    def changing(self, appt: Appointment) -> Iterator[Appointment]:
        """Mutate an appointment's indexed fields inside this block; indexes follow.

        Only the entries whose bucket or key changed are moved (a cancel leaves the
        practitioner's ``starts_at`` index alone); nothing reads the indexes inside the block.
        """
        before = _placement(appt)
        if self._undo is not None:
            self._undo.append(partial(self._restore_appointment, appt, _fields_of(appt)))
            self._touched.add(appt.id)
        try:
            yield appt
        finally:
            self.max_duration = max(self.max_duration, appt.ends_at - appt.starts_at)
            self._move(appt, before, _placement(appt))

    def _restore_appointment(self, appt: Appointment, saved: tuple[Any, ...]) -> None:
        current = _placement(appt)
        _restore_fields(appt, _APPOINTMENT_FIELDS, saved)
        self._move(appt, current, _placement(appt))

    @contextmanager
    def changing_attendee(self, attendee: Attendee) -> Iterator[Attendee]:
        """Mutate an attendee inside this block (its fields come back if the transaction fails)."""
        if self._undo is not None:
            self._undo.append(
                partial(_restore_fields, attendee, _ATTENDEE_FIELDS, _fields_of(attendee))
            )
            self._touched.add(attendee.appointment_id)
        yield attendee

    def _move(self, appt: Appointment, before: _Placement, after: _Placement) -> None:
        if before == after:
            return
        status, deleted, practitioner_id, values = before
        new_status, new_deleted, new_practitioner_id, new_values = after
        ordered, families = self._ordered, self._families
        for name, value, new_value in zip(ORDER_FIELDS, values, new_values, strict=True):
            built = (status, deleted, name) in families
            new_built = (new_status, new_deleted, name) in families
            if not (built or new_built):
                continue
            for scope, new_scope in (("", ""), (practitioner_id, new_practitioner_id)):
                bucket = (status, deleted, name, scope)
                new_bucket = (new_status, new_deleted, name, new_scope)
                if bucket == new_bucket and value == new_value:
                    continue
                if built:
                    index = ordered.get(bucket)
                    if index is not None:
                        index.remove((value, appt.id))
                if new_built:
                    index = ordered.get(new_bucket)
                    if index is None:
                        index = ordered[new_bucket] = SortedIndex()
                    index.add((new_value, appt.id))
        if practitioner_id != new_practitioner_id or values[0] != new_values[0]:
            index = self.by_practitioner.get(practitioner_id)
            if index is not None:
                index.remove((values[0], appt.id))
            self.by_practitioner.setdefault(new_practitioner_id, SortedIndex()).add(
                (new_values[0], appt.id)
            )

    def _entries(self, appt: Appointment) -> Iterator[tuple[Bucket, Key]]:
        """An appointment's ordered-index entries, in the families built so far."""
        for name in ORDER_FIELDS:
            if (appt.status, appt.deleted, name) in self._families:
                key = (_order_value(appt, name), appt.id)
                for scope in ("", appt.practitioner_id):
                    yield (appt.status, appt.deleted, name, scope), key

    def _index(self, appt: Appointment) -> None:
        for bucket, key in self._entries(appt):
            index = self._ordered.get(bucket)
            if index is None:
                index = self._ordered[bucket] = SortedIndex()
            index.add(key)
        self.by_practitioner.setdefault(appt.practitioner_id, SortedIndex()).add(
            (appt.starts_at, appt.id)
        )

    def _unindex(self, appt: Appointment) -> None:
        for bucket, key in self._entries(appt):
            index = self._ordered.get(bucket)
            if index is not None:
                index.remove(key)
        index = self.by_practitioner.get(appt.practitioner_id)
        if index is not None:
            index.remove((appt.starts_at, appt.id))

    def busy(
        self, practitioner_id: str, start: datetime, end: datetime, *, exclude: str | None = None
    ) -> list[Appointment]:
        """Live, active appointments of a practitioner overlapping ``[start, end)``."""
        index = self.by_practitioner.get(practitioner_id)
        if index is None:
            return []
        i, j = index.bounds(start - self.max_duration, end)
        found = []
        for _, appt_id in index.keys[i:j]:
            appt = self.appointments[appt_id]
            if (
                appt_id != exclude
                and appt.status == "active"
                and not appt.deleted
                and appt.starts_at < end
                and appt.ends_at > start
            ):
                found.append(appt)
        return found

    def remove_appointment(self, appt: Appointment) -> None:
        """Erase an appointment with its attendees and notifications (the audit trail stays)."""
        if self._undo is not None:
            self._undo.append(partial(self._unremove_appointment, appt, self._undo_state(appt)))
            self._touched.add(appt.id)
        self._unindex(appt)
        del self.appointments[appt.id]
        for attendee_id in appt.attendee_ids:
            attendee = self.attendees.pop(attendee_id, None)
            if attendee is not None:
                clients = self.by_client.get(attendee.client_id)
                if clients is not None:
                    clients.discard(appt.id)
        if appt.series_id is not None:
            self.by_series.get(appt.series_id, set()).discard(appt.id)
        self.notifications.pop(appt.id, None)
        self.purged_practitioner[appt.id] = appt.practitioner_id

    def _undo_state(self, appt: Appointment) -> tuple[Any, ...]:
        attendees = [self.attendees[a] for a in appt.attendee_ids if a in self.attendees]
        clients = {a.client_id for a in attendees if appt.id in self.by_client.get(a.client_id, ())}
        in_series = appt.series_id is not None and appt.id in self.by_series.get(appt.series_id, ())
        return (
            attendees,
            clients,
            in_series,
            self.notifications.get(appt.id),
            self.purged_practitioner.get(appt.id),
        )

    def _unremove_appointment(self, appt: Appointment, state: tuple[Any, ...]) -> None:
        """Undo ``remove_appointment``."""
        attendees, clients, in_series, notifications, purged_by = state
        self.appointments[appt.id] = appt
        self._index(appt)
        for attendee in attendees:
            self.attendees[attendee.id] = attendee
        for client_id in clients:
            self.by_client.setdefault(client_id, set()).add(appt.id)
        if in_series:
            self.by_series.setdefault(appt.series_id or "", set()).add(appt.id)
        if notifications is not None:
            self.notifications[appt.id] = notifications
        if purged_by is None:
            self.purged_practitioner.pop(appt.id, None)
        else:
            self.purged_practitioner[appt.id] = purged_by

    # attendees --------------------------------------------------------------------------------

    def add_attendee(self, attendee: Attendee) -> None:
        """Store a new attendee of an existing appointment."""
        clients = self.by_client.setdefault(attendee.client_id, set())
        self._log(partial(self._forget_attendee, attendee, attendee.appointment_id in clients))
        self._touch(attendee.appointment_id)
        self.attendees[attendee.id] = attendee
        self.appointments[attendee.appointment_id].attendee_ids.append(attendee.id)
        clients.add(attendee.appointment_id)

    def add_attendees(self, attendees: Iterable[Attendee]) -> None:
        """Store many attendees of existing appointments (a world being built: no undo)."""
        assert self._undo is None, "add_attendees is for building a world, not in a transaction"
        appointments, stored, by_client = self.appointments, self.attendees, self.by_client
        for attendee in attendees:
            stored[attendee.id] = attendee
            appointments[attendee.appointment_id].attendee_ids.append(attendee.id)
            clients = by_client.get(attendee.client_id)
            if clients is None:
                clients = by_client[attendee.client_id] = set()
            clients.add(attendee.appointment_id)

    def _forget_attendee(self, attendee: Attendee, client_listed: bool) -> None:
        """Undo ``add_attendee``."""
        del self.attendees[attendee.id]
        self.appointments[attendee.appointment_id].attendee_ids.remove(attendee.id)
        if not client_listed:
            self.by_client[attendee.client_id].discard(attendee.appointment_id)

    def attendees_of(self, appt: Appointment) -> list[Attendee]:
        """The attendees of an appointment, oldest first (soft-deleted ones included)."""
        return [self.attendees[a] for a in appt.attendee_ids if a in self.attendees]

    def remove_attendee(self, attendee: Attendee) -> None:
        """Erase one attendee (after its retention ran out)."""
        appt = self.appointments.get(attendee.appointment_id)
        if self._undo is not None:
            position = appt.attendee_ids.index(attendee.id) if appt is not None else -1
            listed = appt is not None and appt.id in self.by_client.get(attendee.client_id, ())
            self._undo.append(partial(self._unremove_attendee, attendee, position, listed))
            self._touched.add(attendee.appointment_id)
        self.attendees.pop(attendee.id, None)
        if appt is not None:
            appt.attendee_ids.remove(attendee.id)
            if not any(
                self.attendees[a].client_id == attendee.client_id for a in appt.attendee_ids
            ):
                self.by_client.get(attendee.client_id, set()).discard(appt.id)

    def _unremove_attendee(self, attendee: Attendee, position: int, client_listed: bool) -> None:
        """Undo ``remove_attendee``."""
        self.attendees[attendee.id] = attendee
        appt = self.appointments.get(attendee.appointment_id)
        if appt is not None and position >= 0:
            appt.attendee_ids.insert(position, attendee.id)
        if client_listed:
            self.by_client.setdefault(attendee.client_id, set()).add(attendee.appointment_id)

    # audit and notifications -----------------------------------------------------------------

    def record(
        self,
        *,
        action: str,
        actor: Actor,
        at: datetime,
        appointment_id: str,
        resource_id: str | None = None,
        resource_type: Literal["appointment", "attendee"] = "appointment",
        changes: tuple[FieldChange, ...] = (),
        request_id: str | None = None,
    ) -> AuditEvent:
        """Append one audit event."""
        event = AuditEvent(
            id=self.new_id(),
            occurred_at=at,
            action=action,
            actor=actor,
            resource_type=resource_type,
            resource_id=resource_id or appointment_id,
            appointment_id=appointment_id,
            changes=changes,
            request_id=request_id,
        )
        self.audit_events.append(event)
        history = self.audit_by_appointment.setdefault(appointment_id, [])
        history.append(event)
        if self._undo is not None:
            self._undo.append(partial(_drop_last, self.audit_events, None, ""))
            self._undo.append(
                partial(_drop_last, history, self.audit_by_appointment, appointment_id)
            )
        return event

    def add_notification(self, notification: Notification) -> None:
        """Keep a notification with its appointment."""
        sent = self.notifications.setdefault(notification.appointment_id, [])
        sent.append(notification)
        self._log(partial(_drop_last, sent, self.notifications, notification.appointment_id))
        self._touch(notification.appointment_id)

    # retention --------------------------------------------------------------------------------

    def schedule_purge(self, kind: Literal["appointment", "attendee"], record_id: str) -> None:
        """Remember a soft-deleted record so it is purged when its ``purge_at`` passes."""
        record: Appointment | Attendee | None = (
            self.appointments.get(record_id)
            if kind == "appointment"
            else self.attendees.get(record_id)
        )
        if record is not None and record.purge_at is not None:
            entry = (record.purge_at, kind, record_id)
            heapq.heappush(self._purge_heap, entry)
            self._log(partial(self._unschedule, entry))

    def _unschedule(self, entry: tuple[datetime, str, str]) -> None:
        """Undo ``schedule_purge`` (rare: only a failed transaction pays the re-heapify)."""
        self._purge_heap.remove(entry)
        heapq.heapify(self._purge_heap)

    def due_purges(self, now: datetime) -> list[tuple[str, str]]:
        """Pop the (kind, id) of every soft-deleted record whose ``purge_at`` has passed.

        Entries of records restored (or re-deleted with a later ``purge_at``) meanwhile are
        dropped here, so callers only get records that really are due.
        """
        due: list[tuple[str, str]] = []
        popped: list[tuple[datetime, str, str]] = []
        while self._purge_heap and self._purge_heap[0][0] <= now:
            entry = heapq.heappop(self._purge_heap)
            popped.append(entry)
            purge_at, kind, record_id = entry
            record: Appointment | Attendee | None = (
                self.appointments.get(record_id)
                if kind == "appointment"
                else self.attendees.get(record_id)
            )
            # A record deleted, restored and deleted again at the same instant is scheduled twice.
            if record is not None and record.purge_at == purge_at and (kind, record_id) not in due:
                due.append((kind, record_id))
        if popped:
            self._log(partial(self._reschedule, popped))
        return due

    def _reschedule(self, entries: list[tuple[datetime, str, str]]) -> None:
        """Undo ``due_purges``."""
        for entry in entries:
            heapq.heappush(self._purge_heap, entry)

    # test hooks -------------------------------------------------------------------------------

    def set_locked(self, appointment_id: str, locked: bool, reason: str | None = None) -> None:
        """Lock or unlock an appointment (control API hook; ``reason`` defaults to ``external``)."""
        with self.atomic():
            appt = self.appointments.get(appointment_id)
            if appt is None:
                raise ProblemError(
                    404, "not-found", "Not found", f"Appointment {appointment_id} does not exist."
                )
            new_reason = (reason or "external") if locked else None
            if appt.locked == locked and appt.lock_reason == new_reason:
                return
            now = self.clock.now()
            changes = (
                FieldChange("locked", appt.locked, locked),
                FieldChange("lock_reason", appt.lock_reason, new_reason),
            )
            with self.changing(appt):
                appt.locked = locked
                appt.lock_reason = new_reason
                appt.version += 1
                appt.updated_at = now
            self.record(
                action="appointment.updated",
                actor=SYSTEM,
                at=now,
                appointment_id=appt.id,
                changes=changes,
            )
