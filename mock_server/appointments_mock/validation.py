"""Request and response validation with JSON Schema 2020-12, reporting every error.

Connexion's stock validators use Draft 4 even for OpenAPI 3.1 documents (no ``uuid``/``date``
formats, no ``const``, ``262.0`` is "not an integer") and stop at the first error. The classes here
plug into Connexion's ``validator_map`` and raise one ``validation-error`` problem that lists every
error, each with ``detail`` and exactly one of ``pointer`` (body, JSON Pointer), ``parameter``
(query/path) or ``header``.

Parameter and body errors are reported together: the parameter validator parks its errors on the
request state, the body validator adds its own, and :class:`ValidationGate` (placed after Connexion's
request validation) raises whatever is left for operations without a body.

Responses are checked with compiled jsonschema-rs validators, cached per schema: pure-Python
validation of a 20-item page costs about 1.5 ms, jsonschema-rs about 0.01 ms. A page whose items
were spliced in already encoded (``serialize.EncodedJSON``) is checked as its envelope plus each
item, and an item's verdict is remembered by its exact bytes: equal bytes, equal verdict.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

import jsonschema_rs
import orjson
from connexion.datastructures import MediaTypeDict
from connexion.exceptions import NonConformingResponseBody
from connexion.lifecycle import ConnexionRequest
from connexion.validators import (
    AbstractRequestBodyValidator,
    AbstractResponseBodyValidator,
    ParameterValidator,
)
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from starlette.types import ASGIApp, Receive, Scope, Send

from appointments_mock._request import current_request_state
from appointments_mock.domain.body_rules import RULE_CHECKS
from appointments_mock.domain.context import Call
from appointments_mock.domain.serialize import EncodedJSON
from appointments_mock.errors import ProblemError
from appointments_mock.limits import MAX_JSON_DEPTH

logger = logging.getLogger("appointments_mock")
_MAX_DETAIL = 300
_lock = threading.Lock()
_request_validators: dict[int, tuple[dict[str, Any], Draft202012Validator]] = {}
_response_validators: dict[int, tuple[dict[str, Any], Any]] = {}


def _request_validator(schema: dict[str, Any]) -> Draft202012Validator:
    """A compiled 2020-12 validator for ``schema`` (kept alive with the schema, keyed by identity)."""
    cached = _request_validators.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1]
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    with _lock:
        _request_validators[id(schema)] = (schema, validator)
    return validator


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# Keywords that never change a verdict (annotations, in 2020-12 terms).
_ANNOTATIONS = frozenset({"description", "title", "example", "examples", "deprecated", "default"})
_quick_checks: dict[int, tuple[dict[str, Any], Callable[[Any], bool] | None]] = {}


def _quick_check(schema: dict[str, Any]) -> Callable[[Any], bool] | None:
    """A cheap test that only says True for values the full validator accepts, or None.

    For the simple parameter schemas (a ``uuid`` string; a string with length bounds; a string
    enum; an integer with bounds; a boolean; an array of such items with count bounds and
    ``uniqueItems``) the generic pure-Python validator costs tens of microseconds on every
    request. The test is one-sided: True means valid (the full validator would find no error);
    False means "ask the full validator", which also writes the messages. Other schemas get None
    (always the full one).
    """
    cached = _quick_checks.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1]
    check = _build_quick_check(schema)
    with _lock:
        _quick_checks[id(schema)] = (schema, check)
    return check


def _build_quick_check(schema: dict[str, Any]) -> Callable[[Any], bool] | None:
    keys = set(schema) - _ANNOTATIONS
    kind = schema.get("type")
    if kind == "string":
        return _string_check(schema, keys)
    if kind == "integer" and keys <= {"type", "minimum", "maximum"}:
        low, high = schema.get("minimum"), schema.get("maximum")
        if not all(bound is None or type(bound) is int for bound in (low, high)):
            return None
        # ``type(value) is int``: not a bool, not a float (jsonschema also takes 2.0; the full
        # validator decides those).
        return lambda value: (
            type(value) is int and (low is None or low <= value) and (high is None or value <= high)
        )
    if kind == "boolean" and keys == {"type"}:
        return lambda value: type(value) is bool
    if kind == "array" and keys <= {"type", "items", "minItems", "maxItems", "uniqueItems"}:
        return _array_check(schema)
    return None


def _string_check(schema: dict[str, Any], keys: set[str]) -> Callable[[Any], bool] | None:
    if keys == {"type", "format"} and schema["format"] == "uuid":
        # The strict 8-4-4-4-12 form; jsonschema's ``uuid`` check (``uuid.UUID`` plus dashes at
        # 8, 13, 18 and 23) accepts every such string, and looser forms go to it.
        fullmatch = _UUID.fullmatch
        return lambda value: type(value) is str and fullmatch(value) is not None
    if keys == {"type", "enum"}:
        members = schema["enum"]
        if not isinstance(members, list) or not all(type(m) is str for m in members):
            return None
        allowed = frozenset(members)
        return lambda value: type(value) is str and value in allowed
    if keys <= {"type", "minLength", "maxLength"}:
        low = schema.get("minLength", 0)
        high = schema.get("maxLength")
        if type(low) is not int or not (high is None or type(high) is int):
            return None
        if high is None:
            return lambda value: type(value) is str and low <= len(value)
        return lambda value: type(value) is str and low <= len(value) <= high
    return None


def _array_check(schema: dict[str, Any]) -> Callable[[Any], bool] | None:
    items = schema.get("items")
    item = _build_quick_check(items) if isinstance(items, dict) else None
    low, high = schema.get("minItems", 0), schema.get("maxItems")
    unique = schema.get("uniqueItems", False)
    if (
        item is None
        or type(low) is not int
        or not (high is None or type(high) is int)
        or type(unique) is not bool
    ):
        return None

    def check(value: Any) -> bool:
        if type(value) is not list or len(value) < low or (high is not None and len(value) > high):
            return False
        if not all(item(v) for v in value):
            return False
        # The items passed a string, integer or boolean check, so they hash. Python's set takes
        # 1 and True for one value where JSON Schema does not: that only sends the value on to
        # the full validator.
        return not unique or len(set(value)) == len(value)

    return check


def _short(message: str) -> str:
    # jsonschema repeats the instance in its message; an oversize string must not come back whole.
    return message if len(message) <= _MAX_DETAIL else message[: _MAX_DETAIL - 1] + "…"


def json_pointer(path: Iterable[Any]) -> str:
    """RFC 6901 pointer for a jsonschema error path."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def validation_problem(errors: list[dict[str, str]]) -> ProblemError:
    """The 400 ``validation-error`` problem listing ``errors``."""
    count = len(errors)
    detail = f"{count} error{'s' if count != 1 else ''} in the request."
    return ProblemError(400, "validation-error", "The request is invalid", detail, errors=errors)


