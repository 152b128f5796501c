"""The request in progress, as the handlers see it: its session's world, the caller, and replies.

The HTTP front (``app.py``) opens a :class:`RequestState` for every request in a context variable;
Connexion runs security, validation and the handler in the same task, so they all see it. Handlers
only use the three public functions:

* :func:`current_world` — the current mock session's ``World``;
* :func:`current_call` — the ``Call`` for the rules (actor, session ``now``, request id, If-Match);
* :func:`reply` — the response to return (JSON, fast encoder; ``body=None`` gives an empty body).
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, overload

from starlette.datastructures import Headers
from starlette.responses import Response

from appointments_mock.domain.context import Actor, Call
from appointments_mock.domain.serialize import encode
from appointments_mock.errors import ProblemError

if TYPE_CHECKING:
    from starlette.types import Scope

    from appointments_mock.sessions import Session, SessionRegistry
    from appointments_mock.store import World

_T = TypeVar("_T")


class RequestHeaders(Headers):
    """A request's headers: Starlette's ``Headers``, looked up by name in a dict made once.

    ``Headers`` scans the whole list on every lookup, and one request looks up some twenty names.
    The answers are the same: the first value of a name (ASGI gives names in lower case; a name
    is looked up in lower case), every other method as ``Headers`` has it.
    """

    def __init__(self, scope: Scope) -> None:
        super().__init__(scope=scope)
        first: dict[str, str] = {}
        for key, value in self.raw:
            first.setdefault(key.decode("latin-1"), value.decode("latin-1"))
        self._first = first

    def __getitem__(self, key: str) -> str:
        value = self._first.get(key.lower())
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: Any) -> bool:
        return key.lower() in self._first

    @overload
    def get(self, key: str, /) -> str | None: ...

    @overload
    def get(self, key: str, /, default: str | _T) -> str | _T: ...

    def get(self, key: str, /, default: Any = None) -> Any:
        return self._first.get(key.lower(), default)


@dataclass(slots=True)
class RequestState:
    """What the layers of one request share (created by the front, filled in along the way)."""

    request_id: str
    session: Session
    instance: str  # the request path, percent-encoded, for problem ``instance``
    headers: Headers
    registry: SessionRegistry
    public_operations: frozenset[str] = frozenset()
    example_operations: frozenset[str] = frozenset()  # served from the spec's examples only
    api_version: str = ""  # ``info.version`` of the contract served
    operation_id: str | None = None
    actor: Actor | None = None
    auth_scheme: str | None = (
        None  # how the front authenticated the caller (bearer, signature, ...)
    )
    base_url: str = ""  # ``scheme://host/v1`` as the caller reached the API
    reached_handler: bool = False  # set once security and validation have passed
    # Parameter errors wait here so that body errors can be reported together with them.
    pending_errors: list[dict[str, str]] = field(default_factory=list)
    # An idempotent POST's (store key, fingerprint), the response its handler's transaction
    # made, and whether that transaction wrote the key's entry to the state directory.
    idempotency: tuple[str, str] | None = None
    response: Response | None = None
    idempotency_saved: bool = False


_state: ContextVar[RequestState | None] = ContextVar("appointments_mock_request", default=None)


def request_state() -> RequestState:
    """The state of the request in progress (raises outside a request)."""
    state = _state.get()
    if state is None:
        raise RuntimeError("no mock request in progress")
    return state


def current_request_state() -> RequestState | None:
    """The state of the request in progress, or None outside a request."""
    return _state.get()


def current_world() -> World:
    """The world of the current mock session."""
    return request_state().session.world


def _bearer_key(headers: Headers) -> str | None:
    scheme, _, key = headers.get("authorization", "").partition(" ")
    key = key.strip()
    if scheme.lower() != "bearer" or not key:
        return None
    return key


def current_call() -> Call:
    """The caller, the session clock's now, the request id and ``If-Match`` of the current request."""
    state = request_state()
    actor = state.actor
    if actor is None:
        key = _bearer_key(state.headers)
        actor = state.session.world.actor_for_key(key) if key else None
        if actor is None:  # only reachable for operations without security
            raise ProblemError(
                401, "unauthenticated", "Authentication required", "No valid API key was provided."
            )
        state.actor = actor
    return Call(
        actor=actor,
        now=state.session.world.clock.now(),
        request_id=state.request_id,
        if_match=state.headers.get("if-match"),
        base_url=state.base_url,
        session=state.session.name,
    )


class JSONReply(Response):
    """A JSON response that keeps the value it encodes, so that its check need not re-parse it."""

    def __init__(self, value: Any, status: int, headers: dict[str, str] | None) -> None:
        super().__init__(encode(value), status, headers, media_type="application/json")
        self.value = value


def reply(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """The handler's response: ``body`` as JSON (``None`` = no body, e.g. for 204)."""
    if body is None:
        return Response(status_code=status, headers=headers)
    return JSONReply(body, status, headers)
