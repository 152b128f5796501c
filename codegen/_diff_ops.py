"""The operations of a document, keyed for matching, and their SDK symbols.

An operation is keyed by its operationId (that is its SDK method), except when the id is
duplicated: then by method and path, so that no operation silently drops out of the comparison.
Operations not matched by key are matched by route, the method and the path with parameter names
erased (`/books/{bookId}` and `/books/{id}` are one route), which tells a renamed operationId or
a renamed path parameter from a removed operation.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from codegen._pointers import deref, join, mapping

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def sdk_method_symbols(operation_id: str | None, method: str, path: str) -> tuple[str, ...]:
    """The SDK methods of an operation: its operationId `<tag>.<verb>` in both clients."""
    if operation_id and operation_id.count(".") == 1:
        tag, verb = operation_id.split(".")
        return (f"AppointmentsClient.{tag}.{verb}", f"AsyncAppointmentsClient.{tag}.{verb}")
    return (f"{method.upper()} {path}",)


def path_parameter_names(path: str) -> list[str]:
    """The `{name}` segments of a path template, in order."""
    names, depth, current = [], 0, ""
    for ch in path:
        if ch == "{":
            depth, current = depth + 1, ""
        elif ch == "}" and depth:
            depth -= 1
            names.append(current)
        elif depth:
            current += ch
    return names


def normalize_path(path: str) -> str:
    """The path with parameter names erased: `/a/{x}/b` becomes `/a/{}/b`."""
    out, depth = [], 0
    for ch in path:
        if ch == "{":
            depth += 1
            out.append("{}")
        elif ch == "}":
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class Operation:
    """One operation of a document, where it is and how it is keyed."""

    key: str
    operation_id: str | None
    method: str
    path: str
    pointer: str
    node: dict[str, Any]
    path_item: dict[str, Any]
    path_item_pointer: str

    @property
    def route(self) -> tuple[str, str]:
        return self.method, normalize_path(self.path)

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def symbols(self) -> tuple[str, ...]:
        return sdk_method_symbols(self.operation_id, self.method, self.path)


def operations(document: dict[str, Any]) -> tuple[dict[str, Operation], list[Operation]]:
    """The operations by key, and the operations whose operationId is not unique."""
    found: list[Operation] = []
    for path, raw_item in mapping(document.get("paths")).items():
        item, item_pointer = deref(document, raw_item, join("", "paths", path))
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            node = item.get(method)
            if not isinstance(node, dict):
                continue
            operation_id = node.get("operationId")
            found.append(
                Operation(
                    key="",
                    operation_id=operation_id if isinstance(operation_id, str) else None,
                    method=method,
                    path=str(path),
                    pointer=join(item_pointer, method),
                    node=node,
                    path_item=item,
                    path_item_pointer=item_pointer,
                )
            )
    counts = Counter(op.operation_id for op in found if op.operation_id)
    duplicated = [op for op in found if op.operation_id and counts[op.operation_id] > 1]
    keyed: dict[str, Operation] = {}
    for op in found:
        unique = op.operation_id and counts[op.operation_id] == 1
        key = op.operation_id if unique and op.operation_id else op.label
        keyed[key] = replace(op, key=key)
    return keyed, duplicated
