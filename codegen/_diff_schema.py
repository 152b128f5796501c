"""Schema comparison for the breaking-change gate, by direction.

In the *request* direction (the client writes, the server reads) a schema that accepts less breaks
old clients: a type or enum value removed, null no longer accepted, a tighter bound or pattern, a
property added as or made required, a property removed, a default changed. In the *response*
direction (the server writes, the client reads) a schema that may return more breaks them: a property
removed or made optional, null or another type now possible; an enum value added is a warning, since
the SDK tolerates unknown values but old code may not expect them. `$ref`s are followed on both sides.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from codegen._pointers import deref, join, model_symbol

Severity = Literal["breaking", "warning", "info"]
Direction = Literal["request", "response"]

_MISSING = object()
_UPPER_BOUNDS = ("maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum")
_LOWER_BOUNDS = ("minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum")


@dataclass(frozen=True)
class Walk:
    """Where a schema comparison is: its direction, the operation's symbols, the entry model field."""

    direction: Direction
    symbols: tuple[str, ...]
    via: str | None = None


class SchemaComparison:
    """The schema half of `SpecDiff`: needs the two documents, a visited set and `_add`."""

    base: dict[str, Any]
    head: dict[str, Any]
    _visited: set[tuple[str, str, str, str | None]]

    def _add(
        self,
        kind: str,
        severity: Severity,
        pointer: str,
        message: str,
        symbols: tuple[str, ...] = (),
        via: str | None = None,
    ) -> None:
        raise NotImplementedError

    def _compare_schema(self, b: Any, b_pointer: str, h: Any, h_pointer: str, walk: Walk) -> None:
        if isinstance(h, dict) and "$ref" in h:
            walk = Walk(
                walk.direction,
                walk.symbols,
                model_symbol(h_pointer) if "/properties/" in h_pointer else walk.via,
            )
        b, b_pointer = deref(self.base, b, b_pointer)
        h, h_pointer = deref(self.head, h, h_pointer)
        if not isinstance(b, dict) or not isinstance(h, dict):
            return
        visit = (b_pointer, h_pointer, walk.direction + "|" + ",".join(walk.symbols), walk.via)
        if visit in self._visited:
            return
        self._visited.add(visit)

        b_null, b_core, b_core_pointer = _split_null(b, b_pointer)
        h_null, h_core, h_core_pointer = _split_null(h, h_pointer)
        if walk.direction == "response" and h_null and not b_null:
            self._add(
                "response-property-made-nullable",
                "breaking",
                h_pointer,
                "May now be null in responses.",
                walk.symbols,
                walk.via,
            )
        if walk.direction == "request" and b_null and not h_null:
            self._add(
                "type-narrowed",
                "breaking",
                h_pointer,
                "No longer accepts null in requests.",
                walk.symbols,
                walk.via,
            )
        if b_core is not b or h_core is not h:
            self._compare_schema(b_core, b_core_pointer, h_core, h_core_pointer, walk)
            return

        self._compare_types(b, h, h_pointer, walk)
        self._compare_enums(b, h, h_pointer, walk)
        if walk.direction == "request":
            self._compare_request_constraints(b, b_pointer, h, h_pointer, walk)
        self._compare_properties(b, b_pointer, h, h_pointer, walk)
        if isinstance(b.get("items"), dict) and isinstance(h.get("items"), dict):
            self._compare_schema(
                b["items"], join(b_pointer, "items"), h["items"], join(h_pointer, "items"), walk
            )
        for keyword in ("allOf", "anyOf", "oneOf"):
            b_list, h_list = b.get(keyword), h.get(keyword)
            if isinstance(b_list, list) and isinstance(h_list, list) and len(b_list) == len(h_list):
                for i, (bb, hh) in enumerate(zip(b_list, h_list, strict=True)):
                    self._compare_schema(
                        bb, join(b_pointer, keyword, i), hh, join(h_pointer, keyword, i), walk
                    )
            elif b_list is not None or h_list is not None:
                self._add(
                    "schema-composition-changed",
                    "warning",
                    h_pointer,
                    f"The `{keyword}` composition changed; review by hand whether old {walk.direction}s still fit.",
                    walk.symbols,
                    walk.via,
                )

    def _compare_types(
        self, b: dict[str, Any], h: dict[str, Any], h_pointer: str, walk: Walk
    ) -> None:
        b_types, h_types = _types(b), _types(h)
        if walk.direction == "request":
            if b_types is None and h_types is not None:
                self._add(
                    "type-narrowed",
                    "breaking",
                    h_pointer,
                    f"Now restricted to type {_fmt(h_types)}.",
                    walk.symbols,
                    walk.via,
                )
            elif b_types is not None and h_types is not None:
                lost = {t for t in b_types if not _covered(t, h_types)}
                if lost:
                    self._add(
                        "type-narrowed",
                        "breaking",
                        h_pointer,
                        f"No longer accepts type {_fmt(lost)} (now {_fmt(h_types)}).",
                        walk.symbols,
                        walk.via,
                    )
        elif b_types is not None:
            gained = {t for t in (h_types or {"any"}) if not _covered(t, b_types)}
            if gained:
                self._add(
                    "response-type-widened",
                    "breaking",
                    h_pointer,
                    f"May now be of type {_fmt(gained)} in responses (was {_fmt(b_types)}).",
                    walk.symbols,
                    walk.via,
                )

    def _compare_enums(
        self, b: dict[str, Any], h: dict[str, Any], h_pointer: str, walk: Walk
    ) -> None:
        b_enum, h_enum = _enum(b), _enum(h)
        pointer = join(h_pointer, "enum")
        if walk.direction == "request":
            if b_enum is None and h_enum is not None:
                self._add(
                    "type-narrowed",
                    "breaking",
                    pointer,
                    f"Now restricted to {_fmt(h_enum)}.",
                    walk.symbols,
                    walk.via,
                )
            elif b_enum is not None and h_enum is not None:
                removed, added = b_enum - h_enum, h_enum - b_enum
                if removed:
                    self._add(
                        "enum-value-removed",
                        "breaking",
                        pointer,
                        f"No longer accepts {_fmt(removed)}.",
                        walk.symbols,
                        walk.via,
                    )
                if added:
                    self._add(
                        "request-enum-value-added",
                        "info",
                        pointer,
                        f"Now also accepts {_fmt(added)}.",
                        walk.symbols,
                        walk.via,
                    )
        elif b_enum is not None:
            if h_enum is None:
                self._add(
                    "response-enum-value-added",
                    "warning",
                    h_pointer,
                    "No longer restricted to an enum in responses; older clients may meet unknown values.",
                    walk.symbols,
                    walk.via,
                )
            elif h_enum - b_enum:
                self._add(
                    "response-enum-value-added",
                    "warning",
                    pointer,
                    f"Responses may now carry {_fmt(h_enum - b_enum)}; older clients may not know it.",
                    walk.symbols,
                    walk.via,
                )

    def _compare_request_constraints(
        self, b: dict[str, Any], b_pointer: str, h: dict[str, Any], h_pointer: str, walk: Walk
    ) -> None:
        b_default, h_default = b.get("default", _MISSING), h.get("default", _MISSING)
        if b_default != h_default:
            pointer = join(h_pointer if h_default is not _MISSING else b_pointer, "default")
            self._add(
                "default-changed",
                "breaking",
                pointer,
                f"Default changed from {_fmt_default(b_default)} to {_fmt_default(h_default)}.",
                walk.symbols,
                walk.via,
            )
        tightened = []
        for keyword in _UPPER_BOUNDS:
            if keyword in h and (keyword not in b or h[keyword] < b[keyword]):
                tightened.append(f"{keyword} {b.get(keyword, 'none')} -> {h[keyword]}")
        for keyword in _LOWER_BOUNDS:
            if keyword in h and (keyword not in b or h[keyword] > b[keyword]):
                tightened.append(f"{keyword} {b.get(keyword, 'none')} -> {h[keyword]}")
        if "pattern" in h and h.get("pattern") != b.get("pattern"):
            tightened.append(f"pattern {b.get('pattern', 'none')} -> {h['pattern']}")
        if tightened:
            self._add(
                "type-narrowed",
                "breaking",
                h_pointer,
                "Accepts less than before: " + "; ".join(tightened) + ".",
                walk.symbols,
                walk.via,
            )

    def _compare_properties(
        self, b: dict[str, Any], b_pointer: str, h: dict[str, Any], h_pointer: str, walk: Walk
    ) -> None:
        b_props: dict[str, Any] = b.get("properties") or {}
        h_props: dict[str, Any] = h.get("properties") or {}
        b_required, h_required = set(b.get("required") or ()), set(h.get("required") or ())
        request = walk.direction == "request"
        for name in h_props:
            pointer = join(h_pointer, "properties", name)
            if name not in b_props:
                if request and name in h_required:
                    self._add(
                        "request-property-added-required",
                        "breaking",
                        pointer,
                        f"New required request property `{name}`.",
                        walk.symbols,
                        walk.via,
                    )
                elif request:
                    self._add(
                        "request-property-added",
                        "info",
                        pointer,
                        f"New optional request property `{name}`.",
                        walk.symbols,
                        walk.via,
                    )
                else:
                    self._add(
                        "response-property-added",
                        "info",
                        pointer,
                        f"New response property `{name}`.",
                        walk.symbols,
                        walk.via,
                    )
                continue
            if request and name in h_required and name not in b_required:
                self._add(
                    "request-property-made-required",
                    "breaking",
                    pointer,
                    f"Request property `{name}` is now required.",
                    walk.symbols,
                    walk.via,
                )
            if not request and name in b_required and name not in h_required:
                self._add(
                    "response-property-made-optional",
                    "breaking",
                    pointer,
                    f"Response property `{name}` may now be missing.",
                    walk.symbols,
                    walk.via,
                )
            self._compare_schema(
                b_props[name], join(b_pointer, "properties", name), h_props[name], pointer, walk
            )
        for name in b_props:
            if name not in h_props:
                kind = "request-property-removed" if request else "response-property-removed"
                self._add(
                    kind,
                    "breaking",
                    join(b_pointer, "properties", name),
                    f"{walk.direction.capitalize()} property `{name}` was removed.",
                    walk.symbols,
                    walk.via,
                )


