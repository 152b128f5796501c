"""The rules of a world file (or snapshot) its JSON Schema cannot state, as pure checks.

Each check returns ``(JSON Pointer, message)`` pairs, all of them, for ``world_file.py`` to locate
and report: references to unknown ids and keys, duplicates, fields that go together (a
cancellation exactly when canceled, ``purge_at`` only with ``deleted_at``), instants that exist
and are in range, and what differs between a world file (replayed) and a snapshot (taken whole).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any


def is_snapshot(document: Any) -> bool:
    """Whether a document is a session snapshot (it has ``counters``): records as they are."""
    return isinstance(document, dict) and "counters" in document


_DURATION = re.compile(
    r"^(?P<sign>[+-])P(?:(?P<W>[0-9]+)W)?(?:(?P<D>[0-9]+)D)?"
    r"(?:T(?:(?P<H>[0-9]+)H)?(?:(?P<M>[0-9]+)M)?(?:(?P<S>[0-9]+)S)?)?$"
)
MAX_OFFSET = timedelta(days=100 * 366)
"""The largest relative instant (about a century either side of the session's start)."""


def relative_offset(text: str) -> timedelta | None:
    """The offset of a relative instant (``"-P2DT3H"``), or None for an absolute one."""
    match = _DURATION.match(text)
    if match is None:
        return None
    parts = {k: int(v) for k, v in match.groupdict().items() if k != "sign" and v is not None}
    offset = timedelta(
        weeks=parts.get("W", 0),
        days=parts.get("D", 0),
        hours=parts.get("H", 0),
        minutes=parts.get("M", 0),
        seconds=parts.get("S", 0),
    )
    return -offset if match["sign"] == "-" else offset


def _instant_problem(text: str, snapshot: bool = False) -> str | None:
    from datetime import datetime

    if _DURATION.match(text):
        if snapshot:
            return f"{text!r}: a snapshot's instants are absolute (RFC 3339)"
        try:
            offset = relative_offset(text)
        except OverflowError:
            offset = None
        if offset is None or abs(offset) > MAX_OFFSET:
            return f"{text!r} is further than {MAX_OFFSET.days} days from the session's start"
        return None
    try:
        value = datetime.fromisoformat(text.upper())
    except ValueError:
        return f"{text!r} is not a valid date and time"
    return _out_of_range(value, text)


def _out_of_range(value: Any, text: str) -> str | None:
    from appointments_mock.clock import EARLIEST, LATEST

    if not EARLIEST <= value <= LATEST:
        return f"{text!r} is outside {EARLIEST.date()} .. {LATEST.date()} (UTC)"
    return None


def snapshot_members(doc: dict[str, Any], refused: set[str]) -> list[tuple[str, str]]:
    """What a snapshot's own members must also be: a clock in range, decodable responses."""
    import base64
    import binascii
    from datetime import datetime

    found: list[tuple[str, str]] = []
    clock = doc.get("clock")
    if isinstance(clock, dict) and "/clock" not in refused and "now" in clock:
        problem = _instant_problem(clock["now"], snapshot=True)
        if problem is None:
            problem = _out_of_range(datetime.fromisoformat(clock["now"].upper()), clock["now"])
        if problem is not None:
            found.append(("/clock/now", problem))
    offset = clock.get("offset_seconds", 0) if isinstance(clock, dict) else 0
    if isinstance(offset, int | float) and abs(offset) > MAX_OFFSET.total_seconds():
        found.append(("/clock/offset_seconds", f"further than {MAX_OFFSET.days} days"))
    keys = doc.get("idempotency_keys")
    for i, item in enumerate(keys if isinstance(keys, list) else []):
        where = f"/idempotency_keys/{i}"
        if not isinstance(item, dict) or where in refused:
            continue
        try:
            base64.b64decode(item["body"], validate=True)
        except (binascii.Error, ValueError):
            found.append((f"{where}/body", "not base64"))
        for j, pair in enumerate(item["headers"]):
            try:
                "".join(pair).encode("latin-1")
            except UnicodeEncodeError:
                found.append((f"{where}/headers/{j}", "a header is Latin-1 text"))
    for kind in ("audit_events", "notifications"):
        items = doc.get(kind)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict) or f"/{kind}/{i}" in refused:
                continue
            for name in ("occurred_at", "created_at"):
                if isinstance(item.get(name), str):
                    problem = _instant_problem(item[name], snapshot=True)
                    if problem is not None:
                        found.append((f"/{kind}/{i}/{name}", problem))
    counters = doc["counters"]
    if isinstance(counters, dict) and isinstance(counters.get("id_sequence"), list):
        from appointments_mock.store import World

        try:
            World().resume_id_sequence(counters["id_sequence"])
        except ValueError as exc:
            found.append(("/counters/id_sequence", str(exc)))
    return found


