"""JSON pointers (RFC 6901) into an OpenAPI document, `$ref` following, and model symbols."""

from __future__ import annotations

from typing import Any


def escape(token: str) -> str:
    """Escape one JSON pointer token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join(base: str, *tokens: object) -> str:
    """Append tokens to a JSON pointer."""
    return base + "".join("/" + escape(str(t)) for t in tokens)


def resolve_pointer(document: Any, pointer: str) -> Any:
    """The node at a JSON pointer, or `None` when there is none."""
    node = document
    for raw in pointer.split("/")[1:]:
        token = _unescape(raw)
        if isinstance(node, dict):
            node = node.get(token)
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return node


def deref(document: Any, node: Any, pointer: str) -> tuple[Any, str]:
    """Follow local `$ref`s from `node` (found at `pointer`) to the node they point at."""
    seen: set[str] = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref: str = node["$ref"]
        if not ref.startswith("#/") or ref in seen:
            break
        seen.add(ref)
        target = resolve_pointer(document, ref[1:])
        if target is None:
            break
        node, pointer = target, ref[1:]
    return node, pointer


def model_symbol(pointer: str) -> str | None:
    """`model X.prop` for a pointer inside a component schema's property, `model X` for the rest."""
    parts = [_unescape(p) for p in pointer.split("/")[1:]]
    if len(parts) < 3 or parts[:2] != ["components", "schemas"]:
        return None
    if len(parts) >= 5 and parts[3] == "properties":
        return f"model {parts[2]}.{parts[4]}"
    return f"model {parts[2]}"


def mapping(node: Any) -> dict[str, Any]:
    """`node` if it is a mapping, else an empty one: a malformed document is compared, not fatal."""
    return node if isinstance(node, dict) else {}


def sequence(node: Any) -> list[Any]:
    """`node` if it is a list, else an empty one."""
    return node if isinstance(node, list) else []
