"""The fast path answers exactly as Connexion does: the same requests, both ways, same responses.

Two apps on frozen, identically seeded worlds receive the same sequence of requests (valid and
invalid, every role, reads and writes); status, headers and body must be equal at every step.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from appointments_mock.app import _operations_of, create_app, session_of
from appointments_mock.clock import Clock
from appointments_mock.fastpath import FastPath
from appointments_mock.seed import new_world
from appointments_mock.store import World
from tests.mock_http._support import CLIENT_ID, PRACTITIONER_ID, group_body

pytestmark = pytest.mark.anyio

FROZEN = datetime(2031, 1, 1, 9, 0, tzinfo=UTC)
ADMIN = "Bearer demo-admin-key"
STAFF = "Bearer demo-staff-key"
CLIENT = "Bearer demo-client-key"
MISSING = "00000000-0000-4000-8000-000000000000"


def _frozen_world(*, seed: int, retention_days: int) -> World:
    return new_world(seed=seed, retention_days=retention_days, clock=Clock(frozen_at=FROZEN))


def _app(fast_path: bool, validate_responses: bool = True) -> Any:
    return create_app(
        world_factory=_frozen_world, fast_path=fast_path, validate_responses=validate_responses
    )


def _requests(labels: dict[str, str]) -> list[tuple[str, str, dict[str, Any]]]:
    up, canceled, deleted = labels["upcoming"], labels["canceled"], labels["deleted"]
    group, locked, series = labels["group"], labels["locked"], labels["series"]
    a = "/v1/appointments"
    cancel = {"reason_code": 30, "note": "Flu."}
    return [
        # lists: filters, orders, pages, bad parameters
        ("GET", a, {}),
        ("GET", a, {"params": {"page_size": 2}}),
        ("GET", a, {"params": [("status", "active"), ("status", "canceled")]}),
        ("GET", a, {"params": {"status": "active,canceled", "deleted": "include"}}),
        ("GET", a, {"params": {"deleted": "only"}}),
        ("GET", a, {"params": {"type": "group", "order_by": "starts_at_desc"}}),
        ("GET", a, {"params": {"practitioner_id": PRACTITIONER_ID, "status": "canceled"}}),
        ("GET", a, {"params": {"client_id": CLIENT_ID}}),
        ("GET", a, {"params": {"starts_after": "2031-01-02T00:00:00Z"}}),
        ("GET", a, {"params": {"starts_after": "yesterday"}}),
        ("GET", a, {"params": {"page_size": 0}}),
        ("GET", a, {"params": {"page_size": "ten"}}),
        ("GET", a, {"params": {"page_size": [5, 6]}}),
        ("GET", a, {"params": {"page_token": "garbage"}}),
        ("GET", a, {"params": {"colour": "blue"}}),
        ("GET", a, {"params": {"status": "lost"}}),
        ("GET", a, {"headers": {"Authorization": STAFF}}),
        ("GET", a, {"headers": {"Authorization": CLIENT}, "params": {"status": "canceled"}}),
        # authentication
        ("GET", a, {"headers": {"Authorization": ""}}),
        ("GET", a, {"headers": {"Authorization": "Bearer nope"}}),
        ("GET", a, {"headers": {"Authorization": "Basic ZGVtbzpkZW1v"}}),
        ("GET", a, {"headers": {"Authorization": "Bearer"}}),
        # one appointment
        ("GET", f"{a}/{up}", {}),
        ("HEAD", f"{a}/{up}", {}),
        ("GET", f"{a}/{up}", {"headers": {"Authorization": CLIENT}}),
        ("GET", f"{a}/{locked}", {"headers": {"Authorization": CLIENT}}),
        ("GET", f"{a}/{deleted}", {}),
        ("GET", f"{a}/{deleted}", {"params": {"show_deleted": "true"}}),
        ("GET", f"{a}/{MISSING}", {}),
        ("GET", f"{a}/not-a-uuid", {}),
        ("GET", f"{a}/{up}", {"headers": {"Content-Type": "text/plain"}}),
        # writes: create
        ("POST", a, {"json": group_body()}),
        ("POST", a, {"json": group_body()}),  # slot conflict
        ("POST", a, {"json": {**group_body(), "max_attendees": "many"}}),
        ("POST", a, {"json": {"type": "group"}}),
        ("POST", a, {"content": b"{not json", "headers": {"Content-Type": "application/json"}}),
        ("POST", a, {"content": b'{"max_attendees": NaN}', "headers": _ct()}),
        ("POST", a, {"content": b"", "headers": _ct()}),
        ("POST", a, {"content": json.dumps(group_body()).encode(), "headers": _ct("text/plain")}),
        (
            "POST",
            a,
            {
                "json": group_body("2031-01-07T10:00:00Z", "2031-01-07T11:00:00Z"),
                "headers": {"Idempotency-Key": "k-1"},
            },
        ),
        (
            "POST",
            a,
            {
                "json": group_body("2031-01-07T10:00:00Z", "2031-01-07T11:00:00Z"),
                "headers": {"Idempotency-Key": "k-1"},
            },
        ),
        # writes: update, cancel, delete, restore, purge
        ("PATCH", f"{a}/{up}", {"json": {"notes": "Bring the X-ray."}}),
        ("PATCH", f"{a}/{up}", {"json": {"notes": 7}}),
        ("POST", f"{a}/{up}/cancel", {"json": cancel, "headers": {"If-Match": '"1"'}}),
        ("POST", f"{a}/{up}/cancel", {"json": {"reason_code": 99}}),
        ("POST", f"{a}/{up}/cancel", {"json": cancel}),
        ("POST", f"{a}/{up}/cancel", {"json": cancel}),  # already canceled
        ("POST", f"{a}/{canceled}/cancel", {"json": cancel, "headers": {"Authorization": CLIENT}}),
        ("POST", f"{a}/{locked}/cancel", {"json": cancel}),
        ("POST", f"{a}/{series}/cancel", {"json": {**cancel, "apply_to_repeats": True}}),
        ("DELETE", f"{a}/{group}", {"params": {"notify": "true"}}),
        ("POST", f"{a}/{group}/restore", {}),
        ("DELETE", f"{a}/{canceled}", {}),
        ("POST", f"{a}/{canceled}/purge", {}),
        ("POST", f"{a}/{canceled}/purge", {"headers": {"Authorization": STAFF}}),
        # the other tags
        ("GET", f"{a}/{group}/attendees", {}),
        ("POST", f"{a}/{group}/attendees", {"json": {"client_id": CLIENT_ID}}),
        ("POST", f"{a}/{group}/attendees", {"json": {"client_id": MISSING}}),
        ("GET", f"{a}/{group}/audit-events", {"params": {"page_size": 3}}),
        ("GET", f"{a}/{group}/notifications", {}),
        ("GET", "/v1/audit-events", {"params": {"action": "appointment.canceled"}}),
        ("GET", "/v1/availability", {"params": {"practitioner_id": PRACTITIONER_ID}}),
        (
            "GET",
            "/v1/availability",
            {"params": {"from": "2031-01-06T00:00:00Z", "to": "2031-01-08T00:00:00Z"}},
        ),
        ("GET", "/v1/practitioners", {}),
        ("GET", "/v1/clients", {"headers": {"Authorization": CLIENT}}),
        ("GET", f"/v1/clients/{CLIENT_ID}", {}),
        ("GET", "/v1/cancellation-reasons", {}),
        ("GET", "/v1/nowhere", {}),
        ("PUT", a, {"json": {}}),
    ]


def _ct(value: str = "application/json") -> dict[str, str]:
    return {"Content-Type": value}


async def _exchange(
    client: httpx.AsyncClient, step: int, method: str, path: str, options: dict[str, Any]
) -> tuple[int, list[tuple[str, str]], bytes]:
    headers = {"Authorization": ADMIN, "X-Request-Id": f"req-{step}", **options.get("headers", {})}
    response = await client.request(
        method,
        path,
        params=options.get("params"),
        json=options.get("json"),
        content=options.get("content"),
        headers={k: v for k, v in headers.items() if v},
    )
    return response.status_code, sorted(response.headers.items()), response.content


@pytest.mark.parametrize("validate_responses", [True, False])
async def test_fast_path_answers_like_connexion(validate_responses: bool) -> None:
    fast, slow = _app(True, validate_responses), _app(False, validate_responses)
    labels = session_of(fast).world.labels
    assert labels == session_of(slow).world.labels
    clients = [
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mock")
        for app in (fast, slow)
    ]
    try:
        for step, (method, path, options) in enumerate(_requests(labels)):
            got = await _exchange(clients[0], step, method, path, options)
            expected = await _exchange(clients[1], step, method, path, options)
            assert got == expected, f"step {step}: {method} {path} {options}"
    finally:
        for client in clients:
            await client.aclose()


async def test_fast_path_serves_the_common_case() -> None:
    """The comparison above means something only if the fast path really answers requests. It
    compiles the ``Specification`` Connexion's API holds, and neither path changes the parsed
    documents ``spec.load_spec`` caches for every app of the process."""
    import yaml

    from appointments_mock import spec as _spec

    app = _app(True)
    [public] = [api for api in app.middleware.apis if api.specification.base_path == "/v1"]
    assert _operations_of(app)._ops
    assert all(op.operation.components is public.specification.components
               for op in _operations_of(app)._ops.values())  # fmt: skip
    front = next(m for m in app.middleware.middlewares if getattr(m, "func", None) is not None)
    fast = front.keywords["operations"]
    assert isinstance(fast, FastPath)
    assert front.keywords["fast_path"]
    served = []
    original = fast.run

    async def spy(*args: Any, **kwargs: Any) -> None:
        served.append(args[0])
        await original(*args, **kwargs)

    fast.run = spy  # type: ignore[method-assign]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
        headers = {"Authorization": ADMIN}
        assert (await client.get("/v1/appointments", headers=headers)).status_code == 200
        assert (
            await client.get("/v1/appointments?page_size=0", headers=headers)
        ).status_code == 400
        created = await client.post("/v1/appointments", json=group_body(), headers=headers)
        assert created.status_code == 201
        assert (await client.get("/_mock/journal")).status_code == 200
    assert served == ["/appointments", "/appointments"]  # the 400 went through Connexion
    for path in (_spec.spec_path(), _spec.control_spec_path()):
        assert _spec.load_spec(path) == yaml.safe_load(path.read_text()), path


def _sample(schema: dict[str, Any]) -> str:
    """A raw query value that the parameter's schema accepts (or at least parses)."""
    if schema.get("type") == "array":
        return _sample(schema["items"])
    if "enum" in schema:
        return str(schema["enum"][0])
    if schema.get("format") == "date-time":
        return "2031-01-02T00:00:00Z"
    if schema.get("format") == "uuid":
        return MISSING
    return {"integer": "3", "number": "1.5", "boolean": "true"}.get(schema.get("type", ""), "x")


