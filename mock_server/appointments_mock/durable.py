"""Durable sessions (``serve --state-dir DIR``): every acknowledged change is in SQLite first.

One database, ``DIR/state.sqlite3`` (WAL), one table of rows keyed by (session, kind, id), each
holding one record as ``snapshot.py`` writes it (the same JSON, no second serialisation):

* ``session`` -- the session's reference data and settings (practitioners, clients, API and
  signing keys, labels, seed, retention, when it was created), written once;
* ``ids`` -- a state of the session's random ids (``World.id_sequence``), written again after
  ``STATE_IDS_REPLAYED`` draws;
* ``state`` -- what moves with every change: the clock, the ids drawn since the ``ids`` row (a
  restart draws them again: cheaper per write than the generator's 625 numbers),
  calendar-token revocations;
* ``appointment`` -- one per appointment, with its attendees and notifications;
* ``audit`` -- one per audit event (appended, never rewritten);
* ``purged`` -- who owned a purged appointment;
* ``idempotency`` -- a finished request's key, fingerprint and response.

A session is written whole the first time it changes (until then the server's world, built again
from the same flags, is what it is), and from then on only what each transaction touched: at the
end of every ``World.atomic`` block that changed something, before its response is sent, the
appointments it touched, its audit events, the state row and -- for an idempotent POST -- the
key's stored response go in one SQLite transaction (``World.persist``). If that fails the block
is undone and the request is answered 503 ``state-not-saved``: nothing is acknowledged that is
not on disk. The control API's changes (clock, reset, delete, snapshot import) are written the
same way before they are answered. WAL checkpoints run in a thread of their own, a moment after
writes, so a request's commit never waits for one.

On start every session in the database is rebuilt from its rows (``snapshot.build_snapshot``,
without the schema check: the rows are the server's own). Not durable, as in a snapshot: the
journal, faults, webhook endpoints and deliveries, nonces of signed requests; evicted names are
forgotten (their rows are deleted when they are evicted).

``synchronous=NORMAL`` (the default) survives the process being killed: SQLite's WAL is in the
operating system's hands once a transaction commits. A power loss or OS crash may lose the last
transactions; ``--state-sync full`` makes every commit wait for the disk.
"""

from __future__ import annotations

import base64
import contextlib
import gc
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

import orjson

from appointments_mock._request import current_request_state
from appointments_mock.clock import format_instant
from appointments_mock.errors import ProblemError
from appointments_mock.idempotency import IdempotencyStore, StoredResponse
from appointments_mock.limits import (
    IDEMPOTENCY_MAX_KEYS,
    STATE_IDS_REPLAYED,
    STATE_PRUNE_KEYS_EVERY,
)
from appointments_mock.snapshot import (
    appointment_to_json,
    audit_event_to_json,
    build_snapshot,
    export_session,
    notification_to_json,
    parse_instant,
)
from appointments_mock.store import World
from appointments_mock.world_file import FORMAT_VERSION

if TYPE_CHECKING:
    from appointments_mock.sessions import Session
    from appointments_mock.store import AuditEvent

logger = logging.getLogger("appointments_mock")

DATABASE_NAME = "state.sqlite3"
Synchronous = Literal["normal", "full"]
Row = tuple[str, str, str, bytes]  # session, kind, id, JSON

_SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    session TEXT NOT NULL,
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (session, kind, id)
)
"""
# An upsert keeps the row's rowid, so rows load back in the order they were first written.
_UPSERT = (
    "INSERT INTO records (session, kind, id, data) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (session, kind, id) DO UPDATE SET data = excluded.data"
)
_DELETE = "DELETE FROM records WHERE session = ? AND kind = ? AND id = ?"
_REFERENCE = ("practitioners", "clients", "api_keys", "signing_keys")
# The idempotency rows of a session beyond the newest ``IDEMPOTENCY_MAX_KEYS`` (what a session
# remembers: the oldest finished keys go first).
CHECKPOINT_DELAY_SECONDS = 0.2
"""How long after a write the checkpoint thread copies the WAL into the database."""
_PRUNE = (
    "DELETE FROM records WHERE session = ? AND kind = 'idempotency' AND rowid NOT IN "
    "(SELECT rowid FROM records WHERE session = ? AND kind = 'idempotency' "
    "ORDER BY rowid DESC LIMIT ?)"
)


class StateNotSaved(ProblemError):
    """The state directory refused a write: the change is undone and answered 503."""

    def __init__(self, exc: BaseException) -> None:
        super().__init__(
            503,
            "state-not-saved",
            "The change could not be saved",
            f"The mock could not write the change to its state directory ({exc}); "
            "nothing was changed.",
        )


def _dumps(value: Any) -> bytes:
    return orjson.dumps(value)  # UTF-8 JSON, kept as bytes (no text conversion either way)


def _response_json(response: StoredResponse) -> dict[str, Any]:
    return {
        "status": response.status,
        "headers": [[k.decode("latin-1"), v.decode("latin-1")] for k, v in response.headers],
        "body": base64.b64encode(response.body).decode(),
    }


@dataclass(slots=True)
class _Tracked:
    """What the store knows of one live session."""

    session: Session
    labels: dict[str, str]  # appointment id -> label (labels never change after a world is built)
    saved: bool  # the session is in the database (written whole once)
    # Ids drawn since the ``ids`` row's generator state = drawn_offset + world.ids_drawn.
    drawn_offset: int = 0
    keys_written: int = 0  # idempotency rows written since the last prune


class StateStore:
    """The state directory's database; thread-safe (one connection, one lock)."""

    def __init__(
        self, directory: Path, *, synchronous: Synchronous = "normal", freeze: bool = False
    ) -> None:
        """``freeze`` (``serve``): the records ``load`` restores leave the cyclic collector
        (``gc.freeze``), as ``serve`` does for everything that exists at start, without a full
        collection walking them first."""
        self.freeze = freeze
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / DATABASE_NAME
        self._guard = _lock_directory(directory)
        self.synchronous = synchronous
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(f"PRAGMA synchronous={synchronous.upper()}")
        # Checkpoints (copying the WAL into the database, and with it the disk syncs) happen in
        # a thread of their own, not inside a request's commit.
        self._db.execute("PRAGMA wal_autocheckpoint=0")
        self._db.execute(_SCHEMA)
        self._lock = threading.Lock()
        self._written = threading.Event()
        self._stop = threading.Event()
        self._checkpoints = threading.Thread(
            target=self._checkpoint_after_writes, name="state-checkpoints", daemon=True
        )
        self._checkpoints.start()
        self._tracked: dict[str, _Tracked] = {}  # the live sessions, by name
        self._drawn_at_load: dict[str, int] = {}
        self.fail: Callable[[], None] | None = None
        """Test hook: called before every write; what it raises fails the write."""

    def close(self) -> None:
        """Close the database (the server is stopping) and let another server use the directory."""
        self._stop.set()
        self._written.set()
        self._checkpoints.join(timeout=10)
        with self._lock:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._db.close()
            self._guard.close()

    def _checkpoint_after_writes(self) -> None:
        """The checkpoint thread: a passive checkpoint (writers go on) a moment after writes."""
        db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        try:
            while True:
                self._written.wait()
                if self._stop.is_set():
                    return
                time.sleep(CHECKPOINT_DELAY_SECONDS)  # let a burst of writes go first
                self._written.clear()
                try:
                    db.execute("PRAGMA wal_checkpoint(PASSIVE)")
                except sqlite3.Error as exc:
                    logger.warning("state directory checkpoint failed: %s", exc)
                if self._stop.is_set():  # close() may have set the event before it was cleared
                    return
        finally:
            db.close()

    # writing --------------------------------------------------------------------------------

    def _write(
        self,
        rows: list[Row],
        deletes: list[tuple[str, str, str]],
        *,
        forget: str = "",
        prune: str = "",
    ) -> None:
        """One SQLite transaction: delete a whole session (``forget``), then the rows."""
        with self._lock:
            try:
                if self.fail is not None:
                    self.fail()
                db = self._db
                db.execute("BEGIN IMMEDIATE")
                try:
                    if forget:
                        db.execute("DELETE FROM records WHERE session = ?", (forget,))
                    if deletes:
                        db.executemany(_DELETE, deletes)
                    db.executemany(_UPSERT, rows)
                    if prune:
                        db.execute(_PRUNE, (prune, prune, IDEMPOTENCY_MAX_KEYS))
                    db.execute("COMMIT")
                except BaseException:
                    if db.in_transaction:
                        with contextlib.suppress(sqlite3.Error):
                            db.execute("ROLLBACK")
                    raise
                self._written.set()
            except (sqlite3.Error, OSError) as exc:
                logger.error("state directory write failed: %s", exc)
                raise StateNotSaved(exc) from exc

    def attach(self, session: Session, *, saved: bool = False) -> None:
        """Make the session's changes durable from now on (``saved``: its rows are in the database,
        as ``load`` found them)."""
        world = session.world
        labels = {appointment_id: label for label, appointment_id in world.labels.items()}
        drawn = self._drawn_at_load.pop(session.name, 0) if saved else 0
        tracked = _Tracked(session, labels, saved, drawn)
        self._tracked[session.name] = tracked
        world.persist = lambda touched, audit: self._commit(tracked, touched, audit)

    def detach(self, session: Session) -> None:
        """Stop writing the session (it was replaced, deleted or evicted)."""
        session.world.persist = None
        tracked = self._tracked.get(session.name)
        if tracked is not None and tracked.session is session:
            del self._tracked[session.name]

    def _commit(self, tracked: _Tracked, touched: set[str], audit: list[AuditEvent]) -> None:
        """``World.persist``: a transaction's changes (and an idempotent POST's response)."""
        session = tracked.session
        world = session.world
        name = session.name
        if self._tracked.get(name) is not tracked:
            return  # replaced meanwhile (reset, delete, import): its rows are not this world's
        request = current_request_state()
        idempotency: tuple[str, str, StoredResponse] | None = None
        if (
            request is not None
            and request.session is session
            and request.idempotency is not None
            and request.response is not None
        ):
            response = request.response
            stored = StoredResponse(
                response.status_code, tuple(response.raw_headers), bytes(response.body)
            )
            idempotency = (*request.idempotency, stored)
        if not tracked.saved:
            rows = self._session_rows(session, tracked)
            if idempotency is not None:
                rows.append(_idempotency_row(name, *idempotency))
            self._write(rows, [], forget=name)
            tracked.saved = True
            tracked.drawn_offset = -world.ids_drawn
        else:
            offset = tracked.drawn_offset
            rows = []
            if offset + world.ids_drawn > STATE_IDS_REPLAYED:  # start the count afresh from here
                offset = -world.ids_drawn
                rows.append(_ids_row(name, world))
            rows.append(self._state_row(name, world, offset))
            deletes: list[tuple[str, str, str]] = []
            for appointment_id in touched:
                appt = world.appointments.get(appointment_id)
                if appt is not None:
                    rows.append(self._appointment_row(name, world, appointment_id, tracked))
                else:
                    deletes.append((name, "appointment", appointment_id))
                    owner = world.purged_practitioner.get(appointment_id)
                    if owner is not None:
                        rows.append((name, "purged", appointment_id, _dumps(owner)))
            rows.extend(
                (name, "audit", event.id, _dumps(audit_event_to_json(event))) for event in audit
            )
            prune = ""
            if idempotency is not None:
                rows.append(_idempotency_row(name, *idempotency))
                prune = name if tracked.keys_written >= STATE_PRUNE_KEYS_EVERY else ""
            self._write(rows, deletes, prune=prune)
            tracked.drawn_offset = offset
            if idempotency is not None:
                tracked.keys_written = 0 if prune else tracked.keys_written + 1
        if idempotency is not None:
            assert request is not None
            request.idempotency_saved = True

    def _appointment_row(
        self, name: str, world: World, appointment_id: str, tracked: _Tracked
    ) -> Row:
        appt = world.appointments[appointment_id]
        item = appointment_to_json(world, appt, tracked.labels.get(appointment_id))
        sent = world.notifications.get(appointment_id)
        if sent:
            item["notifications"] = [notification_to_json(n) for n in sent]
        return (name, "appointment", appointment_id, _dumps(item))

    def _state_row(self, name: str, world: World, drawn_offset: int) -> Row:
        state = {
            "clock": world.clock.state(),
            "ids_drawn": drawn_offset + world.ids_drawn,
            "calendar_revocations": [
                {"owner_type": kind, "owner_id": owner, "count": count}
                for (kind, owner), count in world.calendar_revocations.items()
            ],
        }
        return (name, "state", "", _dumps(state))

    def _session_rows(self, session: Session, tracked: _Tracked) -> list[Row]:
        """Every row of a session (it is written whole)."""
        world, name = session.world, session.name
        document = export_session(world, session.idempotency)
        meta = {member: document[member] for member in _REFERENCE}
        meta.update(
            seed=world.seed,
            retention_days=world.retention.days,
            labels=world.labels,
            created_at=format_instant(session.created_at),
        )
        rows: list[Row] = [
            (name, "session", "", _dumps(meta)),
            _ids_row(name, world),
            self._state_row(name, world, -world.ids_drawn),
        ]
        rows.extend(
            self._appointment_row(name, world, appointment_id, tracked)
            for appointment_id in world.appointments
        )
        rows.extend(
            (name, "audit", event["id"], _dumps(event)) for event in document["audit_events"]
        )
        rows.extend(
            (name, "purged", appointment_id, _dumps(owner))
            for appointment_id, owner in world.purged_practitioner.items()
        )
        rows.extend(
            (name, "idempotency", item["scope"], _dumps(item))
            for item in document["idempotency_keys"]
        )
        return rows

    def save_session(self, session: Session) -> None:
        """Write a session whole, replacing what the database had under its name (snapshot import)."""
        tracked = _Tracked(session, {}, False)
        tracked.labels = {a: label for label, a in session.world.labels.items()}
        self._write(self._session_rows(session, tracked), [], forget=session.name)

    def save_idempotency(
        self, session: Session, key: str, fingerprint: str, response: StoredResponse
    ) -> None:
        """Keep an idempotent POST's response that no transaction wrote (it changed nothing)."""
        tracked = self._tracked.get(session.name)
        if tracked is None or tracked.session is not session or not tracked.saved:
            return  # an unsaved session starts afresh after a restart, keys and all
        prune = session.name if tracked.keys_written >= STATE_PRUNE_KEYS_EVERY else ""
        self._write([_idempotency_row(session.name, key, fingerprint, response)], [], prune=prune)
        tracked.keys_written = 0 if prune else tracked.keys_written + 1

    def save_state(self, session: Session) -> None:
        """Write the session's clock and counters (the control API moved its clock)."""
        tracked = self._tracked.get(session.name)
        if tracked is None or tracked.session is not session:
            return
        with session.world.lock:
            if tracked.saved:
                self._write(
                    [self._state_row(session.name, session.world, tracked.drawn_offset)], []
                )
            else:
                self._write(self._session_rows(session, tracked), [], forget=session.name)
                tracked.saved = True
                tracked.drawn_offset = -session.world.ids_drawn

    def forget(self, name: str) -> None:
        """Delete every row of a session (reset, delete, eviction)."""
        self._write([], [], forget=name)

    # reading --------------------------------------------------------------------------------

    def load(self) -> list[tuple[str, World, IdempotencyStore, datetime]]:
        """Every session in the database, rebuilt: (name, world, idempotency keys, created at).

        A session whose rows cannot be rebuilt is left out, and logged.
        """
        loaded = []
        if self.freeze:
            gc.collect()  # the garbage of the start, before the records are made
        collecting = gc.isenabled()
        gc.disable()  # millions of new objects, none of them garbage: no cyclic collections
        try:
            for name, rows in self._grouped().items():
                try:
                    name, world, idempotency, created_at, drawn = _rebuild(name, rows)
                except (ValueError, KeyError, TypeError) as exc:
                    logger.error("session %r in %s not restored: %s", name, self.path, exc)
                    continue
                loaded.append((name, world, idempotency, created_at))
                self._drawn_at_load[name] = drawn
        finally:
            if self.freeze:
                gc.freeze()
            if collecting:
                gc.enable()
        return loaded

    def _grouped(self) -> dict[str, list[tuple[str, str, bytes]]]:
        """Every row, by session, in the order each was first written."""
        grouped: dict[str, list[tuple[str, str, bytes]]] = {}
        with self._lock:
            # By rowid alone: the table's own order, no sort of the whole database.
            cursor = self._db.execute("SELECT session, kind, id, data FROM records ORDER BY rowid")
            for name, kind, record_id, data in cursor:
                rows = grouped.get(name)
                if rows is None:
                    rows = grouped[name] = []
                rows.append((kind, record_id, data))
        return grouped