def _pending() -> list[dict[str, str]]:
    state = current_request_state()
    if state is None:
        return []
    errors, state.pending_errors = state.pending_errors, []
    return errors


class RequestParameterValidator(ParameterValidator):  # type: ignore[misc]
    """Query, path and header parameters, 2020-12, every error; unknown query parameters are errors."""

    def __init__(self, parameters: list[dict[str, Any]], *args: Any, **kwargs: Any) -> None:
        # Connexion repeats path-level parameters once per operation on the path: keep one of each.
        unique = {(p["in"], p["name"]): p for p in parameters}
        super().__init__(list(unique.values()), *args, **kwargs)

    def validate_request(self, request: ConnexionRequest) -> None:
        errors: list[dict[str, str]] = []
        if self.strict_validation:
            known = {p["name"] for p in self.parameters.get("query", [])}
            known |= set(self.security_query_params)
            for name in request.query_params:
                if name not in known:
                    errors.append(
                        {"detail": f"Unknown query parameter {name!r}.", "parameter": name}
                    )
        sources = (
            ("query", request.query_params, "parameter"),
            ("path", request.path_params, "parameter"),
            ("header", request.headers, "header"),
        )
        for location, values, member in sources:
            for param in self.parameters.get(location, []):
                name = param["name"]
                key = name.replace("-", "_") if location == "path" else name
                value = values.get(key)
                if value is None:
                    if param.get("required"):
                        errors.append({"detail": f"{name!r} is required.", member: name})
                    continue
                schema = param.get("schema", {})
                quick = _quick_check(schema)
                if quick is not None and quick(value):
                    continue
                for error in _request_validator(schema).iter_errors(value):
                    errors.append({"detail": _short(error.message), member: name})
        state = current_request_state()
        if state is None:
            if errors:
                raise validation_problem(errors)
            return
        state.pending_errors.extend(errors)


