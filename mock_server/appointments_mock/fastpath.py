"""The common case of a public operation, answered without Connexion's middleware stack.

Connexion runs nine ASGI layers per request (routing twice, security, request and response
validation, context, parameter decorators that inspect the handler's signature on every call);
about 85 % of the time of a ``GET /appointments/{id}`` went there. This module compiles, once per
operation at start-up, what those layers decide per request, and answers a request itself when it
is *unremarkable*: a known operation, a valid bearer key, parameters and a JSON body that pass the
same 2020-12 validators (``validation.py``) with no error.

Anything else -- no or unknown key, a validation error, an unusual media type, ``HEAD``, a body on a
GET -- is declined *before* the handler runs, and the caller sends the request through Connexion,
which produces the 400/401/415 exactly as before. So the fast path decides only "this request is
fine", and every error response still comes from one place.

Where Connexion's behaviour matters for a valid request, its own pieces are reused rather than
restated: the ``Specification`` of Connexion's own API (loaded and resolved once, for both paths),
the resolved ``OpenAPIOperation`` objects (parameters, schemas, response definitions),
``uri_parsing.StrictURIParser`` (arrays, duplicates, type coercion) and ``get_arguments``'s helpers
(defaults, pythonic names, value casts; the per-operation part of it is done once, ``_Arguments``). ``tests/mock_http/test_fastpath.py`` sends the same requests both ways and
compares the responses.
"""

from __future__ import annotations

import functools
import re
from copy import deepcopy
from dataclasses import dataclass
from functools import partial
from typing import Any, NamedTuple
from urllib.parse import parse_qsl

from connexion.datastructures import MediaTypeDict
from connexion.decorators.parameter import (
    _get_query_defaults,
    _get_val_from_param,
    pythonic,
)
from connexion.exceptions import NonConformingResponseHeaders, ProblemException
from connexion.operations import OpenAPIOperation
from connexion.resolver import Resolver
from connexion.spec import Specification
from connexion.utils import deep_merge, is_null, is_nullable, split_content_type
from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import Send

from appointments_mock import atomic, examples, problems, validation
from appointments_mock._request import JSONReply, RequestState
from appointments_mock.errors import ProblemError
from appointments_mock.uri_parsing import StrictURIParser

_JSON = MediaTypeDict({"*/*json": True})
_sanitize = functools.cache(pythonic)  # a pure function of the name; Connexion recomputes it


class _Request:
    """What ``RequestParameterValidator.validate_request`` reads from a request."""

    __slots__ = ("headers", "path_params", "query_params")

    def __init__(
        self, query_params: dict[str, Any], path_params: dict[str, Any], headers: Headers
    ) -> None:
        self.query_params = query_params
        self.path_params = path_params
        self.headers = headers


_ATOMS = (str, int, float, bool, type(None))


