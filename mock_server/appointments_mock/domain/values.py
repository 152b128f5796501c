"""Parsing of the few values the handlers pass as strings (instants) or as loose JSON numbers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from appointments_mock.clock import EARLIEST as CLOCK_EARLIEST
from appointments_mock.clock import LATEST as CLOCK_LATEST
from appointments_mock.domain.problems import parameter_error, validation_error

# Instants the rules accept (the session clock keeps to them too). A year of margin on both sides
# of what `datetime` can hold, so that no rule's arithmetic (a day's working hours, a 31-day
# window, 24 hours of duration) overflows.
EARLIEST = CLOCK_EARLIEST
LATEST = CLOCK_LATEST
END_OF_TIME = datetime.max.replace(tzinfo=UTC)


def later(instant: datetime, delta: timedelta) -> datetime:
    """``instant + delta``, or the last instant ``datetime`` holds if that is past it.

    For ``purge_at`` (now + retention): a record deleted near the end of time is kept for good.
    """
    try:
        return instant + delta
    except OverflowError:
        return END_OF_TIME


class InstantOutOfRange(ValueError):
    """A valid RFC 3339 timestamp outside ``EARLIEST`` .. ``LATEST``."""

    def __init__(self, value: object) -> None:
        super().__init__(
            f"{value!r} is outside the supported range "
            f"{EARLIEST:%Y-%m-%d} to {LATEST:%Y-%m-%d} (UTC)"
        )


def parse_instant(value: str | datetime) -> datetime:
    """An RFC 3339 timestamp with offset, as an aware UTC datetime (``ValueError`` otherwise)."""
    if isinstance(value, datetime):
        parsed = value
    else:
        text = value.strip()
        if text[-1:] in ("z", "Z"):
            text = text[:-1] + "+00:00"
        parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        raise ValueError("a time zone offset is required")
    try:
        instant = parsed.astimezone(UTC)
    except OverflowError:  # e.g. 0001-01-01T00:00:00+05:00 is in year 0 in UTC
        raise InstantOutOfRange(value) from None
    if not EARLIEST <= instant <= LATEST:
        raise InstantOutOfRange(value)
    return instant


def instant_parameter(name: str, value: str | datetime | None) -> datetime | None:
    """A query parameter instant, or 400 ``validation-error`` naming the parameter."""
    if value is None:
        return None
    try:
        return parse_instant(value)
    except InstantOutOfRange as exc:
        raise validation_error([parameter_error(name, str(exc))]) from None
    except (ValueError, IndexError):
        raise validation_error(
            [parameter_error(name, f"{value!r} is not an RFC 3339 date-time with an offset")]
        ) from None


def integer(value: object) -> int | None:
    """A JSON integer as ``int``, or None if it is not one.

    JSON Schema 2020-12 counts ``61.0`` as an integer, so the spec's validation lets it through and
    the rules must accept it as 61 too. Booleans are not integers.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def is_time_zone(name: str) -> bool:
    """Whether ``name`` is a known IANA time zone."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
