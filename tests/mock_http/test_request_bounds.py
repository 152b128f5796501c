"""What a request may carry, and in what order it is judged.

* bodies are bounded (413 ``payload-too-large``, answered as soon as the limit is passed);
* authentication comes before the body is read: an unauthenticated request is answered without
  reading a byte of it, and creates no session;
* media types are case-insensitive, a body without one is 415, and PATCH takes
  ``application/merge-patch+json``;
* query parameters are read as the spec serializes them: no comma-splitting of exploded arrays,
  no silently repeated scalars; a ``null`` PATCH body is a 400.
"""

from __future__ import annotations

import socket
import time
import uuid
from typing import Any

import httpx
import pytest

from appointments_mock._threaded_server import ThreadedServer
from appointments_mock.app import create_app, session_of, sessions_of
from appointments_mock.limits import DEFAULT_MAX_BODY_BYTES
from tests.mock_http._support import ADMIN, group_body
from tests.mock_http.test_errors import assert_problem
from tests.world_state import assert_unchanged, snapshot

pytestmark = pytest.mark.anyio


def _padded_group(size: int) -> bytes:
    """A group appointment body of about ``size`` bytes (its notes are the padding)."""
    body = httpx.Request("POST", "/", json={**group_body(), "notes": ""}).content
    return body.replace(b'"notes":""', b'"notes":"' + b"x" * max(0, size - len(body)) + b'"')


# -- body limit ---------------------------------------------------------------------------------


async def test_a_body_over_the_limit_is_413_and_changes_nothing(
    app: Any, client: httpx.AsyncClient, session_name: str
) -> None:
    world = session_of(app, session_name).world
    before = snapshot(world)
    response = await client.post(
        "/v1/appointments",
        content=_padded_group(DEFAULT_MAX_BODY_BYTES + 1),
        headers={"Content-Type": "application/json"},
    )
    problem = assert_problem(response, 413, "payload-too-large")
    assert problem["max_body_bytes"] == DEFAULT_MAX_BODY_BYTES
    assert_unchanged(before, world)
    (entry,) = [e for e in session_of(app, session_name).journal.entries() if e.status == 413]
    assert entry.request_body_size > DEFAULT_MAX_BODY_BYTES
    assert entry.request_body is None


async def test_the_body_limit_is_a_setting() -> None:
    app = create_app(max_body_bytes=2_000)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://m", headers=ADMIN) as c:
        ok = await c.post("/v1/appointments", json=group_body())
        assert ok.status_code == 201, ok.text
        big = _padded_group(2_001)
        response = await c.post(
            "/v1/appointments", content=big, headers={"Content-Type": "application/json"}
        )
        assert_problem(response, 413, "payload-too-large")
        control = await c.post("/_mock/clock/advance", content=b'{"days": 1' + b" " * 2_000 + b"}",
                               headers={"Content-Type": "application/json"})  # fmt: skip
        assert_problem(control, 413, "payload-too-large")


def _scope(path: str, headers: list[tuple[bytes, bytes]], method: str = "POST") -> dict[str, Any]:
    return {"type": "http", "method": method, "path": path, "root_path": "",
            "query_string": b"", "headers": [(b"host", b"m"), *headers], "http_version": "1.1",
            "scheme": "http", "server": ("m", 80), "client": ("127.0.0.1", 1)}  # fmt: skip


async def test_reading_stops_at_the_limit_for_a_body_without_content_length(app: Any) -> None:
    """The body of a chunked upload is read only until it passes the limit."""
    chunk = b"x" * 65_536
    reads = 0

    async def receive() -> dict[str, Any]:
        nonlocal reads
        reads += 1
        return {"type": "http.request", "body": chunk, "more_body": reads < 1_600}  # 100 MB

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    headers = [(b"content-type", b"application/json"), (b"authorization", b"Bearer demo-admin-key")]
    await app(_scope("/v1/appointments", headers), receive, send)
    assert sent[0]["status"] == 413
    assert reads == DEFAULT_MAX_BODY_BYTES // len(chunk) + 1


async def test_a_chunked_body_over_the_limit_is_413_over_a_socket(live: ThreadedServer) -> None:
    async def chunks() -> Any:
        for _ in range(64):  # 4 MiB, no Content-Length
            yield b"x" * 65_536

    async with httpx.AsyncClient(base_url=live.url, headers=ADMIN, timeout=30) as c:
        response = await c.post(
            "/v1/appointments",
            content=chunks(),
            headers={"Content-Type": "application/json", "X-Mock-Session": "chunked"},
        )
        assert_problem(response, 413, "payload-too-large")
        assert (await c.get("/_mock/health")).status_code == 200


def test_a_declared_content_length_over_the_limit_is_refused_before_reading(
    live: ThreadedServer,
) -> None:
    with socket.create_connection(("127.0.0.1", live.port), timeout=5) as sock:
        sock.sendall(
            b"POST /v1/appointments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Authorization: Bearer demo-admin-key\r\nContent-Type: application/json\r\n"
            b"Content-Length: 104857600\r\n\r\n"
        )  # and not one byte of the 100 MB
        head = sock.recv(65_536)
    assert head.startswith(b"HTTP/1.1 413 ")
    assert b"payload-too-large" in head


# -- authentication before the body ---------------------------------------------------------------


async def test_an_unauthenticated_request_is_answered_without_reading_its_body(app: Any) -> None:
    reads = 0

    async def receive() -> dict[str, Any]:
        nonlocal reads
        reads += 1
        return {"type": "http.request", "body": b"{" * 1000, "more_body": True}

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    session = f"unauthenticated-{uuid.uuid4().hex[:8]}"
    headers = [
        (b"content-type", b"application/json"),
        (b"idempotency-key", b"k-1"),
        (b"authorization", b"Bearer wrong"),
        (b"x-mock-session", session.encode()),
    ]
    await app(_scope("/v1/appointments", headers), receive, send)
    assert sent[0]["status"] == 401
    assert reads == 0
    assert sessions_of(app).find(session) is None  # and no session was made for it


