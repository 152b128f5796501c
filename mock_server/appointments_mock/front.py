"""The outermost ASGI layer: everything that happens around an operation rather than in it.

For a request to the public API, in this order (each step answers on its own if it must, and
nothing later runs)::

    request id, session name (400)
    route (404, 405)
    authentication (401)            before the body is read: a bearer key, a calendar token or a
                                    request signature's head (``authentication.py``)
    session (410 session-evicted)   created here, and only for a caller that authenticated
    body, read up to the limit (413 payload-too-large)
    a signed request's body digest and nonce (401 digest-mismatch, signature-replayed)
    media type (415)
    faults, idempotency (replay, 409, 422)
    the operation: fastpath.py, or Connexion's stack (400 validation, the handler)
    journal

The control API (``/_mock``) passes ``control_access.py``'s checks first, then the same body
limit and media type checks, then Connexion. Everything the mock bounds is listed in
``limits.py``.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote_plus

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from appointments_mock import problems
from appointments_mock import spec as _spec
from appointments_mock._request import RequestHeaders, RequestState, _state
from appointments_mock.authentication import (
    CALENDAR_TOKEN,
    Credential,
    Refusal,
    authenticate,
    calendar_session,
    finish_signature,
)
from appointments_mock.control_access import ControlAccess
from appointments_mock.domain.context import Actor
from appointments_mock.errors import ProblemError
from appointments_mock.fastpath import FastPath
from appointments_mock.faults import Fault, corrupt_body
from appointments_mock.idempotency import MAX_KEY_LENGTH, StoredResponse, fingerprint, scope_key
from appointments_mock.journal import RECORDED_HEADERS
from appointments_mock.sessions import (
    DEFAULT_SESSION,
    SESSION_HEADER,
    SESSION_NAME,
    Session,
    SessionEvicted,
    SessionRegistry,
)

logger = logging.getLogger("appointments_mock")

CONTROL_BASE_PATH = "/_mock"
_REQUEST_ID = re.compile(r"^[\x21-\x7e]{1,200}$")
# Headers a replay must not copy from the first response (they are per response).
_NOT_REPLAYED = {b"x-request-id", b"content-length", b"date", b"server"}
# Control operations that act on an evicted session's name instead of refusing it.
_STARTS_AFRESH = frozenset({"control.reset", "control.delete_session", "control.import_snapshot"})
_NEEDS_NO_SESSION = frozenset(
    {
        "control.health",
        "control.list_sessions",
        "control.index",
        "control.openapi_yaml",
        "control.openapi_json",
    }
)

Answer = Callable[..., Response]


class DroppedConnection(ConnectionResetError):
    """Raised in-process for a ``drop`` fault when there is no socket to close."""


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


async def send_response(send: Send, response: Response) -> None:
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


class _Outcome:
    """What the journal needs to know about how a request ended."""

    def __init__(self) -> None:
        self.status = 0
        self.replayed = False
        self.fault: Fault | None = None
        # How the request authenticated: (scheme, "accepted" or the 401's code, signing key id).
        self.auth: tuple[str | None, str | None, str | None] = (None, None, None)


@dataclass(frozen=True, slots=True)
class _Incoming:
    """What every step knows of the request from its head: names, ids, how to answer a problem."""

    session: str  # the X-Mock-Session name (the session itself may not exist yet)
    request_id: str
    instance: str
    answer: Answer
    headers: RequestHeaders  # as the request came (the control index's path aside)


class _Body:
    """The request body as read (``None`` if it went past the limit) and how to hand it on."""

    def __init__(self, data: bytes | None, receive: Receive, size: int) -> None:
        self.data = data
        self.receive = receive
        self.size = size  # bytes seen (for an oversize body: how far reading went)


async def read_body(receive: Receive, headers: Headers, limit: int) -> _Body:
    """Read the body, stopping as soon as it exceeds ``limit`` bytes (then ``data`` is None)."""
    declared = headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        return _Body(None, receive, int(declared))  # refused before a byte is read
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return _Body(None, receive, size)
        chunks.append(chunk)
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

    return _Body(body, replay, size)


_HOST = re.compile(r"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?$")
_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_MEDIA_TYPE = re.compile(rf"^\s*{_TOKEN}/{_TOKEN}\s*(;.*)?$", re.DOTALL)


def _with_lower_media_type(scope: Scope, headers: RequestHeaders) -> tuple[Scope, RequestHeaders]:
    """Media types are case-insensitive (RFC 9110 §8.3.1): hand on ``application/json`` lower-cased.

    A ``Content-Type`` that is not a media type at all, on a request without a body, describes
    nothing and is left out (a body with one is refused before this, 415).
    """
    content_type = headers.get("content-type")
    if content_type is None:
        return scope, headers
    if not _MEDIA_TYPE.match(content_type):
        raw = [(k, v) for k, v in scope["headers"] if k.lower() != b"content-type"]
    else:
        mime, sep, parameters = content_type.partition(";")
        if mime == mime.lower():
            return scope, headers
        value = (mime.strip().lower() + sep + parameters).encode("latin-1")
        raw = [(k, value if k.lower() == b"content-type" else v) for k, v in scope["headers"]]
    scope = {**scope, "headers": raw}
    return scope, RequestHeaders(scope)


class Front:
    """The mock's outermost layer (see the module docstring for the order of its steps)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        registry: SessionRegistry,
        operations: FastPath,
        fast_path: bool,
        public: _spec.OperationIndex,
        control: _spec.OperationIndex,
        docs: list[BaseRoute],
        max_body_bytes: int,
        control_access: ControlAccess,
        api_version: str = "",
    ) -> None:
        self.app = app
        self.operations = operations
        self.fast_path = fast_path
        self.registry = registry
        self.public = public
        self.control = control
        self.docs = docs
        self.max_body_bytes = max_body_bytes
        self.control_access = control_access
        self.public_operations = frozenset(public.operation_ids())
        self.example_operations = frozenset(operations.example_operations)
        self.api_version = api_version

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] == CONTROL_BASE_PATH:
            # The URL `serve` prints: the control API's index, which its spec places at `/_mock/`.
            raw_path = scope.get("raw_path")
            scope = {**scope, "path": CONTROL_BASE_PATH + "/"}
            if raw_path:
                scope["raw_path"] = bytes(raw_path) + b"/"
        headers = RequestHeaders(scope)
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

        def answer(status: int, code: str, title: str, detail: str, **extra: Any) -> Response:
            return problems.problem_response(
                status, code, title, detail, instance=instance, request_id=request_id, **extra
            )

        path: str = scope["path"]
        name = headers.get(SESSION_HEADER, DEFAULT_SESSION)
        if path.startswith(CONTROL_BASE_PATH + "/"):
            refused = self.control_access.refusal(scope, headers, answer)
            if refused is not None:
                await send_response(send_with_id, refused)
                return
        if not SESSION_NAME.match(name):
            error = {
                "detail": "Use 1-128 letters, digits and ._:@/+=- (starting with a letter or digit).",
                "header": SESSION_HEADER,
            }
            response = answer(
                400, "validation-error", "The request is invalid", "1 error in the request.",
                errors=[error],
            )  # fmt: skip
            await send_response(send_with_id, response)
            return
        incoming = _Incoming(name, request_id, instance, answer, headers)
        activity = self.registry.webhooks.activity  # webhook attempts wait for an idle API
        activity.request_started()
        try:
            if path.startswith(self.public.base_path + "/"):
                await self._public(incoming, scope, receive, send_with_id, raw_send)
            elif path.startswith(CONTROL_BASE_PATH + "/"):
                await self._control(incoming, scope, receive, send_with_id)
            else:
                await self._docs(answer, scope, receive, send_with_id)
        finally:
            activity.request_finished()

    async def _docs(self, answer: Answer, scope: Scope, receive: Receive, send: Send) -> None:
        for route in self.docs:
            found, child = route.matches(scope)
            if found == Match.FULL:
                await route.handle({**scope, **child}, receive, send)
                return
            if found == Match.PARTIAL:
                allow = ", ".join(sorted(getattr(route, "methods", None) or ["GET", "HEAD"]))
                await send_response(send, _not_allowed(answer, allow))
                return
        await send_response(send, _not_found(answer))

    async def _control(
        self, incoming: _Incoming, scope: Scope, receive: Receive, send: Send
    ) -> None:
        name, answer = incoming.session, incoming.answer
        method: str = scope["method"]
        match = self.control.match(scope["path"])
        operation_id = match.operation_id(method) if match is not None else None
        if match is None:
            await send_response(send, _not_found(answer))
            return
        if operation_id is None:
            await send_response(send, _not_allowed(answer, match.allow))
            return
        try:
            if operation_id in _STARTS_AFRESH or operation_id in _NEEDS_NO_SESSION:
                # These act on the name (or on none), so an evicted or new name is no error;
                # the state still carries a session, the named one if it is live.
                session = self.registry.find(name) or self.registry.get(DEFAULT_SESSION)
            else:
                session = self.registry.get(name)
        except SessionEvicted as evicted:
            await send_response(send, _evicted(answer, evicted))
            return
        headers = incoming.headers
        body = await read_body(receive, headers, self.max_body_bytes)
        refused = self._refuse_body(answer, body, headers)
        if refused is not None:
            await send_response(send, refused)
            return
        scope, headers = _with_lower_media_type(scope, headers)
        state = RequestState(
            request_id=incoming.request_id,
            session=session,
            instance=incoming.instance,
            headers=headers,
            registry=self.registry,
            public_operations=self.public_operations,
            example_operations=self.example_operations,
            api_version=self.api_version,
            operation_id=operation_id,
            base_url=_base_url(scope, headers, self.public.base_path),
        )
        token = _state.set(state)
        try:
            await self._inner(scope, body.receive, send)
        finally:
            _state.reset(token)

    def _refuse_body(self, answer: Answer, body: _Body, headers: Headers) -> Response | None:
        """413 for a body past the limit; 415 for a body without a media type."""
        return self._refuse_size(answer, body) or self._refuse_media_type(answer, body, headers)

    def _refuse_size(self, answer: Answer, body: _Body) -> Response | None:
        """413 for a body past the limit."""
        if body.data is None:
            return answer(
                413,
                "payload-too-large",
                "Payload too large",
                f"The request body exceeds {self.max_body_bytes} bytes "
                "(appointments-mock serve --max-body-bytes).",
                max_body_bytes=self.max_body_bytes,
            )
        return None

    def _refuse_media_type(self, answer: Answer, body: _Body, headers: Headers) -> Response | None:
        """415 for a body without a media type."""
        content_type = headers.get("content-type")
        if body.data and (content_type is None or not _MEDIA_TYPE.match(content_type)):
            said = "has no Content-Type" if content_type is None else "has no valid Content-Type"
            return answer(
                415,
                "unsupported-media-type",
                "Unsupported media type",
                f"Send the body as application/json (the request {said}).",
            )
        return None

    async def _public(
        self, incoming: _Incoming, scope: Scope, receive: Receive, send: Send, raw_send: Send
    ) -> None:
        name, request_id, answer = incoming.session, incoming.request_id, incoming.answer
        started_at = time.perf_counter()
        timestamp = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        method: str = scope["method"]
        headers = incoming.headers
        match = self.public.match(scope["path"])
        operation_id = match.operation_id(method) if match is not None else None
        early: Response | None = None
        actor: Actor | None = None
        credential: Credential | None = None
        session: Session | None = None
        outcome = _Outcome()
        if match is None:
            early = _not_found(answer)
        elif operation_id is None:
            early = _not_allowed(answer, match.allow)
        else:
            schemes = self.operations.schemes(match.template, method)
            calendar_tokens = "calendarToken" in schemes
            if calendar_tokens and SESSION_HEADER not in headers:
                # A calendar client cannot send X-Mock-Session: its token names the session.
                named = calendar_session(_query_value(scope, CALENDAR_TOKEN))
                name = named if named and SESSION_NAME.match(named) else name
            if self.operations.secured(match.template, method):
                known = self.registry.find(name)
                try:
                    credential = authenticate(
                        scope, headers, self.registry.keys_world(name),
                        template=match.template,
                        relative_path=scope["path"][len(self.public.base_path):],
                        calendar_tokens=calendar_tokens,
                        nonces=known.nonces if known is not None else None,
                    )  # fmt: skip
                    actor = credential.actor
                    outcome.auth = (credential.scheme, "accepted", credential.key_id)
                except Refusal as refusal:
                    early = refusal.response(answer)
                    outcome.auth = (refusal.scheme, refusal.code, refusal.key_id)
            if early is None:
                try:
                    session = self.registry.get(name)
                except SessionEvicted as evicted:
                    early = _evicted(answer, evicted)
        if early is not None or session is None or match is None:
            assert early is not None
            await send_response(send, early)
            known = self.registry.find(name)  # a request never creates a session to be logged in
            if known is not None:
                outcome.status = early.status_code
                self._record(known, operation_id, request_id, headers, scope,
                             known.journal.next_seq(), timestamp, started_at, b"", 0, outcome)  # fmt: skip
            return
        state = RequestState(
            request_id=request_id,
            session=session,
            instance=incoming.instance,
            headers=headers,
            registry=self.registry,
            public_operations=self.public_operations,
            operation_id=operation_id,
            actor=actor,
            auth_scheme=credential.scheme if credential is not None else None,
            base_url=_base_url(scope, headers, self.public.base_path),
        )
        token = _state.set(state)
        seq = session.journal.next_seq()
        body = _Body(b"", receive, 0)

        async def recording_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                outcome.status = int(message["status"])
                outcome.replayed = any(
                    bytes(k).lower() == b"idempotent-replayed"
                    for k, _ in message.get("headers", [])
                )
            await send(message)

        try:
            body = await read_body(receive, headers, self.max_body_bytes)
            refused = self._refuse_size(answer, body)
            if refused is None and credential is not None and credential.scheme == "signature":
                try:
                    finish_signature(
                        credential, body.data or b"", session.nonces,
                        session.world.clock.now().timestamp(),
                    )  # fmt: skip
                except Refusal as refusal:
                    refused = refusal.response(answer)
                    outcome.auth = (refusal.scheme, refusal.code, refusal.key_id)
            refused = refused or self._refuse_media_type(answer, body, headers)
            if refused is not None:
                await send_response(recording_send, refused)
                return
            scope, state.headers = _with_lower_media_type(scope, headers)
            assert operation_id is not None
            fault = session.faults.take(operation_id)
            outcome.fault = fault
            if fault is not None and (
                fault.kind == "status" or (fault.kind == "drop" and not fault.after_handler)
            ):
                if fault.delay_ms:
                    await asyncio.sleep(fault.delay_ms / 1000)
                if fault.kind == "status":
                    await send_response(recording_send, _fault_response(answer, fault))
                else:
                    outcome.status = 0
                    await _drop(raw_send)
                return
            await self._operation(
                state, scope, body.receive, recording_send, raw_send, body.data or b"", fault,
                outcome, match.template, answer,
            )  # fmt: skip
        finally:
            _state.reset(token)
            self._record(session, operation_id, request_id, state.headers, scope, seq,
                         timestamp, started_at, body.data or b"", body.size, outcome)  # fmt: skip

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
            await send_response(send, _unexpected(exc))

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
        answer: Answer,
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
            request_fingerprint = fingerprint("POST", f"{scope['path']}?{query}", body)
            what, stored = store.begin(store_key, request_fingerprint)
            if what == "replay":
                assert stored is not None
                await _send_replay(send, stored)
                return
            if what != "proceed":
                await send_response(send, _idempotency_problem(answer, what))
                return
            state.idempotency = (store_key, request_fingerprint)
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
            fast = self.operations if self.fast_path else None
            kwargs = fast.prepare(template, state, scope, body) if fast else None
            if kwargs is None:
                await self._inner(scope, receive, target)
            else:
                state.reached_handler = True
                await self.operations.run(template, scope, kwargs, target)
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
            not_saved = idempotent and not self._kept_durably(state, kept)
            if idempotent:
                store.finish(store_key, None if not_saved else kept)
        if captured is None:
            return
        if not_saved:  # the response could not be saved with its key (the key is released)
            await send_response(send, _not_saved(answer))
            return
        if fault is not None and fault.kind == "drop":
            outcome.status = 0
            await _drop(raw_send)
        elif fault is not None and fault.kind == "corrupt" and 200 <= captured.status < 300:
            await captured.replay(send, corrupt_body(bytes(captured.body)))
        else:
            await captured.replay(send)

    def _kept_durably(self, state: RequestState, kept: StoredResponse | None) -> bool:
        """Whether ``kept`` is on disk, if there is a state directory (or nothing to keep).

        A transaction that changed something wrote it with its records; one that changed nothing
        (a 4xx, a no-op) did not, and it is written here.
        """
        durable = self.registry.state_store
        if durable is None or kept is None or state.idempotency_saved:
            return True
        assert state.idempotency is not None
        try:
            durable.save_idempotency(state.session, *state.idempotency, kept)
        except ProblemError:
            return False
        return True

    def _record(
        self,
        session: Session,
        operation_id: str | None,
        request_id: str,
        request_headers: Headers,
        scope: Scope,
        seq: int,
        timestamp: str,
        started_at: float,
        body: bytes,
        body_size: int,
        outcome: _Outcome,
    ) -> None:
        duration = time.perf_counter() - started_at
        headers = tuple(
            (name, request_headers[name]) for name in RECORDED_HEADERS if name in request_headers
        )
        session.journal.record_raw(
            (
                seq,
                timestamp,
                operation_id,
                scope["method"],
                scope["path"],
                scope.get("query_string", b"").decode("latin-1"),
                outcome.status,
                request_id,
                headers,
                body,
                max(body_size, len(body)),
                outcome.fault.label() if outcome.fault else None,
                outcome.replayed,
                round(duration * 1000, 3),
                "request",
                *outcome.auth,
            )
        )