class _Arguments:
    """Connexion's ``get_arguments`` for one operation, with the per-operation part done once.

    ``get_arguments`` rebuilds the path and query definitions and deep-copies the query defaults
    on every call. This does the same steps (same order, same helpers for the per-value work) as
    ``get_arguments(operation, files={}, arguments=[], has_kwargs=True, sanitize=_sanitize, ...)``
    followed by the fast path's second ``_sanitize`` of the names, for the content types the fast
    path accepts. ``tests/mock_http/test_fastpath.py`` compares the two on every operation.
    """

    __slots__ = (
        "body_default",
        "body_name",
        "body_nullable",
        "defaults",
        "defaults_are_atoms",
        "path_definitions",
        "query_definitions",
        "query_names",
    )

    def __init__(self, operation: OpenAPIOperation, content_type: str) -> None:
        parameters = operation.parameters
        self.path_definitions = {p["name"]: p for p in parameters if p["in"] == "path"}
        self.query_definitions = {p["name"]: p for p in parameters if p["in"] == "query"}
        self.query_names = {name: _sanitize(_sanitize(name)) for name in self.query_definitions}
        self.defaults = _get_query_defaults(self.query_definitions)
        # Atoms and lists of atoms (the usual defaults) need no deep copy: a shallow one is equal.
        self.defaults_are_atoms = all(
            isinstance(v, _ATOMS) or (type(v) is list and all(isinstance(x, _ATOMS) for x in v))
            for v in self.defaults.values()
        )
        self.body_name: str | None = None
        self.body_nullable = False
        self.body_default: Any = {}
        if operation.method.upper() != "TRACE" and operation.is_request_body_defined:
            self.body_name = _sanitize(_sanitize(operation.body_name(content_type)))
            body_schema = operation.body_schema(content_type)
            self.body_nullable = bool(is_nullable(body_schema))
            self.body_default = body_schema.get("default", {})

    def build(self, path: dict[str, Any], query: dict[str, Any], body: Any) -> dict[str, Any]:
        """The handler's keyword arguments."""
        kwargs: dict[str, Any] = {}
        definitions = self.path_definitions
        for name, value in path.items():
            definition = definitions.get(name)
            kwargs[_sanitize(_sanitize(name))] = (
                value if definition is None else _get_val_from_param(value, definition)
            )
        if self.defaults_are_atoms:
            merged = {k: v[:] if type(v) is list else v for k, v in self.defaults.items()}
        else:
            merged = deepcopy(self.defaults)
        if query:
            merged = deep_merge(merged, query)
        query_definitions = self.query_definitions
        names = self.query_names
        for name, value in merged.items():
            definition = query_definitions.get(name)
            if definition is not None:  # Connexion logs and skips an undefined one
                kwargs[names[name]] = _get_val_from_param(value, definition)
        if self.body_name is not None:
            if self.body_nullable and is_null(body):
                kwargs[self.body_name] = None
            elif body is None:
                kwargs[self.body_name] = deepcopy(self.body_default)
            else:
                kwargs[self.body_name] = body
        return kwargs


@dataclass(slots=True)
class _Compiled:
    """One operation, with everything Connexion would work out per request worked out once."""

    operation: OpenAPIOperation
    function: Any  # the handler as resolved; ``handler`` is what both paths call
    fast: bool  # whether ``prepare`` may answer it (simple parameters, a JSON body)
    pattern: re.Pattern[str]
    secured: bool
    schemes: frozenset[str]  # the security schemes the operation accepts (any one suffices)
    has_body: bool
    body_required: bool
    body_schema: dict[str, Any]
    produces: MediaTypeDict
    parameters: validation.RequestParameterValidator
    uri_parser: StrictURIParser
    arguments: _Arguments

    def response_checks(self, status: int, mime: str) -> _ResponseChecks:
        """What a response with this status and media type is checked for (one pure function of
        the two, so :meth:`FastPath._check` works it out once per pair)."""
        key = str(status)
        definition = self.operation.response_definition(key, mime)
        required = {
            name.lower()
            for name, header in definition.get("headers", {}).items()
            if header.get("required", False)
        }
        produces = self.operation.produces
        return _ResponseChecks(
            conforming=not (status < 400 and produces and mime.lower() not in self.produces),
            required=frozenset(required),
            schema=self.operation.response_schema(key, mime),
            nullable=bool(is_nullable(definition)),
            json=mime in _JSON,
        )


class _ResponseChecks(NamedTuple):
    conforming: bool  # the media type is one the operation produces (or an error's)
    required: frozenset[str]  # required header names, lower case
    schema: dict[str, Any]
    nullable: bool
    json: bool  # a JSON media type: the body is checked against ``schema``


