"""The control API (``/_mock/...``, described by ``control_openapi.yaml``): a local test tool.

Each function is the handler of the operationId ``control.<name>``; every route acts on the session
named by ``X-Mock-Session``. There is no authentication: the mock is meant for localhost and CI.
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
from datetime import datetime
from typing import Any

from starlette.responses import Response

from appointments_mock import spec as _spec
from appointments_mock._request import reply, request_state
from appointments_mock.clock import ClockOutOfRange, format_instant
from appointments_mock.domain.webhooks import EVENT_TYPES
from appointments_mock.durable import clock_change
from appointments_mock.errors import ProblemError
from appointments_mock.faults import FaultError, fault_from_json
from appointments_mock.sessions import DEFAULT_SESSION, SESSION_HEADER, Session
from appointments_mock.snapshot import export_session
from appointments_mock.snapshot import import_snapshot as snapshot_state
from appointments_mock.validation import validation_problem
from appointments_mock.world_file import WorldFileError


def _session() -> Session:
    return request_state().session


def _session_name() -> str:
    """The session the request names (it may not be live: evicted, forgotten or new)."""
    return request_state().headers.get(SESSION_HEADER, DEFAULT_SESSION)


_METHODS = ("get", "put", "post", "delete", "patch")
_CONTROL_PATH = "/_mock"


@functools.cache
def _index() -> dict[str, Any]:
    """The index of the control API, read from its own spec (so it lists every route there is)."""
    document = _spec.load_spec(_spec.control_spec_path())
    routes = [
        {
            "operation_id": operation["operationId"],
            "method": method.upper(),
            "path": _CONTROL_PATH + path,
            "summary": operation.get("summary", ""),
        }
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in _METHODS
    ]
    return {
        "title": document["info"]["title"],
        "version": str(document["info"]["version"]),
        "routes": routes,
        "spec": {"yaml": f"{_CONTROL_PATH}/openapi.yaml", "json": f"{_CONTROL_PATH}/openapi.json"},
        "session_header": SESSION_HEADER,
    }


_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title}</title>
  <style>body {{ font-family: system-ui, sans-serif; margin: 2rem; }} td {{ padding: 0 .8rem; }}</style>
</head>
<body>
  <h1>{title}</h1>
  <p>Every route acts on the mock session named by the <code>{header}</code> header (none:
  <code>default</code>). This API's spec: <a href="{yaml}">openapi.yaml</a>,
  <a href="{json}">openapi.json</a>. The Appointments API: <a href="{base}">{base}</a>
  (<a href="{docs}">docs</a>, <a href="{spec}">spec</a>).</p>
  <table>
{rows}
  </table>
</body>
</html>
"""


def _page(index: dict[str, Any]) -> str:
    """The index as a page of links, for a browser opening the printed URL."""
    rows = []
    for route in index["routes"]:
        path = html.escape(route["path"])
        if route["method"] == "GET" and "{" not in route["path"]:
            path = f'<a href="{path}">{path}</a>'
        rows.append(
            f"    <tr><td>{route['method']}</td><td><code>{path}</code></td>"
            f"<td>{html.escape(route['summary'])}</td>"
            f"<td><code>{html.escape(route['operation_id'])}</code></td></tr>"
        )
    api = index["api"]
    return _PAGE.format(
        title=html.escape(index["title"]),
        header=html.escape(index["session_header"]),
        yaml=html.escape(index["spec"]["yaml"]),
        json=html.escape(index["spec"]["json"]),
        base=html.escape(api["base_url"]),
        docs=html.escape(api["docs"]),
        spec=html.escape(api["spec"]),
        rows="\n".join(rows),
    )


def _wants_html(accept: str) -> bool:
    """Whether the client asks for HTML first, as a browser does (others get JSON)."""
    first = accept.split(",", 1)[0].split(";", 1)[0].strip().lower()
    return first == "text/html"


async def index() -> Response:
    """What the printed ``Control:`` URL answers: every control route and where the specs are."""
    state = request_state()
    api = {"base_url": state.base_url, "docs": "/docs", "spec": "/openapi.yaml"}
    described = {**_index(), "api": api}
    if _wants_html(state.headers.get("accept", "")):
        return Response(_page(described), media_type="text/html")
    return reply(described)


async def openapi_yaml() -> Response:
    """The control API's spec, byte for byte as written."""
    return Response(_spec.control_spec_path().read_bytes(), media_type="application/yaml")


@functools.cache
def _spec_json() -> bytes:
    return json.dumps(_spec.load_spec(_spec.control_spec_path()), ensure_ascii=False).encode()


async def openapi_json() -> Response:
    """The control API's spec as JSON."""
    return Response(_spec_json(), media_type="application/json")


async def health() -> Response:
    """The server is up."""
    state = request_state()
    return reply(
        {
            "status": "ok",
            "sessions": len(state.registry),
            "api_version": state.api_version,
            "example_operations": sorted(state.example_operations),
        }
    )


async def reset() -> Response:
    """Fresh seed data, clock, journal, faults and idempotency keys for the session."""
    return reply(request_state().registry.reset(_session_name()).summary())


