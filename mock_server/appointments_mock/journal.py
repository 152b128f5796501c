"""The per-session journal: what the public API was asked and answered, and the webhooks it sent.

Each handled public-API request becomes one :class:`JournalEntry` (operationId, method, path, query,
status, a few request headers, the body, the fault applied, duration, timestamp, and how it
authenticated: the scheme, the verdict and a signing key's id). The ``Authorization`` header and
secrets are never recorded. Each attempt to deliver a webhook is an entry too
(``kind`` ``webhook``: ``operation_id`` is the event type, ``path`` the endpoint's URL,
``request_id`` the ``webhook-id``, ``status`` the receiver's answer, 0 without one).

The journal records anything it is given and can always be read back: a body is shown as JSON
when it is what the API accepts as JSON (``validation.parse_json_body``), and otherwise as text
(``request_body_text``, undecodable bytes escaped). It is bounded twice (``limits.py``): at most
``JOURNAL_MAX_ENTRIES`` entries, and ``JOURNAL_MAX_BYTES`` for all their bodies and fields
together, with each body cut at ``JOURNAL_MAX_BODY_BYTES`` (marked ``request_body_truncated``);
the oldest entries go first.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import orjson

from appointments_mock.limits import JOURNAL_MAX_BODY_BYTES, JOURNAL_MAX_BYTES, JOURNAL_MAX_ENTRIES

DEFAULT_MAX_ENTRIES = JOURNAL_MAX_ENTRIES
MAX_BODY = JOURNAL_MAX_BODY_BYTES
_ENTRY_OVERHEAD = 256  # what an entry costs beside its strings and body, roughly

# Request headers worth asserting on. Never add Authorization here.
RECORDED_HEADERS = ("idempotency-key", "if-match", "x-request-id", "user-agent", "content-type")


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One handled request."""

    seq: int
    timestamp: str  # wall-clock UTC, RFC 3339
    operation_id: str | None
    method: str
    path: str
    query: dict[str, list[str]]
    status: int
    request_id: str
    request_headers: dict[str, str]
    request_body: Any
    fault: str | None
    idempotent_replayed: bool
    duration_ms: float
    request_body_text: str | None = None
    request_body_size: int = 0
    request_body_truncated: bool = False
    kind: str = "request"  # or "webhook": an attempt to deliver an event
    auth_scheme: str | None = None  # bearer, signature, calendar_token; None if none was tried
    auth_verdict: str | None = None  # "accepted", or the 401's code; None if not secured
    auth_key_id: str | None = None  # the signing key's id (never a secret)

    def to_json(self) -> dict[str, Any]:
        """The control API's ``JournalEntry`` shape."""
        return {
            "seq": self.seq,
            "timestamp": self.timestamp,
            "operation_id": self.operation_id,
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "status": self.status,
            "request_id": self.request_id,
            "request_headers": self.request_headers,
            "request_body": self.request_body,
            "fault": self.fault,
            "idempotent_replayed": self.idempotent_replayed,
            "duration_ms": self.duration_ms,
            "request_body_text": self.request_body_text,
            "request_body_size": self.request_body_size,
            "request_body_truncated": self.request_body_truncated,
            "kind": self.kind,
            "auth_scheme": self.auth_scheme,
            "auth_verdict": self.auth_verdict,
            "auth_key_id": self.auth_key_id,
        }


# A request as recorded by the server, before anyone reads it: a plain tuple of strings, numbers
# and bytes (seq, timestamp, operation_id, method, path, query string, status, request_id,
# request headers as (name, value) pairs, raw body (at most ``MAX_BODY`` bytes), the body's full
# size, fault, idempotent_replayed, duration_ms, kind, auth scheme, auth verdict, signing key
# id). The cyclic collector stops tracking such a
# tuple, where a JournalEntry and its dicts stay tracked for as long as they are kept; the query
# string and the body are parsed only when the entry is read.
RawEntry = tuple[
    int,
    str,
    str | None,
    str,
    str,
    str,
    int,
    str,
    tuple[tuple[str, str], ...],
    bytes,
    int,
    str | None,
    bool,
    float,
    str,
    str | None,
    str | None,
    str | None,
]


