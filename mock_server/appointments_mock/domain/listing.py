"""``appointments.list``: filters, visibility by role, order and pages, using the store's indexes.

The plan picks the cheapest source: a small id set (client, series), or the store's (status,
deleted) buckets, of all practitioners or of one, sorted by the order field. With no filter left
to check item by item, a page costs O(log n + offset + page) whatever the size of the store.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import Any

from appointments_mock.domain.context import Call
from appointments_mock.domain.guards import sees_appointment
from appointments_mock.domain.lifecycle import transaction
from appointments_mock.domain.paging import Pager, count_and_take
from appointments_mock.domain.problems import parameter_error, validation_error
from appointments_mock.domain.serialize import appointment_encoded, appointment_json, ts
from appointments_mock.domain.values import instant_parameter
from appointments_mock.store import ORDER_FIELDS, Appointment, Key, OrderField, Status, World

_STATUSES: tuple[Status, ...] = ("active", "canceled")
_DELETED = {"exclude": (False,), "include": (False, True), "only": (True,)}
_ORDERS = {
    f"{name}{suffix}": (name, bool(suffix)) for name in ORDER_FIELDS for suffix in ("", "_desc")
}

Predicate = Callable[[Appointment], bool]
# The filters an index sorted by this field answers by bisection.
_RANGED = {"starts_at": ("starts_after", "starts_before"), "updated_at": ("updated_since",)}


def _order_value(appt: Appointment, name: OrderField) -> datetime:
    value: datetime = getattr(appt, name)
    return value


def list_appointments(
    world: World,
    call: Call,
    *,
    status: Sequence[str] | None = None,
    deleted: str | None = None,
    type_: str | None = None,
    practitioner_id: str | None = None,
    client_id: str | None = None,
    series_id: str | None = None,
    starts_after: str | datetime | None = None,
    starts_before: str | datetime | None = None,
    updated_since: str | datetime | None = None,
    order_by: str | None = None,
    page_size: int | None = None,
    page_token: str | None = None,
    encoded: bool = False,
) -> dict[str, Any]:
    """One page of the appointments the caller may see (default: active, not deleted).

    With ``encoded``, the items are ``EncodedJSON`` (the same JSON, cached per appointment) for
    an HTTP reply, which ``serialize.encode`` splices in.
    """
    errors = []
    wanted = list(dict.fromkeys(status or ["active"]))
    bad = [s for s in wanted if s not in _STATUSES]
    if bad:
        errors.append(parameter_error("status", f"{bad[0]!r} is not one of {list(_STATUSES)}"))
    deleted = deleted or "exclude"
    if deleted not in _DELETED:
        errors.append(parameter_error("deleted", f"{deleted!r} is not one of {list(_DELETED)}"))
    order_by = order_by or "starts_at"
    if order_by not in _ORDERS:
        errors.append(parameter_error("order_by", f"{order_by!r} is not one of {list(_ORDERS)}"))
    if type_ is not None and type_ not in ("individual", "group"):
        errors.append(parameter_error("type", f"{type_!r} is not one of ['individual', 'group']"))
    if errors:
        raise validation_error(errors)
    after = instant_parameter("starts_after", starts_after)
    before = instant_parameter("starts_before", starts_before)
    since = instant_parameter("updated_since", updated_since)
    pager = Pager(
        "appointments.list",
        {
            "status": sorted(wanted),
            "deleted": deleted,
            "type": type_,
            "practitioner_id": practitioner_id,
            "client_id": client_id,
            "series_id": series_id,
            "starts_after": ts(after),
            "starts_before": ts(before),
            "updated_since": ts(since),
            "order_by": order_by,
        },
        page_size,
        page_token,
    )
    actor = call.actor
    statuses = [s for s in _STATUSES if s in wanted and (actor.type != "client" or s == "active")]
    flags = _DELETED[deleted]
    field, desc = _ORDERS[order_by]

    # Filters the chosen source does not already guarantee.
    extra: dict[str, Predicate] = {}
    if type_ is not None:
        extra["type"] = lambda a: a.type == type_
    if practitioner_id is not None:
        extra["practitioner_id"] = lambda a: a.practitioner_id == practitioner_id
    if after is not None:
        extra["starts_after"] = lambda a: a.starts_at >= after
    if before is not None:
        extra["starts_before"] = lambda a: a.starts_at < before
    if since is not None:
        extra["updated_since"] = lambda a: a.updated_at >= since
    if series_id is not None:
        extra["series_id"] = lambda a: a.series_id == series_id
    if client_id is not None:
        extra["client_id"] = lambda a: _attends(world, client_id, a)

    def matches(appt: Appointment) -> bool:
        return (
            appt.status in statuses
            and appt.deleted in flags
            and all(check(appt) for check in extra.values())
            and sees_appointment(world, actor, appt)
        )

    with transaction(world, call):
        if not statuses:
            found: list[Appointment] = []
            total = 0
        else:
            query = _Query(statuses, flags, field, desc, practitioner_id, client_id, series_id)
            found, total = _plan(world, call, pager, query, matches, extra, after, before, since)
        to_json = appointment_encoded if encoded else appointment_json
        return pager.page([to_json(world, a, call.now) for a in found], total)


def _attends(world: World, client_id: str, appt: Appointment) -> bool:
    return any(a.client_id == client_id for a in world.attendees_of(appt))


@dataclass(frozen=True, slots=True)
class _Query:
    statuses: list[Status]
    flags: tuple[bool, ...]
    field: OrderField
    desc: bool
    practitioner_id: str | None
    client_id: str | None
    series_id: str | None


def _plan(
    world: World,
    call: Call,
    pager: Pager,
    q: _Query,
    matches: Predicate,
    extra: dict[str, Predicate],
    after: datetime | None,
    before: datetime | None,
    since: datetime | None,
) -> tuple[list[Appointment], int]:
    actor = call.actor
    # 1. Small id sets: a client's own appointments, a client filter, a series.
    small: set[str] | None = None
    for ids in (
        world.by_client.get(actor.client_id or "", set()) if actor.type == "client" else None,
        world.by_client.get(q.client_id, set()) if q.client_id is not None else None,
        world.by_series.get(q.series_id, set()) if q.series_id is not None else None,
    ):
        if ids is not None:
            small = set(ids) if small is None else small & ids
    if small is not None:
        chosen = [world.appointments[i] for i in small if i in world.appointments]
        return _sorted_window(pager, (a for a in chosen if matches(a)), q.field, q.desc)

    # 2. The (status, deleted) buckets of all practitioners, or of one (a filter, or the staff
    # key's own), sorted by the order field and ranged by the filter on that field. Only the
    # filters the buckets do not cover are checked item by item.
    own = actor.practitioner_id if actor.type == "staff" else None
    if own is not None and q.practitioner_id not in (None, own):
        return [], 0
    scope = own or q.practitioner_id
    covered = {"practitioner_id"}
    covered.update(_RANGED.get(q.field, ()))
    lo_t, hi_t = {"starts_at": (after, before), "updated_at": (since, None)}.get(
        q.field, (None, None)
    )
    remaining = [check for name, check in extra.items() if name not in covered]
    ranges: list[tuple[Any, int, int]] = []  # (SortedList of keys, lo, hi)
    for status in q.statuses:
        for flag in q.flags:
            index = world.ordered(status, flag, q.field, scope)
            lo, hi = index.bounds(lo_t, hi_t)
            if hi > lo:
                ranges.append((index.keys, lo, hi))
    if not ranges:
        return [], 0
    if len(ranges) == 1 and not remaining:
        keys, lo, hi = ranges[0]
        total = hi - lo
        start, end = pager.offset, min(total, pager.offset + pager.size)
        if start >= end:
            return [], total
        # One walk over the sublists (``keys[i]`` would bisect the SortedList's index each time).
        window = (
            keys.islice(hi - end, hi - start, reverse=True)
            if q.desc
            else keys.islice(lo + start, lo + end)
        )
        return list(_resolve(world, window)), total
    merged: Iterable[Key] = heapq.merge(
        *(_keys(keys, lo, hi, q.desc) for keys, lo, hi in ranges), reverse=q.desc
    )
    if not remaining:
        # The total is known without a scan; the merge stops at the end of the page.
        total = sum(hi - lo for _, lo, hi in ranges)
        window = list(islice(merged, pager.offset, pager.offset + pager.size))
        return list(_resolve(world, window)), total
    stream = (a for a in _resolve(world, merged) if all(check(a) for check in remaining))
    return count_and_take(pager, stream)


def _keys(keys: Any, lo: int, hi: int, desc: bool) -> Iterator[Key]:
    # SortedList.islice walks the sublists; keys[i] one by one would bisect its index each time.
    iterator: Iterator[Key] = keys.islice(lo, hi, reverse=desc)
    return iterator


def _resolve(world: World, keys: Iterable[Key]) -> Iterator[Appointment]:
    for _, appt_id in keys:
        yield world.appointments[appt_id]


def _sorted_window(
    pager: Pager, appts: Iterable[Appointment], field: OrderField, desc: bool
) -> tuple[list[Appointment], int]:
    chosen = sorted(appts, key=lambda a: (_order_value(a, field), a.id), reverse=desc)
    return pager.slice(chosen), len(chosen)
