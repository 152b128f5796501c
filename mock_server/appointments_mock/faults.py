"""The per-session fault plan: misbehave on purpose for the next N matching requests.

A fault matches one operationId (or ``*``, any operation of the public API) and is used up after
``times`` matching requests; the first matching fault in the order they were added applies, one per
request. Kinds:

* ``status`` — answer ``status`` (e.g. 429 with ``Retry-After: retry_after``, 500, 503) as
  problem+json without running the operation;
* ``delay`` — wait ``delay_ms`` before handling the request normally;
* ``drop`` — close the connection without any response, before the operation runs or, with
  ``after_handler``, after it ran (the change happened, the caller never hears of it);
* ``corrupt`` — **test-only**: run the operation, then break the response's contract (an undocumented
  ``status`` value and an unknown member), bypassing the mock's own response validation, to prove
  that an independent validator (e.g. Prism's validating proxy) catches it.

``delay_ms`` may be combined with every kind (the delay comes first).

A fault with ``target: webhooks`` acts on the session's next webhook deliveries instead
(``operation_id``: an event type or ``*``): ``status`` makes the attempt fail as if the receiver
had answered ``status``, ``drop`` as if the connection had failed (nothing is sent either way),
``delay`` sends it late, ``corrupt`` sends it with a signature no secret matches.

A plan holds at most ``MAX_PENDING_FAULTS`` faults that still apply; a used-up fault leaves the
queue at once (so a long session pays nothing for faults it used) and only the last
``USED_FAULTS_KEPT`` of them are still listed.
"""

from __future__ import annotations

import itertools
import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import orjson

from appointments_mock.limits import MAX_PENDING_FAULTS, USED_FAULTS_KEPT

FaultKind = Literal["status", "delay", "drop", "corrupt"]
FaultTarget = Literal["api", "webhooks"]
ANY_OPERATION = "*"
CORRUPT_STATUS = "corrupted-by-mock"
CORRUPT_MEMBER = "x_mock_corrupted"


@dataclass(slots=True)
class Fault:
    """One queued fault and how much of it is left."""

    id: str
    kind: FaultKind
    operation_id: str = ANY_OPERATION
    times: int = 1
    status: int | None = None
    retry_after: int | None = None
    delay_ms: int = 0
    after_handler: bool = False
    remaining: int = 1
    applied: int = 0
    seq: int = 0  # order of queuing, across the server
    target: FaultTarget = "api"

    def matches(self, operation_id: str) -> bool:
        """Whether this fault applies to ``operation_id`` and is not used up."""
        return self.remaining > 0 and self.operation_id in (ANY_OPERATION, operation_id)

    def label(self) -> str:
        """A short description for the journal, e.g. ``status:503`` or ``delay:200ms``."""
        if self.kind == "status":
            return f"status:{self.status}"
        if self.kind == "delay":
            return f"delay:{self.delay_ms}ms"
        if self.kind == "drop":
            return "drop:after_handler" if self.after_handler else "drop"
        return "corrupt"

    def to_json(self) -> dict[str, Any]:
        """The control API's ``Fault`` shape."""
        return {
            "id": self.id,
            "kind": self.kind,
            "operation_id": self.operation_id,
            "times": self.times,
            "remaining": self.remaining,
            "applied": self.applied,
            "status": self.status,
            "retry_after": self.retry_after,
            "delay_ms": self.delay_ms,
            "after_handler": self.after_handler,
            "target": self.target,
        }


class FaultError(ValueError):
    """A fault description that does not make sense."""


_ids = itertools.count(1)


def fault_from_json(
    body: dict[str, Any], known_operations: set[str], known_events: Iterable[str] = ()
) -> Fault:
    """Build a :class:`Fault` from the control API's ``FaultCreate`` body (already schema-checked)."""
    kind: FaultKind = body["kind"]
    target: FaultTarget = body.get("target", "api")
    operation_id = body.get("operation_id", ANY_OPERATION)
    if target == "webhooks":
        if operation_id != ANY_OPERATION and operation_id not in set(known_events):
            raise FaultError(f"Unknown event type {operation_id!r} (a webhooks fault names one).")
        if body.get("after_handler"):
            raise FaultError("after_handler is for faults of the API, not of webhooks.")
    elif operation_id != ANY_OPERATION and operation_id not in known_operations:
        raise FaultError(f"Unknown operation_id {operation_id!r}.")
    status = body.get("status")
    if kind == "status" and status is None:
        raise FaultError("A status fault needs a status.")
    if kind != "status" and status is not None:
        raise FaultError("Only a status fault takes a status.")
    retry_after = body.get("retry_after")
    if retry_after is None and status in (429, 503) and target == "api":
        retry_after = 1
    times = int(body.get("times", 1))
    seq = next(_ids)
    return Fault(
        id=f"fault-{seq}",
        seq=seq,
        kind=kind,
        operation_id=operation_id,
        times=times,
        status=status,
        retry_after=retry_after,
        delay_ms=int(body.get("delay_ms", 0)),
        after_handler=bool(body.get("after_handler", False)),
        remaining=times,
        target=target,
    )


@dataclass
class FaultPlan:
    """The queued faults of one session (thread-safe)."""

    _faults: list[Fault] = field(default_factory=list)  # those with applications left, in order
    _used: deque[Fault] = field(default_factory=lambda: deque(maxlen=USED_FAULTS_KEPT))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, fault: Fault) -> None:
        """Queue ``fault`` after the ones already queued (``FaultError`` if the plan is full)."""
        with self._lock:
            if len(self._faults) >= MAX_PENDING_FAULTS:
                raise FaultError(
                    f"At most {MAX_PENDING_FAULTS} faults can wait to apply in one session."
                )
            self._faults.append(fault)

    def take(self, operation_id: str) -> Fault | None:
        """Use up one application of the first fault matching ``operation_id``, if any."""
        with self._lock:
            for index, fault in enumerate(self._faults):
                if fault.matches(operation_id):
                    fault.remaining -= 1
                    fault.applied += 1
                    if fault.remaining <= 0:
                        del self._faults[index]
                        self._used.append(fault)
                    return fault
        return None

    def list(self, include_used: bool = True) -> list[Fault]:
        """The faults in the order they were queued (the last used-up ones too, unless told not)."""
        with self._lock:
            faults = [*self._used, *self._faults] if include_used else list(self._faults)
        return sorted(faults, key=lambda f: f.seq)

    def clear(self) -> None:
        """Forget every fault."""
        with self._lock:
            self._faults.clear()
            self._used.clear()

    def pending(self) -> int:
        """How many faults still have applications left."""
        with self._lock:
            return len(self._faults)


def corrupt_body(raw: bytes) -> bytes:
    """Break a JSON response's contract: an undocumented ``status`` value plus an unknown member."""
    try:
        body = orjson.loads(raw) if raw else {}
    except orjson.JSONDecodeError:
        return raw + b"\x00"  # not JSON to begin with: make it even less so
    if isinstance(body, dict):
        target = body
        items = body.get("items")
        if (
            "status" not in body
            and isinstance(items, list)
            and items
            and isinstance(items[0], dict)
        ):
            target = items[0]
        target["status"] = CORRUPT_STATUS
        body[CORRUPT_MEMBER] = True
    else:
        body = {"status": CORRUPT_STATUS, CORRUPT_MEMBER: True, "items": body}
    return orjson.dumps(body)