class RequestBodyValidator(AbstractRequestBodyValidator):  # type: ignore[misc]
    """JSON request bodies: UTF-8, strict JSON, 2020-12, every error (with the parameter errors)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("uri_parser", None)
        super().__init__(**kwargs)

    async def wrap_receive(self, receive: Receive, *, scope: Scope) -> tuple[Receive, Scope]:
        messages: list[MutableMapping[str, Any]] = []
        more_body = True
        while more_body:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            more_body = message.get("more_body", False)
        raw = b"".join(m.get("body", b"") for m in messages)

        errors = _pending()
        body, body_errors = self._parse_bytes(raw)
        errors.extend(body_errors)
        if not body_errors and raw.strip():  # a JSON ``null`` is a body, and is validated
            errors.extend(schema_errors(self._schema, body))
            if errors:
                errors = with_rule_errors(errors, scope, body)
        if errors:
            raise validation_problem(errors)
        return self._insert_messages(receive, messages=messages), scope

    def _parse_bytes(self, raw: bytes) -> tuple[Any, list[dict[str, str]]]:
        if not raw.strip():
            if self._required:
                return None, [{"detail": "A JSON request body is required.", "pointer": ""}]
            return None, []
        return parse_json_body(raw)


MAX_DEPTH = MAX_JSON_DEPTH  # request bodies of this API nest three levels at most
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")  # how a surrogate can enter JSON text
_SURROGATE = re.compile("[\ud800-\udfff]")


def schema_errors(schema: dict[str, Any], body: Any) -> list[dict[str, str]]:
    """Every 2020-12 error of ``body``, each located at the member it is about.

    jsonschema reports a missing required property, or one that ``additionalProperties: false``
    refuses, at the object that holds it; the pointer here names the member itself
    (``/ends_at``), one error per member.
    """
    errors: list[dict[str, str]] = []
    for error in _request_validator(schema).iter_errors(body):
        at = json_pointer(error.absolute_path)
        instance = error.instance
        if error.validator == "required" and isinstance(instance, dict):
            names = [n for n in error.validator_value if n not in instance]
            detail = "{!r} is required."
        elif error.validator == "additionalProperties" and isinstance(instance, dict):
            known = error.schema.get("properties", {})
            names = [n for n in instance if n not in known]
            detail = "{!r} is not a member of this object."
        else:
            errors.append({"detail": _short(error.message), "pointer": at})
            continue
        for name in names:
            located = {"detail": _short(detail.format(name)), "pointer": at + json_pointer([name])}
            if located not in errors:
                errors.append(located)
    return errors


def with_rule_errors(
    errors: list[dict[str, str]], scope: Scope, body: Any = None
) -> list[dict[str, str]]:
    """``errors`` plus what the operation's own rules find (``domain/body_rules.py``).

    So that one 400 lists every error. A rule error at a place the schema already flagged is
    left out (the schema's says more), and a rule check that fails adds nothing.
    """
    state = current_request_state()
    check = RULE_CHECKS.get(state.operation_id or "") if state is not None else None
    if state is None or check is None or state.actor is None:
        return errors
    world = state.session.world
    call = Call(actor=state.actor, now=world.clock.now(), request_id=state.request_id)
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    try:
        with world.lock:
            found = check(world, call, query, body)
    except Exception:  # a rule check must never turn a 400 into a 500
        logger.exception("a rule check failed on an invalid request")
        return errors
    flagged = {e.get("pointer", e.get("parameter")) for e in errors}
    return errors + [e for e in found if e.get("pointer", e.get("parameter")) not in flagged]


def parse_json_body(raw: bytes) -> tuple[Any, list[dict[str, str]]]:
    """A non-empty request body as strict JSON in UTF-8, or the errors that say why not.

    Besides the JSON grammar, two things are refused that JSON text allows: strings holding a
    lone UTF-16 surrogate (``"\\ud800"``: not a Unicode character, so it could be neither stored
    nor sent back), and nesting deeper than ``MAX_DEPTH``.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [
            {
                "detail": f"The body is not valid UTF-8 ({exc.reason} at byte {exc.start}).",
                "pointer": "",
            }
        ]
    try:
        value = _DECODER.decode(text)
    except RecursionError:
        return None, [_too_deep("")]
    except ValueError as exc:  # JSONDecodeError, NaN/Infinity, integers too long to convert
        return None, [{"detail": _short(f"The body is not valid JSON: {exc}"), "pointer": ""}]
    errors: list[dict[str, str]] = []
    # Both checks walk the value; the byte counts say when there can be nothing to find.
    if raw.count(b"[") + raw.count(b"{") > MAX_DEPTH or _SURROGATE_ESCAPE.search(raw):
        _walk(value, "", 0, errors)
    return (None, errors) if errors else (value, [])


def _too_deep(pointer: str) -> dict[str, str]:
    return {"detail": f"The JSON body nests deeper than {MAX_DEPTH} levels.", "pointer": pointer}


def _walk(value: Any, pointer: str, depth: int, errors: list[dict[str, str]]) -> None:
    if depth > MAX_DEPTH:
        if not any(e["detail"].startswith("The JSON body nests") for e in errors):
            errors.append(_too_deep(pointer))
        return
    if isinstance(value, str):
        if _SURROGATE.search(value):
            errors.append(
                {
                    "detail": "The string holds a lone UTF-16 surrogate escape (\\ud800-\\udfff), "
                    "which is not a Unicode character.",
                    "pointer": pointer,
                }
            )
    elif isinstance(value, dict):
        for key, member in value.items():
            inner = pointer + "/" + key.replace("~", "~0").replace("/", "~1")
            if _SURROGATE.search(key):
                errors.append(
                    {
                        "detail": "The member name holds a lone UTF-16 surrogate escape.",
                        "pointer": _SURROGATE.sub("\ufffd", inner),
                    }
                )
                continue
            _walk(member, inner, depth + 1, errors)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(item, f"{pointer}/{index}", depth + 1, errors)


# Request bodies found valid, by their exact bytes (equal bytes parse to equal bodies, so they
# get equal verdicts), per schema; only short bodies, at most ``_MAX_REMEMBERED`` per schema.
_valid_bodies: dict[int, tuple[dict[str, Any], set[bytes]]] = {}
_MAX_BODY_REMEMBERED = 2_048


def request_body_is_valid(schema: dict[str, Any], body: Any, raw: bytes | None = None) -> bool:
    """Whether a parsed request body passes the same 2020-12 check as ``RequestBodyValidator``.

    With ``raw`` (the bytes ``body`` was parsed from), a valid verdict is remembered by them.
    """
    if raw is None or len(raw) > _MAX_BODY_REMEMBERED:
        return bool(_request_validator(schema).is_valid(body))
    cached = _valid_bodies.get(id(schema))
    if cached is None or cached[0] is not schema:
        cached = (schema, set())
        with _lock:
            _valid_bodies[id(schema)] = cached
    valid = cached[1]
    if raw in valid:
        return True
    if not _request_validator(schema).is_valid(body):
        return False
    if len(valid) < _MAX_REMEMBERED:
        valid.add(raw)
    return True


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


# What ``json.loads(text, parse_constant=_reject_constant)`` would build on every call.
_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


class ResponseBodyValidator(AbstractResponseBodyValidator):  # type: ignore[misc]
    """JSON response bodies against the spec, with jsonschema-rs validators compiled once per schema."""

    def _parse(self, stream: Iterable[bytes]) -> Any:
        return _parse_response(b"".join(stream))

    def _validate(self, body: Any) -> None:
        _validate_response(self._schema, body)


def _parse_response(raw: bytes) -> Any:
    if not raw:
        return None
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        pass  # orjson is stricter (e.g. integers beyond 64 bits): let json decide
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise NonConformingResponseBody(detail=f"The response body is not JSON: {exc}") from exc


def _validate_response(schema: dict[str, Any], body: Any) -> None:
    validator = _response_validator(schema)
    if validator.is_valid(body):
        return
    messages = [
        f"{e.message} (at {json_pointer(e.instance_path) or '/'})"
        for _, e in zip(range(5), validator.iter_errors(body), strict=False)
    ]
    raise NonConformingResponseBody(
        detail=_short("The response does not conform to the spec: " + "; ".join(messages))
    )


def check_response_body(
    schema: dict[str, Any], raw: bytes, *, nullable: bool, value: Any = None
) -> None:
    """What ``ResponseBodyValidator`` checks for one complete body (raises NonConformingResponseBody).

    ``value`` is what ``raw`` was encoded from, if known: a page with pre-encoded items is then
    checked without re-parsing the items already found valid. Any doubt takes the full check.
    """
    if value is not None and _page_is_valid(schema, value):
        return
    body = _parse_response(raw)
    if not (body is None and nullable):
        _validate_response(schema, body)


def _response_validator(schema: dict[str, Any]) -> Any:
    cached = _response_validators.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1]
    validator = jsonschema_rs.Draft202012Validator(_standalone(schema), validate_formats=True)
    with _lock:
        _response_validators[id(schema)] = (schema, validator)
    return validator


