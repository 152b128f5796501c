"""Hostile input, generated: every operation, any JSON in any body field, any header value.

Property for every request, whatever it holds: the answer is never a 5xx; an error is
problem+json whose ``status`` is the response's; each listed error names exactly one place; and
a 4xx changes nothing -- the session's records, audit trail, notifications, purge schedule, id
sequence and indexes are as before, and the journal gained exactly its one entry and reads back.

Requests go straight to the ASGI app (not through an HTTP client), so header values may hold any
byte a server would hand on, and a fresh mock session is used per example. The suite's runs are
derandomized (the same examples every time, so a failure in CI is a failure on your machine);
``MOCK_FUZZ_EXAMPLES=300`` runs a deeper, random search.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, unquote, urlencode

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appointments_mock import spec as _spec
from appointments_mock.app import create_app, session_of
from appointments_mock.seed import DEMO_KEYS
from tests.world_state import assert_unchanged, snapshot

SPEC = _spec.load_spec(_spec.spec_path())
# Per operation and property (about 400 requests in all); MOCK_FUZZ_EXAMPLES=300 for a deep run.
EXAMPLES = int(os.environ.get("MOCK_FUZZ_EXAMPLES", "15"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 50,  # the suite's run is the same every time; deep runs explore
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _operations() -> list[tuple[str, str, str, Any]]:
    """(operationId, method, path template, an example body or None) of every operation."""
    found = []
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            body = None
            content = operation.get("requestBody", {}).get("content", {})
            examples = content.get("application/json", {}).get("examples", {})
            if examples:
                body = next(iter(examples.values())).get("value")
            found.append((operation["operationId"], method.upper(), path, body))
    return sorted(found)


OPERATIONS = _operations()
IDS = [op[0] for op in OPERATIONS]

# -- strategies ---------------------------------------------------------------------------------

# Any string, lone surrogates and control characters included (json.dumps escapes them).
any_text = st.text(st.characters(codec=None, min_codepoint=0), max_size=40) | st.sampled_from(
    ["\ud800", "\udfff x", "\x00", "\u202e", "\ufeff", "a" * 3000, "9999-12-31T23:59:59Z"]
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | any_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4),
    max_leaves=12,
)
# What a server hands on as a header value: any byte but CR, LF and NUL.
header_values = st.binary(max_size=60).map(lambda b: re.sub(rb"[\r\n\x00]", b"", b))
path_texts = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40)


def _raw_bodies(example: Any) -> st.SearchStrategy[bytes]:
    """A body: the example with one member replaced, any JSON, or bytes that are not JSON."""

    def replaced(pair: tuple[str, Any]) -> bytes:
        base = dict(example) if isinstance(example, dict) else {}
        name, value = pair
        base[name] = value
        return json.dumps(base).encode()

    names = st.sampled_from(sorted(example)) if isinstance(example, dict) and example else any_text
    return st.one_of(
        st.tuples(names | any_text, json_values).map(replaced),
        json_values.map(lambda v: json.dumps(v).encode()),
        st.integers(0, 600).map(lambda n: b"[" * n + b"]" * n),
        st.binary(max_size=80),
        st.just(b""),
        st.just(b"null"),
    )


@st.composite
def requests(draw: st.DrawFn, operation: tuple[str, str, str, Any], ids: dict[str, str]) -> Any:
    """One hostile request for ``operation``: (method, path, query, headers, body)."""
    _, method, template, example = operation

    def segment(match: re.Match[str]) -> str:
        name = match.group(1)
        known = ids.get(name)
        value = draw(st.sampled_from([known]) | path_texts) if known else draw(path_texts)
        return quote(value, safe="")

    path = "/v1" + re.sub(r"\{(\w+)\}", segment, template)
    params = draw(
        st.dictionaries(
            st.sampled_from(
                [
                    "status",
                    "page_size",
                    "page_token",
                    "deleted",
                    "from",
                    "to",
                    "order_by",
                    "practitioner_id",
                    "show_deleted",
                    "zz",
                ]
            )
            | any_text,
            st.lists(any_text, max_size=3),
            max_size=3,
        )
    )
    query = urlencode(
        [(k, v) for k, vs in params.items() for v in vs], doseq=False, errors="surrogatepass"
    ).encode("latin-1", "replace")
    key = draw(st.sampled_from(sorted(DEMO_KEYS)))  # every role's demo key
    headers = [(b"authorization", f"Bearer {key}".encode())]
    for name in draw(st.sets(st.sampled_from([b"if-match", b"idempotency-key", b"x-request-id",
                                              b"content-type", b"x-mock-ignored"]))):  # fmt: skip
        headers.append((name, draw(header_values)))
    if not any(name == b"content-type" for name, _ in headers) and draw(st.booleans()):
        headers.append((b"content-type", b"application/json"))
    body = draw(_raw_bodies(example)) if method in ("POST", "PATCH") else b""
    return method, path, query, headers, body


# -- the app, driven directly ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def app() -> Any:
    return create_app()


@pytest.fixture(scope="module")
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def _call(
    loop: asyncio.AbstractEventLoop, app: Any, method: str, path: str, query: bytes,
    headers: list[tuple[bytes, bytes]], body: bytes,
) -> tuple[int, dict[bytes, bytes], bytes]:  # fmt: skip
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": _decoded(path),
        "raw_path": path.encode(), "root_path": "", "query_string": query,
        "headers": [(b"host", b"mock"), *headers], "server": ("mock", 80),
        "client": ("127.0.0.1", 5000),
    }  # fmt: skip
    sent = False
    out: dict[str, Any] = {"status": 0, "headers": {}, "body": b""}

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            out["status"] = message["status"]
            out["headers"] = {bytes(k).lower(): bytes(v) for k, v in message.get("headers", [])}
        elif message["type"] == "http.response.body":
            out["body"] += message.get("body", b"")

    loop.run_until_complete(app(scope, receive, send))
    return out["status"], out["headers"], out["body"]


def _decoded(path: str) -> str:
    """The path as servers decode it for the ASGI scope (percent-decoding, invalid bytes replaced)."""
    return unquote(path, errors="replace")


def _check(status: int, headers: dict[bytes, bytes], body: bytes) -> dict[str, Any] | None:
    assert 0 < status < 500, (status, body[:500])
    if status < 400:
        return None
    assert headers.get(b"content-type") == b"application/problem+json", headers
    problem: dict[str, Any] = orjson.loads(body)
    assert problem["status"] == status
    assert isinstance(problem["code"], str)
    assert problem["code"]
    for error in problem.get("errors", []):
        assert sum(k in error for k in ("pointer", "parameter", "header")) == 1, error
    return problem


def _ids(world: Any) -> dict[str, str]:
    group = world.appointments[world.labels["group"]]
    return {
        "appointment_id": world.labels["upcoming"],
        "attendee_id": world.attendees_of(group)[0].id,
        "client_id": sorted(world.clients)[0],
        "practitioner_id": sorted(world.practitioners)[0],
    }


@pytest.mark.parametrize("operation", OPERATIONS, ids=IDS)
def test_hostile_requests_never_break_the_mock_and_errors_change_nothing(
    app: Any, loop: asyncio.AbstractEventLoop, operation: tuple[str, str, str, Any]
) -> None:
    sample = session_of(app, "adversarial-ids").world
    ids = _ids(sample)
    if operation[0].startswith("attendees."):
        ids["appointment_id"] = sample.labels["group"]

    @SETTINGS
    @given(request=requests(operation, ids))
    def run(request: Any) -> None:
        method, path, query, headers, body = request
        name = f"adv-{uuid.uuid4().hex[:12]}"
        session = session_of(app, name)
        before = snapshot(session.world)
        journaled = len(session.journal)
        headers = [*headers, (b"x-mock-session", name.encode())]
        status, response_headers, content = _call(loop, app, method, path, query, headers, body)
        if _check(status, response_headers, content) is None:
            return
        assert_unchanged(before, session.world)
        assert len(session.journal) == journaled + 1
        read = _call(loop, app, "GET", "/_mock/journal", b"",
                     [(b"x-mock-session", name.encode())], b"")  # fmt: skip
        assert read[0] == 200, read[2][:300]

    run()


@SETTINGS
@given(
    path=st.sampled_from(
        [
            "/_mock/faults",
            "/_mock/clock/advance",
            "/_mock/clock/freeze",
            "/_mock/reset",
            "/_mock/appointments/{appointment_id}/lock",
            "/_mock/journal",
        ]
    ),
    body=_raw_bodies({"kind": "status", "status": 503, "days": 1, "at": "2030-01-01T00:00:00Z"}),
    content_type=st.sampled_from([b"application/json", b"APPLICATION/JSON", b"text/plain", b""]),
)
def test_hostile_control_requests_never_break_the_mock(
    app: Any, loop: asyncio.AbstractEventLoop, path: str, body: bytes, content_type: bytes
) -> None:
    name = f"adv-control-{uuid.uuid4().hex[:12]}"
    world = session_of(app, name).world
    path = path.replace("{appointment_id}", world.labels["upcoming"])
    headers = [(b"x-mock-session", name.encode())]
    if content_type:
        headers.append((b"content-type", content_type))
    method = "GET" if path == "/_mock/journal" else "POST"
    status, response_headers, content = _call(loop, app, method, path, b"", headers, body)
    _check(status, response_headers, content)
    clock = _call(loop, app, "GET", "/_mock/clock", b"", [(b"x-mock-session", name.encode())], b"")
    assert clock[0] == 200
    listed = _call(loop, app, "GET", "/v1/appointments", b"",
                   [(b"x-mock-session", name.encode()),
                    (b"authorization", b"Bearer demo-admin-key")], b"")  # fmt: skip
    assert listed[0] == 200, listed[2][:300]
