"""The webhook side of one session's world: endpoints, the deliveries queued for them, attempts.

Records only, like ``store.py``: the rules that create and change them live in
``domain/webhooks.py``, the sending in ``webhooks.py``. Every change made inside a transaction of
the world logs how to undo it (``World.atomic``), so a request that fails leaves no endpoint and
no delivery behind. Deliveries wait in one queue per endpoint, in the order their events
occurred; only the head of a queue is ever due, so one endpoint receives its events in order.

A request only adds its events (``add_event``: the body, and which endpoints get it); their
deliveries, one per endpoint, are made later (``settle``), by the sender while the API is idle, or
by whatever reads the queues, deliveries or history first (those attributes settle every event
waiting before they answer). So ten endpoints cost a request little more than one does.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from functools import partial
from typing import Any, Literal

from appointments_mock.ids import uuid4_text
from appointments_mock.limits import (
    WEBHOOK_ATTEMPTS_KEPT,
    WEBHOOK_DELIVERIES_KEPT,
    WEBHOOK_EVENTS_WAITING,
    WEBHOOK_PENDING_PER_ENDPOINT,
)

logger = logging.getLogger("appointments_mock")

DeliveryStatus = Literal["pending", "succeeded", "failed"]
Log = Callable[[Callable[[], None]], None]

DEFAULT_RETRY_DELAYS: tuple[float, ...] = (5, 30, 180, 1080, 6480, 36000, 36000)
"""Seconds on the session clock before retry 1, 2, ...: 5 s x 6^(n-1), at most 10 h; with the
first attempt that makes 8 attempts over about 22 hours."""


@dataclass
class WebhookPolicy:
    """How a server delivers webhooks (``create_app(webhook_policy=...)``, ``serve --webhook-*``)."""

    allowed_hosts: frozenset[str] = frozenset()
    """Hosts besides loopback that endpoint URLs may name (``serve --webhook-allow-host``)."""
    timeout: float = 5.0
    """Wall-clock seconds an attempt may take before it counts as a timeout."""
    retry_delays: tuple[float, ...] = DEFAULT_RETRY_DELAYS
    disable_after: timedelta = timedelta(hours=24)
    """An endpoint whose attempts all failed for this long (session clock) is disabled."""
    in_process_hosts: set[str] = field(default_factory=set)
    """Hosts served without a socket (the pytest plugin's receivers), set by ``webhooks.py``."""

    def max_attempts(self) -> int:
        """Attempts per delivery (and per redelivery): the first, then one per retry delay."""
        return len(self.retry_delays) + 1


@dataclass(frozen=True, slots=True)
class Attempt:
    """One attempt to deliver an event."""

    number: int
    attempted_at: datetime
    response_status: int | None
    error: str | None
    duration_ms: float


@dataclass(slots=True)
class WebhookEndpoint:
    """A URL that receives the session's events (mutate only inside ``Outbox.changing``)."""

    id: str
    url: str
    description: str | None
    events: tuple[str, ...] | None  # None: every type
    enabled: bool
    secret: str
    created_at: datetime
    updated_at: datetime
    disabled_reason: Literal["manual", "failing"] | None = None
    failing_since: datetime | None = None
    previous_secret: str | None = None
    previous_secret_expires_at: datetime | None = None
    secret_rotated_at: datetime | None = None
    version: int = 1

    def wants(self, event_type: str) -> bool:
        """Whether an event of this type is sent to this endpoint now."""
        return self.enabled and (self.events is None or event_type in self.events)

    def secrets(self, now: datetime) -> tuple[str, ...]:
        """The secrets a delivery is signed with at ``now``: the current one first."""
        if self.previous_secret is not None and (
            self.previous_secret_expires_at is None or now < self.previous_secret_expires_at
        ):
            return (self.secret, self.previous_secret)
        return (self.secret,)


@dataclass(slots=True)
class Delivery:
    """One event on its way to one endpoint."""

    id: str
    endpoint_id: str
    event_id: str
    event_type: str
    body: bytes
    created_at: datetime
    next_attempt_at: datetime | None
    status: DeliveryStatus = "pending"
    attempt_count: int = 0
    budget_from: int = 0  # attempt_count when its current budget of attempts began (redeliver)
    attempts: list[Attempt] = field(default_factory=list)
    in_flight: bool = False  # an attempt is on its way (the sender's state, never undone)


@dataclass(frozen=True, slots=True)
class PendingEvent:
    """An event whose deliveries are not made yet: its body and the endpoints it goes to."""

    event_id: str
    event_type: str
    body: bytes
    created_at: datetime
    endpoint_ids: tuple[str, ...]


def delivery_id(event_id: str, endpoint_id: str) -> str:
    """The id of one event's delivery to one endpoint: a UUIDv4 made of the two ids' bits.

    Derived, not drawn from the session's random sequence: as deterministic (both ids are),
    unique as random ids are (one delivery per event and endpoint; two pairs meet only if their
    bits do, as two random ids would), the same whenever the delivery is made, and nothing to
    save or give back when a transaction is undone.
    """
    return uuid4_text(int(event_id.replace("-", ""), 16) ^ int(endpoint_id.replace("-", ""), 16))


@dataclass(frozen=True, slots=True)
class DueAttempt:
    """What the sender needs for one attempt, read under the world's lock."""

    delivery_id: str
    endpoint_id: str
    url: str
    secrets: tuple[str, ...]
    event_id: str
    event_type: str
    body: bytes
    number: int


_ENDPOINT_FIELDS = tuple(f.name for f in fields(WebhookEndpoint))
_DELIVERY_FIELDS = tuple(f.name for f in fields(Delivery) if f.name != "in_flight")


def _drop_last(queue: deque[str]) -> None:
    queue.pop()


def _restore(record: Any, names: tuple[str, ...], values: tuple[Any, ...]) -> None:
    for name, value in zip(names, values, strict=True):
        setattr(record, name, value)


class Outbox:
    """The endpoints and deliveries of one world (the world's lock guards it)."""

    def __init__(self, log: Log) -> None:
        self._log = log
        self.policy = WebhookPolicy()
        self.endpoints: dict[str, WebhookEndpoint] = {}
        self._deliveries: dict[str, Delivery] = {}
        self._queues: dict[str, deque[str]] = {}  # endpoint id -> pending delivery ids, in order
        self._history: dict[str, deque[str]] = {}  # endpoint id -> its delivery ids, oldest first
        self._events: deque[PendingEvent] = deque()  # added, their deliveries not made yet
        self.notify: Callable[[], None] | None = None
        """Called after a transaction that queued work commits (set by ``webhooks.py``)."""
        self.notify_later = False  # set inside a transaction that queued work

    # what readers see: every event's deliveries made -------------------------------------------

    @property
    def deliveries(self) -> dict[str, Delivery]:
        """Every delivery kept, by id (the events waiting are settled first)."""
        self.settle()
        return self._deliveries

    @property
    def queues(self) -> dict[str, deque[str]]:
        """Endpoint id -> its pending delivery ids, in order (the events waiting settled first)."""
        self.settle()
        return self._queues

    @property
    def history(self) -> dict[str, deque[str]]:
        """Endpoint id -> its delivery ids kept, oldest first (the events waiting settled first)."""
        self.settle()
        return self._history

    def made(self, delivery_id: str) -> Delivery | None:
        """A delivery already made (one in flight is), without making those of the events
        waiting (the sender records its attempts with it while the API may be busy)."""
        return self._deliveries.get(delivery_id)

    # endpoints --------------------------------------------------------------------------------

    def add_endpoint(self, endpoint: WebhookEndpoint) -> None:
        """Store a new endpoint."""
        self.endpoints[endpoint.id] = endpoint
        self._queues[endpoint.id] = deque()
        self._history[endpoint.id] = deque()
        self._log(partial(self._forget_endpoint, endpoint.id))

    def _forget_endpoint(self, endpoint_id: str) -> None:
        del self.endpoints[endpoint_id]
        del self._queues[endpoint_id]
        del self._history[endpoint_id]

    @contextmanager
    def changing(self, endpoint: WebhookEndpoint) -> Iterator[WebhookEndpoint]:
        """Mutate an endpoint inside this block (its fields come back if the transaction fails)."""
        self._log(partial(_restore, endpoint, _ENDPOINT_FIELDS, self._fields(endpoint)))
        yield endpoint

    @staticmethod
    def _fields(record: Any, names: tuple[str, ...] = _ENDPOINT_FIELDS) -> tuple[Any, ...]:
        return tuple(getattr(record, name) for name in names)

    def remove_endpoint(self, endpoint: WebhookEndpoint) -> None:
        """Erase an endpoint with its deliveries."""
        self.settle()
        queue, history = self._queues.pop(endpoint.id), self._history.pop(endpoint.id)
        del self.endpoints[endpoint.id]
        gone = {d: self._deliveries.pop(d) for d in history if d in self._deliveries}
        self._log(partial(self._unremove, endpoint, queue, history, gone))

    def _unremove(
        self,
        endpoint: WebhookEndpoint,
        queue: deque[str],
        history: deque[str],
        gone: dict[str, Delivery],
    ) -> None:
        self.endpoints[endpoint.id] = endpoint
        self._queues[endpoint.id] = queue
        self._history[endpoint.id] = history
        self._deliveries.update(gone)

    # events and deliveries ----------------------------------------------------------------------

    def add_event(self, event: PendingEvent) -> tuple[bool, bool]:
        """Add an event whose deliveries are made later (``settle``), with one undo entry.

        Returns whether it was taken (with ``WEBHOOK_EVENTS_WAITING`` events waiting, it is
        refused, as a full queue refuses a delivery) and whether it is the only one waiting now
        (the sender has something new to look at).
        """
        if len(self._events) >= WEBHOOK_EVENTS_WAITING:
            return False, False
        self._events.append(event)
        self._log(partial(self._unadd_event, event))
        return True, len(self._events) == 1

    def _unadd_event(self, event: PendingEvent) -> None:
        if self._events and self._events[-1] is event:
            self._events.pop()

    def events_waiting(self) -> int:
        """Events added whose deliveries are not made yet."""
        return len(self._events)

    def settle(self, limit: int | None = None) -> bool:
        """Make the deliveries of the events waiting, oldest first: all, or events until at least
        ``limit`` deliveries are made (at least one event).

        Only committed events wait here (a transaction adds its own at its very end, and nothing
        reads the outbox after that), so making their deliveries is never undone. Returns whether
        a queue gained a new head.
        """
        new_head = False
        made = 0
        while self._events and (limit is None or made < limit):
            event = self._events.popleft()
            made += len(event.endpoint_ids)
            deliveries = [
                Delivery(
                    id=delivery_id(event.event_id, endpoint_id),
                    endpoint_id=endpoint_id,
                    event_id=event.event_id,
                    event_type=event.event_type,
                    body=event.body,
                    created_at=event.created_at,
                    next_attempt_at=event.created_at,
                )
                for endpoint_id in event.endpoint_ids
                if endpoint_id in self._queues  # an endpoint deleted since gets nothing
            ]
            head = self._add_deliveries(deliveries)
            new_head = new_head or head
        return new_head

    def _add_deliveries(self, deliveries: list[Delivery]) -> bool:
        """Queue one event's deliveries (one per endpoint; a full queue refuses its delivery).

        Returns whether one of them is the head of its queue now.
        """
        full: list[str] = []
        new_head = False
        for delivery in deliveries:
            queue = self._queues[delivery.endpoint_id]
            if len(queue) >= WEBHOOK_PENDING_PER_ENDPOINT:
                full.append(delivery.endpoint_id)
                continue
            new_head = new_head or not queue
            self._deliveries[delivery.id] = delivery
            queue.append(delivery.id)
            history = self._history[delivery.endpoint_id]
            history.append(delivery.id)
            while len(history) > WEBHOOK_DELIVERIES_KEPT:
                oldest = self._deliveries.get(history[0])
                if oldest is not None and oldest.status == "pending":
                    break  # pending deliveries are bounded by their queue
                history.popleft()
                if oldest is not None:
                    del self._deliveries[oldest.id]
        if full:
            logger.warning("webhook queue of endpoints %s is full: a delivery dropped", full)
        return new_head

    @contextmanager
    def changing_delivery(self, delivery: Delivery) -> Iterator[Delivery]:
        """Mutate a delivery inside this block (its fields come back if the transaction fails)."""
        saved = self._fields(delivery, _DELIVERY_FIELDS)
        attempts = list(delivery.attempts)
        self._log(partial(self._restore_delivery, delivery, saved, attempts))
        yield delivery

    @staticmethod
    def _restore_delivery(delivery: Delivery, saved: tuple[Any, ...], attempts: list[Any]) -> None:
        _restore(delivery, _DELIVERY_FIELDS, saved)
        delivery.attempts = attempts

    def requeue(self, delivery: Delivery) -> None:
        """Put a finished delivery at the end of its endpoint's queue again."""
        queue = self._queues[delivery.endpoint_id]
        queue.append(delivery.id)
        self._log(partial(_drop_last, queue))

    def finish_head(self, delivery: Delivery) -> None:
        """Take a delivery that succeeded or failed for good off the front of its queue."""
        queue = self._queues.get(delivery.endpoint_id)
        if queue and queue[0] == delivery.id:
            queue.popleft()
            self._log(partial(queue.appendleft, delivery.id))

    # the sender's view ------------------------------------------------------------------------

    def due(self, now: datetime, *, settle: bool = True) -> list[DueAttempt]:
        """The head delivery of every enabled endpoint whose attempt is due, marked in flight.

        ``settle``: make the deliveries of every event waiting first (the sender, which makes
        them at its own pace, says False).
        """
        if settle:
            self.settle()
        found = []
        for endpoint_id, queue in self._queues.items():
            endpoint = self.endpoints[endpoint_id]
            if not queue or not endpoint.enabled:
                continue
            delivery = self._deliveries[queue[0]]
            if delivery.in_flight or delivery.next_attempt_at is None:
                continue
            if delivery.next_attempt_at <= now:
                delivery.in_flight = True
                found.append(
                    DueAttempt(
                        delivery.id,
                        endpoint_id,
                        endpoint.url,
                        endpoint.secrets(now),
                        delivery.event_id,
                        delivery.event_type,
                        delivery.body,
                        delivery.attempt_count + 1,
                    )
                )
        return found

    def release(self, delivery_id: str) -> None:
        """An attempt that will never report (its sender ended mid-way): the delivery is no
        longer in flight, and due again as it was (the same ``webhook-id`` goes again)."""
        delivery = self._deliveries.get(delivery_id)
        if delivery is not None:
            delivery.in_flight = False

    def next_due(self) -> datetime | None:
        """The earliest instant a head delivery not yet in flight is due, if any."""
        earliest: datetime | None = None
        for endpoint_id, queue in self._queues.items():
            if not queue or not self.endpoints[endpoint_id].enabled:
                continue
            delivery = self._deliveries[queue[0]]
            when = delivery.next_attempt_at
            if delivery.in_flight or when is None:
                continue
            earliest = when if earliest is None or when < earliest else earliest
        return earliest

    def busy(self) -> bool:
        """Whether any delivery is pending (or any event waits for its deliveries)."""
        return bool(self._events) or any(self._queues.values())

    def keep_attempt(self, delivery: Delivery, attempt: Attempt) -> None:
        """Append an attempt to a delivery (inside ``changing_delivery``), keeping the last ones."""
        delivery.attempts.append(attempt)
        del delivery.attempts[:-WEBHOOK_ATTEMPTS_KEPT]
