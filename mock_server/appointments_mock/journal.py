"""The per-session request journal: what the public API was asked, and what it answered.

Each handled public-API request becomes one :class:`JournalEntry` (operationId, method, path, query,
status, a few request headers, the JSON body, the fault applied, duration, timestamp). The
``Authorization`` header is never recorded. The journal is a ring buffer: the oldest entries go
first once ``max_entries`` is reached.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

DEFAULT_MAX_ENTRIES = 10_000
MAX_BODY = 64 * 1024  # larger request bodies are recorded as None

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
        }


# A request as recorded by the server, before anyone reads it: a plain tuple of strings, numbers
# and bytes (seq, timestamp, operation_id, method, path, query string, status, request_id,
# request headers as (name, value) pairs, raw body, fault, idempotent_replayed, duration_ms).
# The cyclic collector stops tracking such a tuple, where a JournalEntry and its dicts stay
# tracked for as long as they are kept (10,000 of them); the query string and the body are parsed
# only when the entry is read.
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
    str | None,
    bool,
    float,
]


def request_body_of(body: bytes) -> Any:
    """What the journal shows of a request body: its JSON value, or None."""
    if not body or len(body) > MAX_BODY:
        return None
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return None


def entry_of(raw: RawEntry) -> JournalEntry:
    """The :class:`JournalEntry` of a recorded request."""
    (seq, timestamp, operation_id, method, path, query_string, status, request_id, headers,
     body, fault, replayed, duration_ms) = raw  # fmt: skip
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
        request_body=request_body_of(body),
        fault=fault,
        idempotent_replayed=replayed,
        duration_ms=duration_ms,
    )


@dataclass
class Journal:
    """A bounded, thread-safe list of :class:`JournalEntry`, oldest first."""

    max_entries: int = DEFAULT_MAX_ENTRIES
    _entries: deque[JournalEntry | RawEntry] = field(init=False)
    _seq: int = field(default=0, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)

    def __post_init__(self) -> None:
        self._entries = deque(maxlen=self.max_entries)

    def next_seq(self) -> int:
        """Reserve the sequence number of the next entry."""
        with self._lock:
            self._seq += 1
            return self._seq

    def record(self, entry: JournalEntry) -> None:
        """Append ``entry`` (dropping the oldest one when full)."""
        with self._lock:
            self._entries.append(entry)

    def record_raw(self, raw: RawEntry) -> None:
        """Append a recorded request, parsed into a :class:`JournalEntry` only when read."""
        with self._lock:
            self._entries.append(raw)

    def entries(
        self, operation_id: str | None = None, limit: int | None = None
    ) -> list[JournalEntry]:
        """Entries in order, optionally only one operation's, optionally only the last ``limit``."""
        with self._lock:
            kept = list(self._entries)
        items = [e if isinstance(e, JournalEntry) else entry_of(e) for e in kept]
        if operation_id is not None:
            items = [e for e in items if e.operation_id == operation_id]
        items.sort(key=lambda e: e.seq)
        if limit is not None:
            items = items[-limit:] if limit else []
        return items

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
