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

import json
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["breaking", "warning", "info"]
Direction = Literal["request", "response"]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
SEVERITY_ORDER: dict[str, int] = {"breaking": 0, "warning": 1, "info": 2}

_MISSING = object()
_UPPER_BOUNDS = ("maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum")
_LOWER_BOUNDS = ("minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum")


@dataclass(frozen=True)
class Change:
    """One difference between the base and the new spec."""

    kind: str
    severity: Severity
    pointer: str  # JSON pointer into the new spec (into the base spec for removals)
    message: str
    symbols: tuple[str, ...]


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


def _deref(document: Any, node: Any, pointer: str) -> tuple[Any, str]:
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
        item, item_pointer = _deref(document, raw_item, item_pointer)
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


@dataclass(frozen=True)
class _Walk:
    """Where a schema comparison is: its direction, the operation's symbols, the entry model field."""

    direction: Direction
    symbols: tuple[str, ...]
    via: str | None = None


class SpecDiff:
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
                node, pointer = _deref(document, raw, join(owner_pointer, "parameters", i))
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
                    _Walk("request", symbols),
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
        before, before_pointer = _deref(
            self.base, old.node.get("requestBody"), join(old.pointer, "requestBody")
        )
        after, after_pointer = _deref(
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
            before, before_pointer, after, after_pointer, _Walk("request", symbols), new.label
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
            b, b_pointer = _deref(self.base, raw, join(old.pointer, "responses", status))
            h, h_pointer = _deref(self.head, after[status], join(new.pointer, "responses", status))
            if isinstance(b, dict) and isinstance(h, dict):
                self._compare_content(
                    b, b_pointer, h, h_pointer, _Walk("response", symbols), f"{new.label} {status}"
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
        walk: _Walk,
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

    # -- schemas -------------------------------------------------------------------------------

    def _compare_schema(self, b: Any, b_pointer: str, h: Any, h_pointer: str, walk: _Walk) -> None:
        if isinstance(h, dict) and "$ref" in h:
            walk = _Walk(
                walk.direction,
                walk.symbols,
                model_symbol(h_pointer) if "/properties/" in h_pointer else walk.via,
            )
        b, b_pointer = _deref(self.base, b, b_pointer)
        h, h_pointer = _deref(self.head, h, h_pointer)
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
        self, b: dict[str, Any], h: dict[str, Any], h_pointer: str, walk: _Walk
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
        self, b: dict[str, Any], h: dict[str, Any], h_pointer: str, walk: _Walk
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
        self, b: dict[str, Any], b_pointer: str, h: dict[str, Any], h_pointer: str, walk: _Walk
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
        self, b: dict[str, Any], b_pointer: str, h: dict[str, Any], h_pointer: str, walk: _Walk
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
