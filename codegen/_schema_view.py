"""A schema as the gate compares it: `$ref`s followed, null split off, `allOf` merged, enums gathered.

Two schemas that mean the same must look the same here, whatever their spelling:

* `type: [T, 'null']`, `anyOf: [T, {type: 'null'}]` and `enum: [..., null]` are all "T, nullable";
* `allOf` is the conjunction of its branches, so its branches are merged into one view
  (properties and `required` united, types and values intersected, the stricter bound kept);
  a property keeps the pointer of the branch that declares it;
* `enum`, `const` and a `oneOf`/`anyOf` whose branches are all `const` are one set of values;
* a `$ref` with sibling keywords (allowed in 3.1) is the target merged with the siblings.

What remains of `oneOf`/`anyOf` are `Variants`, compared branch by branch in `_diff_compose.py`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from codegen._pointers import deref, join

MISSING: Any = object()
# Keywords that never change what a schema accepts: a `$ref` with only these beside it is a pure ref.
ANNOTATIONS = frozenset(
    {"description", "title", "summary", "example", "examples", "$comment", "externalDocs", "xml"}
)
UPPER_BOUNDS = (
    "maxLength",
    "maxItems",
    "maxProperties",
    "maximum",
    "exclusiveMaximum",
    "maxContains",
)
LOWER_BOUNDS = (
    "minLength",
    "minItems",
    "minProperties",
    "minimum",
    "exclusiveMinimum",
    "minContains",
)
_JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array"}


@dataclass(frozen=True)
class Branch:
    """A subschema as written (maybe a `$ref`) and where it is."""

    raw: Any
    pointer: str


@dataclass
class Variants:
    """The branches of one `oneOf`/`anyOf` (null branches removed)."""

    keyword: str
    pointer: str
    branches: list[Branch]


@dataclass
class View:
    """The normalized form of one schema."""

    pointer: str
    nullable: bool = True
    nullable_known: bool = False  # False: nothing here says; an untyped schema accepts null
    types: frozenset[str] | None = None  # without "null"; None: any type
    explicit_types: bool = False  # `types` is written (`type`), not implied by values
    values: frozenset[Any] | None = None  # allowed values without null (hashable); None: any
    values_pointer: str = ""
    values_kind: str = ""  # enum, const, oneOf or anyOf
    extensible: frozenset[Any] | None = None  # x-extensible-enum
    extensible_pointer: str = ""
    properties: dict[str, Branch] = field(default_factory=dict)
    required: frozenset[str] = frozenset()
    required_pointer: str = ""
    keywords: dict[str, tuple[Any, str]] = field(default_factory=dict)  # value and its pointer
    variants: list[Variants] = field(default_factory=list)
    raw: Any = None  # the schema as written where the view was asked for (maybe a `$ref`)
    raw_pointer: str = ""

    def keyword(self, name: str) -> Any:
        """The value of a keyword, or `MISSING`."""
        return self.keywords.get(name, (MISSING, ""))[0]

    def keyword_pointer(self, name: str) -> str:
        """Where a keyword is written, or where it would be."""
        return self.keywords.get(name, (None, join(self.pointer, name)))[1]


def hashable(value: Any) -> Any:
    """A value usable in a set: containers as canonical JSON."""
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return value


def is_pure_ref(raw: Any) -> bool:
    """A `$ref` with nothing beside it but annotations."""
    return isinstance(raw, dict) and "$ref" in raw and set(raw) - {"$ref"} <= ANNOTATIONS


def is_null_schema(document: dict[str, Any], raw: Any) -> bool:
    """`{type: 'null'}` (or `const: null`, `enum: [null]`): a branch that only admits null."""
    node, _ = deref(document, raw, "")
    if not isinstance(node, dict):
        return False
    types = node.get("type")
    if types == "null" or types == ["null"]:
        return True
    return ("const" in node and node["const"] is None) or node.get("enum") == [None]


def _value_type(value: Any) -> str:
    return "null" if value is None else _JSON_TYPES.get(type(value), "object")


def build_view(document: dict[str, Any], raw: Any, pointer: str) -> View:
    """The view of the schema `raw` found at `pointer` in `document`."""
    view = _build(document, raw, pointer, frozenset())
    view.raw, view.raw_pointer = raw, pointer
    return view


def _build(document: dict[str, Any], raw: Any, pointer: str, seen: frozenset[str]) -> View:
    if raw is True or raw is None:
        return View(pointer)
    if raw is False:
        return View(pointer, nullable=False, nullable_known=True, types=frozenset())
    node, node_pointer = deref(document, raw, pointer)
    if not isinstance(node, dict) or node_pointer in seen:
        return View(node_pointer)
    seen = seen | {node_pointer}
    view = _own(node, node_pointer)
    if isinstance(raw, dict) and "$ref" in raw and not is_pure_ref(raw):
        siblings = {k: v for k, v in raw.items() if k != "$ref"}
        view = merge(view, _own(siblings, pointer))
    for i, branch in enumerate(node.get("allOf") or []):
        view = merge(view, _build(document, branch, join(node_pointer, "allOf", i), seen))
    for keyword in ("oneOf", "anyOf"):
        branches = node.get(keyword)
        if isinstance(branches, list):
            view = _add_variants(document, view, keyword, branches, node_pointer, seen)
    return view


def _own(node: dict[str, Any], pointer: str) -> View:
    """The view of a node's own keywords (no `allOf`/`oneOf`/`anyOf`)."""
    view = View(pointer)
    for key, value in node.items():
        if key not in ("allOf", "oneOf", "anyOf", "$ref", "properties", "required"):
            view.keywords[key] = (value, join(pointer, key))
    types = node.get("type")
    type_list = [types] if isinstance(types, str) else types if isinstance(types, list) else None
    if type_list is not None:
        view.types = frozenset(str(t) for t in type_list) - {"null"}
        view.explicit_types = True
        view.nullable, view.nullable_known = "null" in type_list, True
    if isinstance(node.get("enum"), list):
        values = node["enum"]
        view.values = frozenset(hashable(v) for v in values if v is not None)
        view.values_pointer, view.values_kind = join(pointer, "enum"), "enum"
        view.nullable = (view.nullable or not view.nullable_known) and None in values
        view.nullable_known = True
        if view.types is None:
            view.types = frozenset(_value_type(v) for v in values) - {"null"}
    if "const" in node:
        const = node["const"]
        view.values = frozenset() if const is None else frozenset({hashable(const)})
        view.values_pointer, view.values_kind = join(pointer, "const"), "const"
        view.nullable, view.nullable_known = const is None, True
        if view.types is None:
            view.types = frozenset({_value_type(const)}) - {"null"}
    if isinstance(node.get("x-extensible-enum"), list):
        view.extensible = frozenset(hashable(v) for v in node["x-extensible-enum"])
        view.extensible_pointer = join(pointer, "x-extensible-enum")
    if isinstance(node.get("properties"), dict):
        view.properties = {
            name: Branch(sub, join(pointer, "properties", name))
            for name, sub in node["properties"].items()
        }
    if isinstance(node.get("required"), list):
        view.required = frozenset(str(n) for n in node["required"])
        view.required_pointer = join(pointer, "required")
    return view


