"""The "now" of one mock session: real time, real time shifted by an offset, or frozen.

Every rule that depends on time (in progress, ended, purge after retention, availability) reads
the session clock, so tests move time through the control API instead of sleeping.
"""

from __future__ import annotations

import functools
import math
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


# The instants a session clock may show: those every rule can compute with (the rules' own range,
# ``domain/values.py``), so that no moved clock can leave a session unable to answer.
EARLIEST = datetime(2, 1, 1, tzinfo=UTC)
LATEST = datetime(9998, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)


class ClockOutOfRange(ValueError):
    """A freeze or advance that would take the clock outside ``EARLIEST`` .. ``LATEST``."""


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

    @property
    def frozen(self) -> bool:
        """Whether time stands still (it then moves only through ``freeze`` and ``advance``)."""
        with self._lock:
            return self._frozen_at is not None

    def freeze(self, at: datetime | None = None) -> None:
        """Stop time at ``at`` (default: the current session time)."""
        target = _as_utc(at) if at is not None else self.now()
        if not EARLIEST <= target <= LATEST:
            raise ClockOutOfRange(
                f"The clock can show {EARLIEST:%Y-%m-%d} to {LATEST:%Y-%m-%d} (UTC) only."
            )
        with self._lock:
            self._frozen_at = target
            self._offset = timedelta(0)

    def advance(self, seconds: float) -> None:
        """Move time forward (or back, if negative), frozen or not; unchanged if out of range."""
        if not math.isfinite(seconds):
            raise ClockOutOfRange("The clock moves by a finite amount only.")
        with self._lock:
            base = self._frozen_at if self._frozen_at is not None else self._source()
            try:
                offset = self._offset + timedelta(seconds=seconds)
                moved = base + offset
            except OverflowError:
                moved = None
            if moved is None or not EARLIEST <= moved <= LATEST:
                raise ClockOutOfRange(
                    f"Moving the clock by {seconds:g} seconds would take it past "
                    f"{LATEST:%Y-%m-%d} (UTC), the last instant the rules can compute with."
                    if seconds > 0
                    else f"The clock can show {EARLIEST:%Y-%m-%d} to {LATEST:%Y-%m-%d} (UTC) only."
                )
            self._offset = offset

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
