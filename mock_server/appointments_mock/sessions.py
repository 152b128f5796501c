"""Isolated mock sessions, selected per request with ``X-Mock-Session: <name>``.

Each session has its own world (seed data and clock), journal, fault plan, idempotency store and
the nonces of its signed requests, and is created from the seed on first use. Requests without the
header use the ``default`` session. This is how parallel test workers share one server without
seeing each other.

The registry is thread-safe and bounded: beyond ``max_sessions`` the least recently used session
(never ``default``) is evicted. An evicted session is never silently recreated from the seed:
requests naming it get a ``session-evicted`` problem until ``POST /_mock/reset`` (or
``DELETE /_mock/session``) starts it afresh. Only a request that passed authentication creates a
session; keys are checked against a prototype world (built once from the same factory) until then.

With a state directory (``serve --state-dir``, ``durable.py``) the registry starts with the sessions
it holds, and a reset, delete, eviction or snapshot import is written there before it takes effect.
"""

from __future__ import annotations

import builtins
import contextlib
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from appointments_mock.errors import ProblemError
from appointments_mock.faults import FaultPlan
from appointments_mock.idempotency import IdempotencyStore
from appointments_mock.journal import Journal
from appointments_mock.limits import (
    DEFAULT_MAX_SESSIONS,
    MAX_EVICTED_REMEMBERED,
    SIGNATURE_MAX_NONCES,
)
from appointments_mock.outbox import WebhookPolicy
from appointments_mock.signatures import NonceStore
from appointments_mock.webhooks import WebhookSender

if TYPE_CHECKING:
    from appointments_mock.durable import StateStore
    from appointments_mock.store import World

SESSION_HEADER = "X-Mock-Session"
DEFAULT_SESSION = "default"
__all__ = ["DEFAULT_MAX_SESSIONS", "Session", "SessionEvicted", "SessionRegistry"]

SESSION_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}$")

WorldFactory = Callable[..., "World"]


def _default_world_factory(*, seed: int, retention_days: int) -> World:
    from appointments_mock.seed import new_world

    return new_world(seed=seed, retention_days=retention_days)


@dataclass
class Session:
    """One isolated mock: a world plus the HTTP-side state that belongs to it."""

    name: str
    world: World
    journal: Journal = field(default_factory=Journal)
    faults: FaultPlan = field(default_factory=FaultPlan)
    delivery_faults: FaultPlan = field(default_factory=FaultPlan)  # ``target: webhooks``
    idempotency: IdempotencyStore = field(default_factory=IdempotencyStore)
    nonces: NonceStore = field(default_factory=lambda: NonceStore(SIGNATURE_MAX_NONCES))
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def summary(self) -> dict[str, Any]:
        """The control API's ``Session`` shape."""
        return {
            "name": self.name,
            "created_at": self.created_at.isoformat().replace("+00:00", "Z"),
            "journal_size": len(self.journal),
            "pending_faults": self.faults.pending() + self.delivery_faults.pending(),
            "idempotency_keys": len(self.idempotency),
            "clock": self.world.clock.state(),
        }


class SessionEvicted(Exception):
    """The session was evicted to keep the server within ``max_sessions``."""

    def __init__(self, name: str, evicted_at: datetime, max_sessions: int) -> None:
        super().__init__(name)
        self.name = name
        self.evicted_at = evicted_at
        self.max_sessions = max_sessions


