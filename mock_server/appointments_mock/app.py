"""The mock server as an ASGI app: Connexion serving ``openapi.yaml`` under ``/v1``, plus the control API.

Layers of one request, outermost first::

    front.Front           request id, session, routing, authentication, body limit, media type,
                          faults, idempotency, journal, docs routes (see front.py)
    Connexion             (server errors, exception handlers -> problems.py, routing,
                           security: bearer key -> Actor, validation.py 2020-12 request checks,
                           ValidationGate, context)
    handler               fastpath.FastPath.handler(operationId): one transaction around
                          appointments_mock.handlers.<tag>.<verb> and its response check
                          (atomic.py); control.<verb> for /_mock

``create_app()`` builds one; ``uvicorn appointments_mock.app:app`` serves a default one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
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
from connexion.security import ApiKeySecurityHandler, BearerSecurityHandler
from connexion.utils import get_function_from_name
from starlette.exceptions import HTTPException

from appointments_mock import compat31, examples, problems, validation
from appointments_mock import spec as _spec
from appointments_mock._request import current_request_state
from appointments_mock.control_access import ControlAccess
from appointments_mock.docs import docs_routes
from appointments_mock.durable import StateStore
from appointments_mock.errors import ProblemError
from appointments_mock.fastpath import FastPath
from appointments_mock.front import CONTROL_BASE_PATH, DroppedConnection, Front
from appointments_mock.limits import DEFAULT_MAX_BODY_BYTES
from appointments_mock.outbox import WebhookPolicy
from appointments_mock.sessions import (
    DEFAULT_MAX_SESSIONS,
    DEFAULT_SESSION,
    Session,
    SessionRegistry,
    WorldFactory,
)
from appointments_mock.uri_parsing import StrictURIParser
from appointments_mock.webhooks import WebhookSender
from appointments_mock.world_file import WorldFile

logger = logging.getLogger("appointments_mock")

HANDLERS_PACKAGE = "appointments_mock.handlers"


def _not_the_media_type_notice(record: logging.LogRecord) -> bool:
    # PATCH takes application/json and application/merge-patch+json with one schema; Connexion
    # warns about the choice of the first at start-up and on every such request.
    return not str(record.msg).startswith("this operation accepts multiple content types")


logging.getLogger("connexion.operations.openapi3").addFilter(_not_the_media_type_notice)

__all__ = [
    "DroppedConnection",
    "coverage_of",
    "create_app",
    "example_operations_of",
    "session_of",
    "sessions_of",
    "webhooks_of",
]


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


def _authenticated_by_front(_value: str, _required_scopes: Any = None) -> dict[str, Any] | None:
    """Connexion's check of an ``apiKey`` scheme (``signature``, ``calendarToken``).

    The front judged the request before anything else (``authentication.py``: the signature, or
    the calendar token for the calendar in the path); this passes on its verdict.
    """
    state = current_request_state()
    if state is None or state.actor is None or state.auth_scheme in (None, "bearer"):
        return None
    return {"sub": state.actor.id, "actor": state.actor}


class _FrontVerdict(ApiKeySecurityHandler):  # type: ignore[misc]
    """The ``apiKey`` schemes, resolved in code: the front's verdict."""

    def _resolve_func(self, _security_scheme: dict[str, Any]) -> Callable[..., Any]:
        return _authenticated_by_front


