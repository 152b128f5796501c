"""Parameters, request bodies, responses and response headers of one matched pair of operations.

Parameters and request bodies are judged in the request direction, responses and their headers
in the response direction. Names are matched as HTTP matches them: header names (parameters and
response headers) case-insensitively, path parameters by their position in the template (a renamed
path parameter is the same parameter), media types without their parameters (`; charset=...`).
"""

from __future__ import annotations

from typing import Any

from codegen._diff_ops import Operation, path_parameter_names
from codegen._findings import DiffBase, Walk
from codegen._pointers import deref, join, mapping, sequence

# Header parameters OpenAPI says are ignored (they are set by the content and security fields).
_IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})
_SCALAR_TYPES = frozenset({"string", "integer", "number", "boolean", "null"})
ParamKey = tuple[str, object]


def _media_key(media_type: str) -> str:
    return media_type.split(";", 1)[0].strip().lower()


def _is_success(status: str) -> bool:
    return status[:1] in ("2", "3")


def _serialization(param: dict[str, Any]) -> tuple[str, bool]:
    """The effective `style` and `explode`, with OpenAPI's defaults written out."""
    where = param.get("in")
    style = str(param.get("style") or ("form" if where in ("query", "cookie") else "simple"))
    explode = param.get("explode")
    return style, bool(style == "form") if explode is None else bool(explode)


def _is_scalar(document: dict[str, Any], param: dict[str, Any]) -> bool:
    schema, _ = deref(document, param.get("schema"), "")
    types = schema.get("type") if isinstance(schema, dict) else None
    type_list = [types] if isinstance(types, str) else types if isinstance(types, list) else None
    return type_list is not None and set(type_list) <= _SCALAR_TYPES


def _sunset(node: dict[str, Any]) -> str:
    sunset = node.get("x-sunset")
    return f", sunset {sunset}" if sunset else ", no sunset date given"


