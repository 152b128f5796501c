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
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from appointments_mock.limits import WORLD_MAX_FILE_BYTES, WORLD_MAX_NODES, WORLD_TEMPLATES
from appointments_mock.world_rules import is_snapshot, rules, snapshot_members

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
class _Template:
    """A world file's replayed history (``world_build.replay_history``) as a snapshot document,
    the locks still to apply, and what the rules refused."""

    snapshot: dict[str, Any]
    locks: tuple[tuple[str, str, str | None], ...]
    problems: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class WorldFile:
    """A checked world file: its document, ready to build one world per session."""

    source: str
    document: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    _templates: OrderedDict[tuple[int, int, datetime], _Template] = field(
        default_factory=OrderedDict, init=False, repr=False, compare=False
    )
    _templates_lock: threading.Lock = field(
        default_factory=threading.Lock, init=False, repr=False, compare=False
    )

    def build(self, *, seed: int = 0, retention_days: int = 30, clock: Any = None) -> Any:
        """A new world from this file (``world_build.build_world``); ``seed`` draws the ids not
        given. A snapshot's world is its records as they are (its own seed and clock).

        The history is replayed once per seed, retention and hour of the clock (the last
        ``WORLD_TEMPLATES`` of them are kept), then copied into each new world: the copy is a
        snapshot (``snapshot.py``), built from it as a snapshot is imported."""
        from appointments_mock.clock import Clock
        from appointments_mock.snapshot import build_snapshot
        from appointments_mock.world_build import anchor_of, apply_locks

        if is_snapshot(self.document):
            return build_snapshot(self.document, retention_days)[0]

        clock = clock if clock is not None else Clock()
        template = self._template(seed, retention_days, anchor_of(clock))
        world = build_snapshot(template.snapshot, retention_days, clock=clock)[0]
        # Checked when loaded; a file mixing absolute and relative instants can still meet a
        # rule later (a cancel that is now after an absolute end): that step is left out.
        for pointer, message in [*template.problems, *apply_locks(world, template.locks)]:
            _log.warning("%s: %s: %s (left out of this session)", self.source, pointer, message)
        return world

    def _template(self, seed: int, retention_days: int, anchor: datetime) -> _Template:
        """The history replayed for these inputs (kept for the next session)."""
        key = (seed, retention_days, anchor)
        with self._templates_lock:
            template = self._templates.get(key)
            if template is not None:
                self._templates.move_to_end(key)
                return template
        from appointments_mock.clock import Clock
        from appointments_mock.snapshot import export_session
        from appointments_mock.store import World
        from appointments_mock.world_build import replay_history

        world = World(
            clock=Clock(frozen_at=anchor), seed=seed, retention=timedelta(days=retention_days)
        )
        locks, problems = replay_history(world, self.document, anchor)
        template = _Template(export_session(world), tuple(locks), tuple(problems))
        with self._templates_lock:
            self._templates[key] = template
            while len(self._templates) > WORLD_TEMPLATES:
                self._templates.popitem(last=False)
        return template

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
    found += rules(document, refused)
    if is_snapshot(document):
        return found + snapshot_members(document, refused)
    if not found:
        from appointments_mock.world_build import build_world

        _, found = build_world(document, seed=0, retention_days=30)
    return found


def _sort_key(pointer: str) -> list[tuple[int, Any]]:
    return [(0, int(p)) if p.isdigit() else (1, p) for p in pointer.split("/")]