def _resolver(package: str, *, missing: Callable[..., Any] | None = None) -> Resolver:
    """operationId ``<tag>.<verb>`` -> ``<package>.<tag>.<verb>`` (or ``missing`` if not there)."""

    def resolve(operation_id: str) -> Any:
        try:
            return get_function_from_name(f"{package}.{operation_id}")
        except (ImportError, AttributeError, ValueError):
            if missing is None:
                raise
            return missing

    return Resolver(function_resolver=resolve)


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
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    control_access: ControlAccess | None = None,
    spec_path: Path | None = None,
    webhook_policy: WebhookPolicy | None = None,
    world: WorldFile | None = None,
    state_store: StateStore | None = None,
) -> connexion.AsyncApp:
    """A mock server: ``openapi.yaml`` under ``/v1``, the control API under ``/_mock``, docs at ``/docs``.

    ``world_factory`` and ``handlers_package`` exist for tests of the HTTP layer itself;
    ``fast_path=False`` sends every request through Connexion (``fastpath.py`` says why not to).
    ``max_body_bytes`` bounds request bodies (413 beyond); ``control_access`` guards ``/_mock``
    (``serve`` sets a token off loopback and the Host check on it). ``spec_path`` serves another
    contract than the packaged ``openapi.yaml`` (a working copy: operations it adds that have no
    handler are served from their examples, ``examples.py``). ``webhook_policy`` says where and
    how webhooks are sent (hosts besides loopback, timeout, retries, when to disable). ``world``
    (a checked world file, ``world_file.load_world``) is what every session starts from instead
    of the demo data. ``state_store`` (``durable.StateStore``, ``serve --state-dir``) makes every
    change durable; the sessions it holds are loaded here.
    """
    compat31.install()
    public_path = spec_path or _spec.spec_path()
    public_spec = _spec.load_spec(public_path)
    control_spec = _spec.load_spec(_spec.control_spec_path())
    registry = SessionRegistry(
        seed=seed,
        retention_days=retention_days,
        world_factory=world_factory or (world.build if world is not None else None),
        max_sessions=max_sessions,
        webhook_policy=webhook_policy,
        state_store=state_store,
    )
    public_index = _spec.OperationIndex(public_spec)
    # The compiled operations: their handlers (one transaction each, with the response check)
    # serve both paths; ``fast_path=False`` only stops the front from answering by itself.
    operations = FastPath(
        _resolver(handlers_package, missing=examples.no_handler),
        base_path=public_index.base_path,
        validate_responses=validate_responses,
    )
    front = partial(
        Front,
        registry=registry,
        operations=operations,
        fast_path=fast_path,
        public=public_index,
        control=_spec.OperationIndex(control_spec),
        docs=docs_routes(Path(public_path)),
        max_body_bytes=max_body_bytes,
        control_access=control_access or ControlAccess(),
        api_version=str((public_spec.get("info") or {}).get("version", "")),
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
        "uri_parser_class": StrictURIParser,
        "swagger_ui_options": SwaggerUIOptions(serve_spec=False, swagger_ui=False),
    }
    # Connexion's ``Specification`` copies what it is given (the parsed documents stay as cached).
    apis = app.middleware.apis
    app.add_api(
        public_spec,
        resolver=Resolver(function_resolver=operations.handler),  # called on the first request
        validate_responses=False,  # each handler checks its response inside its transaction
        security_map={"bearer": _BearerKeys, "apiKey": _FrontVerdict},
        **common,
    )
    # The compiled operations are those of the API Connexion was just given: one load of the spec.
    operations.compile(apis[-1].specification)
    app.add_api(
        control_spec,
        base_path=CONTROL_BASE_PATH,
        resolver=_resolver("appointments_mock"),
        validate_responses=validate_responses,
        **common,
    )
    app.add_error_handler(ProblemError, problems.on_problem_error)
    app.add_error_handler(ProblemException, problems.on_connexion_problem)
    app.add_error_handler(HTTPException, problems.on_http_exception)
    app.add_error_handler(Exception, problems.on_unexpected)
    # Last: the cyclic collector's passes while Connexion builds would walk every restored record.
    registry.load()
    return app


def _front_setting(app: connexion.AsyncApp, name: str) -> Any:
    """One of the settings :func:`create_app` gave the app's front (``registry``, ...)."""
    for middleware in app.middleware.middlewares:
        if isinstance(middleware, partial) and middleware.func is Front:
            return middleware.keywords[name]
    raise ValueError("not an app made by create_app()")


def sessions_of(app: connexion.AsyncApp) -> SessionRegistry:
    """The session registry of an app made by :func:`create_app` (for in-process tests)."""
    registry = _front_setting(app, "registry")
    assert isinstance(registry, SessionRegistry)
    return registry


def _operations_of(app: connexion.AsyncApp) -> FastPath:
    operations = _front_setting(app, "operations")
    assert isinstance(operations, FastPath)
    return operations


def example_operations_of(app: connexion.AsyncApp) -> list[str]:
    """The operations of an app made by :func:`create_app` that have no rules, only examples."""
    return sorted(_operations_of(app).example_operations)


def coverage_of(app: connexion.AsyncApp) -> dict[str, str]:
    """operationId -> ``rules``, ``examples`` or ``none`` (answers 501) for an app's contract."""
    return _operations_of(app).coverage()


def webhooks_of(app: connexion.AsyncApp) -> WebhookSender:
    """The webhook sender of an app made by :func:`create_app` (to mount in-process receivers)."""
    return sessions_of(app).webhooks


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
