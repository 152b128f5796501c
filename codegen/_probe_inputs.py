"""The calls of the empirical verdict: every operation of the base spec, with inputs from its examples.

One `Call` per operation the base SDK has (`codegen.operations.read_operations`, the same reading
the generator uses, so the arguments fit the generated methods): path parameters positional,
required query parameters and those with an example, and the body fields of the request body's
example, all as the SDK's keyword names. A value without an example is made from its schema
(`_synthesize.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from codegen._pointers import deref, join
from codegen._synthesize import example_of, synthesize
from codegen.operations import Operation, read_operations

_ORDER = {"GET": 0, "POST": 1, "PUT": 1, "PATCH": 1, "DELETE": 2}


@dataclass(frozen=True)
class Call:
    """One call of the base SDK: `client.<tag>.<verb>(*path values, **keywords)`."""

    operation_id: str
    method: str
    path: str
    pointer: str  # the operation in the base spec
    path_params: tuple[tuple[str, Any], ...]  # (name, example value), in path order
    keywords: dict[str, Any] = field(default_factory=dict)
    response_model: str | None = None

    @property
    def tag(self) -> str:
        return self.operation_id.split(".", 1)[0]

    @property
    def verb(self) -> str:
        return self.operation_id.split(".", 1)[1]

    @property
    def symbol(self) -> str:
        return f"AppointmentsClient.{self.operation_id}"


def _declared(document: dict[str, Any], path: str, method: str) -> dict[tuple[str, str], Any]:
    item, _ = deref(document, (document.get("paths") or {}).get(path), "")
    out: dict[tuple[str, str], Any] = {}
    for owner in (item or {}, (item or {}).get(method.lower()) or {}):
        for raw in owner.get("parameters") or []:
            node, _ = deref(document, raw, "")
            if isinstance(node, dict):
                out[(str(node.get("in")), str(node.get("name")))] = node
    return out


def _value(document: dict[str, Any], param: Any, required: bool) -> Any:
    example = example_of(document, param)
    if example is not None or not required:
        return example
    return synthesize(document, (param or {}).get("schema") or {})


def _body(document: dict[str, Any], op: Operation, node: dict[str, Any]) -> dict[str, Any]:
    request_body, _ = deref(document, node.get("requestBody"), "")
    media = ((request_body or {}).get("content") or {}).get("application/json") or {}
    value = example_of(document, media)
    if not isinstance(value, dict):
        value = synthesize(document, media.get("schema") or {})
    names = {p.name: p.python_name for p in op.body_params}
    return {names[k]: v for k, v in (value or {}).items() if k in names}


def plan_calls(document: dict[str, Any]) -> list[Call]:
    """The calls, reads first (collections before items), then writes, then deletes."""
    calls = []
    for op in read_operations(document):
        node = document["paths"][op.path][op.method.lower()]
        declared = _declared(document, op.path, op.method)
        path_params = tuple(
            (p.name, _value(document, declared.get(("path", p.name)), True)) for p in op.path_params
        )
        keywords: dict[str, Any] = {}
        for p in op.query_params:
            value = _value(document, declared.get(("query", p.name)), p.required)
            if value is not None:
                keywords[p.python_name] = value
        if op.if_match:
            value = _value(document, declared.get(("header", "If-Match")), False)
            if value is not None:
                keywords["if_match"] = value
        if op.body_model is not None:
            keywords.update(_body(document, op, node))
        calls.append(
            Call(
                operation_id=op.operation_id,
                method=op.method,
                path=op.path,
                pointer=join("", "paths", op.path, op.method.lower()),
                path_params=path_params,
                keywords=keywords,
                response_model=op.response_model,
            )
        )
    return sorted(calls, key=lambda c: (_ORDER.get(c.method, 1), c.path.count("/"), c.path))