class FastPath:
    """Compiled public operations, keyed by spec path template and method.

    Every operation's handler, on either path, is :meth:`handler`'s: one transaction of the
    session's world around the rule, the response it builds and the response's check.
    """

    def __init__(
        self,
        resolver: Resolver,
        *,
        base_path: str,
        validate_responses: bool,
    ) -> None:
        self.validate_responses = validate_responses
        self._resolver = resolver
        self._base_path = base_path
        self._ops: dict[tuple[str, str], _Compiled] = {}
        self._handlers: dict[str, Any] = {}
        self._response_checks: dict[tuple[int, str, str, str], _ResponseChecks] = {}
        self.answers = examples.ExampleAnswers({"paths": {}})
        self.example_operations: set[str] = set()  # served from examples: no handler yet

    def compile(self, specification: Specification) -> None:
        """Compile every operation of ``specification``: the one Connexion's API was given
        (``create_app`` passes it on), so that the contract is loaded and resolved once."""
        self.answers = examples.ExampleAnswers({"paths": specification["paths"]})
        for template, item in specification["paths"].items():
            for method in item:
                if method not in ("get", "post", "put", "patch", "delete"):
                    continue
                operation = OpenAPIOperation.from_spec(
                    specification, path=template, method=method, resolver=self._resolver
                )
                compiled = _compile(operation, self._base_path + template)
                self._ops[(template, method.upper())] = compiled
                operation_id = operation.operation_id
                function = compiled.function
                if function is examples.no_handler:  # in the spec, not (yet) in handlers/
                    function = compiled.function = self.answers.handler(operation_id)
                    self.example_operations.add(operation_id)
                self._handlers[operation_id] = atomic.handler(
                    examples.honouring_preferences(self.answers, operation_id, function),
                    partial(self._check, compiled) if self.validate_responses else None,
                )

    def coverage(self) -> dict[str, str]:
        """How each operation is served: ``rules`` (a handler), ``examples``, or ``none`` (501)."""
        found = {}
        for op in self._ops.values():
            operation_id = op.operation.operation_id
            if operation_id not in self.example_operations:
                found[operation_id] = "rules"
            elif self.answers.success(operation_id) is not None:
                found[operation_id] = "examples"
            else:
                found[operation_id] = "none"
        return dict(sorted(found.items()))

    def secured(self, template: str, method: str) -> bool:
        """Whether the operation at ``template`` needs a credential (HEAD: as its GET)."""
        op = self._ops.get((template, "GET" if method == "HEAD" else method))
        return op is None or op.secured

    def schemes(self, template: str, method: str) -> frozenset[str]:
        """The security schemes the operation at ``template`` accepts (HEAD: as its GET)."""
        op = self._ops.get((template, "GET" if method == "HEAD" else method))
        return op.schemes if op is not None else frozenset()

    def handler(self, operation_id: str) -> Any:
        """The handler both paths call for ``operation_id`` (Connexion's ``function_resolver``)."""
        return self._handlers[operation_id]

    def prepare(
        self, template: str, state: RequestState, scope: Any, body: bytes
    ) -> dict[str, Any] | None:
        """The handler's keyword arguments if the request is unremarkable, else None (decline)."""
        method = scope["method"]
        op = self._ops.get((template, method))
        if op is None or not op.fast:
            return None
        headers = state.headers
        content_type = headers.get("content-type")
        if op.has_body:
            mime, _ = split_content_type(content_type)
            if mime is None or mime.lower() != "application/json":
                return None
        elif body or content_type is not None:
            return None
        if op.secured and state.actor is None:  # the front authenticated the caller
            return None
        match = op.pattern.match(scope["path"])
        if match is None:  # pragma: no cover - the front matched the same template
            return None
        errors_before = len(state.pending_errors)
        try:
            pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), True)
            raw_query: dict[str, list[str]] = {}
            for name, value in pairs:
                raw_query.setdefault(name, []).append(value)
            query = op.uri_parser.resolve_query(raw_query)
            path = op.uri_parser.resolve_path(match.groupdict())
        except (ValueError, TypeError, KeyError, ProblemException):
            del state.pending_errors[errors_before:]
            return None
        op.parameters.validate_request(_Request(query, path, headers))
        if len(state.pending_errors) != errors_before:
            del state.pending_errors[errors_before:]
            return None
        payload: Any = None
        if op.has_body:
            if not body.strip():
                return None  # required-body errors and default bodies: Connexion's business
            payload, errors = validation.parse_json_body(body)
            if errors or not validation.request_body_is_valid(op.body_schema, payload, body):
                return None
        return op.arguments.build(path, query, payload)

    async def run(self, template: str, scope: Any, kwargs: dict[str, Any], send: Send) -> None:
        """Call the handler (the request was prepared), check its response, send it."""
        op = self._ops[(template, scope["method"])]
        try:
            response: Response = await self._handlers[op.operation.operation_id](**kwargs)
        except ProblemError as exc:
            response = _starlette(await problems.on_problem_error(None, exc))
        except ProblemException as exc:
            response = _starlette(await problems.on_connexion_problem(None, exc))
        except Exception as exc:
            response = _starlette(await problems.on_unexpected(None, exc))
        await send(
            {
                "type": "http.response.start",
                "status": response.status_code,
                "headers": response.raw_headers,
            }
        )
        await send({"type": "http.response.body", "body": bytes(response.body)})

    def _check(self, op: _Compiled, response: Response) -> None:
        """What Connexion's response validation checks: media type, required headers, body."""
        content_type = response.headers.get("content-type")
        mime, _ = split_content_type(content_type)
        if mime is None:
            mime = op.operation.produces[0] if op.operation.produces else "application/octet-stream"
        status = response.status_code
        key = (status, mime, op.operation.method, op.operation.path)
        checks = self._response_checks.get(key)
        if checks is None:
            checks = self._response_checks[key] = op.response_checks(status, mime)
        if not checks.conforming:
            raise NonConformingResponseHeaders(
                detail=f"Invalid Response Content-type ({mime}), expected {op.operation.produces}",
            )
        if checks.required:
            missing = checks.required - {
                k.decode("latin-1").lower() for k, _ in response.raw_headers
            }
            if missing:
                raise NonConformingResponseHeaders(
                    detail="Keys in response header don't match response specification. "
                    f"Difference: {', '.join(missing)}"
                )
        if not checks.json:
            return
        value = response.value if isinstance(response, JSONReply) else None
        validation.check_response_body(
            checks.schema, bytes(response.body), nullable=checks.nullable, value=value
        )