def request_body_of(body: bytes, size: int | None = None) -> tuple[Any, str | None]:
    """What the journal shows of a request body: ``(JSON value, None)`` or ``(None, text)``."""
    from appointments_mock.validation import parse_json_body  # the request rules for JSON

    if not body:
        return None, None
    if size is None or size <= len(body):
        value, errors = parse_json_body(body)
        if not errors and _sendable(value):
            return value, None
    return None, body.decode("utf-8", "backslashreplace")


def _sendable(value: Any) -> bool:
    """Whether the control API can send ``value`` back (orjson: integers within 64 bits)."""
    try:
        orjson.dumps(value)
    except TypeError:
        return False
    return True


def entry_of(raw: RawEntry) -> JournalEntry:
    """The :class:`JournalEntry` of a recorded request."""
    (seq, timestamp, operation_id, method, path, query_string, status, request_id, headers,
     body, size, fault, replayed, duration_ms, kind, scheme, verdict, key_id) = raw  # fmt: skip
    value, text = request_body_of(body, size)
    return JournalEntry(
        seq=seq,
        timestamp=timestamp,
        operation_id=operation_id,
        method=method,
        path=path,
        query=parse_qs(query_string, keep_blank_values=True),
        status=status,
        request_id=request_id,
        request_headers=dict(headers),
        request_body=value,
        fault=fault,
        idempotent_replayed=replayed,
        duration_ms=duration_ms,
        request_body_text=text,
        request_body_size=size,
        request_body_truncated=size > len(body),
        kind=kind,
        auth_scheme=scheme,
        auth_verdict=verdict,
        auth_key_id=key_id,
    )


def _cost(raw: RawEntry) -> int:
    headers = sum(len(k) + len(v) for k, v in raw[8])
    return _ENTRY_OVERHEAD + len(raw[4]) + len(raw[5]) + headers + len(raw[9])


@dataclass
class Journal:
    """A bounded, thread-safe list of recorded requests, oldest first."""

    max_entries: int = DEFAULT_MAX_ENTRIES
    max_bytes: int = JOURNAL_MAX_BYTES
    _entries: deque[RawEntry] = field(init=False)
    _bytes: int = field(default=0, init=False)
    _seq: int = field(default=0, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)

    def __post_init__(self) -> None:
        self._entries = deque()

    def next_seq(self) -> int:
        """Reserve the sequence number of the next entry."""
        with self._lock:
            self._seq += 1
            return self._seq

    def record_raw(self, raw: RawEntry) -> None:
        """Append a recorded request (its body cut at ``MAX_BODY``), dropping the oldest to fit."""
        if len(raw[9]) > MAX_BODY:
            raw = (*raw[:9], raw[9][:MAX_BODY], *raw[10:])
        cost = _cost(raw)
        with self._lock:
            self._entries.append(raw)
            self._bytes += cost
            while len(self._entries) > self.max_entries or (
                self._bytes > self.max_bytes and len(self._entries) > 1
            ):
                self._bytes -= _cost(self._entries.popleft())

    def entries(
        self, operation_id: str | None = None, limit: int | None = None
    ) -> list[JournalEntry]:
        """Entries in order, optionally only one operation's, optionally only the last ``limit``."""
        with self._lock:
            kept = list(self._entries)
        if operation_id is not None:
            kept = [e for e in kept if e[2] == operation_id]
        kept.sort(key=lambda e: e[0])
        if limit is not None:
            kept = kept[-limit:] if limit else []
        return [entry_of(e) for e in kept]

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    @property
    def size_bytes(self) -> int:
        """What the kept entries cost, as counted against ``max_bytes``."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)