class SessionRegistry:
    """All sessions of one server, by name."""

    def __init__(
        self,
        *,
        seed: int = 0,
        retention_days: int = 30,
        world_factory: WorldFactory | None = None,
        max_sessions: int = DEFAULT_MAX_SESSIONS,
        webhook_policy: WebhookPolicy | None = None,
        state_store: StateStore | None = None,
    ) -> None:
        self.seed = seed
        self.retention_days = retention_days
        self.max_sessions = max(1, max_sessions)
        self._world_factory = world_factory or _default_world_factory
        self._sessions: OrderedDict[str, Session] = OrderedDict()
        self._evicted: OrderedDict[str, datetime] = OrderedDict()
        self.evictions = 0
        self._prototype: World | None = None
        self._lock = threading.Lock()
        self.webhooks = WebhookSender(
            webhook_policy or WebhookPolicy(), is_live=lambda s: self.find(s.name) is s
        )
        """Sends every session's webhooks (``webhooks.py``)."""
        self.state_store = state_store
        """Where the sessions are made durable (``serve --state-dir``), or None (in memory)."""

    def load(self) -> int:
        """Bring back every session the state directory holds (at start); how many there were."""
        store = self.state_store
        if store is None:
            return 0
        count = 0
        for name, world, idempotency, created_at in store.load():
            session = Session(
                name=name, world=world, idempotency=idempotency, created_at=created_at
            )
            self.webhooks.attach(session)
            store.attach(session, saved=True)
            with self._lock:
                self._sessions[name] = session
                self._evict()
            count += 1
        return count

    def _replace(self, name: str, fresh: Session | None) -> None:
        """Under the lock: ``fresh`` (or nothing) in place of the session called ``name``."""
        old = self._sessions.pop(name, None)
        if old is not None and self.state_store is not None:
            self.state_store.detach(old)
        if fresh is not None:
            self._sessions[name] = fresh

    def _new(self, name: str) -> Session:
        world = self._world_factory(seed=self.seed, retention_days=self.retention_days)
        session = Session(name=name, world=world)
        self.webhooks.attach(session)
        return session

    def find(self, name: str = DEFAULT_SESSION) -> Session | None:
        """The live session called ``name``, or None (never creates one)."""
        with self._lock:
            return self._sessions.get(name)

    def keys_world(self, name: str = DEFAULT_SESSION) -> World:
        """The world whose API keys authenticate a request naming ``name``.

        The session's own if it exists; else a prototype that a new session's world would equal
        in its keys, so that a request failing authentication creates nothing.
        """
        session = self.find(name)
        if session is not None:
            return session.world
        if self._prototype is None:
            self._prototype = self._world_factory(
                seed=self.seed, retention_days=self.retention_days
            )
        return self._prototype

    def get(self, name: str = DEFAULT_SESSION) -> Session:
        """The session called ``name``, created from the seed on first use.

        Raises :class:`SessionEvicted` for a session evicted since it was last reset.
        """
        with self._lock:
            session = self._sessions.get(name)
            if session is not None:
                self._sessions.move_to_end(name)
                return session
            self._raise_if_evicted(name)
        # Build the world outside the lock so that one new session does not stall all others.
        fresh = self._new(name)
        with self._lock:
            self._raise_if_evicted(name)
            session = self._sessions.setdefault(name, fresh)
            if session is fresh and self.state_store is not None:
                self.state_store.attach(fresh)
            self._sessions.move_to_end(name)
            self._evict()
        return session

    def reset(self, name: str = DEFAULT_SESSION) -> Session:
        """Replace the session with a fresh one: seed data, clock, journal, faults, idempotency keys.

        With a state directory the session's rows go first (a reset session is written again
        when it next changes); if they cannot, ``StateNotSaved`` and nothing changes.
        """
        fresh = self._new(name)
        with self._lock:
            if self.state_store is not None:
                self.state_store.forget(name)
                self.state_store.attach(fresh)
            self._evicted.pop(name, None)
            self._replace(name, fresh)
            self._evict()
        return fresh

    def restore(self, name: str, world: World, idempotency: IdempotencyStore) -> Session:
        """Replace the session with one in a snapshot's state (a fresh journal and faults)."""
        fresh = Session(name=name, world=world, idempotency=idempotency)
        self.webhooks.attach(fresh)
        with self._lock:
            if self.state_store is not None:
                self.state_store.save_session(fresh)  # StateNotSaved: nothing changes
                self.state_store.attach(fresh, saved=True)
            self._evicted.pop(name, None)
            self._replace(name, fresh)
            self._evict()
        return fresh

    def delete(self, name: str) -> bool:
        """Forget the session; the next request naming it starts afresh. False if it did not exist."""
        with self._lock:
            if self.state_store is not None:
                self.state_store.forget(name)  # StateNotSaved: nothing changes
            evicted = self._evicted.pop(name, None) is not None
            existed = name in self._sessions
            self._replace(name, None)
            return existed or evicted

    def list(self) -> list[Session]:
        """Every live session, least recently used first."""
        with self._lock:
            return list(self._sessions.values())

    def evicted(self) -> builtins.list[tuple[str, datetime]]:
        """The evicted sessions still answered for, oldest eviction first."""
        with self._lock:
            return list(self._evicted.items())

    def __len__(self) -> int:
        return len(self._sessions)

    def _raise_if_evicted(self, name: str) -> None:
        evicted_at = self._evicted.get(name)
        if evicted_at is not None:
            raise SessionEvicted(name, evicted_at, self.max_sessions)

    def _evict(self) -> None:
        while len(self._sessions) > self.max_sessions:
            victim = next((n for n in self._sessions if n != DEFAULT_SESSION), None)
            if victim is None:
                return
            if self.state_store is not None:
                # A failure is logged; the rows stay and come back after a restart.
                with contextlib.suppress(ProblemError):
                    self.state_store.forget(victim)
            self._replace(victim, None)
            self.evictions += 1
            self._evicted[victim] = datetime.now(UTC)
            while len(self._evicted) > MAX_EVICTED_REMEMBERED:
                self._evicted.popitem(last=False)
