"""Bounds, patterns and the JSON Schema 2020-12 keywords, judged by direction.

Bounds: in requests a lowered maximum, a raised minimum or a new bound rejects values old clients
send; in responses a raised or removed maximum, a lowered or removed minimum returns values the old
SDK model (which enforces the bounds it was generated with) fails to parse. Patterns: equivalence
of two regular expressions is undecidable, so a changed pattern is a warning, a removed one (or one
widened to match anything) widens, a new one narrows.

2020-12 keywords (`not`, `if`/`then`/`else`, `contains`, `propertyNames`, `dependentRequired`,
`dependentSchemas`, `prefixItems`, `unevaluatedItems`): a constraint that appears narrows, one that
disappears widens; a subschema present on both sides is compared with every rule, same direction.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from codegen._findings import DiffBase, Walk
from codegen._pointers import join, sequence
from codegen._schema_view import LOWER_BOUNDS, MISSING, UPPER_BOUNDS, View

# Patterns that match every string: the same as no pattern.
_TRIVIAL_PATTERNS = frozenset({"", ".*", "^.*$", "^.*", ".*$", "[\\s\\S]*", "^[\\s\\S]*$"})
_SUBSCHEMA_KEYWORDS = ("contains", "propertyNames", "not")


def fmt(values: Any) -> str:
    """Values as a sorted list of code spans."""
    return ", ".join(f"`{v}`" for v in sorted(values, key=str))


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _divides(divisor: Any, value: Any) -> bool:
    """Whether every multiple of `value` is a multiple of `divisor`."""
    try:
        return Decimal(str(value)) % Decimal(str(divisor)) == 0
    except (InvalidOperation, ZeroDivisionError):
        return False


def _pattern(view: View) -> str | None:
    value = view.keyword("pattern")
    if not isinstance(value, str) or value in _TRIVIAL_PATTERNS:
        return None
    return value


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


class KeywordComparison(DiffBase):
    """Bounds, patterns and 2020-12 keywords; needs `_schema` from `SchemaComparison`."""

    def _compare_bounds(self, b: View, h: View, pointer: str, walk: Walk) -> None:
        narrower: list[str] = []  # accepts less than before
        wider: list[str] = []  # accepts more than before
        added: list[str] = []  # a bound where there was none
        for name in UPPER_BOUNDS + LOWER_BOUNDS:
            before, after = _number(b.keyword(name)), _number(h.keyword(name))
            if before == after:
                continue
            change = f"{name} {_fmt_bound(before)} -> {_fmt_bound(after)}"
            upper = name in UPPER_BOUNDS
            if before is None:
                added.append(change)
            elif after is None or (after > before if upper else after < before):
                wider.append(change)
            else:
                narrower.append(change)
        before, after = _number(b.keyword("multipleOf")), _number(h.keyword("multipleOf"))
        if before != after:
            change = f"multipleOf {_fmt_bound(before)} -> {_fmt_bound(after)}"
            if before is None:
                added.append(change)
            elif after is None or _divides(after, before):
                wider.append(change)
            else:
                narrower.append(change)
        unique_before, unique_after = (
            b.keyword("uniqueItems") is True,
            h.keyword("uniqueItems") is True,
        )
        if unique_before != unique_after:
            change = f"uniqueItems {str(unique_before).lower()} -> {str(unique_after).lower()}"
            (narrower if unique_after else wider).append(change)
        if walk.request:
            self._bound(
                "request-bound-tightened", pointer, "Accepts less than before", narrower, walk
            )
            self._bound("request-bound-added", pointer, "New bound", added, walk)
            self._bound("request-bound-relaxed", pointer, "Accepts more than before", wider, walk)
        else:
            self._bound(
                "response-bound-relaxed", pointer, "May return more than before", wider, walk
            )
            self._bound(
                "response-bound-tightened",
                pointer,
                "Returns less than before",
                narrower + added,
                walk,
            )

    def _bound(self, rule: str, pointer: str, text: str, changes: list[str], walk: Walk) -> None:
        if changes:
            self._add(rule, pointer, f"{text}: {'; '.join(changes)}.", walk.symbols, walk.via)

    def _compare_pattern(self, b: View, h: View, walk: Walk) -> None:
        before, after = _pattern(b), _pattern(h)
        if before == after:
            return
        direction = walk.direction
        if before is None:
            rule, pointer = f"{direction}-pattern-added", h.keyword_pointer("pattern")
        elif after is None:
            rule, pointer = f"{direction}-pattern-removed", b.keyword_pointer("pattern")
        else:
            rule, pointer = f"{direction}-pattern-changed", h.keyword_pointer("pattern")
        text = f"Pattern {_fmt_pattern(before)} became {_fmt_pattern(after)}."
        self._add(rule, pointer, text, walk.symbols, walk.via)

    # -- 2020-12 --------------------------------------------------------------------------------

    def _constraint(self, appeared: bool, pointer: str, what: str, walk: Walk) -> None:
        """A constraint appeared (narrows) or disappeared (widens)."""
        rule = f"{walk.direction}-constraint-{'added' if appeared else 'removed'}"
        text = f"{what} {'now applies' if appeared else 'no longer applies'}."
        self._add(rule, pointer, text, walk.symbols, walk.via)

    def _compare_keywords_2020(self, b: View, h: View, walk: Walk) -> None:
        for name in _SUBSCHEMA_KEYWORDS:
            before, after = b.keyword(name), h.keyword(name)
            if before is MISSING and after is MISSING:
                continue
            if (before is MISSING) != (after is MISSING):
                pointer = (
                    h.keyword_pointer(name) if after is not MISSING else b.keyword_pointer(name)
                )
                self._constraint(after is not MISSING, pointer, f"`{name}`", walk)
            elif name == "not":
                if _canonical(before) != _canonical(after):
                    self._add(
                        f"{walk.direction}-constraint-changed",
                        h.keyword_pointer(name),
                        "The `not` subschema changed; review which values it excludes now.",
                        walk.symbols,
                        walk.via,
                    )
            else:
                self._schema(before, b.keyword_pointer(name), after, h.keyword_pointer(name), walk)
        self._compare_conditional(b, h, walk)
        self._compare_dependent(b, h, walk)
        self._compare_prefix_items(b, h, walk)
        before, after = b.keyword("unevaluatedItems"), h.keyword("unevaluatedItems")
        if (before is False) != (after is False):
            pointer = (
                h.keyword_pointer("unevaluatedItems")
                if after is not MISSING
                else b.keyword_pointer("unevaluatedItems")
            )
            self._constraint(after is False, pointer, "`unevaluatedItems: false`", walk)

    def _compare_conditional(self, b: View, h: View, walk: Walk) -> None:
        before, after = b.keyword("if"), h.keyword("if")
        if before is MISSING and after is MISSING:
            return
        if (before is MISSING) != (after is MISSING):
            pointer = h.keyword_pointer("if") if after is not MISSING else b.keyword_pointer("if")
            self._constraint(
                after is not MISSING, pointer, "The conditional (`if`/`then`/`else`)", walk
            )
            return
        if _canonical(before) != _canonical(after):
            self._add(
                f"{walk.direction}-constraint-changed",
                h.keyword_pointer("if"),
                "The `if` condition changed; review which values its `then`/`else` apply to now.",
                walk.symbols,
                walk.via,
            )
        for name in ("then", "else"):
            b_sub, h_sub = b.keyword(name), h.keyword(name)
            if b_sub is MISSING and h_sub is MISSING:
                continue
            if (b_sub is MISSING) != (h_sub is MISSING):
                pointer = (
                    h.keyword_pointer(name) if h_sub is not MISSING else b.keyword_pointer(name)
                )
                self._constraint(h_sub is not MISSING, pointer, f"`{name}`", walk)
            else:
                self._schema(b_sub, b.keyword_pointer(name), h_sub, h.keyword_pointer(name), walk)

    def _compare_dependent(self, b: View, h: View, walk: Walk) -> None:
        for name in ("dependentRequired", "dependentSchemas"):
            before, after = b.keyword(name), h.keyword(name)
            b_map = before if isinstance(before, dict) else {}
            h_map = after if isinstance(after, dict) else {}
            for key in sorted(set(b_map) | set(h_map)):
                if key in h_map:
                    pointer = join(h.keyword_pointer(name), key)
                else:
                    pointer = join(b.keyword_pointer(name), key)
                if key not in b_map or key not in h_map:
                    self._constraint(key in h_map, pointer, f"`{name}` for `{key}`", walk)
                elif name == "dependentSchemas":
                    self._schema(
                        b_map[key], join(b.keyword_pointer(name), key), h_map[key], pointer, walk
                    )
                else:
                    b_names = {str(n) for n in sequence(b_map[key])}
                    h_names = {str(n) for n in sequence(h_map[key])}
                    gained, lost = h_names - b_names, b_names - h_names
                    if gained:
                        self._constraint(True, pointer, f"`{key}` needing {fmt(gained)}", walk)
                    if lost:
                        self._constraint(False, pointer, f"`{key}` needing {fmt(lost)}", walk)

    def _compare_prefix_items(self, b: View, h: View, walk: Walk) -> None:
        before, after = b.keyword("prefixItems"), h.keyword("prefixItems")
        b_list = before if isinstance(before, list) else []
        h_list = after if isinstance(after, list) else []
        b_max = _number(b.keyword("maxItems"))
        for i in range(max(len(b_list), len(h_list))):
            b_pointer = join(b.keyword_pointer("prefixItems"), i)
            h_pointer = join(h.keyword_pointer("prefixItems"), i)
            if i < len(b_list) and i < len(h_list):
                self._schema(b_list[i], b_pointer, h_list[i], h_pointer, walk)
            elif i < len(h_list):
                # A position that could not exist before (maxItems, items: false) constrains nothing
                # old values have; the raised bound is reported by the bound rules.
                if not ((b_max is not None and b_max <= i) or b.keyword("items") is False):
                    self._constraint(True, h_pointer, f"`prefixItems` position {i}", walk)
            else:
                self._constraint(False, b_pointer, f"`prefixItems` position {i}", walk)


def _fmt_bound(value: float | None) -> str:
    if value is None:
        return "none"
    return str(int(value)) if value.is_integer() else str(value)


def _fmt_pattern(value: str | None) -> str:
    return "none" if value is None else f"`{value}`"
