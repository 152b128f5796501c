"""Client configuration: base URL, API key, timeouts, copies, lifecycle, raw responses, logging."""

from __future__ import annotations

import logging

import httpx
import httpx2
import pytest
import respx

from appointments import (
    AppointmentsClient,
    AppointmentsError,
    AsyncAppointmentsClient,
    NotFoundError,
    RawResponse,
)
from tests.unit.sdk._data import API_KEY, APPOINTMENT_ID, BASE_URL, appointment, page, problem

PATH = f"/appointments/{APPOINTMENT_ID}"


def test_defaults_point_at_the_local_mock_with_bounded_timeouts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("APPOINTMENTS_BASE_URL", raising=False)
    client = AppointmentsClient(api_key="k")
    assert str(client.base_url) == "http://127.0.0.1:8080/v1"
    assert client.timeout == httpx2.Timeout(30.0, connect=5.0)
    assert client.max_retries == 2
    assert isinstance(client._http, httpx2.Client)  # the default family
    assert isinstance(AsyncAppointmentsClient(api_key="k")._http, httpx2.AsyncClient)


def test_configuration_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPOINTMENTS_API_KEY", "from-env")
    monkeypatch.setenv("APPOINTMENTS_BASE_URL", "https://example.invalid/v1/")
    client = AppointmentsClient()
    assert client.api_key == "from-env"
    assert str(client.base_url) == "https://example.invalid/v1"


def test_a_missing_api_key_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("APPOINTMENTS_API_KEY", raising=False)
    with pytest.raises(AppointmentsError, match="APPOINTMENTS_API_KEY"):
        AppointmentsClient()
    with pytest.raises(AppointmentsError, match="APPOINTMENTS_API_KEY"):
        AsyncAppointmentsClient()


def test_an_unlimited_client_timeout_is_refused() -> None:
    with pytest.raises(ValueError, match="wait forever"):
        AppointmentsClient(api_key="k", timeout=None)  # type: ignore[arg-type]
    explicit = AppointmentsClient(api_key="k", timeout=httpx2.Timeout(None))
    assert explicit.timeout == httpx2.Timeout(None)


def test_a_legacy_timeout_is_accepted_phase_by_phase(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    legacy = httpx.Timeout(3.0, connect=1.0)
    assert AppointmentsClient(api_key="k", timeout=legacy).timeout == httpx2.Timeout(
        3.0, connect=1.0
    )
    route = router.get(PATH).respond(200, json=appointment())
    client.appointments.get(APPOINTMENT_ID, timeout=legacy)
    sent = route.calls.last.request.extensions["timeout"]
    assert sent == {"connect": 1.0, "read": 3.0, "write": 3.0, "pool": 3.0}


def test_an_http_client_of_another_kind_is_refused() -> None:
    with pytest.raises(TypeError, match=r"httpx2\.Client \(or a legacy httpx\.Client\)"):
        AppointmentsClient(api_key="k", http_client=object())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"httpx2\.AsyncClient"):
        AsyncAppointmentsClient(api_key="k", http_client=httpx2.Client())  # type: ignore[arg-type]


