"""What a comparison finds: `Change` (one finding, named by its rule id) and the collector behind it.

The level of a finding is never written in the comparison code: `DiffBase._add` looks it up in the
catalogue (`codegen/rules.yaml`) by rule id. A finding is identified by its rule and JSON pointer, so
a change in a shared component schema reached through many operations is one finding that names all
of their SDK symbols.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from codegen._pointers import model_symbol
from codegen._schema_view import View, build_view
from codegen.rules import Level, level_rank, rule

Direction = Literal["request", "response"]


@dataclass(frozen=True)
class Change:
    """One finding of the gate."""

    rule: str
    level: Level
    pointer: str  # into the new spec; into the base spec for something removed
    message: str
    symbols: tuple[str, ...]
    accepted: str = ""  # the reason from accepted-changes.yaml, when a designer accepted it


@dataclass(frozen=True)
class Walk:
    """Where a schema comparison is: its direction, the operation's symbols, the entry model field."""

    direction: Direction
    symbols: tuple[str, ...]
    via: str | None = None

    @property
    def request(self) -> bool:
        return self.direction == "request"


@dataclass
class _Finding:
    message: str
    symbols: set[str] = field(default_factory=set)


class DiffBase:
    """State shared by the comparison mixins: the two documents and the findings so far."""

    def __init__(self, base: dict[str, Any], head: dict[str, Any]) -> None:
        self.base = base
        self.head = head
        self._findings: dict[tuple[str, str], _Finding] = {}
        self._visited: set[tuple[object, ...]] = set()
        self._views: dict[tuple[int, str], View] = {}

    def _view(self, document: dict[str, Any], raw: Any, pointer: str) -> View:
        """The view of the schema at `pointer` (one node per pointer in a document: cached)."""
        key = (id(document), pointer)
        view = self._views.get(key)
        if view is None:
            view = self._views[key] = build_view(document, raw, pointer)
        return view

    def _add(
        self,
        rule_id: str,
        pointer: str,
        message: str,
        symbols: tuple[str, ...] = (),
        via: str | None = None,
    ) -> None:
        rule(rule_id)  # an unknown id is a bug: fail here, not when rendering
        finding = self._findings.setdefault((rule_id, pointer), _Finding(message))
        finding.symbols.update(symbols)
        model = model_symbol(pointer)
        if model:
            finding.symbols.add(model)
        if via:
            finding.symbols.add(via)

    def _schema(self, b: Any, b_pointer: str, h: Any, h_pointer: str, walk: Walk) -> None:
        """Compare two schemas (implemented by `SchemaComparison`)."""
        raise NotImplementedError

    def _collected(self) -> list[Change]:
        out = [
            Change(rule_id, rule(rule_id).level, pointer, f.message, tuple(sorted(f.symbols)))
            for (rule_id, pointer), f in self._findings.items()
        ]
        return sorted(out, key=lambda c: (level_rank(c.level), c.pointer, c.rule))
