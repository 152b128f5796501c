"""Signed requests (RFC 9421, hmac-sha256) against the mock, signed by an independent implementation.

The signatures here are made by ``http-message-signatures``, not by the SDK: the mock must accept
what any RFC 9421 signer produces, and refuse each broken request with its own 401 code, a
``WWW-Authenticate`` challenge and ``Accept-Signature``, before it reads a byte of the body --
except ``digest-mismatch``, judged on the exact body bytes once they are read. A refused request
changes nothing and is journaled (scheme, verdict, key id; never the secret).
"""

from __future__ import annotations

import json
import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from http_message_signatures import HTTPMessageSigner, MappingKeyResolver, algorithms

from appointments_mock.app import session_of
from appointments_mock.seed import DEMO_SIGNING_KEYS
from tests.mock_http._support import CLIENT_ID, PRACTITIONER_ID
from tests.mock_http.test_errors import assert_problem
from tests.world_state import assert_unchanged, snapshot

pytestmark = pytest.mark.anyio

BASE = "http://mock"
ADMIN_KEY = "demo-admin-signing"
SECRETS = {key_id: secret.encode() for key_id, (secret, _) in DEMO_SIGNING_KEYS.items()}
SIGNER = HTTPMessageSigner(
    signature_algorithm=algorithms.HMAC_SHA256,
    key_resolver=MappingKeyResolver(public_keys=SECRETS, private_keys=SECRETS),
)
WITHOUT_BODY = ("@method", "@path", "@query")


class _Message:
    """What http-message-signatures reads and writes: method, absolute URL, headers."""

    def __init__(self, method: str, url: str, headers: dict[str, str]) -> None:
        self.method = method
        self.url = url
        self.headers = headers


def signed(
    method: str,
    path: str,
    *,
    body: Any = None,
    key_id: str = ADMIN_KEY,
    created: datetime | None = None,
    nonce: str | None = None,
    components: tuple[str, ...] | None = None,
    digest: bool = True,
    session: str,
) -> tuple[dict[str, str], bytes]:
    """Headers and body of a request signed by http-message-signatures.

    With a body (and ``digest``), the signer adds ``Content-Digest`` and covers it.
    """
    content = b"" if body is None else json.dumps(body).encode()
    headers = {"X-Mock-Session": session}
    if content:
        headers["Content-Type"] = "application/json"
    message = _Message(method, f"{BASE}{path}", headers)
    SIGNER.sign(
        message,
        key_id=key_id,
        created=created or datetime.now(UTC),
        nonce=nonce or secrets.token_urlsafe(12),
        label="sig1",
        covered_component_ids=components or WITHOUT_BODY,
        body=content if content and digest else None,
    )
    return message.headers, content


@pytest.fixture
async def http(app: Any) -> Any:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as c:
        yield c


def _booking(start: str = "2031-02-03T10:00:00Z") -> dict[str, Any]:
    end = (datetime.fromisoformat(start.replace("Z", "+00:00")) + timedelta(minutes=30)).isoformat()
    return {
        "type": "individual",
        "starts_at": start,
        "ends_at": end,
        "practitioner_id": PRACTITIONER_ID,
        "client_id": CLIENT_ID,
    }


async def _send(
    http: httpx.AsyncClient, method: str, path: str, headers: dict[str, str], body: bytes
) -> httpx.Response:
    return await http.request(method, path, headers=headers, content=body)


def _refused(response: httpx.Response, code: str) -> dict[str, Any]:
    problem = assert_problem(response, 401, code)
    assert response.headers["www-authenticate"] == f'Signature realm="appointments", error="{code}"'
    assert '"@method"' in response.headers["accept-signature"]
    return problem


async def test_a_request_signed_by_another_implementation_is_accepted(
    app: Any, http: httpx.AsyncClient, session_name: str
) -> None:
    headers, body = signed(
        "GET", "/v1/appointments?status=active&status=canceled", session=session_name
    )
    response = await _send(
        http, "GET", "/v1/appointments?status=active&status=canceled", headers, body
    )
    assert response.status_code == 200, response.text
    assert "authorization" not in {k.lower() for k in headers}
    entry = session_of(app, session_name).journal.entries()[-1]
    assert (entry.auth_scheme, entry.auth_verdict, entry.auth_key_id) == (
        "signature",
        "accepted",
        ADMIN_KEY,
    )
    assert "secret" not in json.dumps(entry.to_json())


async def test_a_signed_write_with_its_content_digest_is_accepted(
    app: Any, http: httpx.AsyncClient, session_name: str
) -> None:
    headers, body = signed("POST", "/v1/appointments", body=_booking(), session=session_name)
    assert headers["Content-Digest"].startswith("sha-256=:")
    response = await _send(http, "POST", "/v1/appointments", headers, body)
    assert response.status_code == 201, response.text
    assert response.json()["practitioner_id"] == PRACTITIONER_ID


