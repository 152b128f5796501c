"""``Idempotency-Key`` on POST: replay the first response, refuse reuse and overlap.

Scoped per session (one store each) and per API key (the caller's credential is only kept as a
hash). For a key already seen:

* same request (method, path, body) and the first one finished → replay its status, headers and
  body, with ``Idempotent-Replayed: true``;
* a different request → 422 ``idempotency-key-reused``;
* the first one is still running → 409 ``idempotency-key-in-use``.

Only responses of requests that reached the operation are kept (as Stripe does): a request rejected
by authentication or validation, a 5xx, or an injected fault can be retried with the same key.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from appointments_mock.limits import IDEMPOTENCY_MAX_KEY_LENGTH as MAX_KEY_LENGTH
from appointments_mock.limits import IDEMPOTENCY_MAX_KEYS as DEFAULT_MAX_KEYS

__all__ = ["DEFAULT_MAX_KEYS", "MAX_KEY_LENGTH", "IdempotencyStore", "StoredResponse"]


@dataclass(frozen=True, slots=True)
class StoredResponse:
    """A finished response, as sent."""

    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


@dataclass(slots=True)
class _Record:
    fingerprint: str
    response: StoredResponse | None = None  # None while the first request runs


Outcome = Literal["proceed", "replay", "reused", "in-use"]


def fingerprint(method: str, path: str, body: bytes) -> str:
    """What makes two requests "the same": method, path and body (JSON compared by value)."""
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except (ValueError, RecursionError):
        canonical = body
    digest = hashlib.sha256()
    for part in (method.upper().encode(), path.encode(), canonical):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def scope_key(authorization: str | None, idempotency_key: str) -> str:
    """The store key: a hash of the caller's credential plus the Idempotency-Key."""
    credential = hashlib.sha256((authorization or "").encode()).hexdigest()
    return f"{credential}:{idempotency_key}"


@dataclass
class IdempotencyStore:
    """The keys of one session (bounded: the oldest finished keys are forgotten first)."""

    max_keys: int = DEFAULT_MAX_KEYS
    _records: OrderedDict[str, _Record] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def begin(self, key: str, request_fingerprint: str) -> tuple[Outcome, StoredResponse | None]:
        """Look ``key`` up; on ``proceed`` the key is now marked as running."""
        with self._lock:
            record = self._records.get(key)
            if record is None:
                self._records[key] = _Record(request_fingerprint)
                self._evict()
                return "proceed", None
            if record.fingerprint != request_fingerprint:
                return "reused", None
            if record.response is None:
                return "in-use", None
            self._records.move_to_end(key)
            return "replay", record.response

    def finish(self, key: str, response: StoredResponse | None) -> None:
        """Keep ``response`` for replays, or (``None``) release the key for a fresh attempt."""
        with self._lock:
            if response is None:
                self._records.pop(key, None)
            elif key in self._records:
                self._records[key].response = response

    def finished(self) -> list[tuple[str, str, StoredResponse]]:
        """(key, fingerprint, response) of every finished request, oldest first (a snapshot)."""
        with self._lock:
            return [
                (key, record.fingerprint, record.response)
                for key, record in self._records.items()
                if record.response is not None
            ]

    def restore(self, entries: Iterable[tuple[str, str, StoredResponse]]) -> None:
        """Remember finished requests (``finished()``'s, oldest first) for replays."""
        with self._lock:
            for key, request_fingerprint, response in entries:
                self._records[key] = _Record(request_fingerprint, response)
                self._records.move_to_end(key)
            self._evict()

    def __len__(self) -> int:
        return len(self._records)

    def _evict(self) -> None:
        while len(self._records) > self.max_keys:
            for oldest, record in self._records.items():
                if record.response is not None:
                    del self._records[oldest]
                    break
            else:
                return