# -- helpers -------------------------------------------------------------------------------------


def _split_null(schema: dict[str, Any], pointer: str) -> tuple[bool, dict[str, Any], str]:
    """Whether a schema admits null, and the schema without that null (with its pointer)."""
    types = schema.get("type")
    if isinstance(types, list) and "null" in types:
        rest = [t for t in types if t != "null"]
        core = dict(schema, type=rest[0] if len(rest) == 1 else rest)
        if isinstance(core.get("enum"), list):
            core["enum"] = [v for v in core["enum"] if v is not None]
        return True, core, pointer
    for keyword in ("anyOf", "oneOf"):
        branches = schema.get(keyword)
        if isinstance(branches, list):
            non_null = [
                (i, s)
                for i, s in enumerate(branches)
                if not (isinstance(s, dict) and s.get("type") == "null")
            ]
            if len(non_null) == 1 and len(branches) == 2:
                i, only = non_null[0]
                return True, only, join(pointer, keyword, i)
    return False, schema, pointer


def _types(schema: dict[str, Any]) -> set[str] | None:
    types = schema.get("type")
    if isinstance(types, str):
        return {types} - {"null"}
    if isinstance(types, list):
        return {str(t) for t in types} - {"null"}
    return None


def _covered(type_name: str, types: set[str]) -> bool:
    return type_name in types or (type_name == "integer" and "number" in types)


def _enum(schema: dict[str, Any]) -> set[Any] | None:
    values = schema.get("enum")
    if not isinstance(values, list):
        return None
    return {_hashable(v) for v in values if v is not None}


def _hashable(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return value


def _fmt(values: Any) -> str:
    return ", ".join(f"`{v}`" for v in sorted(values, key=str))


def _fmt_default(value: Any) -> str:
    return "none" if value is _MISSING else f"`{value}`"
