"""What the mock keeps stays bounded and readable, and its control plane is guarded.

* the journal records any request and can always be read back; it keeps within a byte budget;
* used-up faults leave the queue; the queue is capped;
* sessions are capped, and an evicted one is never silently recreated from the seed;
* the clock never leaves the range the rules can compute with;
* ``/_mock`` refuses cross-origin browser requests, unknown Host names on loopback, and needs a
  token off loopback; slow clients are cut off while others keep being served.
"""

from __future__ import annotations

import contextlib
import socket
import time
from typing import Any

import httpx
import pytest

from appointments_mock._threaded_server import ThreadedServer
from appointments_mock.app import create_app, session_of, sessions_of
from appointments_mock.cli import _parser, main
from appointments_mock.control_access import TOKEN_HEADER, ControlAccess, is_loopback
from appointments_mock.limits import JOURNAL_MAX_BYTES, MAX_PENDING_FAULTS
from tests.mock_http._support import ADMIN, group_body
from tests.mock_http.test_errors import assert_problem
from tests.world_state import assert_unchanged, snapshot

pytestmark = pytest.mark.anyio
JSON = {"Content-Type": "application/json"}


# -- the journal ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 300 + b"]" * 300,
        b'{"notes": "\\ud800"}',
        b'{"\\udfff": 1}',
        b"\xff\xfe not UTF-8",
    ],
    ids=["255+ levels", "lone surrogate", "surrogate name", "not UTF-8"],
)
@pytest.mark.parametrize("authorized", [True, False], ids=["authorized", "unauthenticated"])
async def test_the_journal_records_any_body_and_stays_readable(
    app: Any, client: httpx.AsyncClient, body: bytes, authorized: bool
) -> None:
    await client.get("/v1/cancellation-reasons")  # the session exists
    headers = {**JSON, **({} if authorized else {"Authorization": "Bearer nope"})}
    response = await client.post("/v1/appointments", content=body, headers=headers)
    assert response.status_code == (400 if authorized else 401)
    journal = await client.get("/_mock/journal")
    assert journal.status_code == 200, journal.text
    entry = journal.json()["items"][-1]
    assert entry["status"] == response.status_code
    assert entry["request_body"] is None
    if authorized:
        assert entry["request_body_text"]
        assert entry["request_body_size"] == len(body)
    else:  # the body of a request that failed authentication is never read
        assert (entry["request_body_text"], entry["request_body_size"]) == (None, 0)


async def test_twenty_thousand_60_kb_requests_stay_within_the_journal_budget(
    app: Any, session_name: str
) -> None:
    body = b'{"notes": "' + b"n" * 60_000 + b'"}'
    transport = httpx.ASGITransport(app=app)
    headers = {**ADMIN, **JSON, "X-Mock-Session": session_name}
    async with httpx.AsyncClient(transport=transport, base_url="http://m", headers=headers) as c:
        for _ in range(400):  # enough to pass the budget many times over (2.4 MB of bodies)
            await c.post("/v1/appointments", content=body)
        journal = session_of(app, session_name).journal
        assert journal.size_bytes <= JOURNAL_MAX_BYTES
        read = await c.get("/_mock/journal")
    entries = read.json()["items"]
    assert 0 < len(entries) < 400
    assert [e["seq"] for e in entries] == sorted(e["seq"] for e in entries)
    assert entries[-1]["seq"] == 400  # the newest are kept


# -- faults -----------------------------------------------------------------------------------------


async def test_used_up_faults_leave_the_queue(client: httpx.AsyncClient) -> None:
    for _ in range(300):
        await client.post("/_mock/faults", json={"kind": "delay", "delay_ms": 0})
        await client.get("/v1/cancellation-reasons")
    listed = (await client.get("/_mock/faults")).json()["items"]
    assert len(listed) == 100  # the last used-up ones are still shown
    assert all(f["remaining"] == 0 for f in listed)
    session = (await client.get("/_mock/session")).json()
    assert session["pending_faults"] == 0


async def test_the_fault_queue_is_capped(
    app: Any, client: httpx.AsyncClient, session_name: str
) -> None:
    for _ in range(MAX_PENDING_FAULTS):
        made = await client.post(
            "/_mock/faults", json={"kind": "status", "status": 503, "operation_id": "clients.get"}
        )
        assert made.status_code == 201
    refused = await client.post("/_mock/faults", json={"kind": "status", "status": 503})
    problem = assert_problem(refused, 400, "validation-error")
    assert str(MAX_PENDING_FAULTS) in problem["errors"][0]["detail"]
    assert session_of(app, session_name).faults.pending() == MAX_PENDING_FAULTS