async def test_target_uri_may_stand_for_path_and_query(
    http: httpx.AsyncClient, session_name: str
) -> None:
    headers, body = signed(
        "GET", "/v1/practitioners", components=("@method", "@target-uri"), session=session_name
    )
    response = await _send(http, "GET", "/v1/practitioners", headers, body)
    assert response.status_code == 200, response.text


async def test_a_signing_key_acts_with_its_roles_visibility(
    http: httpx.AsyncClient, session_name: str
) -> None:
    headers, body = signed("GET", "/v1/clients", key_id="demo-client-signing", session=session_name)
    response = await _send(http, "GET", "/v1/clients", headers, body)
    assert response.status_code == 200, response.text
    assert [c["id"] for c in response.json()["items"]] == [CLIENT_ID]  # a client sees itself only
    headers, body = signed(
        "GET", "/v1/audit-events", key_id="demo-staff-signing", session=session_name
    )
    assert_problem(await _send(http, "GET", "/v1/audit-events", headers, body), 403, "forbidden")


async def test_only_one_of_the_two_fields_is_signature_missing(
    http: httpx.AsyncClient, session_name: str
) -> None:
    headers, body = signed("GET", "/v1/appointments", session=session_name)
    for dropped in ("Signature", "Signature-Input"):
        partial = {k: v for k, v in headers.items() if k != dropped}
        _refused(await _send(http, "GET", "/v1/appointments", partial, body), "signature-missing")


async def test_an_unknown_key_id_is_unknown_key(http: httpx.AsyncClient, session_name: str) -> None:
    secret = b"whatever"
    signer = HTTPMessageSigner(
        signature_algorithm=algorithms.HMAC_SHA256,
        key_resolver=MappingKeyResolver(public_keys={}, private_keys={"nobody": secret}),
    )
    message = _Message("GET", f"{BASE}/v1/appointments", {"X-Mock-Session": session_name})
    signer.sign(message, key_id="nobody", nonce="n-1", covered_component_ids=WITHOUT_BODY)
    _refused(await _send(http, "GET", "/v1/appointments", message.headers, b""), "unknown-key")


@pytest.mark.parametrize(
    "tamper",
    [
        "path",
        "query",
        "method",
        "wrong_secret",
        "no_digest_covered",
        "no_query_covered",
        "garbage",
        "two_signatures",
        "no_nonce",
    ],
)
async def test_a_signature_that_does_not_match_is_signature_invalid(
    app: Any, http: httpx.AsyncClient, session_name: str, tamper: str
) -> None:
    session_of(app, session_name)  # exists, so that its state can be compared
    method, path, body_json = "POST", "/v1/appointments", _booking()
    components: tuple[str, ...] | None = None
    if tamper == "no_query_covered":
        components = ("@method", "@path")
    headers, body = signed(
        method,
        path,
        body=body_json,
        components=components,
        digest=tamper != "no_digest_covered",
        session=session_name,
    )
    send_method, send_path = method, path
    if tamper == "path":
        send_path = "/v1/appointments/" + str(uuid.uuid4()) + "/cancel"
    elif tamper == "query":
        send_path = path + "?x=1"
    elif tamper == "method":
        send_method = "PATCH"
        send_path = f"/v1/appointments/{uuid.uuid4()}"
    elif tamper == "wrong_secret":
        headers["Signature"] = "sig1=:" + "A" * 43 + "=:"
    elif tamper == "garbage":
        headers["Signature-Input"] = "sig1=not a list("
    elif tamper == "two_signatures":
        headers["Signature-Input"] += ', sig2=("@method");created=1;keyid="demo-admin-signing"'
        headers["Signature"] += ", sig2=:AAAA:"
    elif tamper == "no_nonce":
        headers, body = signed(method, path, body=body_json, session=session_name)
        headers["Signature-Input"] = headers["Signature-Input"].replace(";nonce=", ";x-nonce=")
    before = snapshot(session_of(app, session_name).world)
    response = await _send(http, send_method, send_path, headers, body)
    _refused(response, "signature-invalid")
    assert_unchanged(before, session_of(app, session_name).world)
    entry = session_of(app, session_name).journal.entries()[-1]
    assert (entry.auth_scheme, entry.auth_verdict) == ("signature", "signature-invalid")


async def test_created_outside_300_seconds_of_the_session_clock_is_signature_expired(
    app: Any, http: httpx.AsyncClient, session_name: str
) -> None:
    clock = session_of(app, session_name).world.clock
    clock.freeze(datetime(2031, 1, 6, 9, 0, tzinfo=UTC))
    now = clock.now()
    for created in (now - timedelta(seconds=301), now + timedelta(seconds=301)):
        headers, body = signed("GET", "/v1/appointments", created=created, session=session_name)
        _refused(await _send(http, "GET", "/v1/appointments", headers, body), "signature-expired")
    for created in (now - timedelta(seconds=299), now + timedelta(seconds=299)):
        headers, body = signed("GET", "/v1/appointments", created=created, session=session_name)
        response = await _send(http, "GET", "/v1/appointments", headers, body)
        assert response.status_code == 200, response.text  # by the session clock, not the wall


