"""Reports: appointment counts and practitioner activity over a period, from the session's records.

Both read the same store indexes as the lists (the (status, deleted) buckets sorted by
``starts_at``, of one practitioner or all), so a report costs O(log n + the appointments in the
period), and its figures are those the lists and availability give:

* ``reports.appointments`` counts what ``appointments.list`` would list with the same filters
  and ``starts_after``/``starts_before`` (default: active, not deleted; staff: their practitioner).
* ``reports.practitioner_activity`` counts only live, active appointments and attendees (canceled
  ones never count); its free minutes are working minutes minus what availability treats as busy.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from appointments_mock.domain.availability import merged_busy, working_periods
from appointments_mock.domain.context import Call
from appointments_mock.domain.guards import require_role
from appointments_mock.domain.lifecycle import transaction
from appointments_mock.domain.problems import parameter_error, problem, validation_error
from appointments_mock.domain.serialize import ts
from appointments_mock.domain.values import instant_parameter
from appointments_mock.store import Appointment, Practitioner, Status, World

DIMENSIONS = ("status", "type", "practitioner_id", "reason_code", "day")
MAX_PERIOD_DAYS = 366
ACTIVITY_COLUMNS = (
    "practitioner_id",
    "display_name",
    "appointments_held",
    "booked_minutes",
    "attendees",
    "no_shows",
    "working_minutes",
    "free_minutes",
)
_STATUSES: tuple[Status, ...] = ("active", "canceled")
_DELETED = {"exclude": (False,), "include": (False, True), "only": (True,)}


def _period(
    from_: str | datetime | None, to: str | datetime | None, errors: list[dict[str, str]]
) -> tuple[datetime, datetime]:
    if from_ is None:
        errors.append(parameter_error("from", "'from' is required"))
    if to is None:
        errors.append(parameter_error("to", "'to' is required"))
    if errors:
        raise validation_error(errors)
    start, end = instant_parameter("from", from_), instant_parameter("to", to)
    assert start is not None
    assert end is not None
    if end <= start or end - start > timedelta(days=MAX_PERIOD_DAYS):
        raise problem(
            "window-too-large",
            f"'to' must be after 'from' and at most {MAX_PERIOD_DAYS} days later.",
            max_days=MAX_PERIOD_DAYS,
        )
    return start, end


def _scope(call: Call, practitioner_id: str | None) -> str | None:
    """Whose appointments the caller may count: staff only their practitioner's ("" = none)."""
    actor = call.actor
    if actor.type == "staff":
        mine = actor.practitioner_id or ""
        return mine if practitioner_id in (None, mine) else ""
    return practitioner_id


def _in_period(
    world: World,
    status: Status,
    deleted: bool,
    practitioner_id: str | None,
    start: datetime,
    end: datetime,
) -> list[Appointment]:
    index = world.ordered(status, deleted, "starts_at", practitioner_id)
    i, j = index.bounds(start, end)
    appointments = world.appointments
    return [appointments[appt_id] for _, appt_id in index.keys[i:j]]


def appointments_report(
    world: World,
    call: Call,
    *,
    from_: str | datetime | None,
    to: str | datetime | None,
    group_by: Sequence[str] | None = None,
    status: Sequence[str] | None = None,
    deleted: str | None = None,
    type_: str | None = None,
    practitioner_id: str | None = None,
) -> dict[str, Any]:
    """``reports.appointments``: appointment counts by the dimensions asked for."""
    require_role(call, "admin", "api_client", "staff", detail="Client keys may not read reports.")
    errors: list[dict[str, str]] = []
    dimensions = list(group_by or [])
    for name in dimensions:
        if name not in DIMENSIONS:
            errors.append(parameter_error("group_by", f"{name!r} is not one of {list(DIMENSIONS)}"))
    if len(set(dimensions)) != len(dimensions):
        errors.append(parameter_error("group_by", "each dimension at most once"))
    wanted = list(dict.fromkeys(status or ["active"]))
    for name in wanted:
        if name not in _STATUSES:
            errors.append(parameter_error("status", f"{name!r} is not one of {list(_STATUSES)}"))
    deleted = deleted or "exclude"
    if deleted not in _DELETED:
        errors.append(parameter_error("deleted", f"{deleted!r} is not one of {list(_DELETED)}"))
    if type_ is not None and type_ not in ("individual", "group"):
        errors.append(parameter_error("type", f"{type_!r} is not one of ['individual', 'group']"))
    start, end = _period(from_, to, errors)
    with transaction(world, call):
        scope = _scope(call, practitioner_id)
        counts: Counter[tuple[Any, ...]] = Counter()
        zones: dict[str, ZoneInfo] = {}
        for state in (s for s in _STATUSES if s in wanted):
            for flag in _DELETED[deleted]:
                if scope == "":
                    continue
                for appt in _in_period(world, state, flag, scope, start, end):
                    if type_ is not None and appt.type != type_:
                        continue
                    counts[tuple(_value(world, appt, name, zones) for name in dimensions)] += 1
        rows = [
            {**dict.fromkeys(DIMENSIONS), **dict(zip(dimensions, key, strict=True)), "count": n}
            for key, n in sorted(counts.items(), key=lambda item: _sort_key(item[0]))
        ]
        if not dimensions:
            rows = [{**dict.fromkeys(DIMENSIONS), "count": sum(counts.values())}]
        return {
            "from": ts(start),
            "to": ts(end),
            "group_by": dimensions,
            "status": [s for s in _STATUSES if s in wanted],
            "deleted": deleted,
            "type": type_,
            "practitioner_id": practitioner_id,
            "rows": rows,
            "total": sum(counts.values()),
        }


