"""Free slots: working hours (in the practitioner's time zone) minus live, active appointments.

Canceled and deleted appointments take no time, so a cancel or a delete frees its slot at once.
Slots lie on a grid of ``duration_minutes`` from the start of each working period.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from appointments_mock.domain.context import Call
from appointments_mock.domain.lifecycle import transaction
from appointments_mock.domain.paging import Pager
from appointments_mock.domain.problems import parameter_error, problem, validation_error
from appointments_mock.domain.serialize import slot_json, ts
from appointments_mock.domain.values import instant_parameter
from appointments_mock.store import Practitioner, World

MAX_WINDOW_DAYS = 31


def list_availability(
    world: World,
    call: Call,
    *,
    from_: str | datetime | None,
    to: str | datetime | None,
    practitioner_id: str | None = None,
    duration_minutes: int | None = None,
    page_size: int | None = None,
    page_token: str | None = None,
) -> dict[str, Any]:
    """One page of free slots between ``from`` and ``to``, by start time then practitioner."""
    errors = []
    if from_ is None:
        errors.append(parameter_error("from", "'from' is required"))
    if to is None:
        errors.append(parameter_error("to", "'to' is required"))
    minutes = 30 if duration_minutes is None else duration_minutes
    if not 5 <= minutes <= 480:
        errors.append(parameter_error("duration_minutes", "must be between 5 and 480"))
    if practitioner_id is not None and practitioner_id not in world.practitioners:
        errors.append(parameter_error("practitioner_id", "unknown practitioner"))
    if errors:
        raise validation_error(errors)
    start = instant_parameter("from", from_)
    end = instant_parameter("to", to)
    if start is None or end is None:  # pragma: no cover - checked above
        raise validation_error([parameter_error("from", "'from' and 'to' are required")])
    if end <= start or end - start > timedelta(days=MAX_WINDOW_DAYS):
        raise problem(
            "window-too-large",
            f"'to' must be after 'from' and at most {MAX_WINDOW_DAYS} days later.",
            max_days=MAX_WINDOW_DAYS,
        )
    pager = Pager(
        "availability.list",
        {"from": ts(start), "to": ts(end), "practitioner_id": practitioner_id, "minutes": minutes},
        page_size,
        page_token,
    )
    with transaction(world, call):
        chosen = (
            [world.practitioners[practitioner_id]]
            if practitioner_id is not None
            else [p for p in world.practitioners.values() if p.active]
        )
        slots: list[tuple[datetime, str, datetime]] = []
        for practitioner in chosen:
            slots.extend(_free_slots(world, practitioner, start, end, timedelta(minutes=minutes)))
        slots.sort()
        page = pager.slice(slots)
        return pager.page([slot_json(pid, s, e) for s, pid, e in page], len(slots))


def working_periods(
    p: Practitioner, start: datetime, end: datetime
) -> Iterator[tuple[datetime, datetime]]:
    """The practitioner's working periods (UTC) on the local days that ``[start, end)`` touches.

    Unclipped: a period may begin before ``start`` or end after ``end``.
    """
    tz = ZoneInfo(p.time_zone)
    day = start.astimezone(tz).date() - timedelta(days=1)
    last = end.astimezone(tz).date()
    while day <= last:
        midnight = datetime(day.year, day.month, day.day)
        for period in p.working_hours:
            if period.weekday != day.isoweekday():
                continue
            slot = (midnight + timedelta(minutes=period.start_minutes)).replace(tzinfo=tz)
            period_end = (midnight + timedelta(minutes=period.end_minutes)).replace(tzinfo=tz)
            yield slot.astimezone(UTC), period_end.astimezone(UTC)
        day += timedelta(days=1)


def _free_slots(
    world: World, p: Practitioner, start: datetime, end: datetime, duration: timedelta
) -> list[tuple[datetime, str, datetime]]:
    busy = merged_busy(world, p.id, start, end)
    busy_starts = [b[0] for b in busy]
    free = []
    for begin, stop in working_periods(p, start, end):
        while begin + duration <= stop:
            finish = begin + duration
            if begin >= start and finish <= end and not _overlaps(busy, busy_starts, begin, finish):
                free.append((begin, p.id, finish))
            begin = finish
    return free


def merged_busy(
    world: World, practitioner_id: str, start: datetime, end: datetime
) -> list[tuple[datetime, datetime]]:
    """The time live, active appointments take in ``[start, end)``, as disjoint intervals."""
    merged: list[tuple[datetime, datetime]] = []
    for appt in sorted(world.busy(practitioner_id, start, end), key=lambda a: a.starts_at):
        if merged and appt.starts_at <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], appt.ends_at))
        else:
            merged.append((appt.starts_at, appt.ends_at))
    return merged


def _overlaps(
    busy: list[tuple[datetime, datetime]], starts: list[datetime], begin: datetime, end: datetime
) -> bool:
    # The last busy interval starting before `end` is the only one that can overlap.
    i = bisect_left(starts, end) - 1
    return i >= 0 and busy[i][1] > begin