@pytest.mark.parametrize("body", [b"null", b"[]", b'"status"', b"1"])
async def test_a_fault_body_that_is_not_an_object_is_400(
    client: httpx.AsyncClient, body: bytes
) -> None:
    response = await client.post("/_mock/faults", content=body, headers=JSON)
    assert_problem(response, 400, "validation-error")


# -- sessions ---------------------------------------------------------------------------------------


async def test_an_evicted_session_answers_a_problem_until_it_is_reset() -> None:
    app = create_app(max_sessions=3)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://m", headers=ADMIN) as c:
        first = await c.post("/v1/appointments", json=group_body(),
                             headers={"X-Mock-Session": "first"})  # fmt: skip
        assert first.status_code == 201
        for name in ("second", "third", "fourth"):  # with "default": one too many
            await c.get("/v1/cancellation-reasons", headers={"X-Mock-Session": name})
        for path in (f"/v1/appointments/{first.json()['id']}", "/_mock/journal"):
            gone = await c.get(path, headers={"X-Mock-Session": "first"})
            problem = assert_problem(gone, 410, "session-evicted")
            assert problem["session"] == "first"
            assert "--max-sessions" in problem["detail"]
        listed = (await c.get("/_mock/sessions")).json()
        assert listed["max_sessions"] == 3
        assert listed["evictions"] >= 1
        assert "first" in [e["name"] for e in listed["evicted"]]
        reset = await c.post("/_mock/reset", headers={"X-Mock-Session": "first"})
        assert reset.status_code == 200
        fresh = await c.get(
            f"/v1/appointments/{first.json()['id']}", headers={"X-Mock-Session": "first"}
        )
        assert_problem(fresh, 404, "not-found")  # a fresh session, knowingly
    assert len(sessions_of(app)) <= 3


def test_the_session_cap_and_body_limit_are_serve_options() -> None:
    args = _parser().parse_args(["serve", "--max-sessions", "20", "--max-body-bytes", "4096"])
    assert (args.max_sessions, args.max_body_bytes) == (20, 4096)
    with pytest.raises(SystemExit):
        _parser().parse_args(["serve", "--max-sessions", "0"])
    with pytest.raises(SystemExit):
        _parser().parse_args(["serve", "--retention-days", "-1"])


# -- the clock --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/_mock/clock/advance", {"days": 1e12}),
        ("/_mock/clock/advance", b'{"seconds": 1e400}'),
        ("/_mock/clock/advance", {"days": -1}),
        ("/_mock/clock/freeze", {"at": "9999-12-31T23:59:59Z"}),
        ("/_mock/clock/freeze", {"at": "0001-01-01T00:00:00+05:00"}),
    ],
    ids=["a trillion days", "infinite", "backwards", "end of time", "before year 1"],
)
async def test_a_clock_move_out_of_range_is_400_and_leaves_the_session_working(
    client: httpx.AsyncClient, path: str, body: dict[str, Any] | bytes
) -> None:
    await client.post("/_mock/clock/freeze", json={"at": "2030-03-04T09:00:00Z"})
    before = (await client.get("/_mock/clock")).json()
    content = body if isinstance(body, bytes) else httpx.Request("POST", "/", json=body).content
    response = await client.post(path, content=content, headers=JSON)
    assert_problem(response, 400, "validation-error")
    assert (await client.get("/_mock/clock")).json() == before
    assert (await client.get("/v1/appointments")).status_code == 200


async def test_a_delete_at_the_end_of_the_clocks_range_keeps_the_record(
    app: Any, client: httpx.AsyncClient, session_name: str
) -> None:
    created = (await client.post("/v1/appointments", json=group_body())).json()
    frozen = await client.post("/_mock/clock/freeze", json={"at": "9998-12-31T00:00:00Z"})
    assert frozen.status_code == 200
    sessions_of(app).get(session_name).world.retention *= 1000  # past what datetime holds
    deleted = await client.delete(f"/v1/appointments/{created['id']}")
    assert deleted.status_code == 200, deleted.text
    assert deleted.json()["purge_at"].startswith("9999-12-31T23:59:59")
    assert (await client.get("/v1/appointments", params={"deleted": "only"})).status_code == 200