def _value(world: World, appt: Appointment, name: str, zones: dict[str, ZoneInfo]) -> Any:
    if name == "status":
        return appt.status
    if name == "type":
        return appt.type
    if name == "practitioner_id":
        return appt.practitioner_id
    if name == "reason_code":
        return appt.cancellation.reason_code if appt.cancellation is not None else None
    zone = zones.get(appt.practitioner_id)
    if zone is None:
        zone = zones[appt.practitioner_id] = ZoneInfo(
            world.practitioners[appt.practitioner_id].time_zone
        )
    return appt.starts_at.astimezone(zone).date().isoformat()


def _sort_key(key: tuple[Any, ...]) -> tuple[tuple[bool, Any], ...]:
    return tuple((value is None, value if value is not None else 0) for value in key)


def practitioner_activity(
    world: World,
    call: Call,
    *,
    from_: str | datetime | None,
    to: str | datetime | None,
    practitioner_id: str | None = None,
) -> dict[str, Any]:
    """``reports.practitioner_activity``: per practitioner, what the period held."""
    require_role(call, "admin", "api_client", "staff", detail="Client keys may not read reports.")
    errors: list[dict[str, str]] = []
    if practitioner_id is not None and practitioner_id not in world.practitioners:
        errors.append(parameter_error("practitioner_id", "unknown practitioner"))
    start, end = _period(from_, to, errors)
    with transaction(world, call):
        scope = _scope(call, practitioner_id)
        if scope == "":
            chosen: list[Practitioner] = []
        elif scope is not None:
            chosen = [world.practitioners[scope]] if scope in world.practitioners else []
        else:
            chosen = list(world.practitioners.values())
        chosen.sort(key=lambda p: (p.display_name, p.id))
        return {
            "from": ts(start),
            "to": ts(end),
            "practitioner_id": practitioner_id,
            "rows": [_activity(world, p, start, end) for p in chosen],
        }


def _activity(world: World, p: Practitioner, start: datetime, end: datetime) -> dict[str, Any]:
    held = _in_period(world, "active", False, p.id, start, end)
    booked = sum((a.ends_at - a.starts_at for a in held), timedelta())
    attendees = no_shows = 0
    for appt in held:
        for attendee in world.attendees_of(appt):
            if attendee.status == "active" and not attendee.deleted:
                attendees += 1
                no_shows += attendee.attendance == "did_not_arrive"
    working = _union(
        (max(begin, start), min(stop, end))
        for begin, stop in working_periods(p, start, end)
        if begin < end and stop > start
    )
    busy = merged_busy(world, p.id, start, end)
    worked = sum((stop - begin for begin, stop in working), timedelta())
    taken = timedelta()
    first = 0  # both lists are sorted and disjoint: one sweep
    for begin, stop in working:
        while first < len(busy) and busy[first][1] <= begin:
            first += 1
        i = first
        while i < len(busy) and busy[i][0] < stop:
            taken += min(stop, busy[i][1]) - max(begin, busy[i][0])
            i += 1
    return {
        "practitioner_id": p.id,
        "display_name": p.display_name,
        "appointments_held": len(held),
        "booked_minutes": _minutes(booked),
        "attendees": attendees,
        "no_shows": no_shows,
        "working_minutes": _minutes(worked),
        "free_minutes": _minutes(worked - taken),
    }


def _union(intervals: Any) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for begin, stop in sorted(intervals):
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
        else:
            merged.append((begin, stop))
    return merged


def _minutes(span: timedelta) -> int:
    return int(span.total_seconds() // 60)


def to_csv(columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    """Rows as CSV (RFC 4180: CRLF, quoted where needed, empty cells for null)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row[name] is None else row[name] for name in columns])
    return out.getvalue()


def appointments_csv(report: dict[str, Any]) -> str:
    """An appointment report as CSV: its grouped columns and ``count``."""
    return to_csv([*report["group_by"], "count"], report["rows"])


def activity_csv(report: dict[str, Any]) -> str:
    """A practitioner activity report as CSV."""
    return to_csv(ACTIVITY_COLUMNS, report["rows"])