async def _send_replay(send: Send, stored: StoredResponse) -> None:
    headers = [(k, v) for k, v in stored.headers if k.lower() not in _NOT_REPLAYED]
    headers += [
        (b"idempotent-replayed", b"true"),
        (b"content-length", str(len(stored.body)).encode()),
    ]
    await send({"type": "http.response.start", "status": stored.status, "headers": headers})
    await send({"type": "http.response.body", "body": stored.body})


def _not_saved(answer: Answer) -> Response:
    return answer(
        503,
        "state-not-saved",
        "The change could not be saved",
        "The mock could not write the response to its state directory; nothing was changed.",
    )


def _not_found(answer: Answer) -> Response:
    return answer(404, "not-found", "Not found", "There is no such resource.")


def _not_allowed(answer: Answer, allow: str) -> Response:
    return answer(
        405,
        "method-not-allowed",
        "Method not allowed",
        f"This resource supports {allow}.",
        headers={"Allow": allow},
    )


def _base_url(scope: Scope, headers: Headers, base_path: str) -> str:
    """The API's absolute base URL as this request reached it (``http://127.0.0.1:8080/v1``)."""
    host = headers.get("host")
    if not host or not _HOST.match(host):
        server = scope.get("server") or ("127.0.0.1", 80)
        host = f"{server[0]}:{server[1]}"
    return f"{scope.get('scheme', 'http')}://{host}{scope.get('root_path', '')}{base_path}"