async def list_sessions() -> Response:
    """Every live session, and the evicted ones still answered for."""
    registry = request_state().registry
    return reply(
        {
            "items": [s.summary() for s in registry.list()],
            "max_sessions": registry.max_sessions,
            "evictions": registry.evictions,
            "evicted": [
                {"name": name, "evicted_at": format_instant(when)}
                for name, when in registry.evicted()
            ],
        }
    )


async def get_session() -> Response:
    """The session (created by this very request if it did not exist)."""
    return reply(_session().summary())


async def delete_session() -> Response:
    """Forget the session."""
    request_state().registry.delete(_session_name())
    return reply(None, 204)


def _durably() -> contextlib.AbstractContextManager[None]:
    """A clock change, written to the state directory before it is answered (if there is one)."""
    state = request_state()
    return clock_change(state.registry.state_store, state.session)


def _clock() -> Response:
    state = request_state()
    # Retries are due on the session clock: what became due goes at once.
    state.registry.webhooks.wake(state.session)
    return reply(state.session.world.clock.state())


async def get_clock() -> Response:
    """The session clock."""
    return _clock()


def _out_of_range(exc: ClockOutOfRange, pointer: str) -> ProblemError:
    return validation_problem([{"detail": str(exc), "pointer": pointer}])


async def freeze_clock(body: dict[str, Any] | None = None) -> Response:
    """Stop the clock at ``at`` (or now)."""
    at = (body or {}).get("at")
    try:
        when = datetime.fromisoformat(at.replace("Z", "+00:00")) if at else None
        with _durably():
            _session().world.clock.freeze(at=when)
    except OverflowError as exc:  # an offset that takes the instant outside what datetime holds
        raise _out_of_range(ClockOutOfRange(str(exc)), "/at") from exc
    except ClockOutOfRange as exc:
        raise _out_of_range(exc, "/at") from exc
    return _clock()


async def advance_clock(body: dict[str, Any]) -> Response:
    """Move the clock forward by seconds + minutes + hours + days (all or nothing)."""
    seconds = (
        float(body.get("seconds", 0))
        + 60 * float(body.get("minutes", 0))
        + 3600 * float(body.get("hours", 0))
        + 86400 * float(body.get("days", 0))
    )
    try:
        with _durably():
            _session().world.clock.advance(seconds)
    except ClockOutOfRange as exc:
        raise _out_of_range(exc, "") from exc
    return _clock()


async def resume_clock() -> Response:
    """Let the clock run in real time again."""
    with _durably():
        _session().world.clock.resume()
    return _clock()


async def list_faults() -> Response:
    """The session's faults (of the API and of its webhooks), in the order they were queued."""
    session = _session()
    faults = sorted([*session.faults.list(), *session.delivery_faults.list()], key=lambda f: f.seq)
    return reply({"items": [f.to_json() for f in faults]})


async def add_fault(body: dict[str, Any]) -> Response:
    """Queue a fault for the next matching requests (or webhook deliveries)."""
    state = request_state()
    try:
        fault = fault_from_json(body, set(state.public_operations), EVENT_TYPES)
        plan = state.session.delivery_faults if fault.target == "webhooks" else state.session.faults
        plan.add(fault)
    except FaultError as exc:
        raise validation_problem([{"detail": str(exc), "pointer": ""}]) from exc
    return reply(fault.to_json(), 201)


async def clear_faults() -> Response:
    """Remove every fault."""
    _session().faults.clear()
    _session().delivery_faults.clear()
    return reply(None, 204)


async def get_journal(operation_id: str | None = None, limit: int | None = None) -> Response:
    """The session's journal, oldest first."""
    entries = _session().journal.entries(operation_id=operation_id, limit=limit)
    return reply({"items": [e.to_json() for e in entries], "total_size": len(entries)})


async def clear_journal() -> Response:
    """Empty the journal."""
    _session().journal.clear()
    return reply(None, 204)


def _set_locked(appointment_id: str, locked: bool, reason: str | None) -> Response:
    world = _session().world
    world.set_locked(appointment_id, locked, reason)  # ProblemError 404 for an unknown id
    appointment = world.appointments[appointment_id]
    return reply(
        {
            "appointment_id": appointment_id,
            "locked": appointment.locked,
            "lock_reason": appointment.lock_reason,
        }
    )


async def lock_appointment(appointment_id: str, body: dict[str, Any] | None = None) -> Response:
    """Lock an appointment (it can then not be changed or deleted)."""
    return _set_locked(appointment_id, True, (body or {}).get("reason"))


async def unlock_appointment(appointment_id: str) -> Response:
    """Unlock an appointment."""
    return _set_locked(appointment_id, False, None)


async def export_snapshot() -> Response:
    """The session as one document (a world file with the members of a snapshot)."""
    session = _session()
    return reply(export_session(session.world, session.idempotency))


async def import_snapshot(body: dict[str, Any]) -> Response:
    """Replace the session with a snapshot's state, or change nothing and list every problem."""
    state = request_state()
    try:
        world, idempotency = snapshot_state(body, retention_days=state.registry.retention_days)
    except WorldFileError as exc:
        raise validation_problem(
            [{"detail": p.message, "pointer": p.pointer} for p in exc.problems]
        ) from exc
    return reply(state.registry.restore(_session_name(), world, idempotency).summary())
