"""Parsing of the few values the handlers pass as strings (instants) or as loose JSON numbers."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from appointments_mock.domain.problems import parameter_error, validation_error


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
    return parsed.astimezone(UTC)


def instant_parameter(name: str, value: str | datetime | None) -> datetime | None:
    """A query parameter instant, or 400 ``validation-error`` naming the parameter."""
    if value is None:
        return None
    try:
        return parse_instant(value)
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