async def test_a_reused_nonce_is_signature_replayed(
    http: httpx.AsyncClient, session_name: str
) -> None:
    headers, body = signed("POST", "/v1/appointments", body=_booking(), session=session_name)
    first = await _send(http, "POST", "/v1/appointments", headers, body)
    assert first.status_code == 201, first.text
    again = await _send(http, "POST", "/v1/appointments", headers, body)  # captured and replayed
    _refused(again, "signature-replayed")
    # The same nonce in a new signature over another request is a replay too.
    headers, body = signed("GET", "/v1/appointments", nonce=_nonce(headers), session=session_name)
    _refused(await _send(http, "GET", "/v1/appointments", headers, body), "signature-replayed")


def _nonce(headers: dict[str, str]) -> str:
    return headers["Signature-Input"].split('nonce="', 1)[1].split('"', 1)[0]


async def test_a_body_that_is_not_the_digested_one_is_digest_mismatch(
    app: Any, http: httpx.AsyncClient, session_name: str
) -> None:
    session_of(app, session_name)
    headers, body = signed("POST", "/v1/appointments", body=_booking(), session=session_name)
    other = json.dumps(_booking("2031-02-04T10:00:00Z")).encode()
    assert len(other) == len(body)
    before = snapshot(session_of(app, session_name).world)
    _refused(await _send(http, "POST", "/v1/appointments", headers, other), "digest-mismatch")
    assert_unchanged(before, session_of(app, session_name).world)
    # Nothing changed, the nonce included: the genuine request still goes through.
    response = await _send(http, "POST", "/v1/appointments", headers, body)
    assert response.status_code == 201, response.text


async def test_a_refused_signed_request_creates_no_session(
    app: Any, http: httpx.AsyncClient
) -> None:
    name = f"never-{uuid.uuid4().hex[:8]}"
    headers, body = signed("GET", "/v1/appointments", key_id=ADMIN_KEY, session=name)
    headers["Signature"] = "sig1=:" + "B" * 43 + "=:"
    _refused(await _send(http, "GET", "/v1/appointments", headers, body), "signature-invalid")
    from appointments_mock.app import sessions_of

    assert sessions_of(app).find(name) is None


async def test_bearer_keys_keep_working_and_say_so_in_the_journal(
    app: Any, http: httpx.AsyncClient, session_name: str
) -> None:
    headers = {"Authorization": "Bearer demo-admin-key", "X-Mock-Session": session_name}
    assert (await http.get("/v1/appointments", headers=headers)).status_code == 200
    bad = {"Authorization": "Bearer nope", "X-Mock-Session": session_name}
    assert_problem(await http.get("/v1/appointments", headers=bad), 401, "unauthenticated")
    entries = session_of(app, session_name).journal.entries()
    assert [(e.auth_scheme, e.auth_verdict, e.auth_key_id) for e in entries] == [
        ("bearer", "accepted", None),
        ("bearer", "unauthenticated", None),
    ]


def test_the_sdk_signs_every_retry_so_that_none_is_a_replay(
    app: Any, live: Any, session_name: str
) -> None:
    """The SDK's signatures against the mock over a socket: a 503 twice, then the cancel."""
    from appointments import AppointmentsClient, SigningKey
    from appointments_mock.faults import Fault

    session = session_of(app, session_name)
    appointment_id = session.world.labels["upcoming"]
    session.faults.add(
        Fault(id="f1", kind="status", operation_id="appointments.cancel", status=503,
              retry_after=0, times=2, remaining=2)
    )  # fmt: skip
    key = SigningKey(ADMIN_KEY, SECRETS[ADMIN_KEY])
    with AppointmentsClient(
        signing_key=key,
        base_url=f"{live.url}/v1",
        default_headers={"X-Mock-Session": session_name},
    ) as client:
        client._sleep = lambda _: None
        canceled = client.appointments.cancel(appointment_id, reason_code=30)
        assert canceled.status == "canceled"
        listed = client.appointments.list(status=["canceled"])  # a read, signed, with a query
        assert appointment_id in {str(a.id) for a in listed.items}
    calls = [e for e in session.journal.entries() if e.operation_id == "appointments.cancel"]
    assert [(e.status, e.auth_scheme, e.auth_verdict) for e in calls] == [
        (503, "signature", "accepted"),
        (503, "signature", "accepted"),
        (200, "signature", "accepted"),
    ]  # a reused nonce would have been refused as signature-replayed
    assert len({e.request_headers["idempotency-key"] for e in calls}) == 1


def test_serve_prints_a_signing_key_per_role() -> None:
    from appointments_mock.cli import banner

    text = banner("http://127.0.0.1:8080", seed=0, retention_days=30, validate_responses=True)
    for key_id, (secret, _) in DEMO_SIGNING_KEYS.items():
        assert f"{key_id}  {secret}" in text
    assert "RFC 9421" in text