# Keywords of a page schema, and of its ``items`` property, under which the page's verdict is the
# envelope's verdict (with ``items`` only required to be an array) and every item's verdict.
_ENVELOPE_KEYWORDS = frozenset(
    {"type", "description", "title", "required", "properties", "additionalProperties"}
)
_ITEMS_KEYWORDS = frozenset({"type", "items", "description", "title"})
_PLAIN = (str, int, bool, type(None))  # values whose Python and parsed-JSON forms validate alike
_MAX_REMEMBERED = 20_000


class _PageCheck:
    """A page schema split into its envelope and its item schema, with the items found valid."""

    __slots__ = ("envelope", "item", "valid_items")

    def __init__(self, envelope: Any, item: Any) -> None:
        self.envelope = envelope
        self.item = item
        self.valid_items: set[bytes] = set()


_page_checks: dict[int, tuple[dict[str, Any], _PageCheck | None]] = {}


def _page_check(schema: dict[str, Any]) -> _PageCheck | None:
    """The split check of a page schema, or None when the schema is not of that simple shape."""
    cached = _page_checks.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1]
    check = None
    clean = _standalone(schema)
    properties = clean.get("properties")
    items = properties.get("items") if isinstance(properties, dict) else None
    if (
        "$ref" not in json.dumps(clean)
        and clean.keys() <= _ENVELOPE_KEYWORDS
        and clean.get("type") == "object"
        and isinstance(items, dict)
        and items.keys() <= _ITEMS_KEYWORDS
        and items.get("type") == "array"
        and isinstance(items.get("items"), dict)
    ):
        envelope = {**clean, "properties": {**clean["properties"], "items": {"type": "array"}}}
        check = _PageCheck(
            jsonschema_rs.Draft202012Validator(envelope, validate_formats=True),
            jsonschema_rs.Draft202012Validator(items["items"], validate_formats=True),
        )
    with _lock:
        _page_checks[id(schema)] = (schema, check)
    return check


