"""Every request either fully succeeds or changes nothing.

Strings the mock could neither store nor send back (a lone UTF-16 surrogate) are refused as 400
with their pointer; and whatever fails after a rule ran -- an exception, a response the spec does
not allow -- undoes the rule's changes, so the session stays usable and a retry with the same
``Idempotency-Key`` goes through.
"""

from __future__ import annotations

import sys
import types
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from appointments_mock import spec as _spec
from appointments_mock._request import reply
from appointments_mock.app import create_app, session_of
from tests.mock_http._support import ADMIN, CLIENT_ID, PRACTITIONER_ID, group_body
from tests.mock_http.test_errors import assert_problem
from tests.world_state import assert_unchanged, snapshot

pytestmark = pytest.mark.anyio

LONE = b'"\\ud800"'  # valid JSON text for a string that is not Unicode
JSON = {"content-type": "application/json"}


def _individual(start: str = "2031-02-03T10:00:00Z", end: str = "2031-02-03T10:30:00Z") -> bytes:
    return (
        b'{"type": "individual", "starts_at": "%s", "ends_at": "%s", '
        b'"practitioner_id": "%s", "client_id": "%s", "notes": NOTES}'
        % (start.encode(), end.encode(), PRACTITIONER_ID.encode(), CLIENT_ID.encode())
    )


def _spare_client(world: Any, appointment_id: str) -> str:
    """A seeded client that does not attend the appointment."""
    seated = {a.client_id for a in world.attendees_of(world.appointments[appointment_id])}
    return next(c for c in sorted(world.clients) if c not in seated and c != CLIENT_ID)


async def _new_group(client: httpx.AsyncClient) -> str:
    created = await client.post("/v1/appointments", json=group_body())
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


async def test_a_lone_surrogate_in_a_new_appointments_notes_is_400_and_changes_nothing(
    app: Any, client: httpx.AsyncClient, session_name: str
) -> None:
    world = session_of(app, session_name).world
    before = snapshot(world)
    headers = {**JSON, "Idempotency-Key": "surrogate-1"}
    body = _individual().replace(b"NOTES", LONE)
    for _ in range(2):  # the retry with the same key is judged again, not "in use"
        response = await client.post("/v1/appointments", content=body, headers=headers)
        problem = assert_problem(response, 400, "validation-error")
        assert [e["pointer"] for e in problem["errors"]] == ["/notes"]
    assert_unchanged(before, world)
    listed = await client.get("/v1/appointments", params={"page_size": 100})
    assert listed.status_code == 200


async def test_a_valid_surrogate_pair_is_an_ordinary_character(client: httpx.AsyncClient) -> None:
    body = _individual().replace(b"NOTES", b'"\\ud83d\\ude00 smile"')
    response = await client.post("/v1/appointments", content=body, headers=JSON)
    assert response.status_code == 201, response.text
    assert response.json()["notes"] == "\U0001f600 smile"


@pytest.mark.parametrize(
    "where",
    ["cancel message", "attendee notes", "attendee cancel note", "member name", "lock reason"],
)
async def test_a_lone_surrogate_anywhere_is_400_with_its_pointer_and_changes_nothing(
    app: Any, client: httpx.AsyncClient, session_name: str, where: str
) -> None:
    group = await _new_group(client)
    world = session_of(app, session_name).world
    seat = await client.post(
        f"/v1/appointments/{group}/attendees", json={"client_id": _spare_client(world, group)}
    )
    assert seat.status_code == 201, seat.text
    requests: dict[str, tuple[str, bytes, str]] = {
        "cancel message": (
            f"/v1/appointments/{group}/cancel",
            b'{"reason_code": 30, "message": %s}' % LONE,
            "/message",
        ),
        "attendee notes": (
            f"/v1/appointments/{group}/attendees",
            b'{"client_id": "%s", "notes": %s}' % (CLIENT_ID.encode(), LONE),
            "/notes",
        ),
        "attendee cancel note": (
            f"/v1/appointments/{group}/attendees/{seat.json()['id']}/cancel",
            b'{"reason_code": 50, "note": ["fine", %s]}' % LONE,
            "/note/1",
        ),
        "member name": (
            f"/v1/appointments/{group}/cancel",
            b'{"reason_code": 30, "\\udc00": 1}',
            "/\ufffd",
        ),
        "lock reason": (f"/_mock/appointments/{group}/lock", b'{"reason": %s}' % LONE, "/reason"),
    }
    path, body, pointer = requests[where]
    before = snapshot(world)
    response = await client.post(path, content=body, headers=JSON)
    problem = assert_problem(response, 400, "validation-error")
    assert pointer in [e["pointer"] for e in problem["errors"]]
    assert_unchanged(before, world)
    assert (await client.get(f"/v1/appointments/{group}")).status_code == 200