# -- the control plane ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example", "Host": "127.0.0.1:8080"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "null"},
    ],
    ids=["foreign origin", "cross-site fetch", "opaque origin"],
)
async def test_the_control_api_refuses_cross_origin_browser_requests(
    app: Any, client: httpx.AsyncClient, session_name: str, headers: dict[str, str]
) -> None:
    created = await client.post("/v1/appointments", json=group_body())
    assert created.status_code == 201
    before = snapshot(session_of(app, session_name).world)
    response = await client.post("/_mock/reset", headers=headers)
    assert_problem(response, 403, "cross-origin-control")
    assert_unchanged(before, session_of(app, session_name).world)
    same_origin = await client.get(
        "/_mock/clock", headers={"Origin": "http://mock", "Sec-Fetch-Site": "same-origin"}
    )
    assert same_origin.status_code == 200


async def test_on_loopback_the_control_api_answers_loopback_host_names_only() -> None:
    app = create_app(control_access=ControlAccess(loopback_hosts_only=True))
    transport = httpx.ASGITransport(app=app)
    for host, status in [("127.0.0.1:8080", 200), ("localhost", 200), ("[::1]:9", 200),
                         ("evil.example", 403), ("127.0.0.1.nip.io", 403)]:  # fmt: skip
        async with httpx.AsyncClient(transport=transport, base_url=f"http://{host}") as c:
            response = await c.get("/_mock/clock")
        assert response.status_code == status, host
        if status == 403:
            assert_problem(response, 403, "control-host-refused")


async def test_a_control_token_is_required_when_set() -> None:
    app = create_app(control_access=ControlAccess(token="s3cret"))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://m") as c:
        for sent in [None, "wrong"]:
            headers = {TOKEN_HEADER: sent} if sent else {}
            response = await c.post("/_mock/reset", headers=headers)
            assert_problem(response, 401, "control-token-required")
        ok = await c.post("/_mock/reset", headers={TOKEN_HEADER: "s3cret"})
        assert ok.status_code == 200
        api = await c.get("/v1/cancellation-reasons", headers=ADMIN)
        assert api.status_code == 200  # the public API is not behind the control token


def test_serve_refuses_a_non_loopback_address_without_a_control_token(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["serve", "--host", "0.0.0.0", "--port", "0"]) == 2
    assert "--control-token" in capsys.readouterr().err
    assert all(map(is_loopback, ["127.0.0.1", "::1", "[::1]", "localhost", "127.0.0.2"]))
    assert not any(map(is_loopback, ["0.0.0.0", "192.168.1.5", "::", "example.com"]))


# -- slow clients -----------------------------------------------------------------------------------


def test_slow_header_clients_are_cut_off_while_others_are_served() -> None:
    with ThreadedServer(create_app(), name="slow-clients", header_timeout=0.5) as server:
        slow = [socket.create_connection(("127.0.0.1", server.port), timeout=5) for _ in range(50)]
        try:
            for sock in slow:
                sock.sendall(b"GET /_mock/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            with httpx.Client(base_url=server.url) as c:
                started = time.monotonic()
                while time.monotonic() - started < 1.5:  # through and past the head timeout
                    assert c.get("/_mock/health").status_code == 200
                    for sock in slow[:5]:
                        with contextlib.suppress(OSError):  # a byte now and then, as slowloris
                            sock.sendall(b"x")
                    time.sleep(0.1)
            closed = 0
            for sock in slow:
                try:
                    closed += sock.recv(1024) == b""
                except OSError:  # reset by the server
                    closed += 1
            assert closed == len(slow)
        finally:
            for sock in slow:
                sock.close()


def test_a_kept_alive_connection_gets_the_same_head_timeout() -> None:
    with (
        ThreadedServer(create_app(), name="slow-second", header_timeout=0.5) as server,
        socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock,
    ):
        sock.sendall(b"GET /_mock/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert sock.recv(65_536).startswith(b"HTTP/1.1 200")
        sock.sendall(b"GET /_mock/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never ends
        started = time.monotonic()
        assert sock.recv(1024) == b""
        assert time.monotonic() - started < 4  # closed by the 0.5 s head timeout