def _query_value(scope: Scope, name: str) -> str | None:
    """The first value of a query parameter, decoded (None if absent)."""
    for pair in scope.get("query_string", b"").decode("latin-1").split("&"):
        key, _, value = pair.partition("=")
        if key == name:
            return unquote_plus(value)
    return None


def _evicted(answer: Answer, evicted: SessionEvicted) -> Response:
    when = evicted.evicted_at.isoformat(timespec="seconds").replace("+00:00", "Z")
    return answer(
        410,
        "session-evicted",
        "The mock session was evicted",
        f"Session {evicted.name!r} was evicted at {when}: the server keeps at most "
        f"{evicted.max_sessions} sessions (appointments-mock serve --max-sessions). "
        "POST /_mock/reset with this X-Mock-Session starts it afresh.",
        session=evicted.name,
        evicted_at=when,
    )


def _unexpected(exc: Exception) -> Response:
    logger.error("unexpected error while handling a request", exc_info=exc)
    return problems.problem_response(
        500, "internal", "Internal server error", "An unexpected error occurred."
    )


def _fault_response(answer: Answer, fault: Fault) -> Response:
    assert fault.status is not None
    code, title = problems.default_code(fault.status)
    headers: dict[str, str] = {}
    extra: dict[str, Any] = {}
    if fault.retry_after is not None:
        headers["Retry-After"] = str(fault.retry_after)
        if fault.status == 429:
            extra["retry_after_seconds"] = fault.retry_after
    detail = f"Injected by the mock's fault plan ({fault.id})."
    return answer(fault.status, code, title, detail, headers=headers, **extra)


def _idempotency_problem(answer: Answer, what: str) -> Response:
    if what == "reused":
        return answer(
            422,
            "idempotency-key-reused",
            "Idempotency key reused",
            "This Idempotency-Key was used with a different request.",
        )
    return answer(
        409,
        "idempotency-key-in-use",
        "Idempotency key in use",
        "A request with this Idempotency-Key is still running; retry later.",
    )
