"""The mock server as an ASGI app: Connexion serving ``openapi.yaml`` under ``/v1``, plus the control API.

Layers of one request, outermost first::

    _Front                request id, session, 404/405, faults, idempotency, journal, docs routes
    Connexion             (server errors, exception handlers -> problems.py, routing,
                           security: bearer key -> Actor, validation.py 2020-12 request checks,
                           response checks, ValidationGate, context)
    handler               appointments_mock.handlers.<tag>.<verb>, or control.<verb> for /_mock

``create_app()`` builds one; ``uvicorn appointments_mock.app:app`` serves a default one.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import re
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import connexion
from connexion.exceptions import ProblemException
from connexion.middleware import MiddlewarePosition
from connexion.middleware.main import ConnexionMiddleware
from connexion.middleware.server_error import ServerErrorMiddleware
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolver
from connexion.security import BearerSecurityHandler
from connexion.utils import get_function_from_name
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from appointments_mock import compat31, problems, validation
from appointments_mock import spec as _spec
from appointments_mock._request import RequestState, _state, current_request_state
from appointments_mock.docs import docs_routes
from appointments_mock.errors import ProblemError
from appointments_mock.fastpath import FastPath
from appointments_mock.faults import Fault, corrupt_body
from appointments_mock.idempotency import MAX_KEY_LENGTH, StoredResponse, fingerprint, scope_key
from appointments_mock.journal import MAX_BODY, RECORDED_HEADERS
from appointments_mock.sessions import (
    DEFAULT_MAX_SESSIONS,
    DEFAULT_SESSION,
    SESSION_HEADER,
    SESSION_NAME,
    Session,
    SessionRegistry,
    WorldFactory,
)

logger = logging.getLogger("appointments_mock")

HANDLERS_PACKAGE = "appointments_mock.handlers"
CONTROL_BASE_PATH = "/_mock"
_REQUEST_ID = re.compile(r"^[\x21-\x7e]{1,200}$")
# Headers a replay must not copy from the first response (they are per response).
_NOT_REPLAYED = {b"x-request-id", b"content-length", b"date", b"server"}


class DroppedConnection(ConnectionResetError):
    """Raised in-process for a ``drop`` fault when there is no socket to close."""


# -- security ---------------------------------------------------------------------------------------


def _actor_for_key(token: str) -> dict[str, Any] | None:
    """Connexion bearer check: the session's world knows the key, or the request is 401."""
    state = current_request_state()
    if state is None:
        return None
    actor = state.session.world.actor_for_key(token)
    if actor is None:
        return None
    state.actor = actor
    return {"sub": actor.id, "actor": actor}


class _BearerKeys(BearerSecurityHandler):  # type: ignore[misc]
    """The ``bearer`` scheme resolved in code, not through ``x-bearerInfoFunc`` in the spec."""

    def _resolve_func(self, _security_scheme: dict[str, Any]) -> Callable[..., Any]:
        return _actor_for_key


def _resolver(package: str) -> Resolver:
    """operationId ``<tag>.<verb>`` -> ``<package>.<tag>.<verb>``."""
    return Resolver(
        function_resolver=lambda operation_id: get_function_from_name(f"{package}.{operation_id}")
    )


# -- the front --------------------------------------------------------------------------------------