def rules(doc: dict[str, Any], refused: set[str]) -> list[tuple[str, str]]:
    """What the schema cannot say: references, uniqueness, combinations of fields."""
    from appointments_mock.domain.values import is_time_zone

    found: list[tuple[str, str]] = []

    def every(kind: str) -> list[tuple[int, dict[str, Any]]]:
        items = doc.get(kind)
        if not isinstance(items, list):
            return []
        return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]

    def valid(kind: str) -> list[tuple[int, dict[str, Any]]]:
        return [(i, item) for i, item in every(kind) if f"/{kind}/{i}" not in refused]

    def unique(kind: str, name: str) -> dict[str, str]:
        """Where each value of ``name`` is (...but still counts as known to the others)."""
        seen: dict[str, str] = {}
        for i, item in every(kind):
            value = item.get(name)
            if not isinstance(value, str):
                continue
            where = f"/{kind}/{i}/{name}"
            if value in seen:
                found.append((where, f"duplicate {name} {value!r} (also at {seen[value]})"))
            else:
                seen[value] = where
        return seen

    practitioners = unique("practitioners", "id")
    clients = unique("clients", "id")
    keys = unique("api_keys", "key")
    unique("signing_keys", "key_id")
    unique("appointments", "id")
    unique("appointments", "label")

    def zone(where: str, value: Any) -> None:
        if isinstance(value, str) and not is_time_zone(value):
            found.append((where, f"unknown time zone {value!r}"))

    def known(where: str, value: Any, table: dict[str, str], what: str) -> None:
        if value is not None and value not in table:
            found.append((where, f"unknown {what} {value!r}"))

    for i, p in valid("practitioners"):
        zone(f"/practitioners/{i}/time_zone", p.get("time_zone"))
        for j, period in enumerate(p.get("working_hours", [])):
            if period["end"] <= period["start"]:
                found.append((f"/practitioners/{i}/working_hours/{j}/end", "must be after start"))
    for i, c in valid("clients"):
        zone(f"/clients/{i}/time_zone", c.get("time_zone"))
    for i, k in valid("api_keys"):
        role, base = k["role"], f"/api_keys/{i}"
        for name, wanted, table in (
            ("practitioner_id", "staff", practitioners),
            ("client_id", "client", clients),
        ):
            if role == wanted and name not in k:
                found.append((base, f"a {role} key needs {name}"))
            elif role != wanted and name in k:
                found.append((f"{base}/{name}", f"only a {wanted} key has {name}"))
            else:
                known(f"{base}/{name}", k.get(name), table, name.removesuffix("_id"))
    for i, s in valid("signing_keys"):
        known(f"/signing_keys/{i}/api_key", s["api_key"], keys, "API key")
    snapshot = is_snapshot(doc)
    attendee_ids: dict[str, str] = {}
    for i, appt in valid("appointments"):
        base = f"/appointments/{i}"
        found += _appointment_rules(appt, base, practitioners, clients, keys, snapshot)
        if snapshot:
            found += _snapshot_rules(appt, base, attendee_ids)
        else:
            found += [
                (f"{where}/{name}", "only in a snapshot (a document with counters)")
                for where, record, names in _state_members(appt, base)
                for name in names
                if name in record
            ]
    return found


_APPOINTMENT_STATE = ("series_id", "updated_at", "version")
_ATTENDEE_STATE = ("id", "created_at", "updated_at", "version", "deleted_at", "purge_at")
_CANCELLATION_STATE = ("id", "reason_label", "cascaded")
_REPLAY_ONLY = ("created_by", "deleted_by", "attendance")


def _state_members(
    appt: dict[str, Any], base: str
) -> Iterator[tuple[str, dict[str, Any], tuple[str, ...]]]:
    """(where, record, the snapshot-only members it may have) for an appointment's records."""
    yield base, appt, _APPOINTMENT_STATE
    if isinstance(appt.get("cancellation"), dict):
        yield f"{base}/cancellation", appt["cancellation"], _CANCELLATION_STATE
    for j, seat in enumerate(appt.get("attendees", [])):
        yield f"{base}/attendees/{j}", seat, _ATTENDEE_STATE
        if isinstance(seat.get("cancellation"), dict):
            yield f"{base}/attendees/{j}/cancellation", seat["cancellation"], _CANCELLATION_STATE


def _snapshot_rules(
    appt: dict[str, Any], base: str, attendee_ids: dict[str, str]
) -> list[tuple[str, str]]:
    """A snapshot's records are complete: every state member there, no replay-only one."""
    found = [
        (f"{base}/{name}", "a snapshot's appointments are taken as they are: no " + name)
        for name in _REPLAY_ONLY
        if name in appt
    ]
    for where, record, names in _state_members(appt, base):
        wanted = ("id", "created_at", *names) if where == base else names
        for name in wanted:
            if name == "series_id" or (name in ("deleted_at", "purge_at") and where != base):
                continue  # optional: not in a series, not deleted
            if name not in record:
                found.append((where, f"a snapshot's record needs {name}"))
        if where.endswith("/cancellation") and not isinstance(record.get("canceled_by"), dict):
            found.append((f"{where}/canceled_by", "a snapshot names the actor (an object)"))
    for j, seat in enumerate(appt.get("attendees", [])):
        seat_id = seat.get("id")
        where = f"{base}/attendees/{j}/id"
        if isinstance(seat_id, str):
            if seat_id in attendee_ids:
                found.append((where, f"duplicate id {seat_id!r} (also at {attendee_ids[seat_id]})"))
            else:
                attendee_ids[seat_id] = where
    return found


