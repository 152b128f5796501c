"""A head mock for any spec: validates requests against it and answers with its examples.

The repository's mock (`appointments_mock`) serves exactly the working tree's `openapi.yaml`, with
handlers for its operations. A head spec that is not that file (a spec pair of the reference set,
`check --spec other.yaml`) gets this small ASGI app instead, built from the document alone:

* routing by the `paths` templates under the first server's path (404 `no-such-operation`, 405);
* security by presence: some requirement alternative must be met by the credentials sent (a
  bearer token for `http bearer`, OAuth2 and OpenID Connect; the API key's header, query
  parameter or cookie), else 401;
* parameters (path, query, header; unknown query parameters are rejected, as the repository mock
  does) and the JSON body, coerced and validated with JSON Schema 2020-12 and format checks;
  415 for a media type the operation does not take; every failure 400 `validation-error`;
* the response of the lowest 2xx status: its example when it is valid for the head schema, else a
  small instance made from the schema; required response headers are set.

It is a test double for the empirical verdict, not a second implementation of the API.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, quote

from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from codegen._diff_ops import HTTP_METHODS
from codegen._pointers import deref, join, resolve_pointer
from codegen._synthesize import example_of, synthesize

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
_URI = "urn:head-spec"


def _base_path(document: dict[str, Any]) -> str:
    servers = document.get("servers") or [{"url": "/"}]
    url = str(servers[0].get("url", "/")) if isinstance(servers[0], dict) else "/"
    return re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url, flags=re.IGNORECASE).rstrip("/")


def _template(path: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", path)
    pattern = "".join(
        f"(?P<p{i}>[^/]+)" if part.startswith("{") else re.escape(part)
        for i, part in enumerate(parts)
    )
    return re.compile(f"^{pattern}$")


def _names(path: str) -> dict[str, str]:
    parts = re.split(r"(\{[^}]+\})", path)
    return {f"p{i}": part[1:-1] for i, part in enumerate(parts) if part.startswith("{")}


class _Invalid(Exception):
    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail


class ExampleMock:
    """The ASGI app (see the module docstring)."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.base_path = _base_path(document)
        # OpenAPI's readOnly/writeOnly: a required readOnly property is required in responses only,
        # a writeOnly one in requests only; plain JSON Schema knows neither.
        self._registries: dict[str, Registry[Any]] = {
            direction: Registry().with_resource(
                _URI, DRAFT202012.create_resource(_for_direction(document, hidden))
            )
            for direction, hidden in (("request", "readOnly"), ("response", "writeOnly"))
        }
        self._validators: dict[tuple[str, str], Draft202012Validator] = {}
        self.routes: list[tuple[re.Pattern[str], dict[str, str], str, dict[str, Any], str]] = []
        for path, raw in (document.get("paths") or {}).items():
            item, pointer = deref(document, raw, join("", "paths", path))
            if isinstance(item, dict):
                self.routes.append(
                    (_template(str(path)), _names(str(path)), str(path), item, pointer)
                )

    # -- validation ------------------------------------------------------------------------------

    def _validate(self, pointer: str, value: Any, what: str, direction: str = "request") -> None:
        validator = self._validators.get((direction, pointer))
        if validator is None:
            validator = Draft202012Validator(
                {"$ref": f"{_URI}#{quote(pointer, safe='/~')}"},
                registry=self._registries[direction],
                format_checker=Draft202012Validator.FORMAT_CHECKER,
            )
            self._validators[(direction, pointer)] = validator
        errors = list(validator.iter_errors(value))
        if errors:
            raise _Invalid(400, "validation-error", f"{what}: {errors[0].message}")

    def _valid(self, pointer: str, value: Any) -> bool:
        try:
            self._validate(pointer, value, "value", "response")
        except _Invalid:
            return False
        return True

    def _repair(self, pointer: str, value: Any, depth: int = 0) -> Any:
        """`value` made valid for the schema at `pointer`, keeping every part that already is.

        The head's example is usually the base's, written for the base schema; only the parts the
        head changed are made anew, so the answer stays as close to the example as it can.
        """
        if self._valid(pointer, value):
            return value
        schema, at = deref(self.document, resolve_pointer(self.document, pointer), pointer)
        if (
            depth < 8
            and isinstance(schema, dict)
            and isinstance(value, dict)
            and "properties" in schema
        ):
            out = {}
            for name, sub in value.items():
                if name in schema["properties"]:
                    out[name] = self._repair(join(at, "properties", name), sub, depth + 1)
            for name in schema.get("required") or []:
                if name not in out:
                    out[name] = synthesize(self.document, schema["properties"].get(name, {}))
            if self._valid(pointer, out):
                return out
        if (
            depth < 8
            and isinstance(schema, dict)
            and isinstance(value, list)
            and isinstance(schema.get("items"), dict)
        ):
            items = [self._repair(join(at, "items"), v, depth + 1) for v in value]
            if self._valid(pointer, items):
                return items
        return synthesize(self.document, schema)

    def _coerce(self, schema_pointer: str, raw: list[str]) -> Any:
        schema, _ = deref(self.document, resolve_pointer(self.document, schema_pointer), "")
        types = schema.get("type") if isinstance(schema, dict) else None
        type_list = [types] if isinstance(types, str) else types or []
        if "array" in type_list:
            items, _ = deref(self.document, schema.get("items") or {}, "")
            item_types = items.get("type") if isinstance(items, dict) else None
            values = [v for chunk in raw for v in chunk.split(",")] if len(raw) == 1 else raw
            return [_scalar(v, item_types) for v in values]
        return _scalar(raw[-1], types)

    # -- the app ---------------------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        try:
            status, headers, payload = self.answer(scope, body)
        except _Invalid as exc:
            status, headers = exc.status, {"content-type": "application/problem+json"}
            problem = {
                "type": f"/problems/{exc.code}",
                "title": exc.code,
                "status": exc.status,
                "code": exc.code,
                "detail": exc.detail,
            }
            payload = json.dumps(problem).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
            }
        )
        await send({"type": "http.response.body", "body": payload})

    def answer(self, scope: Scope, body: bytes) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body for one request (raises `_Invalid` for a rejection)."""
        method = str(scope["method"]).lower()
        path = str(scope["path"])
        if not path.startswith(self.base_path):
            raise _Invalid(404, "no-such-operation", f"{path} is outside {self.base_path or '/'}")
        path = path[len(self.base_path) :] or "/"
        for pattern, names, template, item, item_pointer in self.routes:
            match = pattern.match(path)
            if match is None:
                continue
            op = item.get(method)
            if not isinstance(op, dict):
                allowed = [m for m in HTTP_METHODS if isinstance(item.get(m), dict)]
                raise _Invalid(
                    405, "method-not-allowed", f"{method.upper()} {template}: use {allowed}"
                )
            path_values = {names[k]: v for k, v in match.groupdict().items()}
            headers = {k.decode().lower(): v.decode() for k, v in scope.get("headers", [])}
            query = parse_qsl(scope.get("query_string", b"").decode(), keep_blank_values=True)
            self._check_security(op, headers, dict(query))
            self._check_parameters(
                item, item_pointer, op, join(item_pointer, method), path_values, query, headers
            )
            self._check_body(op, join(item_pointer, method), headers, body)
            return self._respond(op, join(item_pointer, method))
        raise _Invalid(404, "no-such-operation", f"no operation at {path}")

    def _check_security(
        self, op: dict[str, Any], headers: dict[str, str], query: dict[str, str]
    ) -> None:
        requirements = op.get("security", self.document.get("security"))
        if not requirements:
            return
        schemes = (self.document.get("components") or {}).get("securitySchemes") or {}
        cookies = dict(
            part.strip().split("=", 1)
            for part in headers.get("cookie", "").split(";")
            if "=" in part
        )

        def met(name: str) -> bool:
            scheme, _ = deref(self.document, schemes.get(name), "")
            if not isinstance(scheme, dict):
                return False
            kind = scheme.get("type")
            auth = headers.get("authorization", "")
            if kind == "apiKey":
                where, key = scheme.get("in"), str(scheme.get("name", ""))
                found = {
                    "header": key.lower() in headers,
                    "query": key in query,
                    "cookie": key in cookies,
                }
                return bool(found.get(str(where)))
            if kind == "http":
                return auth.lower().startswith(str(scheme.get("scheme", "")).lower() + " ")
            return auth.lower().startswith("bearer ")  # oauth2, openIdConnect

        if not any(all(met(name) for name in alt) for alt in requirements if isinstance(alt, dict)):
            raise _Invalid(401, "unauthenticated", "no accepted credentials")

    def _check_parameters(
        self,
        item: dict[str, Any],
        item_pointer: str,
        op: dict[str, Any],
        op_pointer: str,
        path_values: dict[str, str],
        query: list[tuple[str, str]],
        headers: dict[str, str],
    ) -> None:
        declared: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
        for owner, owner_pointer in ((item, item_pointer), (op, op_pointer)):
            for i, raw in enumerate(owner.get("parameters") or []):
                node, pointer = deref(self.document, raw, join(owner_pointer, "parameters", i))
                if isinstance(node, dict):
                    name = str(node.get("name"))
                    key = name.lower() if node.get("in") == "header" else name
                    declared[(str(node.get("in")), key)] = (node, pointer)
        known_query = {name for where, name in declared if where == "query"}
        unknown = sorted({name for name, _ in query} - known_query)
        if unknown:
            raise _Invalid(400, "validation-error", f"unknown query parameter(s): {unknown}")
        for (where, name), (node, pointer) in declared.items():
            if where == "path":
                raw = [path_values[node["name"]]] if node["name"] in path_values else []
            elif where == "query":
                raw = [v for k, v in query if k == name]
            elif where == "header":
                raw = [headers[name]] if name in headers else []
            else:
                continue
            if not raw:
                if node.get("required") or where == "path":
                    raise _Invalid(
                        400, "validation-error", f"{where} parameter {node['name']} is required"
                    )
                continue
            if "schema" in node:
                try:
                    value = self._coerce(join(pointer, "schema"), raw)
                except ValueError:
                    raise _Invalid(
                        400,
                        "validation-error",
                        f"{where} parameter {node['name']}: not a valid value",
                    ) from None
                self._validate(join(pointer, "schema"), value, f"{where} parameter {node['name']}")

    def _check_body(
        self, op: dict[str, Any], op_pointer: str, headers: dict[str, str], body: bytes
    ) -> None:
        request_body, pointer = deref(
            self.document, op.get("requestBody"), join(op_pointer, "requestBody")
        )
        if not isinstance(request_body, dict):
            return
        if not body:
            if request_body.get("required"):
                raise _Invalid(400, "validation-error", "a request body is required")
            return
        content = request_body.get("content") or {}
        sent = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        media = {str(k).split(";", 1)[0].strip().lower(): k for k in content}
        if sent not in media:
            raise _Invalid(
                415, "unsupported-media-type", f"{sent or 'no media type'} is not accepted"
            )
        try:
            value = json.loads(body)
        except ValueError:
            raise _Invalid(400, "validation-error", "the body is not JSON") from None
        entry = content[media[sent]]
        if isinstance(entry, dict) and "schema" in entry:
            self._validate(join(pointer, "content", media[sent], "schema"), value, "body")

    def _respond(self, op: dict[str, Any], op_pointer: str) -> tuple[int, dict[str, str], bytes]:
        responses = op.get("responses") or {}
        success = sorted(str(s) for s in responses if str(s)[:1] == "2")
        if not success:
            return 204, {}, b""
        status = success[0]
        response, pointer = deref(
            self.document, responses[status], join(op_pointer, "responses", status)
        )
        code = int(status) if status.isdigit() else 200
        headers: dict[str, str] = {}
        for name, raw in ((response or {}).get("headers") or {}).items():
            header, _ = deref(self.document, raw, join(pointer, "headers", name))
            if isinstance(header, dict) and header.get("required"):
                headers[str(name).lower()] = str(
                    synthesize(self.document, header.get("schema") or {"type": "string"})
                )
        content = (response or {}).get("content") or {}
        if not content:
            return code, headers, b""
        media_type = (
            "application/json" if "application/json" in content else str(next(iter(content)))
        )
        media = content[media_type] or {}
        schema_pointer = join(pointer, "content", media_type, "schema")
        value = example_of(self.document, media)
        if "schema" in media:
            value = self._repair(schema_pointer, value)
        headers["content-type"] = media_type
        return code, headers, json.dumps(value).encode()


def _for_direction(document: dict[str, Any], hidden: str) -> dict[str, Any]:
    """A copy of the document where properties marked `hidden` are never required."""

    def flagged(prop: Any) -> bool:
        node, _ = deref(document, prop, "")
        return isinstance(prop, dict) and bool(
            prop.get(hidden) or (isinstance(node, dict) and node.get(hidden))
        )

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(v) for v in node]
        if not isinstance(node, dict):
            return node
        out = {k: walk(v) for k, v in node.items()}
        props, required = node.get("properties"), node.get("required")
        if isinstance(props, dict) and isinstance(required, list):
            out["required"] = [r for r in required if not flagged(props.get(r))]
        return out

    result: dict[str, Any] = walk(document)
    return result


def _scalar(raw: str, types: Any) -> Any:
    type_list = [types] if isinstance(types, str) else types or []
    if "integer" in type_list and re.fullmatch(r"-?\d+", raw):
        return int(raw)
    if "number" in type_list:
        try:
            return float(raw) if not re.fullmatch(r"-?\d+", raw) else int(raw)
        except ValueError:
            pass
    if "boolean" in type_list and raw in ("true", "false"):
        return raw == "true"
    if "null" in type_list and raw in ("", "null"):
        return None
    if "string" in type_list or not type_list:
        return raw
    raise ValueError(raw)
