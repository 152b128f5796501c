"""Signed requests: the SDK's RFC 9421 signatures, checked by an independent implementation.

Every request of a client made with ``signing_key=`` carries ``Signature-Input`` and ``Signature``
(and ``Content-Digest`` for a body) instead of ``Authorization``; ``http-message-signatures``
verifies them. Each retry is signed again (new ``created`` and ``nonce``), with the same body,
digest and ``Idempotency-Key``.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

import httpx
import pytest
import respx
from http_message_signatures import (
    HTTPMessageVerifier,
    InvalidSignature,
    MappingKeyResolver,
    algorithms,
)

from appointments import AppointmentsClient, AsyncAppointmentsClient, SigningKey
from appointments._signing import content_digest
from tests.unit.sdk._data import APPOINTMENT_ID, BASE_URL, appointment, problem

KEY = SigningKey("demo-admin-signing", "demo-admin-signing-secret")
VERIFIER = HTTPMessageVerifier(
    signature_algorithm=algorithms.HMAC_SHA256,
    key_resolver=MappingKeyResolver(public_keys={KEY.key_id: KEY.secret_bytes}, private_keys={}),
)


def _verify(request: httpx.Request) -> dict[str, str]:
    """The covered components, as http-message-signatures verified them (raises if invalid)."""
    results = VERIFIER.verify(
        request,
        max_age=timedelta(minutes=5),
        require_components=("@method", "@path", "@query"),
        body=request.content,
    )
    assert len(results) == 1
    params = results[0].parameters
    assert params["keyid"] == KEY.key_id
    assert params["alg"] == "hmac-sha256"
    assert params["nonce"]
    return dict(results[0].covered_components)


@pytest.fixture
def signing(router: respx.MockRouter, sleeps: list[float]) -> AppointmentsClient:
    client = AppointmentsClient(signing_key=KEY, base_url=BASE_URL)
    client._sleep = sleeps.append
    return client


def test_a_read_is_signed_over_method_path_and_query(
    signing: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.get("/appointments").respond(
        200, json={"items": [], "next_page_token": None, "total_size": 0}
    )
    signing.appointments.list(status=["active", "canceled"], page_size=5)
    request = route.calls.last.request
    assert "authorization" not in request.headers
    assert "content-digest" not in request.headers  # no body, nothing to digest
    covered = _verify(request)
    assert covered['"@query"'] == "?status=active&status=canceled&page_size=5"
    assert covered['"@path"'] == "/v1/appointments"


def test_a_write_is_signed_with_its_content_digest_and_idempotency_key(
    signing: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.post(f"/appointments/{APPOINTMENT_ID}/cancel").respond(200, json=appointment())
    signing.appointments.cancel(APPOINTMENT_ID, reason_code=30, if_match=3)
    request = route.calls.last.request
    assert request.headers["content-digest"] == content_digest(request.content)
    covered = _verify(request)
    assert set(covered) == {
        '"@method"', '"@path"', '"@query"', '"content-digest"', '"content-type"',
        '"idempotency-key"', '"if-match"', '"@signature-params"',
    }  # fmt: skip


def test_a_tampered_request_fails_the_independent_verifier(
    signing: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.post(f"/appointments/{APPOINTMENT_ID}/cancel").respond(200, json=appointment())
    signing.appointments.cancel(APPOINTMENT_ID, reason_code=30)
    request = route.calls.last.request
    forged = httpx.Request(
        "POST",
        str(request.url).replace(APPOINTMENT_ID, "00000000-0000-4000-8000-000000000000"),
        headers=request.headers,
        content=request.content,
    )
    with pytest.raises(InvalidSignature):
        _verify(forged)


def test_each_retry_is_signed_anew_with_the_same_idempotency_key(
    router: respx.MockRouter, sleeps: list[float]
) -> None:
    ticks = itertools.count(1_900_000_000)
    key = SigningKey(KEY.key_id, KEY.secret, clock=lambda: float(next(ticks)))
    client = AppointmentsClient(signing_key=key, base_url=BASE_URL)
    client._sleep = sleeps.append
    route = router.post(f"/appointments/{APPOINTMENT_ID}/cancel").mock(
        side_effect=[
            httpx.Response(503, json=problem(503, "unavailable")),
            httpx.Response(503, json=problem(503, "unavailable")),
            httpx.Response(200, json=appointment()),
        ]
    )
    client.appointments.cancel(APPOINTMENT_ID, reason_code=30)
    requests = [call.request for call in route.calls]
    assert len(requests) == 3
    inputs = [r.headers["signature-input"] for r in requests]
    assert len(set(inputs)) == 3  # a new created and nonce each time
    assert [i.split(";created=")[1].split(";")[0] for i in inputs] == [
        "1900000000", "1900000001", "1900000002",
    ]  # fmt: skip
    assert len({r.headers["signature"] for r in requests}) == 3
    assert len({r.headers["idempotency-key"] for r in requests}) == 1
    assert len({r.headers["content-digest"] for r in requests}) == 1


@pytest.mark.anyio
async def test_the_async_client_signs_every_attempt_too(router: respx.MockRouter) -> None:
    async def no_sleep(_: float) -> None:
        return None

    route = router.get(f"/appointments/{APPOINTMENT_ID}").mock(
        side_effect=[
            httpx.Response(502, json=problem(502, "bad-gateway")),
            httpx.Response(200, json=appointment()),
        ]
    )
    async with AsyncAppointmentsClient(signing_key=KEY, base_url=BASE_URL) as client:
        client._sleep = no_sleep
        await client.appointments.get(APPOINTMENT_ID)
    requests = [call.request for call in route.calls]
    assert len({r.headers["signature-input"] for r in requests}) == 2
    for request in requests:
        _verify(request)


def test_with_options_keeps_signing(signing: AppointmentsClient, router: respx.MockRouter) -> None:
    route = router.get(f"/appointments/{APPOINTMENT_ID}").respond(200, json=appointment())
    signing.with_options(max_retries=0).appointments.get(APPOINTMENT_ID)
    _verify(route.calls.last.request)


def test_a_signing_key_keeps_its_secret_to_itself() -> None:
    assert "secret" not in repr(KEY).replace("demo-admin-signing", "")
    assert SigningKey("k", b"\x00\x01").secret_bytes == b"\x00\x01"
    for key_id, secret in (("", "s"), ("k", ""), ("caf\u00e9", "s"), ("a\nb", "s")):
        with pytest.raises(ValueError):  # noqa: PT011 - each is its own mistake
            SigningKey(key_id, secret)


def test_a_client_takes_a_key_or_a_signing_key_not_both(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPOINTMENTS_API_KEY", "from-the-environment")
    with pytest.raises(ValueError, match="not both"):
        AppointmentsClient(api_key="k", signing_key=KEY)
    signing = AppointmentsClient(signing_key=KEY)  # the environment's key is not used
    assert signing.api_key == ""
    assert "authorization" not in {k.lower() for k in signing._http.headers}
