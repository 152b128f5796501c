"""The "now" of one mock session: real time, real time shifted by an offset, or frozen.

Every rule that depends on time (in progress, ended, purge after retention, availability) reads
the session clock, so tests move time through the control API instead of sleeping.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any


def utcnow() -> datetime:
    """The wall clock as an aware UTC datetime."""
    return datetime.now(UTC)


# Lists format the same few instants over and over (a 20-item page: 160 of them, 40 % of its
# time); equal instants format alike whatever their offset, so the result can be shared.
@functools.lru_cache(maxsize=1 << 16)
def format_instant(value: datetime) -> str:
    """RFC 3339 in UTC with a ``Z`` suffix (fractional seconds only when present)."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _as_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("the clock needs a timezone-aware datetime")
    return value.astimezone(UTC)


class Clock:
    """A session clock. Modes: ``real``, ``offset`` (real time plus an offset) and ``frozen``."""

    def __init__(
        self,
        *,
        frozen_at: datetime | None = None,
        offset_seconds: float = 0.0,
        source: Callable[[], datetime] = utcnow,
    ) -> None:
        self._source = source
        self._frozen_at = _as_utc(frozen_at) if frozen_at is not None else None
        self._offset = timedelta(seconds=offset_seconds)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        """The session's current instant (aware, UTC)."""
        with self._lock:
            base = self._frozen_at if self._frozen_at is not None else self._source()
            return base + self._offset

    def freeze(self, at: datetime | None = None) -> None:
        """Stop time at ``at`` (default: the current session time)."""
        target = _as_utc(at) if at is not None else self.now()
        with self._lock:
            self._frozen_at = target
            self._offset = timedelta(0)

    def advance(self, seconds: float) -> None:
        """Move time forward (or back, if negative), frozen or not."""
        with self._lock:
            self._offset += timedelta(seconds=seconds)

    def resume(self) -> None:
        """Back to real time, without offset."""
        with self._lock:
            self._frozen_at = None
            self._offset = timedelta(0)

    def state(self) -> dict[str, Any]:
        """JSON-ready state for the control API: ``mode``, ``now``, ``offset_seconds``."""
        now = self.now()
        with self._lock:
            if self._frozen_at is not None:
                mode = "frozen"
            elif self._offset:
                mode = "offset"
            else:
                mode = "real"
            offset = self._offset.total_seconds()
        return {"mode": mode, "now": format_instant(now), "offset_seconds": offset}