class _Response:
    """A response captured from the inner app (for idempotency, corrupt and drop-after faults)."""

    def __init__(self) -> None:
        self.status = 0
        self.headers: list[tuple[bytes, bytes]] = []
        self.body = bytearray()
        self.complete = False

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = int(message["status"])
            self.headers = [(bytes(k), bytes(v)) for k, v in message.get("headers", [])]
        elif message["type"] == "http.response.body":
            self.body += message.get("body", b"")
            if not message.get("more_body", False):
                self.complete = True

    async def replay(self, send: Send, body: bytes | None = None) -> None:
        body = bytes(self.body) if body is None else body
        headers = [(k, v) for k, v in self.headers if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": self.status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


async def _send_response(send: Send, response: Response) -> None:
    """Send a (fully buffered) Starlette response through ``send``."""
    await send(
        {
            "type": "http.response.start",
            "status": response.status_code,
            "headers": response.raw_headers,
        }
    )
    await send({"type": "http.response.body", "body": bytes(response.body)})


async def _drop(send: Send) -> None:
    """Close the connection without a response (uvicorn: close the socket; in-process: raise)."""
    cycle = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if cycle is None or transport is None or not hasattr(cycle, "disconnected"):
        raise DroppedConnection("connection dropped by the mock's fault plan")
    # Marking the cycle disconnected stops uvicorn from answering the request with its own 500.
    cycle.disconnected = True
    transport.close()


class _Front:
    """Outermost ASGI layer: everything that happens around the operation rather than in it."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        registry: SessionRegistry,
        public: _spec.OperationIndex,
        control: _spec.OperationIndex,
        docs: list[BaseRoute],
        fast: FastPath | None = None,
    ) -> None:
        self.app = app
        self.fast = fast
        self.registry = registry
        self.public = public
        self.control = control
        self.docs = docs
        self.public_operations = frozenset(public.operation_ids())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        caller_id = headers.get("x-request-id", "")
        request_id = caller_id if _REQUEST_ID.match(caller_id) else str(uuid.uuid4())
        instance = problems.encode_instance(scope.get("root_path", "") + scope["path"])
        raw_send = send

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = [
                    *(
                        h
                        for h in message.get("headers", [])
                        if bytes(h[0]).lower() != b"x-request-id"
                    ),
                    (b"x-request-id", request_id.encode()),
                ]
            await raw_send(message)

        session_name = headers.get(SESSION_HEADER, DEFAULT_SESSION)
        if not SESSION_NAME.match(session_name):
            error = {
                "detail": "Use 1-128 letters, digits and ._:@/+=- (starting with a letter or digit).",
                "header": SESSION_HEADER,
            }
            response = problems.problem_response(
                400, "validation-error", "The request is invalid", "1 error in the request.",
                instance=instance, request_id=request_id, errors=[error],
            )  # fmt: skip
            await _send_response(send_with_id, response)
            return
        state = RequestState(
            request_id=request_id,
            session=self.registry.get(session_name),
            instance=instance,
            headers=headers,
            registry=self.registry,
            public_operations=self.public_operations,
        )
        token = _state.set(state)
        try:
            await self._dispatch(state, scope, receive, send_with_id, raw_send)
        finally:
            _state.reset(token)

    async def _dispatch(
        self, state: RequestState, scope: Scope, receive: Receive, send: Send, raw_send: Send
    ) -> None:
        path: str = scope["path"]
        method: str = scope["method"]
        if path.startswith(self.public.base_path + "/"):
            await self._public(state, scope, receive, send, raw_send)
            return
        if path.startswith(CONTROL_BASE_PATH + "/"):
            match = self.control.match(path)
            if match is None:
                await _send_response(send, _not_found())
            elif match.operation_id(method) is None:
                await _send_response(send, _not_allowed(match.allow))
            else:
                await self._inner(scope, receive, send)
            return
        for route in self.docs:
            found, child = route.matches(scope)
            if found == Match.FULL:
                await route.handle({**scope, **child}, receive, send)
                return
            if found == Match.PARTIAL:
                allow = ", ".join(sorted(getattr(route, "methods", None) or ["GET", "HEAD"]))
                await _send_response(send, _not_allowed(allow))
                return
        await _send_response(send, _not_found())

    async def _inner(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run Connexion; whatever escapes it becomes a 500 problem (if nothing was sent yet)."""
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except DroppedConnection:
            raise
        except Exception as exc:
            if started:  # Connexion's server-error layer already answered and re-raised
                return
            await _send_response(send, _unexpected(exc))

    async def _public(
        self, state: RequestState, scope: Scope, receive: Receive, send: Send, raw_send: Send
    ) -> None:
        started_at = time.perf_counter()
        timestamp = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        session = state.session
        seq = session.journal.next_seq()
        method: str = scope["method"]
        body, receive = await _read_body(receive)
        outcome = _Outcome()

        async def recording_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                outcome.status = int(message["status"])
                outcome.replayed = any(
                    bytes(k).lower() == b"idempotent-replayed"
                    for k, _ in message.get("headers", [])
                )
            await send(message)

        try:
            match = self.public.match(scope["path"])
            if match is None:
                await _send_response(recording_send, _not_found())
                return
            state.operation_id = operation_id = match.operation_id(method)
            if operation_id is None:
                await _send_response(recording_send, _not_allowed(match.allow))
                return
            fault = session.faults.take(operation_id)
            outcome.fault = fault
            if fault is not None and (
                fault.kind == "status" or (fault.kind == "drop" and not fault.after_handler)
            ):
                if fault.delay_ms:
                    await asyncio.sleep(fault.delay_ms / 1000)
                if fault.kind == "status":
                    await _send_response(recording_send, _fault_response(fault))
                else:
                    outcome.status = 0
                    await _drop(raw_send)
                return
            await self._operation(
                state,
                scope,
                receive,
                recording_send,
                raw_send,
                body,
                fault,
                outcome,
                match.template,
            )
        finally:
            self._record(state, scope, seq, timestamp, started_at, body, outcome)

    async def _operation(
        self,
        state: RequestState,
        scope: Scope,
        receive: Receive,
        send: Send,
        raw_send: Send,
        body: bytes,
        fault: Fault | None,
        outcome: _Outcome,
        template: str,
    ) -> None:
        """Run the operation, with idempotency and the faults that act on its response."""
        key = state.headers.get("idempotency-key")
        idempotent = (
            scope["method"] == "POST" and key is not None and 0 < len(key) <= MAX_KEY_LENGTH
        )
        store = state.session.idempotency
        store_key = ""
        if idempotent:
            assert key is not None
            store_key = scope_key(state.headers.get("authorization"), key)
            query = scope.get("query_string", b"").decode("latin-1")
            what, stored = store.begin(
                store_key, fingerprint("POST", f"{scope['path']}?{query}", body)
            )
            if what == "replay":
                assert stored is not None
                await _send_replay(send, stored)
                return
            if what != "proceed":
                await _send_response(send, _idempotency_problem(what))
                return
        captured: _Response | None = None
        if idempotent or (fault is not None and fault.kind in ("corrupt", "drop")):
            captured = _Response()
            target: Send = captured.send
        else:
            target = send
        kept: StoredResponse | None = None
        try:
            if fault is not None and fault.delay_ms:
                # After the key is taken: a slow first request is how "still running" is tested.
                await asyncio.sleep(fault.delay_ms / 1000)
            kwargs = self.fast.prepare(template, state, scope, body) if self.fast else None
            if kwargs is None:
                await self._inner(scope, receive, target)
            else:
                assert self.fast is not None
                state.reached_handler = True
                await self.fast.run(template, scope, kwargs, target)
            if (
                captured is not None
                and captured.complete
                and state.reached_handler
                and captured.status < 500
            ):
                kept = StoredResponse(
                    captured.status, tuple(captured.headers), bytes(captured.body)
                )
        finally:
            if idempotent:
                store.finish(store_key, kept)
        if captured is None:
            return
        if fault is not None and fault.kind == "drop":
            outcome.status = 0
            await _drop(raw_send)
        elif fault is not None and fault.kind == "corrupt" and 200 <= captured.status < 300:
            await captured.replay(send, corrupt_body(bytes(captured.body)))
        else:
            await captured.replay(send)

    def _record(
        self,
        state: RequestState,
        scope: Scope,
        seq: int,
        timestamp: str,
        started_at: float,
        body: bytes,
        outcome: _Outcome,
    ) -> None:
        request_headers = state.headers
        headers = tuple(
            (name, request_headers[name]) for name in RECORDED_HEADERS if name in request_headers
        )
        state.session.journal.record_raw(
            (
                seq,
                timestamp,
                state.operation_id,
                scope["method"],
                scope["path"],
                scope.get("query_string", b"").decode("latin-1"),
                outcome.status,
                state.request_id,
                headers,
                body if len(body) <= MAX_BODY else b"",
                outcome.fault.label() if outcome.fault else None,
                outcome.replayed,
                round((time.perf_counter() - started_at) * 1000, 3),
            )
        )


class _Outcome:
    """What the journal needs to know about how a request ended."""

    def __init__(self) -> None:
        self.status = 0
        self.replayed = False
        self.fault: Fault | None = None


async def _read_body(receive: Receive) -> tuple[bytes, Receive]:
    """Read the whole request body, and a ``receive`` that hands it on once more."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    body = b"".join(chunks)
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return body, replay


async def _send_replay(send: Send, stored: StoredResponse) -> None:
    headers = [(k, v) for k, v in stored.headers if k.lower() not in _NOT_REPLAYED]
    headers += [
        (b"idempotent-replayed", b"true"),
        (b"content-length", str(len(stored.body)).encode()),
    ]
    await send({"type": "http.response.start", "status": stored.status, "headers": headers})
    await send({"type": "http.response.body", "body": stored.body})


def _not_found() -> Response:
    return problems.problem_response(404, "not-found", "Not found", "There is no such resource.")


def _not_allowed(allow: str) -> Response:
    return problems.problem_response(
        405,
        "method-not-allowed",
        "Method not allowed",
        f"This resource supports {allow}.",
        headers={"Allow": allow},
    )


def _unexpected(exc: Exception) -> Response:
    logger.error("unexpected error while handling a request", exc_info=exc)
    return problems.problem_response(
        500, "internal", "Internal server error", "An unexpected error occurred."
    )


def _fault_response(fault: Fault) -> Response:
    assert fault.status is not None
    code, title = problems.default_code(fault.status)
    headers: dict[str, str] = {}
    extra: dict[str, Any] = {}
    if fault.retry_after is not None:
        headers["Retry-After"] = str(fault.retry_after)
        if fault.status == 429:
            extra["retry_after_seconds"] = fault.retry_after
    detail = f"Injected by the mock's fault plan ({fault.id})."
    return problems.problem_response(fault.status, code, title, detail, headers=headers, **extra)


def _idempotency_problem(what: str) -> Response:
    if what == "reused":
        return problems.problem_response(
            422,
            "idempotency-key-reused",
            "Idempotency key reused",
            "This Idempotency-Key was used with a different request.",
        )
    return problems.problem_response(
        409,
        "idempotency-key-in-use",
        "Idempotency key in use",
        "A request with this Idempotency-Key is still running; retry later.",
    )


# -- the app ----------------------------------------------------------------------------------------


def create_app(
    *,
    seed: int = 0,
    retention_days: int = 30,
    validate_responses: bool = True,
    world_factory: WorldFactory | None = None,
    handlers_package: str = HANDLERS_PACKAGE,
    max_sessions: int = DEFAULT_MAX_SESSIONS,
    fast_path: bool = True,
) -> connexion.AsyncApp:
    """A mock server: ``openapi.yaml`` under ``/v1``, the control API under ``/_mock``, docs at ``/docs``.

    ``world_factory`` and ``handlers_package`` exist for tests of the HTTP layer itself;
    ``fast_path=False`` sends every request through Connexion (``fastpath.py`` says why not to).
    """
    compat31.install()
    public_path = _spec.spec_path()
    public_spec = _spec.load_spec(public_path)
    control_spec = _spec.load_spec(_spec.control_spec_path())
    registry = SessionRegistry(
        seed=seed,
        retention_days=retention_days,
        world_factory=world_factory,
        max_sessions=max_sessions,
    )
    public_index = _spec.OperationIndex(public_spec)
    # The compiled operations: their handlers (one transaction each, with the response check)
    # serve both paths; ``fast_path=False`` only stops the front from answering by itself.
    operations = FastPath(
        public_spec,
        _resolver(handlers_package),
        base_path=public_index.base_path,
        validate_responses=validate_responses,
    )
    front = partial(
        _Front,
        registry=registry,
        fast=operations if fast_path else None,
        public=public_index,
        control=_spec.OperationIndex(control_spec),
        docs=docs_routes(Path(public_path)),
    )
    middlewares: list[Any] = [
        front,
        partial(ServerErrorMiddleware, handler=problems.on_unexpected),
        *ConnexionMiddleware.default_middlewares[1:],
    ]
    app = connexion.AsyncApp(__name__, middlewares=middlewares)
    app.add_middleware(validation.ValidationGate, position=MiddlewarePosition.BEFORE_CONTEXT)
    common: dict[str, Any] = {
        "pythonic_params": True,
        "strict_validation": True,
        "validator_map": validation.validator_map(),
        "swagger_ui_options": SwaggerUIOptions(serve_spec=False, swagger_ui=False),
    }
    app.add_api(
        copy.deepcopy(public_spec),
        resolver=Resolver(function_resolver=operations.handler),
        validate_responses=False,  # each handler checks its response inside its transaction
        security_map={"bearer": _BearerKeys},
        **common,
    )
    app.add_api(
        copy.deepcopy(control_spec),
        base_path=CONTROL_BASE_PATH,
        resolver=_resolver("appointments_mock"),
        validate_responses=validate_responses,
        **common,
    )
    app.add_error_handler(ProblemError, problems.on_problem_error)
    app.add_error_handler(ProblemException, problems.on_connexion_problem)
    app.add_error_handler(HTTPException, problems.on_http_exception)
    app.add_error_handler(Exception, problems.on_unexpected)
    return app


def sessions_of(app: connexion.AsyncApp) -> SessionRegistry:
    """The session registry of an app made by :func:`create_app` (for in-process tests)."""
    for middleware in app.middleware.middlewares:
        if isinstance(middleware, partial) and middleware.func is _Front:
            registry = middleware.keywords["registry"]
            assert isinstance(registry, SessionRegistry)
            return registry
    raise ValueError("not an app made by create_app()")


def session_of(app: connexion.AsyncApp, name: str = DEFAULT_SESSION) -> Session:
    """One session of an app made by :func:`create_app`, created if need be."""
    return sessions_of(app).get(name)


_default_app: list[connexion.AsyncApp] = []


def __getattr__(name: str) -> Any:
    # ``uvicorn appointments_mock.app:app`` gets a default app, built on first access only.
    if name == "app":
        if not _default_app:
            _default_app.append(create_app())
        return _default_app[0]
    raise AttributeError(name)
