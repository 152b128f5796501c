"""World files (``serve --world FILE``): read, check against ``world.schema.json``, check the rules.

A world file is JSON or YAML. Loading it collects *every* problem before giving up -- syntax,
then the schema, then the rules the schema cannot state (unknown or duplicate ids, a
cancellation exactly when canceled, ``purge_at`` only when deleted, ...), then whatever the mock's
own rules refuse when the history is replayed (``world_build.py``) -- each located by a JSON
Pointer and, where the file has one, its line. ``WorldFile.build`` then makes a session's world.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from appointments_mock.limits import WORLD_MAX_FILE_BYTES, WORLD_MAX_NODES

_log = logging.getLogger("appointments_mock.world")
SCHEMA_PATH = Path(__file__).with_name("world.schema.json")
FORMAT_VERSION = 1
_ROLES = ("admin", "api_client", "staff", "client")


@dataclass(frozen=True, slots=True)
class WorldProblem:
    """One thing wrong with a world file: where (JSON Pointer, line) and what."""

    pointer: str
    message: str
    line: int | None = None

    def describe(self, source: str) -> str:
        """``source:line: pointer: message``."""
        where = f"{source}:{self.line}" if self.line is not None else source
        return f"{where}: {self.pointer or '/'}: {self.message}"


class WorldFileError(ValueError):
    """A world file that cannot be used, with every problem found in it."""

    def __init__(self, source: str, problems: list[WorldProblem]) -> None:
        self.source = source
        self.problems = problems
        count = len(problems)
        lines = [f"{source}: {count} problem{'s' if count != 1 else ''} in the world file:"]
        lines += [f"  {p.describe(source)}" for p in problems]
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class WorldFile:
    """A checked world file: its document, ready to build one world per session."""

    source: str
    document: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def build(self, *, seed: int = 0, retention_days: int = 30, clock: Any = None) -> Any:
        """A new world from this file (``world_build.build_world``); ``seed`` draws the ids not
        given. A snapshot's world is its records as they are (its own seed and clock)."""
        from appointments_mock.world_build import build_world

        if is_snapshot(self.document):
            from appointments_mock.snapshot import build_snapshot

            return build_snapshot(self.document, retention_days)[0]

        world, problems = build_world(
            self.document, seed=seed, retention_days=retention_days, clock=clock
        )
        # Checked when loaded; a file mixing absolute and relative instants can still meet a
        # rule later (a cancel that is now after an absolute end): that step is left out.
        for pointer, message in problems:
            _log.warning("%s: %s: %s (left out of this session)", self.source, pointer, message)
        return world

    def keys(self) -> dict[str, str]:
        """API key -> role, in file order."""
        return {k["key"]: k["role"] for k in self.document.get("api_keys", [])}

    def signing_keys(self) -> dict[str, tuple[str, str]]:
        """Signing key id -> (secret, API key)."""
        return {
            s["key_id"]: (s["secret"], s["api_key"]) for s in self.document.get("signing_keys", [])
        }


# --- reading ---------------------------------------------------------------------------------


def load_world(path: str | Path) -> WorldFile:
    """Read and check a world file (``.json``: JSON; anything else: YAML, which includes JSON)."""
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
        if size > WORLD_MAX_FILE_BYTES:
            raise WorldFileError(
                source,
                [WorldProblem("", f"the file has {size} bytes; at most {WORLD_MAX_FILE_BYTES}")],
            )
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise WorldFileError(
            source, [WorldProblem("", f"cannot read the file: {reason}")]
        ) from None
    return parse_world(text, source, json_syntax=path.suffix.lower() == ".json")


def parse_world(text: str, source: str = "<world>", *, json_syntax: bool = False) -> WorldFile:
    """Check a world file's text; raise ``WorldFileError`` listing every problem."""
    if len(text.encode()) > WORLD_MAX_FILE_BYTES:
        raise WorldFileError(source, [WorldProblem("", f"more than {WORLD_MAX_FILE_BYTES} bytes")])
    document, lines = _parse(text, source, json_syntax)
    problems = sorted(
        (
            WorldProblem(pointer, message, _line(lines, pointer))
            for pointer, message in _problems(document)
        ),
        key=lambda p: (p.line or 0, _sort_key(p.pointer), p.message),
    )
    if problems:
        raise WorldFileError(source, problems)
    return WorldFile(source, document, lines)