def _appointment_rules(
    appt: dict[str, Any],
    base: str,
    practitioners: dict[str, str],
    clients: dict[str, str],
    keys: dict[str, str],
    snapshot: bool = False,
) -> list[tuple[str, str]]:
    from appointments_mock.domain.values import is_time_zone

    found: list[tuple[str, str]] = []

    def key(where: str, value: Any) -> None:
        if isinstance(value, dict):
            if not snapshot:
                found.append((where, "an actor object is a snapshot's: name an API key"))
        elif value is not None and value not in keys:
            found.append((where, f"unknown API key {value!r} (not in /api_keys)"))

    def instants(where: str, value: Any) -> None:
        if isinstance(value, dict):
            for name, item in value.items():
                instants(f"{where}/{name}", item)
        elif isinstance(value, list):
            for n, item in enumerate(value):
                instants(f"{where}/{n}", item)
        elif (
            isinstance(value, str)
            and where.rsplit("/", 1)[-1] in _INSTANT_FIELDS
            and (problem := _instant_problem(value, snapshot)) is not None
        ):
            found.append((where, problem))

    instants(base, appt)
    if appt["practitioner_id"] not in practitioners:
        found.append(
            (f"{base}/practitioner_id", f"unknown practitioner {appt['practitioner_id']!r}")
        )
    zone = appt.get("time_zone")
    if zone is not None and not is_time_zone(zone):
        found.append((f"{base}/time_zone", f"unknown time zone {zone!r}"))
    individual = appt["type"] == "individual"
    if individual:
        if "client_id" not in appt:
            found.append((base, "an individual appointment needs client_id"))
        for name in ("max_attendees",) if snapshot else ("max_attendees", "attendees"):
            if name in appt:
                found.append((f"{base}/{name}", "only a group appointment has " + name))
    else:
        if "max_attendees" not in appt:
            found.append((base, "a group appointment needs max_attendees"))
        for name in ("client_id", "attendance"):
            if name in appt:
                found.append(
                    (f"{base}/{name}", f"a group appointment has no {name} (see attendees)")
                )
    client = appt.get("client_id")
    if client is not None and client not in clients:
        found.append((f"{base}/client_id", f"unknown client {client!r}"))
    if snapshot and "id" not in appt:
        found.append((base, "a snapshot's record needs id"))
    if not snapshot and "id" in appt and "repeat_rule" in appt:
        found.append((f"{base}/id", "the ids of a series are drawn: no id with repeat_rule"))
    found += _cancellation_rules(appt, base, key)
    if "purge_at" in appt and "deleted_at" not in appt:
        found.append(
            (f"{base}/purge_at", "only a soft-deleted appointment (deleted_at) has purge_at")
        )
    if "deleted_by" in appt and "deleted_at" not in appt:
        found.append(
            (f"{base}/deleted_by", "only a soft-deleted appointment (deleted_at) has deleted_by")
        )
    if "lock_reason" in appt and appt.get("locked") is not True:
        found.append(
            (f"{base}/lock_reason", "only a locked appointment (locked: true) has lock_reason")
        )
    key(f"{base}/created_by", appt.get("created_by"))
    key(f"{base}/deleted_by", appt.get("deleted_by"))
    seated: dict[str, int] = {}
    for j, attendee in enumerate(appt.get("attendees", [])):
        where = f"{base}/attendees/{j}"
        cid = attendee["client_id"]
        if cid not in clients:
            found.append((f"{where}/client_id", f"unknown client {cid!r}"))
        if attendee.get("status", "active") == "active":
            if cid in seated:
                found.append(
                    (
                        f"{where}/client_id",
                        f"client {cid!r} already attends (attendees/{seated[cid]})",
                    )
                )
            seated[cid] = j
        found += _cancellation_rules(attendee, where, key)
    return found


_INSTANT_FIELDS = frozenset(
    {"starts_at", "ends_at", "created_at", "canceled_at", "deleted_at", "purge_at"}
)


def _cancellation_rules(record: dict[str, Any], base: str, key: Any) -> list[tuple[str, str]]:
    canceled = record.get("status", "active") == "canceled"
    if canceled and "cancellation" not in record:
        return [(base, "a canceled record needs a cancellation (reason_code, canceled_at)")]
    if not canceled and "cancellation" in record:
        return [(f"{base}/cancellation", "only a canceled record (status: canceled) has one")]
    if canceled:
        key(f"{base}/cancellation/canceled_by", record["cancellation"].get("canceled_by"))
    return []