def test_compiled_arguments_equal_connexions_get_arguments() -> None:
    """``_Arguments.build`` gives what ``get_arguments`` + the second ``pythonic`` pass gave."""
    from connexion.decorators.parameter import get_arguments

    from appointments_mock.fastpath import _sanitize

    fast = _operations_of(create_app())
    checked = 0
    for op in fast._ops.values():
        operation = op.operation
        raw_path = {p["name"].replace("-", "_"): MISSING for p in operation.parameters
                    if p["in"] == "path"}  # fmt: skip
        full = {p["name"]: [_sample(p["schema"])] for p in operation.parameters
                if p["in"] == "query"}  # fmt: skip
        bodies: list[Any] = [None, {"reason_code": 30}] if op.has_body else [None]
        for raw_query in ({}, full, {"unknown_parameter": ["1"]}):
            query = op.uri_parser.resolve_query({k: list(v) for k, v in raw_query.items()})
            path = op.uri_parser.resolve_path(dict(raw_path))
            for body in bodies:
                expected = get_arguments(
                    operation, path_params=path, query_params=query, body=body, files={},
                    arguments=[], has_kwargs=True, sanitize=_sanitize,
                    content_type="application/json" if op.has_body else "",
                )  # fmt: skip
                expected = {_sanitize(k): v for k, v in expected.items()}
                assert op.arguments.build(path, query, body) == expected, operation.operation_id
                checked += 1
    assert checked > 40


def test_compiled_arguments_do_not_share_defaults_between_calls() -> None:
    """A handler that changed an argument it got from a default cannot change the next call's."""
    fast = _operations_of(create_app())
    op = fast._ops[("/appointments", "GET")]
    first = op.arguments.build({}, {}, None)
    assert first  # the list has query defaults (page_size, order, ...)
    snapshot = dict(first)
    for key in first:
        first[key] = "changed"
    assert op.arguments.build({}, {}, None) == snapshot
    mutable = {"filter": {"a": 1}}
    op.arguments.defaults_are_atoms = False
    op.arguments.defaults = {**op.arguments.defaults, **mutable}
    op.arguments.query_definitions = {**op.arguments.query_definitions,
                                      "filter": {"name": "filter", "schema": {"type": "object"}}}  # fmt: skip
    op.arguments.query_names = {**op.arguments.query_names, "filter": "filter_"}
    built = op.arguments.build({}, {}, None)
    built["filter_"]["a"] = 2
    assert op.arguments.build({}, {}, None)["filter_"] == {"a": 1}
