"""Every error is problem+json listing every problem; nothing malformed ever gives a 500."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from appointments_mock import spec as _spec
from appointments_mock.app import create_app

pytestmark = pytest.mark.anyio

APPOINTMENTS = "/v1/appointments"
SOME_ID = str(uuid.UUID(int=7))


def assert_problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"] == f"/problems/{code}"
    assert body["title"]
    assert body["detail"]
    assert body["request_id"] == response.headers["x-request-id"]
    assert "instance" in body
    for error in body.get("errors", []):
        assert error["detail"]
        assert sum(k in error for k in ("pointer", "parameter", "header")) == 1, error
    return body


MALFORMED: list[tuple[str, str, str, dict[str, str], bytes | None]] = [
    ("bad JSON", "POST", APPOINTMENTS, {"content-type": "application/json"}, b'{"type": '),
    ("JSON NaN", "POST", APPOINTMENTS, {"content-type": "application/json"}, b'{"max_attendees": NaN}'),
    ("non-UTF-8 body", "POST", APPOINTMENTS, {"content-type": "application/json"}, b'{"notes": "\xff\xfe"}'),
    ("empty body", "POST", APPOINTMENTS, {"content-type": "application/json"}, b""),
    ("JSON array body", "POST", APPOINTMENTS, {"content-type": "application/json"}, b"[1, 2]"),
    ("deep nesting", "POST", APPOINTMENTS, {"content-type": "application/json"}, b"[" * 100_000 + b"]" * 100_000),
    ("huge integer", "POST", APPOINTMENTS, {"content-type": "application/json"}, b'{"max_attendees": ' + b"9" * 5000 + b"}"),
    ("bad UUID in path", "GET", f"{APPOINTMENTS}/not-a-uuid", {}, None),
    ("bad UUID in query", "GET", f"{APPOINTMENTS}?practitioner_id=nope", {}, None),
    ("unknown enum value", "GET", f"{APPOINTMENTS}?status=deleted", {}, None),
    ("huge page size", "GET", f"{APPOINTMENTS}?page_size=99999999999999999999999", {}, None),
    ("non-integer page size", "GET", f"{APPOINTMENTS}?page_size=1.5", {}, None),
    ("unknown query parameter", "GET", f"{APPOINTMENTS}?colour=blue", {}, None),
    ("bad boolean", "GET", f"{APPOINTMENTS}/{SOME_ID}?show_deleted=perhaps", {}, None),
    ("oversize If-Match", "DELETE", f"{APPOINTMENTS}/{SOME_ID}", {"if-match": "x" * 500}, None),
    ("oversize Idempotency-Key", "POST", APPOINTMENTS, {"idempotency-key": "k" * 256, "content-type": "application/json"}, b"{}"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("method", "path", "headers", "content"),
    [m[1:] for m in MALFORMED],
    ids=[m[0] for m in MALFORMED],
)
async def test_malformed_requests_are_400_validation_problems(
    client: httpx.AsyncClient,
    method: str,
    path: str,
    headers: dict[str, str],
    content: bytes | None,
) -> None:
    response = await client.request(method, path, headers=headers, content=content)
    body = assert_problem(response, 400, "validation-error")
    assert body["errors"]


async def test_every_error_is_listed_with_its_location(client: httpx.AsyncClient) -> None:
    body = {
        "type": "weekly",
        "starts_at": "tomorrow",
        "ends_at": "2031-01-01T10:00:00",
        "practitioner_id": "nope",
        "max_attendees": "four",
        "colour": "blue",
        "notes": "x" * 100_000,
    }
    response = await client.post(
        f"{APPOINTMENTS}?surprise=1", json=body, headers={"Idempotency-Key": ""}
    )
    problem = assert_problem(response, 400, "validation-error")
    pointers = {e.get("pointer") for e in problem["errors"]}
    assert {
        "/type",
        "/starts_at",
        "/ends_at",
        "/practitioner_id",
        "/max_attendees",
        "/notes",
        "/colour",  # the unknown member itself, not the object holding it
    } <= pointers
    assert {"parameter": "surprise", "detail": "Unknown query parameter 'surprise'."} in problem[
        "errors"
    ]
    assert any(e.get("header") == "Idempotency-Key" for e in problem["errors"])
    assert len(response.content) < 10_000  # the oversize value is not echoed back whole


async def test_parameter_and_body_errors_are_reported_together(client: httpx.AsyncClient) -> None:
    response = await client.post(
        f"{APPOINTMENTS}/not-a-uuid/cancel", json={"reason_code": "sick", "unknown": 1}
    )
    problem = assert_problem(response, 400, "validation-error")
    assert any(e.get("parameter") == "appointment_id" for e in problem["errors"])
    assert any("pointer" in e for e in problem["errors"])


async def test_wrong_content_type_is_415(client: httpx.AsyncClient) -> None:
    response = await client.post(
        APPOINTMENTS, content=b"type=group", headers={"content-type": "text/plain"}
    )
    assert_problem(response, 415, "unsupported-media-type")


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer nope", "Basic ZGVtbzpkZW1v", "Bearer", "demo-admin-key", "Bearer  "],
    ids=["missing", "unknown key", "basic", "empty bearer", "no scheme", "blank key"],
)
async def test_missing_or_bad_credentials_are_401_with_www_authenticate(
    app: Any, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization is not None else {}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://m") as c:
        response = await c.get(APPOINTMENTS, headers=headers)
    assert_problem(response, 401, "unauthenticated")
    assert response.headers["www-authenticate"] == 'Bearer realm="appointments"'


async def test_authentication_comes_before_validation(app: Any) -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://m") as c:
        response = await c.get(f"{APPOINTMENTS}?colour=blue")
    assert_problem(response, 401, "unauthenticated")


async def test_unknown_routes_are_404_problems(client: httpx.AsyncClient) -> None:
    for path in ("/v1/nothing", "/v1/appointments/", "/", "/_mock/nothing", "/v2/appointments"):
        assert_problem(await client.get(path), 404, "not-found")


async def test_instance_is_percent_encoded(client: httpx.AsyncClient) -> None:
    problem = assert_problem(await client.get("/v1/caf\u00e9 au lait"), 404, "not-found")
    assert problem["instance"] == "/v1/caf%C3%A9%20au%20lait"


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("PUT", APPOINTMENTS, "GET, POST, HEAD"),
        ("OPTIONS", APPOINTMENTS, "GET, POST, HEAD"),
        ("POST", f"{APPOINTMENTS}/{SOME_ID}", "DELETE, GET, PATCH, HEAD"),
        ("GET", f"{APPOINTMENTS}/{SOME_ID}/cancel", "POST"),
        ("DELETE", "/_mock/clock", "GET, HEAD"),
    ],
)
async def test_wrong_method_is_405_with_the_allow_header_from_the_spec(
    client: httpx.AsyncClient, method: str, path: str, allow: str
) -> None:
    response = await client.request(method, path)
    assert_problem(response, 405, "method-not-allowed")
    assert response.headers["allow"] == allow


async def test_every_response_carries_x_request_id(client: httpx.AsyncClient) -> None:
    for path in (APPOINTMENTS, "/v1/nothing", "/_mock/health", "/docs", f"{APPOINTMENTS}/x"):
        response = await client.get(path)
        assert response.headers["x-request-id"]
    echoed = await client.get(APPOINTMENTS, headers={"X-Request-Id": "my-trace-1"})
    assert echoed.headers["x-request-id"] == "my-trace-1"
    problem = await client.get("/v1/nothing", headers={"X-Request-Id": "my-trace-2"})
    assert problem.json()["request_id"] == "my-trace-2"


async def test_domain_problems_are_rendered_with_request_id_and_instance(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(f"{APPOINTMENTS}/{SOME_ID}", headers={"X-Request-Id": "r-404"})
    problem = assert_problem(response, 404, "not-found")
    assert problem["instance"] == f"{APPOINTMENTS}/{SOME_ID}"
    assert problem["request_id"] == "r-404"


async def test_bad_session_name_is_a_header_validation_error(app: Any) -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://m") as c:
        response = await c.get(APPOINTMENTS, headers={"X-Mock-Session": "no spaces please"})
    problem = assert_problem(response, 400, "validation-error")
    assert problem["errors"][0]["header"] == "X-Mock-Session"


# -- with fake handlers: response validation and unexpected errors ----------------------------------


@pytest.fixture(scope="module")
def fake_app() -> Any:
    from mock_fakes import FakeWorld, fake_handlers

    operations = _spec.OperationIndex(_spec.load_spec(_spec.spec_path())).operation_ids()
    return create_app(world_factory=FakeWorld, handlers_package=fake_handlers(operations))


async def test_response_validation_turns_a_broken_handler_response_into_a_500(
    fake_app: Any,
) -> None:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=fake_app), base_url="http://m"
    ) as c:
        response = await c.get(
            "/v1/cancellation-reasons", headers={"Authorization": "Bearer demo-admin-key"}
        )
    problem = assert_problem(response, 500, "internal")
    assert "items" in problem["detail"]


async def test_without_response_validation_the_broken_response_goes_out() -> None:
    from mock_fakes import FakeWorld, fake_handlers

    operations = _spec.OperationIndex(_spec.load_spec(_spec.spec_path())).operation_ids()
    app = create_app(
        world_factory=FakeWorld,
        handlers_package=fake_handlers(operations),
        validate_responses=False,
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://m") as c:
        response = await c.get(
            "/v1/cancellation-reasons", headers={"Authorization": "Bearer demo-admin-key"}
        )
    assert response.status_code == 200
    assert response.json() == {"items": "not a list"}


async def test_an_unexpected_exception_is_a_500_without_internals(fake_app: Any) -> None:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=fake_app), base_url="http://m"
    ) as c:
        response = await c.get(
            "/v1/practitioners", headers={"Authorization": "Bearer demo-admin-key"}
        )
    assert_problem(response, 500, "internal")
    assert "secret" not in response.text
    assert "Traceback" not in response.text