def _intersect_types(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    if a is None or b is None:
        return b if a is None else a
    out = set(a & b)
    if ("number" in a and "integer" in b) or ("integer" in a and "number" in b):
        out.add("integer")
    return frozenset(out)


def merge(a: View, b: View) -> View:
    """The conjunction of two views (`allOf`); `a`'s pointers win where both say something."""
    out = View(a.pointer)
    out.types = _intersect_types(a.types, b.types)
    out.explicit_types = a.explicit_types or b.explicit_types
    if a.nullable_known and b.nullable_known:
        out.nullable, out.nullable_known = a.nullable and b.nullable, True
    else:
        known = a if a.nullable_known else b
        out.nullable, out.nullable_known = known.nullable, known.nullable_known
    if a.values is not None and b.values is not None:
        out.values, out.values_pointer, out.values_kind = (
            a.values & b.values,
            a.values_pointer,
            a.values_kind,
        )
    else:
        src = a if a.values is not None else b
        out.values, out.values_pointer, out.values_kind = (
            src.values,
            src.values_pointer,
            src.values_kind,
        )
    ext = a if a.extensible is not None else b
    out.extensible, out.extensible_pointer = ext.extensible, ext.extensible_pointer
    out.properties = {**b.properties, **a.properties}
    out.required = a.required | b.required
    out.required_pointer = a.required_pointer or b.required_pointer
    out.keywords = {**b.keywords, **a.keywords}
    for name in UPPER_BOUNDS + LOWER_BOUNDS:
        if name in a.keywords and name in b.keywords:
            pick = min if name in UPPER_BOUNDS else max
            values = [a.keywords[name], b.keywords[name]]
            if all(isinstance(v[0], int | float) and not isinstance(v[0], bool) for v in values):
                out.keywords[name] = pick(values, key=lambda v: v[0])
    out.variants = a.variants + b.variants
    return out


def _is_value_branch(view: View) -> bool:
    """A branch that only lists values (a `const`, an `enum`) besides annotations."""
    structural = set(view.keywords) - ANNOTATIONS - {"type", "enum", "const"}
    return view.values is not None and not structural and not view.properties and not view.variants


def _add_variants(
    document: dict[str, Any],
    view: View,
    keyword: str,
    branches: list[Any],
    pointer: str,
    seen: frozenset[str],
) -> View:
    list_pointer = join(pointer, keyword)
    kept = [
        Branch(b, join(list_pointer, i))
        for i, b in enumerate(branches)
        if not is_null_schema(document, b)
    ]
    has_null = len(kept) < len(branches)
    views = [_build(document, b.raw, b.pointer, seen) for b in kept]
    if has_null and len(kept) == 1:  # `T | null`: T itself, nullable
        merged = merge(view, views[0])
        merged.nullable, merged.nullable_known = True, True
        return merged
    if views and all(_is_value_branch(v) for v in views):  # an enum spelled as const branches
        values = frozenset().union(*(v.values or frozenset() for v in views))
        own = View(view.pointer, values=values, values_pointer=list_pointer, values_kind=keyword)
        own.types = frozenset().union(*(v.types or frozenset() for v in views))
        own.nullable, own.nullable_known = has_null, True
        return merge(view, own)
    if kept:
        view.variants.append(Variants(keyword, list_pointer, kept))
    if not view.nullable_known:
        view.nullable = has_null or any(v.nullable for v in views)
        view.nullable_known = True
    elif has_null:
        view.nullable = True
    return view
