"""Every error the mock answers is RFC 9457 ``application/problem+json`` with a stable ``code``.

The body always has ``type`` (``/problems/<code>``), ``title``, ``status``, ``detail``, ``instance``
(the request path, percent-encoded so that it is a valid ``uri-reference``), ``code`` and
``request_id``, plus extension members (``errors``, ``deleted_at``, ...).

The ``on_*`` functions are the error handlers registered on Connexion's exception middleware: they
turn the mock's own :class:`~appointments_mock.errors.ProblemError`, Connexion's problems (401 from
security, 415, response validation) and anything unexpected (500, no stack trace) into problems.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

import orjson
from connexion.exceptions import ProblemException
from connexion.lifecycle import ConnexionResponse
from starlette.exceptions import HTTPException
from starlette.responses import Response

from appointments_mock._request import current_request_state
from appointments_mock.errors import ProblemError

PROBLEM_JSON = "application/problem+json"
WWW_AUTHENTICATE = 'Bearer realm="appointments"'

logger = logging.getLogger("appointments_mock")

# The default code and title for each status, for problems that do not bring their own.
_DEFAULTS: dict[int, tuple[str, str]] = {
    400: ("validation-error", "The request is invalid"),
    401: ("unauthenticated", "Authentication required"),
    403: ("forbidden", "Not allowed"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    408: ("request-timeout", "Request timeout"),
    409: ("conflict", "Conflict"),
    410: ("gone", "Gone"),
    412: ("precondition-failed", "The resource has changed"),
    413: ("payload-too-large", "Payload too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    422: ("unprocessable", "Unprocessable request"),
    429: ("rate-limited", "Too many requests"),
    500: ("internal", "Internal server error"),
    502: ("bad-gateway", "Bad gateway"),
    503: ("unavailable", "Service unavailable"),
    504: ("gateway-timeout", "Gateway timeout"),
}


def default_code(status: int) -> tuple[str, str]:
    """The default ``(code, title)`` for an HTTP status."""
    if status in _DEFAULTS:
        return _DEFAULTS[status]
    return ("internal", "Internal server error") if status >= 500 else ("error", "Error")


def encode_instance(path: str) -> str:
    """A request path as a valid ``uri-reference`` (decoded paths may hold spaces or non-ASCII)."""
    return quote(path, safe="/:@!$&'()*+,;=-._~")  # a literal % in a decoded path must become %25


def problem_body(
    status: int,
    code: str,
    title: str,
    detail: str,
    *,
    instance: str | None = None,
    request_id: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The problem document; ``instance`` and ``request_id`` default to the current request's."""
    state = current_request_state()
    body: dict[str, Any] = {
        "type": f"/problems/{code}",
        "title": title,
        "status": status,
        "detail": detail,
    }
    instance = instance if instance is not None else (state.instance if state else None)
    if instance is not None:
        body["instance"] = instance
    body["code"] = code
    request_id = request_id if request_id is not None else (state.request_id if state else None)
    if request_id is not None:
        body["request_id"] = request_id
    body.update(extra)
    return body


def _headers_for(status: int, headers: dict[str, str] | None) -> dict[str, str]:
    result = dict(headers or {})
    if status == 401:
        result.setdefault("WWW-Authenticate", WWW_AUTHENTICATE)
    return result


def problem_response(
    status: int,
    code: str,
    title: str,
    detail: str,
    *,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    """A Starlette problem+json response (for code that answers outside Connexion)."""
    body = orjson.dumps(problem_body(status, code, title, detail, **extra))
    return Response(body, status, headers=_headers_for(status, headers), media_type=PROBLEM_JSON)


def _connexion_response(
    status: int, body: dict[str, Any], headers: dict[str, str] | None = None
) -> ConnexionResponse:
    return ConnexionResponse(
        status_code=status,
        mimetype=PROBLEM_JSON,
        content_type=PROBLEM_JSON,
        body=orjson.dumps(body),
        headers=_headers_for(status, headers),
    )


def render(exc: ProblemError, headers: dict[str, str] | None = None) -> ConnexionResponse:
    """The response for a broken rule raised anywhere below the exception middleware."""
    body = problem_body(exc.status, exc.code, exc.title, exc.detail, **exc.extra)
    return _connexion_response(exc.status, body, headers)


async def on_problem_error(_request: Any, exc: Exception) -> ConnexionResponse:
    """Handler for the mock's own :class:`ProblemError`."""
    assert isinstance(exc, ProblemError)
    return render(exc)


async def on_connexion_problem(_request: Any, exc: Exception) -> ConnexionResponse:
    """Handler for Connexion's problems: security (401/403), media type (415), response checks (500)."""
    assert isinstance(exc, ProblemException)
    status = int(exc.status)
    code, title = default_code(status)
    detail = str(exc.detail or exc.title or title)
    extra: dict[str, Any] = {}
    if status == 401:
        detail = f"No valid API key was provided ({detail[:1].lower()}{detail[1:]})."
    elif status == 415:
        detail = f"Send the body as application/json ({detail})."
    elif status == 400:
        extra["errors"] = [{"detail": detail, "pointer": ""}]
    elif status >= 500:
        logger.error("%s: %s", title, detail)
    headers = {k: str(v) for k, v in (exc.headers or {}).items()}
    return _connexion_response(status, problem_body(status, code, title, detail, **extra), headers)


async def on_http_exception(_request: Any, exc: Exception) -> ConnexionResponse:
    """Handler for Starlette's HTTP exceptions (404/405 from routing, should any reach it)."""
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    code, title = default_code(status)
    detail = exc.detail if status != 404 else "There is no such resource."
    headers = dict(exc.headers or {})
    return _connexion_response(status, problem_body(status, code, title, detail), headers)


async def on_unexpected(_request: Any, exc: Exception) -> ConnexionResponse:
    """Handler for anything else: 500 ``internal``; the traceback goes to the log, not the client."""
    logger.error("unexpected error while handling a request", exc_info=exc)
    body = problem_body(500, "internal", "Internal server error", "An unexpected error occurred.")
    return _connexion_response(500, body)