def _compile(operation: OpenAPIOperation, full_path: str) -> _Compiled:
    """The compiled operation (``fast`` False when its parameters are beyond the fast path)."""
    fast = all(
        param.get("style") in (None, "form", "simple") and "type" in param.get("schema", {})
        for param in operation.parameters
    )
    consumes = operation.consumes
    fast = fast and (not consumes or "application/json" in consumes)
    regex = re.sub(
        r"\\\{([^/]+?)\\\}",
        lambda m: f"(?P<{m.group(1).replace('-', '_')}>[^/]+)",
        re.escape(full_path),
    )
    has_body = bool(operation.request_body)
    uri_parser = StrictURIParser(operation.parameters, operation.body_definition())
    schemes = frozenset(name for requirement in operation.security or [] for name in requirement)
    defined = operation.security_schemes or {}
    # Query parameters that carry a credential (``?token=``) are not unknown parameters.
    security_query_params = sorted(
        defined[name]["name"]
        for name in schemes
        if defined.get(name, {}).get("type") == "apiKey" and defined[name].get("in") == "query"
    )
    return _Compiled(
        operation=operation,
        function=operation.function,
        fast=fast,
        pattern=re.compile(f"^{regex}$"),
        secured=bool(operation.security),
        schemes=schemes,
        has_body=has_body,
        body_required=bool(operation.request_body.get("required", False)),
        body_schema=operation.body_schema("application/json") if has_body else {},
        produces=MediaTypeDict([(p.lower(), None) for p in operation.produces]),
        parameters=validation.RequestParameterValidator(
            operation.parameters,
            uri_parser=uri_parser,
            strict_validation=True,
            security_query_params=security_query_params,
        ),
        uri_parser=uri_parser,
        arguments=_Arguments(operation, "application/json" if has_body else ""),
    )


def _starlette(response: Any) -> Response:
    """A ConnexionResponse from an error handler, as Connexion's exception middleware sends it."""
    return Response(
        content=response.body,
        status_code=response.status_code,
        media_type=response.mimetype,
        headers=response.headers,
    )
