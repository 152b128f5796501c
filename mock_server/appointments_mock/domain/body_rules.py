"""The rules of request bodies and parameters that JSON Schema cannot state, as pure checks.

``booking`` is what a create must satisfy (known practitioner and client, times in order, a
series that fits); the ``*_errors`` functions are the checks of each operation that need the
world but change nothing. When a request also breaks its schema, the HTTP layer runs the same
checks (``handlers.RULE_CHECKS``) so that one 400 lists every error: the schema's and these.
They accept any JSON value where the schema would have refused it.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from appointments_mock.domain.context import Call
from appointments_mock.domain.problems import body_error, parameter_error
from appointments_mock.domain.rules import resolve_reason
from appointments_mock.domain.values import (
    LATEST,
    InstantOutOfRange,
    integer,
    is_time_zone,
    parse_instant,
)
from appointments_mock.errors import ProblemError
from appointments_mock.store import Practitioner, World

MAX_DURATION = timedelta(hours=24)
_FREQUENCIES = ("daily", "weekly", "monthly")

Errors = list[dict[str, str]]


def body_instant(
    body: Mapping[str, Any], name: str, errors: list[dict[str, str]]
) -> datetime | None:
    value = body.get(name)
    if value is None:
        errors.append(body_error(f"/{name}", f"'{name}' is required"))
        return None
    try:
        return parse_instant(value)
    except InstantOutOfRange as exc:
        errors.append(body_error(f"/{name}", str(exc)))
        return None
    except (ValueError, TypeError, AttributeError, IndexError):
        errors.append(body_error(f"/{name}", f"{value!r} is not a date-time with an offset"))
        return None


def check_times(start: datetime | None, end: datetime | None, errors: list[dict[str, str]]) -> bool:
    if start is None or end is None:
        return False
    if end <= start:
        errors.append(body_error("/ends_at", "ends_at must be after starts_at"))
        return False
    if end - start > MAX_DURATION:
        errors.append(body_error("/ends_at", "ends_at must be at most 24 hours after starts_at"))
        return False
    return True


def _repeat_rule(value: Any, errors: list[dict[str, str]]) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        errors.append(body_error("/repeat_rule", "repeat_rule must be an object"))
        return None
    frequency = value.get("frequency")
    interval = integer(value.get("interval", 1))
    count = integer(value.get("count"))
    ok = True
    if frequency not in _FREQUENCIES:
        errors.append(body_error("/repeat_rule/frequency", f"must be one of {list(_FREQUENCIES)}"))
        ok = False
    if interval is None or not 1 <= interval <= 100:
        errors.append(body_error("/repeat_rule/interval", "must be an integer from 1 to 100"))
        ok = False
    if count is None or not 2 <= count <= 52:
        errors.append(body_error("/repeat_rule/count", "must be an integer from 2 to 52"))
        ok = False
    return {"frequency": frequency, "interval": interval, "count": count} if ok else None


def _occurrences(
    start: datetime, end: datetime, rule: Mapping[str, Any] | None, time_zone: str
) -> list[tuple[datetime, datetime]]:
    """The (start, end) of each occurrence; a series keeps its wall-clock time across DST."""
    if rule is None:
        return [(start, end)]
    tz = ZoneInfo(time_zone)
    local = start.astimezone(tz).replace(tzinfo=None)
    duration = end - start
    result = []
    for k in range(int(rule["count"])):
        step = k * int(rule["interval"])
        if rule["frequency"] == "daily":
            naive = local + timedelta(days=step)
        elif rule["frequency"] == "weekly":
            naive = local + timedelta(weeks=step)
        else:
            years, month0 = divmod(local.month - 1 + step, 12)
            year = local.year + years
            day = min(local.day, monthrange(year, month0 + 1)[1])
            naive = local.replace(year=year, month=month0 + 1, day=day)
        begin = naive.replace(tzinfo=tz).astimezone(UTC)
        result.append((begin, begin + duration))
    return result


def _series_fits(start: datetime, end: datetime, rule: Mapping[str, Any], time_zone: str) -> bool:
    """Whether every occurrence of the series ends by ``LATEST`` (its arithmetic can overflow)."""
    try:
        occurrences = _occurrences(start, end, rule, time_zone)
    except (OverflowError, ValueError):
        return False
    return occurrences[-1][1] <= LATEST


@dataclass
class Booking:
    """What a create body asks for, once checked: the slots to book, or the errors."""

    kind: Any
    client_id: str | None
    practitioner: Practitioner | None
    time_zone: str
    rule: dict[str, Any] | None
    slots: list[tuple[datetime, datetime]] = field(default_factory=list)
    errors: Errors = field(default_factory=list)


def _text(value: Any) -> str | None:
    """A string id, or None for anything else (which the schema refuses on its own)."""
    return value if isinstance(value, str) else None


def booking(world: World, call: Call, body: Mapping[str, Any]) -> Booking:
    """Check a create body against the world: every 400 rule, and the slots it would book."""
    errors: Errors = []
    kind = body.get("type")
    client_id = body.get("client_id")
    if call.actor.type == "client" and client_id is None:
        client_id = call.actor.client_id
    practitioner_id = _text(body.get("practitioner_id"))
    if kind not in ("individual", "group"):
        errors.append(body_error("/type", "type must be 'individual' or 'group'"))
    start = body_instant(body, "starts_at", errors)
    end = body_instant(body, "ends_at", errors)
    times_ok = check_times(start, end, errors)
    practitioner = world.practitioners.get(practitioner_id) if practitioner_id else None
    if practitioner is None:
        errors.append(body_error("/practitioner_id", "unknown practitioner"))
    elif not practitioner.active:
        errors.append(body_error("/practitioner_id", "the practitioner takes no new bookings"))
    max_attendees = body.get("max_attendees")
    if kind == "individual":
        if client_id is None:
            errors.append(body_error("/client_id", "required for an individual appointment"))
        elif _text(client_id) not in world.clients:
            errors.append(body_error("/client_id", "unknown client"))
        if max_attendees is not None:
            errors.append(body_error("/max_attendees", "only for group appointments"))
    elif kind == "group":
        if max_attendees is None:
            errors.append(body_error("/max_attendees", "required for a group appointment"))
        if client_id is not None:
            errors.append(body_error("/client_id", "group appointments take clients as attendees"))
    time_zone = body.get("time_zone")
    if time_zone is not None and not (isinstance(time_zone, str) and is_time_zone(time_zone)):
        errors.append(body_error("/time_zone", f"{time_zone!r} is not an IANA time zone"))
        time_zone = None
    rule = _repeat_rule(body.get("repeat_rule"), errors)
    if body.get("repeat_rule") is not None and rule is None:
        times_ok = False
    zone = time_zone or (practitioner.time_zone if practitioner else "UTC")
    if (
        rule is not None
        and times_ok
        and start is not None
        and end is not None
        and not _series_fits(start, end, rule, zone)
    ):
        errors.append(body_error("/repeat_rule", f"the series would end after {LATEST:%Y-%m-%d}"))
        times_ok = False
    plan = Booking(kind, _text(client_id), practitioner, zone, rule, errors=errors)
    if times_ok and practitioner is not None and start is not None and end is not None:
        plan.slots = _occurrences(start, end, rule, zone)
    return plan


# -- the checks that run beside a failed schema --------------------------------------------------


def _reason_errors(body: Any, at: str = "") -> Errors:
    """The reason rules of a cancel body (at `at`: `/cancellation` in a status-style PATCH)."""
    if not isinstance(body, Mapping) or "reason_code" not in body:
        return []
    try:
        resolve_reason(body.get("reason_code"), body.get("note"))
    except ProblemError as exc:
        pointer = "/note" if exc.code == "note-required" else "/reason_code"
        return [body_error(at + pointer, exc.detail)]
    return []


def create_errors(world: World, call: Call, query: Mapping[str, list[str]], body: Any) -> Errors:
    """``appointments.create``."""
    return booking(world, call, body).errors if isinstance(body, Mapping) else []


def update_errors(world: World, call: Call, query: Mapping[str, list[str]], body: Any) -> Errors:
    """``appointments.update``: what can be judged without the record."""
    errors: Errors = []
    if not isinstance(body, Mapping):
        return errors
    practitioner_id = body.get("practitioner_id")
    if isinstance(practitioner_id, str) and practitioner_id not in world.practitioners:
        errors.append(body_error("/practitioner_id", "unknown practitioner"))
    time_zone = body.get("time_zone")
    if isinstance(time_zone, str) and not is_time_zone(time_zone):
        errors.append(body_error("/time_zone", f"{time_zone!r} is not an IANA time zone"))
    # A status-style cancel: the same reason rules as `POST .../cancel`.
    errors += _reason_errors(body.get("cancellation"), "/cancellation")
    return errors


def cancel_errors(world: World, call: Call, query: Mapping[str, list[str]], body: Any) -> Errors:
    """``appointments.cancel`` and ``attendees.cancel``: an active reason, a note if it needs one."""
    return _reason_errors(body)


def attendee_errors(world: World, call: Call, query: Mapping[str, list[str]], body: Any) -> Errors:
    """``attendees.create``: a known client."""
    client_id = body.get("client_id") if isinstance(body, Mapping) else None
    if isinstance(client_id, str) and client_id not in world.clients:
        return [body_error("/client_id", "unknown client")]
    return []


def availability_errors(
    world: World, call: Call, query: Mapping[str, list[str]], body: Any
) -> Errors:
    """``availability.list``: a known practitioner."""
    practitioner_ids = query.get("practitioner_id", [])
    if len(practitioner_ids) == 1 and practitioner_ids[0] not in world.practitioners:
        return [parameter_error("practitioner_id", "unknown practitioner")]
    return []


def webhook_endpoint_errors(
    world: World, call: Call, query: Mapping[str, list[str]], body: Any
) -> Errors:
    """``webhook_endpoints.create`` and ``.update``: a URL whose host may receive webhooks."""
    from appointments_mock.domain.webhooks import body_errors  # the rule lives with its tag

    return body_errors(world, body)


RuleCheck = Callable[[World, Call, Mapping[str, list[str]], Any], Errors]

RULE_CHECKS: dict[str, RuleCheck] = {
    "appointments.create": create_errors,
    "appointments.update": update_errors,
    "appointments.cancel": cancel_errors,
    "attendees.create": attendee_errors,
    "attendees.cancel": cancel_errors,
    "availability.list": availability_errors,
    "webhook_endpoints.create": webhook_endpoint_errors,
    "webhook_endpoints.update": webhook_endpoint_errors,
}
"""The checks of each operation, by operationId, for the HTTP layer to run beside the schema's."""