def _parse(text: str, source: str, json_syntax: bool) -> tuple[Any, dict[str, int]]:
    lines: dict[str, int] = {}
    if json_syntax:
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            found = WorldProblem("", f"not JSON: {exc.msg}", exc.lineno)
            raise WorldFileError(source, [found]) from None
        try:  # JSON is YAML: its nodes know their lines (best effort)
            lines = _line_map(_compose(text))
        except (yaml.YAMLError, _TooLarge):
            lines = {}
    else:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            lines = _line_map(node) if node is not None else {}
            document = loader.construct_document(node) if node is not None else None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            problem = getattr(exc, "problem", None) or str(exc)
            raise WorldFileError(source, [WorldProblem("", f"not YAML: {problem}", line)]) from None
        except _TooLarge:
            raise WorldFileError(
                source, [WorldProblem("", f"more than {WORLD_MAX_NODES} values (after aliases)")]
            ) from None
        finally:
            loader.dispose()
    if not isinstance(document, dict):
        raise WorldFileError(source, [WorldProblem("", "the document must be an object", 1)])
    return document, lines


_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """YAML as JSON sees it: no timestamps (instants stay text, checked here), no sexagesimal
    ``17:00`` numbers, ``true``/``false`` only."""


_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag.rsplit(":", 1)[-1] not in ("timestamp", "int", "float", "bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^-?(0|[1-9][0-9]*)$"), list("-0123456789")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$"),
    list("-0123456789"),
)
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(true|false)$"), list("tf"))


def _compose(text: str) -> Any:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


class _TooLarge(Exception):
    pass


def _line_map(root: Any) -> dict[str, int]:
    """JSON Pointer -> 1-based line of every node (aliases count each time they are reached)."""
    lines: dict[str, int] = {}
    stack: list[tuple[str, Any]] = [("", root)]
    while stack:
        pointer, node = stack.pop()
        if len(lines) >= WORLD_MAX_NODES:
            raise _TooLarge
        lines.setdefault(pointer, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = str(key.value).replace("~", "~0").replace("/", "~1")
                stack.append((f"{pointer}/{name}", value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((f"{pointer}/{i}", item) for i, item in enumerate(node.value))
    return lines


def _line(lines: dict[str, int], pointer: str) -> int | None:
    """The line of ``pointer``, or of its closest ancestor the file has."""
    while True:
        if pointer in lines:
            return lines[pointer]
        if not pointer:
            return None
        pointer = pointer.rsplit("/", 1)[0]


# --- checking --------------------------------------------------------------------------------


@cache
def schema() -> dict[str, Any]:
    """The world file format (JSON Schema 2020-12)."""
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

    return Draft202012Validator(schema())


def _pointer(path: Iterator[Any] | Any) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def is_snapshot(document: Any) -> bool:
    """Whether a document is a session snapshot (it has ``counters``): records as they are."""
    return isinstance(document, dict) and "counters" in document


def check(document: Any, source: str = "<world>") -> None:
    """Raise ``WorldFileError`` listing every problem of a parsed document (no line numbers)."""
    if not isinstance(document, dict):
        raise WorldFileError(source, [WorldProblem("", "the document must be an object")])
    problems = [WorldProblem(pointer, message) for pointer, message in _problems(document)]
    if problems:
        raise WorldFileError(source, sorted(problems, key=lambda p: _sort_key(p.pointer)))


def _problems(document: dict[str, Any]) -> list[tuple[str, str]]:
    """Every problem: the schema's, the rules the schema cannot state (for the records the schema
    accepts), and -- when there is none of those -- what the rules refuse in the replay."""
    instant = schema()["$defs"]["Instant"]
    found: list[tuple[str, str]] = []
    for error in _validator().iter_errors(document):
        if error.validator == "anyOf" and error.schema == instant:
            message = (
                f"{error.instance!r} is neither an RFC 3339 instant with an offset nor a "
                'signed ISO 8601 duration such as "+P1DT9H" or "-PT30M"'
            )
        else:
            message = error.message
        found.append((_pointer(error.absolute_path), message))
    # A record the schema refuses is left out of the rules below (its shape is unknown)...
    refused = {"/".join(pointer.split("/")[:3]) for pointer, _ in found}
    found += _rules(document, refused)
    if is_snapshot(document):
        found += _snapshot_members(document, refused)
        counters = document["counters"]
        if isinstance(counters, dict) and isinstance(counters.get("id_sequence"), list):
            from appointments_mock.store import World

            try:
                World().resume_id_sequence(counters["id_sequence"])
            except ValueError as exc:
                found.append(("/counters/id_sequence", str(exc)))
        return found
    if not found:
        from appointments_mock.world_build import build_world

        _, found = build_world(document, seed=0, retention_days=30)
    return found


def _sort_key(pointer: str) -> list[tuple[int, Any]]:
    return [(0, int(p)) if p.isdigit() else (1, p) for p in pointer.split("/")]


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


def _snapshot_members(doc: dict[str, Any], refused: set[str]) -> list[tuple[str, str]]:
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
    return found


def _rules(doc: dict[str, Any], refused: set[str]) -> list[tuple[str, str]]:
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