def test_the_default_timeout_is_sent_with_every_request(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.get(PATH).respond(200, json=appointment())
    client.appointments.get(APPOINTMENT_ID)
    client.appointments.get(APPOINTMENT_ID, timeout=2.5)
    first, second = (call.request.extensions["timeout"] for call in route.calls)
    assert first == {"connect": 5.0, "read": 30.0, "write": 30.0, "pool": 30.0}
    assert second == {"connect": 2.5, "read": 2.5, "write": 2.5, "pool": 2.5}


def test_with_options_copies_share_the_connection_pool(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.get(PATH).respond(200, json=appointment())
    copy = client.with_options(timeout=1.0, max_retries=0, default_headers={"X-Mock-Session": "s1"})
    assert copy._http is client._http
    assert (copy.timeout, copy.max_retries) == (httpx2.Timeout(1.0), 0)
    assert (client.timeout, client.max_retries) == (httpx2.Timeout(30.0, connect=5.0), 2)
    copy.appointments.get(APPOINTMENT_ID)
    assert route.calls.last.request.headers["X-Mock-Session"] == "s1"
    copy.close()
    assert not client._http.is_closed


def test_closing_the_client_closes_its_own_pool_only() -> None:
    with AppointmentsClient(api_key="k") as client:
        pass
    assert client._http.is_closed
    mine = httpx.Client()
    AppointmentsClient(api_key="k", http_client=mine).close()
    assert not mine.is_closed
    mine.close()


def test_extra_headers_are_added_to_one_call(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.get(PATH).respond(200, json=appointment())
    client.appointments.get(APPOINTMENT_ID, extra_headers={"X-Request-Id": "mine"})
    assert route.calls.last.request.headers["X-Request-Id"] == "mine"


def test_raw_responses_expose_status_and_headers(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    router.post("/appointments").respond(
        201,
        json=appointment(version=1),
        headers={
            "ETag": '"1"',
            "Location": f"/v1/appointments/{APPOINTMENT_ID}",
            "Idempotent-Replayed": "true",
            "X-Request-Id": "req-9",
        },
    )
    raw = client.with_raw_response.appointments.create(
        type="individual",
        starts_at="2030-03-04T09:00:00Z",  # type: ignore[arg-type]
        ends_at="2030-03-04T09:30:00Z",  # type: ignore[arg-type]
        practitioner_id=APPOINTMENT_ID,
        client_id=APPOINTMENT_ID,
    )
    assert isinstance(raw, RawResponse)
    assert raw.status_code == 201
    assert raw.etag == '"1"'
    assert raw.headers["ETag"] == '"1"'
    assert raw.location == f"/v1/appointments/{APPOINTMENT_ID}"
    assert raw.idempotent_replayed
    assert raw.request_id == "req-9"
    assert raw.parse().version == 1


def test_raw_responses_from_a_resource_and_for_pages(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    router.get(PATH).respond(200, json=appointment(version=4), headers={"ETag": '"4"'})
    router.get("/appointments").respond(200, json=page([appointment()], None))
    raw = client.appointments.with_raw_response.get(APPOINTMENT_ID)
    assert raw.etag == '"4"'
    assert raw.parse().version == 4
    listed = client.with_raw_response.appointments.list().parse()
    assert len(list(listed)) == 1


def test_raw_responses_still_raise_typed_errors(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    router.get(PATH).respond(404, json=problem(404, "not-found"))
    with pytest.raises(NotFoundError):
        client.with_raw_response.appointments.get(APPOINTMENT_ID)


@pytest.mark.anyio
async def test_async_raw_responses(
    async_client: AsyncAppointmentsClient, router: respx.MockRouter
) -> None:
    router.get(PATH).respond(200, json=appointment(), headers={"ETag": '"1"'})
    router.post(f"{PATH}/purge").respond(204)
    raw = await async_client.with_raw_response.appointments.get(APPOINTMENT_ID)
    assert raw.etag == '"1"'
    assert str(raw.parse().id) == APPOINTMENT_ID
    purged = await async_client.appointments.with_raw_response.purge(APPOINTMENT_ID)
    assert purged.status_code == 204
    assert purged.parse() is None


@pytest.mark.anyio
async def test_async_with_options_shares_the_pool(async_client: AsyncAppointmentsClient) -> None:
    copy = async_client.with_options(max_retries=5)
    assert copy._http is async_client._http
    await copy.aclose()
    assert not async_client._http.is_closed


def test_credentials_never_reach_the_logs(
    router: respx.MockRouter, caplog: pytest.LogCaptureFixture, sleeps: list[float]
) -> None:
    router.get(PATH).mock(
        side_effect=[
            httpx.Response(503),
            httpx.ConnectError("x"),
            httpx.Response(200, json=appointment()),
        ]
    )
    caplog.set_level(logging.DEBUG)
    with AppointmentsClient(api_key=API_KEY, base_url=BASE_URL) as client:
        client._sleep = sleeps.append
        client.appointments.get(APPOINTMENT_ID)
        repr(client)
    retries = [
        r for r in caplog.records if r.name == "appointments" and "Retrying" in r.getMessage()
    ]
    assert len(retries) == 2
    assert retries[0].levelno == logging.INFO
    text = caplog.text + repr(client)
    assert API_KEY not in text
    assert "Authorization" not in text
    assert "Bearer" not in text
