"""Valid values from a spec: its own examples first, else a small instance made from the schema.

Used by the empirical verdict for the inputs of the base SDK's calls (`_probe_inputs.py`) and for
the answers of the example head mock (`_example_mock.py`). The instance is deterministic and
minimal: required properties only, the first non-null type, the lowest value a bound allows.
"""

from __future__ import annotations

from typing import Any

from codegen._pointers import deref

_FORMATS = {
    "uuid": "6f1c2b1e-2a3d-4c5e-8f90-1a2b3c4d5e6f",
    "date-time": "2030-01-02T03:04:05Z",
    "date": "2030-01-02",
    "time": "03:04:05Z",
    "email": "someone@example.com",
    "uri": "https://example.com/",
    "uri-reference": "/x",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
}
_MAX_DEPTH = 12


def example_of(document: dict[str, Any], holder: Any) -> Any:
    """The example of a media type, parameter or header (`example`, or the first of `examples`)."""
    if not isinstance(holder, dict):
        return None
    if "example" in holder:
        return holder["example"]
    examples = holder.get("examples")
    if isinstance(examples, dict) and examples:
        first, _ = deref(document, next(iter(examples.values())), "")
        if isinstance(first, dict) and "value" in first:
            return first["value"]
    schema, _ = deref(document, holder.get("schema"), "")
    return schema_example(schema)


def schema_example(schema: Any) -> Any:
    """A schema's own `example` or first `examples` entry, else None."""
    if not isinstance(schema, dict):
        return None
    if "example" in schema:
        return schema["example"]
    values = schema.get("examples")
    if isinstance(values, list) and values:
        return values[0]
    return None


def synthesize(document: dict[str, Any], schema: Any, depth: int = 0) -> Any:
    """A small value valid for `schema` in most cases (patterns are not solved: their example is)."""
    node, _ = deref(document, schema, "")
    if not isinstance(node, dict) or depth > _MAX_DEPTH:
        return None
    own = schema_example(node)
    if own is not None:
        return own
    if "const" in node:
        return node["const"]
    if isinstance(node.get("enum"), list) and node["enum"]:
        values = [v for v in node["enum"] if v is not None]
        return values[0] if values else None
    if "default" in node:
        return node["default"]
    for keyword in ("oneOf", "anyOf"):
        branches = node.get(keyword)
        if isinstance(branches, list) and branches:
            return synthesize(document, branches[0], depth + 1)
    if isinstance(node.get("allOf"), list):
        merged: dict[str, Any] = {}
        for branch in node["allOf"]:
            part = synthesize(document, branch, depth + 1)
            if isinstance(part, dict):
                merged.update(part)
        own_part = synthesize(document, {k: v for k, v in node.items() if k != "allOf"}, depth + 1)
        if isinstance(own_part, dict):
            merged.update(own_part)
        return merged
    types = node.get("type")
    type_list = [types] if isinstance(types, str) else list(types or [])
    kind = next((t for t in type_list if t != "null"), None)
    if kind is None:
        if "null" in type_list:
            return None
        kind = "object" if "properties" in node else "string"
    return _of_type(document, node, kind, depth)


def _of_type(document: dict[str, Any], node: dict[str, Any], kind: str, depth: int) -> Any:
    if kind == "object":
        properties = node.get("properties") or {}
        return {
            name: synthesize(document, properties.get(name, {}), depth + 1)
            for name in node.get("required") or []
        }
    if kind == "array":
        item = synthesize(document, node.get("items") or {}, depth + 1)
        return [item] * int(node.get("minItems") or 0)
    if kind in ("integer", "number"):
        low = node.get("minimum", node.get("exclusiveMinimum"))
        value = low if isinstance(low, int | float) and not isinstance(low, bool) else 0
        if "exclusiveMinimum" in node and value == node["exclusiveMinimum"]:
            value += 1
        step = node.get("multipleOf")
        if isinstance(step, int | float) and step and value % step:
            value += step - value % step
        return int(value) if kind == "integer" else value
    if kind == "boolean":
        return False
    text = _FORMATS.get(str(node.get("format")), "x")
    return text.ljust(int(node.get("minLength") or 0), "x")
