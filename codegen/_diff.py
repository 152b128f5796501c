"""The comparison engine of the breaking-change gate: two OpenAPI 3.1 documents, operation by operation.

Operations are matched by operationId (then by method + path, to catch renames). Inside an operation,
parameters and request bodies are compared in the *request* direction (the client writes, the server
reads: narrowing breaks) and response bodies in the *response* direction (the server writes, the
client reads: widening breaks). `$ref`s are followed on both sides, so a change inside a shared
component schema is found through every operation that uses it and attributed to all of them; its
pointer is the component's own location, so it is reported once per kind and direction.

Every change names the SDK symbols it affects: the client methods (`AppointmentsClient.<tag>.<verb>`
and `AsyncAppointmentsClient.<tag>.<verb>`, exactly the operationId's parts) and, inside component
schemas, the model field (`model <SchemaName>.<property>`) or model (`model <SchemaName>`), plus the
model field through which a shared schema was reached.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from codegen._diff_schema import SchemaComparison, Severity, Walk
from codegen._pointers import deref, join, model_symbol

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
SEVERITY_ORDER: dict[str, int] = {"breaking": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Change:
    """One difference between the base and the new spec."""

    kind: str
    severity: Severity
    pointer: str  # JSON pointer into the new spec (into the base spec for removals)
    message: str
    symbols: tuple[str, ...]


def sdk_method_symbols(operation_id: str | None, method: str, path: str) -> tuple[str, ...]:
    """The SDK methods of an operation: its operationId `<tag>.<verb>` in both clients."""
    if operation_id and operation_id.count(".") == 1:
        tag, verb = operation_id.split(".")
        return (f"AppointmentsClient.{tag}.{verb}", f"AsyncAppointmentsClient.{tag}.{verb}")
    return (f"{method.upper()} {path}",)


@dataclass(frozen=True)
class _Operation:
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
        """Method and path with parameter names erased (`/a/{}`), to match renamed operations."""
        return self.method, _normalize_path(self.path)

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def symbols(self) -> tuple[str, ...]:
        return sdk_method_symbols(self.operation_id, self.method, self.path)


def _normalize_path(path: str) -> str:
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


def _operations(document: dict[str, Any]) -> dict[str, _Operation]:
    found: dict[str, _Operation] = {}
    for path, raw_item in (document.get("paths") or {}).items():
        item_pointer = join("", "paths", path)
        item, item_pointer = deref(document, raw_item, item_pointer)
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            node = item.get(method)
            if not isinstance(node, dict):
                continue
            operation_id = node.get("operationId")
            key = operation_id if isinstance(operation_id, str) else f"{method.upper()} {path}"
            found[key] = _Operation(
                key=key,
                operation_id=operation_id if isinstance(operation_id, str) else None,
                method=method,
                path=path,
                pointer=join(item_pointer, method),
                node=node,
                path_item=item,
                path_item_pointer=item_pointer,
            )
    return found


@dataclass
class _Finding:
    kind: str
    severity: Severity
    message: str
    symbols: set[str] = field(default_factory=set)


class SpecDiff(SchemaComparison):
    """Collects the changes between a base and a new (head) document."""

    def __init__(self, base: dict[str, Any], head: dict[str, Any]) -> None:
        self.base = base
        self.head = head
        self._findings: dict[tuple[str, str], _Finding] = {}
        self._visited: set[tuple[str, str, str, str | None]] = set()

    def changes(self) -> list[Change]:
        """Run the comparison and return every change, most severe first."""
        self._findings.clear()
        self._compare_operations()
        out = [
            Change(f.kind, f.severity, pointer, f.message, tuple(sorted(f.symbols)))
            for (_, pointer), f in self._findings.items()
        ]
        return sorted(out, key=lambda c: (SEVERITY_ORDER[c.severity], c.pointer, c.kind))

    def _add(
        self,
        kind: str,
        severity: Severity,
        pointer: str,
        message: str,
        symbols: tuple[str, ...] = (),
        via: str | None = None,
    ) -> None:
        finding = self._findings.setdefault((kind, pointer), _Finding(kind, severity, message))
        finding.symbols.update(symbols)
        model = model_symbol(pointer)
        if model:
            finding.symbols.add(model)
        if via:
            finding.symbols.add(via)

    # -- operations ----------------------------------------------------------------------------

    def _compare_operations(self) -> None:
        base_ops, head_ops = _operations(self.base), _operations(self.head)
        head_by_route = {op.route: op for op in head_ops.values()}
        matched_heads: set[str] = set()
        for key, old in base_ops.items():
            new = head_ops.get(key)
            if new is not None:
                if new.route != old.route:
                    self._add(
                        "operation-moved",
                        "breaking",
                        new.pointer,
                        f"{key} moved from {old.label} to {new.label}.",
                        old.symbols,
                    )
            else:
                new = head_by_route.get(old.route)
                if new is None or new.key in base_ops:
                    self._add(
                        "operation-removed",
                        "breaking",
                        old.pointer,
                        f"{old.label} ({key}) was removed.",
                        old.symbols,
                    )
                    continue
                self._add(
                    "operation-renamed",
                    "breaking",
                    join(new.pointer, "operationId"),
                    f"{old.label}: operationId {key} became {new.key} (the SDK method is renamed).",
                    old.symbols + new.symbols,
                )
            matched_heads.add(new.key)
            self._compare_operation(old, new)
        for key, new in head_ops.items():
            if key not in matched_heads:
                self._add(
                    "operation-added",
                    "info",
                    new.pointer,
                    f"{new.label} ({key}) was added.",
                    new.symbols,
                )
        self._compare_security(base_ops, head_ops)

    def _compare_operation(self, old: _Operation, new: _Operation) -> None:
        symbols = new.symbols
        self._compare_parameters(old, new, symbols)
        self._compare_request_body(old, new, symbols)
        self._compare_responses(old, new, symbols)

    def _parameters(
        self, document: dict[str, Any], op: _Operation
    ) -> dict[tuple[str, str], tuple[dict[str, Any], str]]:
        params: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
        for owner, owner_pointer in ((op.path_item, op.path_item_pointer), (op.node, op.pointer)):
            for i, raw in enumerate(owner.get("parameters") or []):
                node, pointer = deref(document, raw, join(owner_pointer, "parameters", i))
                if isinstance(node, dict) and "name" in node and "in" in node:
                    params[(str(node["in"]), str(node["name"]))] = (node, pointer)
        return params

    def _compare_parameters(
        self, old: _Operation, new: _Operation, symbols: tuple[str, ...]
    ) -> None:
        before, after = self._parameters(self.base, old), self._parameters(self.head, new)
        for key, (param, pointer) in after.items():
            where, name = key
            if key not in before:
                if param.get("required"):
                    self._add(
                        "parameter-added-required",
                        "breaking",
                        pointer,
                        f"{new.label}: new required {where} parameter `{name}`.",
                        symbols,
                    )
                else:
                    self._add(
                        "parameter-added-optional",
                        "info",
                        pointer,
                        f"{new.label}: new optional {where} parameter `{name}`.",
                        symbols,
                    )
                continue
            old_param, old_pointer = before[key]
            if param.get("required") and not old_param.get("required"):
                self._add(
                    "parameter-made-required",
                    "breaking",
                    join(pointer, "required"),
                    f"{new.label}: {where} parameter `{name}` is now required.",
                    symbols,
                )
            if "schema" in old_param and "schema" in param:
                self._compare_schema(
                    old_param["schema"],
                    join(old_pointer, "schema"),
                    param["schema"],
                    join(pointer, "schema"),
                    Walk("request", symbols),
                )
        for key, (_, pointer) in before.items():
            if key not in after:
                self._add(
                    "parameter-removed",
                    "breaking",
                    pointer,
                    f"{old.label}: {key[0]} parameter `{key[1]}` was removed.",
                    symbols,
                )

    def _compare_request_body(
        self, old: _Operation, new: _Operation, symbols: tuple[str, ...]
    ) -> None:
        before, before_pointer = deref(
            self.base, old.node.get("requestBody"), join(old.pointer, "requestBody")
        )
        after, after_pointer = deref(
            self.head, new.node.get("requestBody"), join(new.pointer, "requestBody")
        )
        if not isinstance(after, dict):
            if isinstance(before, dict):
                self._add(
                    "request-body-removed",
                    "breaking",
                    before_pointer,
                    f"{old.label}: the request body was removed.",
                    symbols,
                )
            return
        if not isinstance(before, dict):
            required = bool(after.get("required"))
            self._add(
                "request-body-added-required" if required else "request-body-added-optional",
                "breaking" if required else "info",
                after_pointer,
                f"{new.label}: new {'required' if required else 'optional'} request body.",
                symbols,
            )
            return
        if after.get("required") and not before.get("required"):
            self._add(
                "request-body-made-required",
                "breaking",
                join(after_pointer, "required"),
                f"{new.label}: the request body is now required.",
                symbols,
            )
        self._compare_content(
            before, before_pointer, after, after_pointer, Walk("request", symbols), new.label
        )

    def _compare_responses(
        self, old: _Operation, new: _Operation, symbols: tuple[str, ...]
    ) -> None:
        before = old.node.get("responses") or {}
        after = new.node.get("responses") or {}
        for status, raw in before.items():
            if status not in after:
                self._add(
                    "response-status-removed",
                    "breaking",
                    join(old.pointer, "responses", status),
                    f"{old.label}: response {status} was removed.",
                    symbols,
                )
                continue
            b, b_pointer = deref(self.base, raw, join(old.pointer, "responses", status))
            h, h_pointer = deref(self.head, after[status], join(new.pointer, "responses", status))
            if isinstance(b, dict) and isinstance(h, dict):
                self._compare_content(
                    b, b_pointer, h, h_pointer, Walk("response", symbols), f"{new.label} {status}"
                )
        for status in after:
            if status not in before:
                self._add(
                    "response-status-added",
                    "info",
                    join(new.pointer, "responses", status),
                    f"{new.label}: new response {status}.",
                    symbols,
                )

    def _compare_content(
        self,
        before: dict[str, Any],
        b_pointer: str,
        after: dict[str, Any],
        h_pointer: str,
        walk: Walk,
        label: str,
    ) -> None:
        b_content = before.get("content") or {}
        h_content = after.get("content") or {}
        for media_type, media in b_content.items():
            if media_type not in h_content:
                self._add(
                    f"{walk.direction}-media-type-removed",
                    "breaking",
                    join(b_pointer, "content", media_type),
                    f"{label}: {walk.direction} media type {media_type} was removed.",
                    walk.symbols,
                )
                continue
            new_media = h_content[media_type]
            if (
                isinstance(media, dict)
                and isinstance(new_media, dict)
                and "schema" in media
                and "schema" in new_media
            ):
                self._compare_schema(
                    media["schema"],
                    join(b_pointer, "content", media_type, "schema"),
                    new_media["schema"],
                    join(h_pointer, "content", media_type, "schema"),
                    walk,
                )

    # -- security ------------------------------------------------------------------------------

    def _compare_security(
        self, base_ops: dict[str, _Operation], head_ops: dict[str, _Operation]
    ) -> None:
        for key, new in head_ops.items():
            old = base_ops.get(key)
            if old is None:
                continue
            before, _ = _effective_security(self.base, old)
            after, h_where = _effective_security(self.head, new)
            pointer = h_where  # where the new effective requirement is written
            if _security_tightened(before, after):
                self._add(
                    "security-tightened",
                    "breaking",
                    pointer,
                    f"Security now requires {_describe_security(after)} (was {_describe_security(before)}).",
                    new.symbols,
                )
            elif _security_tightened(after, before):
                self._add(
                    "security-loosened",
                    "info",
                    pointer,
                    f"Security now accepts {_describe_security(after)} (was {_describe_security(before)}).",
                    new.symbols,
                )


# -- security helpers ----------------------------------------------------------------------


def _effective_security(
    document: dict[str, Any], op: _Operation
) -> tuple[list[dict[str, list[str]]], str]:
    if "security" in op.node:
        return _requirements(op.node["security"]), join(op.pointer, "security")
    return _requirements(document.get("security")), "/security"


def _requirements(raw: Any) -> list[dict[str, list[str]]]:
    if not isinstance(raw, list) or not raw:
        return [{}]  # no requirement: anonymous access
    return [{str(k): list(v or []) for k, v in r.items()} for r in raw if isinstance(r, dict)]


def _satisfies(requirement: dict[str, list[str]], alternative: dict[str, list[str]]) -> bool:
    """Whether a caller that meets `alternative` also meets `requirement`."""
    return all(
        s in alternative and set(scopes) <= set(alternative[s]) for s, scopes in requirement.items()
    )


def _security_tightened(
    before: list[dict[str, list[str]]], after: list[dict[str, list[str]]]
) -> bool:
    """True if some way of calling that was accepted before is accepted no longer."""
    return any(not any(_satisfies(new, old) for new in after) for old in before)


def _describe_security(requirements: list[dict[str, list[str]]]) -> str:
    def one(r: dict[str, list[str]]) -> str:
        if not r:
            return "no authentication"
        return " and ".join(f"{s}{'[' + ', '.join(sc) + ']' if sc else ''}" for s, sc in r.items())

    return " or ".join(one(r) for r in requirements)