async def test_a_body_nested_deeper_than_the_cap_is_400(client: httpx.AsyncClient) -> None:
    deep = b'{"reason_code": 30, "note": ' + b"[" * 40 + b"]" * 40 + b"}"
    group = await _new_group(client)
    response = await client.post(f"/v1/appointments/{group}/cancel", content=deep, headers=JSON)
    problem = assert_problem(response, 400, "validation-error")
    assert "32 levels" in problem["errors"][0]["detail"]


# -- a failure after the rule ran -------------------------------------------------------------------


def _package_with(name: str, overrides: dict[str, Callable[..., Any]]) -> str:
    """A handlers package: the real handlers, with ``overrides`` ("tag.verb" -> function)."""
    package = types.ModuleType(name)
    package.__path__ = []
    sys.modules[name] = package
    for operation_id in _spec.OperationIndex(_spec.load_spec(_spec.spec_path())).operation_ids():
        tag, verb = operation_id.split(".")
        module = sys.modules.get(f"{name}.{tag}")
        if module is None:
            real = __import__(f"appointments_mock.handlers.{tag}", fromlist=[verb])
            module = types.ModuleType(f"{name}.{tag}")
            module.__dict__.update({k: v for k, v in vars(real).items() if not k.startswith("__")})
            sys.modules[module.__name__] = module
            setattr(package, tag, module)
        if operation_id in overrides:
            setattr(module, verb, overrides[operation_id])
    return name


def _fails_after(operation_id: str, how: str) -> Callable[..., Any]:
    tag, verb = operation_id.split(".")
    real = getattr(__import__(f"appointments_mock.handlers.{tag}", fromlist=[verb]), verb)

    async def handler(**kwargs: Any) -> Any:
        response = await real(**kwargs)  # the rule ran and changed the world
        if how == "raises":
            raise RuntimeError("injected after the rule ran")
        return reply({"id": "not what the spec allows"}, response.status_code)

    handler.__wrapped__ = real  # type: ignore[attr-defined]  # Connexion reads its arguments
    return handler


@pytest.fixture(scope="module", params=["raises", "breaks its response"])
def failing_app(request: pytest.FixtureRequest) -> Iterator[Any]:
    operations = [
        "appointments.create",
        "appointments.cancel",
        "appointments.update",
        "appointments.delete",
        "attendees.create",
    ]
    name = f"failing_after_rule_{request.param.split()[0]}"
    package = _package_with(name, {op: _fails_after(op, request.param) for op in operations})
    yield create_app(handlers_package=package)
    for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[module]


@pytest.mark.parametrize("fast_path", [True, False], ids=["fast path", "connexion path"])
async def test_a_failure_after_the_rule_ran_undoes_its_changes(
    failing_app: Any, fast_path: bool
) -> None:
    session = f"after-rule-{uuid.uuid4().hex[:8]}"
    # An unusual but valid media type sends the request through Connexion.
    media_type = "application/json" if fast_path else "application/json; charset=utf-8"
    headers = {**ADMIN, "X-Mock-Session": session, "Content-Type": media_type}
    world = session_of(failing_app, session).world
    upcoming = world.labels["upcoming"]
    group = world.labels["group"]
    transport = httpx.ASGITransport(app=failing_app)
    requests: list[tuple[str, str, Any]] = [
        ("POST", "/v1/appointments", group_body("2031-03-03T10:00:00Z", "2031-03-03T11:00:00Z")),
        ("POST", f"/v1/appointments/{upcoming}/cancel", {"reason_code": 30}),
        ("PATCH", f"/v1/appointments/{upcoming}", {"notes": "changed"}),
        ("DELETE", f"/v1/appointments/{upcoming}", None),
        ("POST", f"/v1/appointments/{group}/attendees", {"client_id": _spare_client(world, group)}),
    ]
    async with httpx.AsyncClient(transport=transport, base_url="http://m", headers=headers) as c:
        for method, path, body in requests:
            before = snapshot(world)
            response = await c.request(
                method,
                path,
                content=None if body is None else httpx.Request("POST", "/", json=body).content,
                headers={"Idempotency-Key": f"key-{method}-{path}"} if method == "POST" else {},
            )
            assert_problem(response, 500, "internal")
            assert_unchanged(before, world)
        listed = await c.get("/v1/appointments", params={"page_size": 100})
        assert listed.status_code == 200