def _page_is_valid(schema: dict[str, Any], value: Any) -> bool:
    """True if ``value``, a page of ``EncodedJSON`` items, is valid; False means "check it fully"."""
    if type(value) is not dict:
        return False
    items = value.get("items")
    if type(items) is not list or not all(type(item) is EncodedJSON for item in items):
        return False
    envelope = {}
    for key, member in value.items():
        if key != "items":
            if type(member) not in _PLAIN:
                return False
            envelope[key] = member
    check = _page_check(schema)
    if check is None:
        return False
    envelope["items"] = []
    if not check.envelope.is_valid(envelope):
        return False
    valid = check.valid_items
    for item in items:
        raw = item.raw
        if raw in valid:
            continue
        try:
            parsed = orjson.loads(raw)
        except orjson.JSONDecodeError:
            return False
        if not check.item.is_valid(parsed):
            return False
        if len(valid) >= _MAX_REMEMBERED:
            valid.clear()
        valid.add(raw)
    return True


def _standalone(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of a Connexion response schema that jsonschema-rs can compile.

    Connexion attaches the spec's ``components`` to each schema it hands out, in place; as schemas
    are shared after ``$ref`` resolution, that makes the structure cyclic. The copy drops those
    ``components`` and adds them back once, at the root, only if a ``$ref`` is left to resolve.
    """

    def strip(node: Any, path: tuple[int, ...]) -> Any:
        if id(node) in path:
            return {}
        if isinstance(node, dict):
            inner = (*path, id(node))
            return {k: strip(v, inner) for k, v in node.items() if k != "components"}
        if isinstance(node, list):
            inner = (*path, id(node))
            return [strip(v, inner) for v in node]
        return node

    clean: dict[str, Any] = strip(schema, ())
    if "$ref" in json.dumps(clean) and isinstance(schema.get("components"), dict):
        clean["components"] = strip(schema["components"], ())
    return clean


class ValidationGate:
    """ASGI middleware after request validation: raises parked parameter errors, marks the handler reached."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = current_request_state()
        if scope["type"] == "http" and state is not None:
            errors = _pending()
            if errors:
                raise validation_problem(with_rule_errors(errors, scope))
            state.reached_handler = True
        await self.app(scope, receive, send)


def validator_map() -> dict[str, Any]:
    """The ``validator_map`` for ``add_api``."""
    return {
        "parameter": RequestParameterValidator,
        "body": MediaTypeDict({"*/*json": RequestBodyValidator}),
        "response": MediaTypeDict({"*/*json": ResponseBodyValidator}),
    }


__all__ = [
    "RequestBodyValidator",
    "RequestParameterValidator",
    "ResponseBodyValidator",
    "ValidationGate",
    "check_response_body",
    "json_pointer",
    "parse_json_body",
    "request_body_is_valid",
    "validation_problem",
    "validator_map",
]