class HttpComparison(DiffBase):
    """The HTTP half of `SpecDiff`: needs `_schema` from `SchemaComparison`."""

    # -- parameters -----------------------------------------------------------------------------

    def _parameters(
        self, document: dict[str, Any], op: Operation
    ) -> dict[ParamKey, tuple[dict[str, Any], str]]:
        order = path_parameter_names(op.path)
        params: dict[ParamKey, tuple[dict[str, Any], str]] = {}
        for owner, owner_pointer in ((op.path_item, op.path_item_pointer), (op.node, op.pointer)):
            for i, raw in enumerate(sequence(owner.get("parameters"))):
                node, pointer = deref(document, raw, join(owner_pointer, "parameters", i))
                if not (isinstance(node, dict) and "name" in node and "in" in node):
                    continue
                where, name = str(node["in"]), str(node["name"])
                key: ParamKey
                if where == "path" and name in order:
                    key = ("path", order.index(name))
                elif where == "header":
                    if name.lower() in _IGNORED_HEADERS:
                        continue
                    key = ("header", name.lower())
                else:
                    key = (where, name)
                params[key] = (node, pointer)
        return params

    def _compare_parameters(self, old: Operation, new: Operation) -> None:
        symbols = new.symbols
        before, after = self._parameters(self.base, old), self._parameters(self.head, new)
        for key, (param, pointer) in after.items():
            where, name = key[0], param["name"]
            if key not in before:
                required = bool(param.get("required"))
                self._add(
                    "parameter-added-required" if required else "parameter-added-optional",
                    pointer,
                    f"{new.label}: new {'required' if required else 'optional'} {where} parameter `{name}`.",
                    symbols,
                )
                continue
            old_param, old_pointer = before[key]
            self._compare_parameter(old_param, old_pointer, param, pointer, new, symbols)
        for key, (param, pointer) in before.items():
            if key not in after:
                self._add(
                    "parameter-removed",
                    pointer,
                    f"{old.label}: {key[0]} parameter `{param['name']}` was removed.",
                    symbols,
                )

    def _compare_parameter(
        self,
        old: dict[str, Any],
        old_pointer: str,
        new: dict[str, Any],
        pointer: str,
        op: Operation,
        symbols: tuple[str, ...],
    ) -> None:
        where, name = new["in"], new["name"]
        if where == "path" and old["name"] != name:
            self._add(
                "path-parameter-renamed",
                pointer,
                f"{op.label}: path parameter `{old['name']}` is now called `{name}` (same URL).",
                symbols,
            )
        if where != "path" and bool(new.get("required")) != bool(old.get("required")):
            made = "required" if new.get("required") else "optional"
            self._add(
                f"parameter-made-{made}",
                join(pointer, "required") if new.get("required") else pointer,
                f"{op.label}: {where} parameter `{name}` is now {made}.",
                symbols,
            )
        (b_style, b_explode), (h_style, h_explode) = _serialization(old), _serialization(new)
        scalar = _is_scalar(self.base, old) and _is_scalar(self.head, new)
        if b_style != h_style or (b_explode != h_explode and not scalar):
            self._add(
                "parameter-serialization-changed",
                pointer,
                f"{op.label}: `{name}` is serialized as style {h_style}, explode "
                f"{str(h_explode).lower()} (was {b_style}, {str(b_explode).lower()}).",
                symbols,
            )
        if new.get("deprecated") and not old.get("deprecated"):
            self._add(
                "parameter-deprecated",
                pointer,
                f"{op.label}: {where} parameter `{name}` is deprecated{_sunset(new)}.",
                symbols,
            )
        walk = Walk("request", symbols)
        if "schema" in old and "schema" in new:
            self._schema(
                old["schema"],
                join(old_pointer, "schema"),
                new["schema"],
                join(pointer, "schema"),
                walk,
            )
        elif isinstance(old.get("content"), dict) and isinstance(new.get("content"), dict):
            self._compare_content(old, old_pointer, new, pointer, walk, op.label)

    # -- request bodies ---------------------------------------------------------------------------

    def _compare_request_body(self, old: Operation, new: Operation) -> None:
        symbols = new.symbols
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
                    before_pointer,
                    f"{old.label}: the request body was removed.",
                    symbols,
                )
            return
        required = bool(after.get("required"))
        if not isinstance(before, dict):
            self._add(
                "request-body-added-required" if required else "request-body-added-optional",
                after_pointer,
                f"{new.label}: new {'required' if required else 'optional'} request body.",
                symbols,
            )
            return
        if required != bool(before.get("required")):
            self._add(
                "request-body-made-required" if required else "request-body-made-optional",
                join(after_pointer, "required") if required else after_pointer,
                f"{new.label}: the request body is now {'required' if required else 'optional'}.",
                symbols,
            )
        self._compare_content(
            before, before_pointer, after, after_pointer, Walk("request", symbols), new.label
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
        b_content = mapping(before.get("content"))
        h_content = mapping(after.get("content"))
        h_keys = {_media_key(str(k)): k for k in h_content}
        b_keys = {_media_key(str(k)) for k in b_content}
        for media_type, media in b_content.items():
            key = _media_key(str(media_type))
            if key not in h_keys:
                self._add(
                    f"{walk.direction}-media-type-removed",
                    join(b_pointer, "content", media_type),
                    f"{label}: {walk.direction} media type {media_type} was removed.",
                    walk.symbols,
                )
                continue
            new_type = h_keys[key]
            new_media = h_content[new_type]
            if (
                isinstance(media, dict)
                and isinstance(new_media, dict)
                and "schema" in media
                and "schema" in new_media
            ):
                self._schema(
                    media["schema"],
                    join(b_pointer, "content", media_type, "schema"),
                    new_media["schema"],
                    join(h_pointer, "content", new_type, "schema"),
                    walk,
                )
        for media_type in h_content:
            if _media_key(str(media_type)) not in b_keys:
                self._add(
                    f"{walk.direction}-media-type-added",
                    join(h_pointer, "content", media_type),
                    f"{label}: new {walk.direction} media type {media_type}.",
                    walk.symbols,
                )

    # -- responses and their headers --------------------------------------------------------------

    def _compare_responses(self, old: Operation, new: Operation) -> None:
        symbols = new.symbols
        before = mapping(old.node.get("responses"))
        after = mapping(new.node.get("responses"))
        after_by_status = {str(s).upper(): s for s in after}
        for status, raw in before.items():
            code = str(status).upper()
            match = after_by_status.get(code) or after_by_status.get(code[:1] + "XX")
            b_pointer = join(old.pointer, "responses", status)
            if match is None:
                rule = (
                    "response-success-status-removed"
                    if _is_success(code)
                    else "response-error-status-removed"
                )
                self._add(rule, b_pointer, f"{old.label}: response {status} was removed.", symbols)
                continue
            b, b_at = deref(self.base, raw, b_pointer)
            h, h_at = deref(self.head, after[match], join(new.pointer, "responses", match))
            if isinstance(b, dict) and isinstance(h, dict):
                walk = Walk("response", symbols)
                label = f"{new.label} {match}"
                self._compare_headers(b.get("headers"), b_at, h.get("headers"), h_at, walk, label)
                self._compare_content(b, b_at, h, h_at, walk, label)
        before_codes = {str(s).upper() for s in before}
        for status in after:
            if str(status).upper() not in before_codes:
                self._add(
                    "response-status-added",
                    join(new.pointer, "responses", status),
                    f"{new.label}: new response {status}.",
                    symbols,
                )

    def _headers(
        self, document: dict[str, Any], headers: Any, owner_pointer: str
    ) -> dict[str, tuple[str, dict[str, Any], str]]:
        out: dict[str, tuple[str, dict[str, Any], str]] = {}
        for name, raw in mapping(headers).items():
            if str(name).lower() == "content-type":
                continue
            node, pointer = deref(document, raw, join(owner_pointer, "headers", name))
            if isinstance(node, dict):
                out[str(name).lower()] = (str(name), node, pointer)
        return out

    def _compare_headers(
        self,
        before: Any,
        b_owner: str,
        after: Any,
        h_owner: str,
        walk: Walk,
        label: str,
    ) -> None:
        """Response headers (or the headers a webhook delivery carries): what clients read."""
        old, new = (
            self._headers(self.base, before, b_owner),
            self._headers(self.head, after, h_owner),
        )
        self._compare_header_maps(old, new, walk, label)

    def _compare_header_maps(
        self,
        old: dict[str, tuple[str, dict[str, Any], str]],
        new: dict[str, tuple[str, dict[str, Any], str]],
        walk: Walk,
        label: str,
    ) -> None:
        for key, (name, node, pointer) in old.items():
            required = bool(node.get("required"))
            if key not in new:
                self._add(
                    "response-header-removed-required"
                    if required
                    else "response-header-removed-optional",
                    pointer,
                    f"{label}: {'required' if required else 'optional'} header `{name}` was removed.",
                    walk.symbols,
                )
                continue
            _, h_node, h_pointer = new[key]
            if required and not h_node.get("required"):
                self._add(
                    "response-header-made-optional",
                    h_pointer,
                    f"{label}: header `{name}` may now be missing.",
                    walk.symbols,
                )
            if "schema" in node and "schema" in h_node:
                self._schema(
                    node["schema"],
                    join(pointer, "schema"),
                    h_node["schema"],
                    join(h_pointer, "schema"),
                    walk,
                )
        for key, (name, _, pointer) in new.items():
            if key not in old:
                self._add(
                    "response-header-added", pointer, f"{label}: new header `{name}`.", walk.symbols
                )