class DirectoryInUse(OSError):
    """Another server holds the state directory."""


def _lock_directory(directory: Path) -> IO[bytes]:
    """Hold ``DIR/lock`` for as long as the store lives (the OS lets go if the process dies)."""
    guard = open(directory / "lock", "ab")  # noqa: SIM115 -- held until close()
    try:
        import fcntl
    except ImportError:  # not POSIX: no guard
        return guard
    try:
        fcntl.flock(guard.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        guard.close()
        raise DirectoryInUse(f"another server uses {directory}") from None
    return guard


def _ids_row(name: str, world: World) -> Row:
    """The generator state the ``state`` row's ``ids_drawn`` counts from."""
    return (name, "ids", "", _dumps(world.id_sequence()))


def _resumed_ids(base: list[Any], drawn: int) -> list[Any]:
    """The id sequence ``drawn`` ids after ``base`` (``World.id_sequence``'s form)."""
    world = World()
    world.resume_id_sequence(base)
    for _ in range(drawn):
        world.new_id()
    return world.id_sequence()


def _idempotency_row(name: str, key: str, fingerprint: str, response: StoredResponse) -> Row:
    item = {"scope": key, "fingerprint": fingerprint, **_response_json(response)}
    return (name, "idempotency", key, _dumps(item))


def _rebuild(
    name: str, rows: list[tuple[str, str, bytes]]
) -> tuple[str, World, IdempotencyStore, datetime, int]:
    """A session's world from its rows (a snapshot document built in memory, not re-checked)."""
    meta: Mapping[str, Any] = {}
    state: Mapping[str, Any] = {}
    ids: list[Any] = []
    appointments: list[dict[str, Any]] = []
    audit: list[Any] = []
    notifications: list[Any] = []
    purged: list[dict[str, str]] = []
    keys: list[Any] = []
    for kind, record_id, data in rows:
        value = orjson.loads(data)
        if kind == "appointment":
            notifications.extend(value.pop("notifications", ()))
            appointments.append(value)
        elif kind == "audit":
            audit.append(value)
        elif kind == "idempotency":
            keys.append(value)
        elif kind == "purged":
            purged.append({"appointment_id": record_id, "practitioner_id": value})
        elif kind == "session":
            meta = value
        elif kind == "state":
            state = value
        elif kind == "ids":
            ids = value
    if not meta or not state or not ids:
        raise ValueError(f"session {name!r} is incomplete in the state directory")
    labels = {appointment_id: label for label, appointment_id in meta["labels"].items()}
    for item in appointments:
        label = labels.get(item["id"])
        if label is not None:
            item["label"] = label
    document = {
        "version": FORMAT_VERSION,
        **{member: meta[member] for member in _REFERENCE},
        "appointments": appointments,
        "clock": state["clock"],
        "audit_events": audit,
        "notifications": notifications,
        "idempotency_keys": keys,
        "counters": {
            "seed": meta["seed"],
            "id_sequence": _resumed_ids(ids, state["ids_drawn"]),
            "calendar_revocations": state["calendar_revocations"],
            "purged": purged,
        },
    }
    world, idempotency = build_snapshot(document, meta["retention_days"])
    created_at = parse_instant(meta["created_at"])
    return name, world, idempotency, created_at, state["ids_drawn"]


@contextmanager
def clock_change(store: StateStore | None, session: Session) -> Iterator[None]:
    """Move a session's clock durably: if the new state cannot be written, the clock goes back."""
    if store is None:
        yield
        return
    world = session.world
    with world.lock:
        before = world.clock.state()
        yield
        try:
            store.save_state(session)
        except StateNotSaved:
            _set_clock(world, before)
            raise


def _set_clock(world: World, state: Mapping[str, Any]) -> None:
    clock = world.clock
    moved = float(state["offset_seconds"])
    if state["mode"] == "frozen":
        now = parse_instant(state["now"])
        clock.freeze(now - timedelta(seconds=moved))
    else:
        clock.resume()
    if moved:
        clock.advance(moved)