async def test_an_unauthenticated_request_creates_no_session(app: Any) -> None:
    registry = sessions_of(app)
    names = [f"nobody-{i}-{uuid.uuid4().hex[:6]}" for i in range(50)]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://m") as c:
        for name in names:
            response = await c.get("/v1/appointments", headers={"X-Mock-Session": name})
            assert_problem(response, 401, "unauthenticated")
            response = await c.get("/v1/nowhere", headers={"X-Mock-Session": name})
            assert_problem(response, 404, "not-found")
    assert not any(registry.find(name) for name in names)


async def test_an_unauthenticated_request_to_a_live_session_is_journaled(
    app: Any, client: httpx.AsyncClient, session_name: str
) -> None:
    await client.get("/v1/cancellation-reasons")
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://m") as c:
        await c.get("/v1/appointments", headers={"X-Mock-Session": session_name})
    statuses = [e.status for e in session_of(app, session_name).journal.entries()]
    assert statuses == [200, 401]


def test_an_unauthenticated_100_mb_post_is_answered_401_at_once(live: ThreadedServer) -> None:
    with socket.create_connection(("127.0.0.1", live.port), timeout=5) as sock:
        sock.sendall(
            b"POST /v1/appointments HTTP/1.1\r\nHost: 127.0.0.1\r\nIdempotency-Key: k\r\n"
            b"Content-Type: application/json\r\nContent-Length: 104857600\r\n\r\n" + b"{" * 65_536
        )
        head = sock.recv(65_536)
    assert head.startswith(b"HTTP/1.1 401 ")


# -- media types --------------------------------------------------------------------------------


async def test_a_body_without_content_type_is_415(client: httpx.AsyncClient) -> None:
    upcoming = (await client.get("/v1/appointments")).json()["items"][0]["id"]
    for method, path in [("PATCH", f"/v1/appointments/{upcoming}"), ("POST", "/v1/appointments")]:
        response = await client.request(method, path, content=b'{"notes": "x"}')
        problem = assert_problem(response, 415, "unsupported-media-type")
        assert "Content-Type" in problem["detail"]


@pytest.mark.parametrize("media_type", ["APPLICATION/JSON", "Application/Json; charset=UTF-8"])
async def test_media_types_are_case_insensitive(client: httpx.AsyncClient, media_type: str) -> None:
    bad = await client.post(
        "/v1/appointments", content=b'{"type": 1}', headers={"Content-Type": media_type}
    )
    assert_problem(bad, 400, "validation-error")
    good = await client.post(
        "/v1/appointments",
        content=httpx.Request("POST", "/", json=group_body()).content,
        headers={"Content-Type": media_type},
    )
    assert good.status_code == 201, good.text


async def test_patch_takes_a_merge_patch(client: httpx.AsyncClient) -> None:
    created = (await client.post("/v1/appointments", json={**group_body(), "notes": "x"})).json()
    response = await client.patch(
        f"/v1/appointments/{created['id']}",
        content=b'{"notes": null}',
        headers={"Content-Type": "application/merge-patch+json"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["notes"] is None


async def test_a_null_patch_body_is_400_not_a_no_op(
    app: Any, client: httpx.AsyncClient, session_name: str
) -> None:
    created = (await client.post("/v1/appointments", json=group_body())).json()
    before = snapshot(session_of(app, session_name).world)
    for media_type in ["application/json", "application/merge-patch+json"]:
        response = await client.patch(
            f"/v1/appointments/{created['id']}",
            content=b"null",
            headers={"Content-Type": media_type},
        )
        assert_problem(response, 400, "validation-error")
    assert_unchanged(before, session_of(app, session_name).world)


# -- query serialization ----------------------------------------------------------------------------


async def test_an_exploded_array_is_not_split_on_commas(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/appointments?status=canceled,active")
    problem = assert_problem(response, 400, "validation-error")
    assert [e["parameter"] for e in problem["errors"]] == ["status"]
    both = await client.get("/v1/appointments?status=canceled&status=active")
    assert both.status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "page_size=50&page_size=2",
        "deleted=include&deleted=only",
        "show_deleted=true&show_deleted=1",
    ],
)
async def test_a_scalar_parameter_given_twice_is_400(client: httpx.AsyncClient, query: str) -> None:
    upcoming = (await client.get("/v1/appointments")).json()["items"][0]["id"]
    path = f"/v1/appointments/{upcoming}" if "show_deleted" in query else "/v1/appointments"
    response = await client.get(f"{path}?{query}&surprise=1")
    problem = assert_problem(response, 400, "validation-error")
    name = query.split("=")[0]
    assert {e["parameter"] for e in problem["errors"]} == {name, "surprise"}
    assert any("2 times" in e["detail"] for e in problem["errors"])


def test_uvicorn_keeps_serving_after_an_oversize_body(live: ThreadedServer) -> None:
    started = time.monotonic()
    with httpx.Client(base_url=live.url, headers=ADMIN) as c:
        for _ in range(3):
            big = c.post(
                "/v1/appointments",
                content=_padded_group(3 * 1024 * 1024),
                headers={"Content-Type": "application/json", "X-Mock-Session": "after-413"},
            )
            assert big.status_code == 413
        assert c.get("/v1/cancellation-reasons").status_code == 200
    assert time.monotonic() - started < 30  # a bound on the test, not a speed target
