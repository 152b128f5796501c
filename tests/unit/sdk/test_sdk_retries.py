"""Retries: what is retried, how often, how long the SDK waits, and that writes stay idempotent."""

from __future__ import annotations

import email.utils
import time

import httpx
import pytest
import respx

from appointments import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AppointmentsClient,
    AsyncAppointmentsClient,
    BadRequestError,
    ConflictError,
    InternalServerError,
    PreconditionFailedError,
    RateLimitError,
)
from appointments._retry import backoff_delay, parse_retry_after
from tests.unit.sdk._data import APPOINTMENT_ID, appointment, problem

GET_PATH = f"/appointments/{APPOINTMENT_ID}"


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_transient_statuses_are_tried_three_times(
    client: AppointmentsClient, router: respx.MockRouter, sleeps: list[float], status: int
) -> None:
    route = router.get(GET_PATH).respond(status, json=problem(status, "transient"))
    with pytest.raises(APIStatusError) as info:
        client.appointments.get(APPOINTMENT_ID)
    assert route.call_count == 3
    assert len(sleeps) == 2
    assert info.value.status_code == status


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 410, 412, 422])
def test_answers_are_never_retried(
    client: AppointmentsClient, router: respx.MockRouter, sleeps: list[float], status: int
) -> None:
    route = router.get(GET_PATH).respond(status, json=problem(status, "answer"))
    with pytest.raises(APIStatusError):
        client.appointments.get(APPOINTMENT_ID)
    assert route.call_count == 1
    assert sleeps == []


def test_a_conflict_on_cancel_is_raised_at_once(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.post(f"{GET_PATH}/cancel").respond(409, json=problem(409, "already-canceled"))
    with pytest.raises(ConflictError):
        client.appointments.cancel(APPOINTMENT_ID, reason_code=10)
    assert route.call_count == 1


def test_a_stale_if_match_is_raised_at_once(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.patch(GET_PATH).respond(412, json=problem(412, "precondition-failed"))
    with pytest.raises(PreconditionFailedError):
        client.appointments.update(APPOINTMENT_ID, notes="x", if_match=2)
    assert route.call_count == 1


def test_success_after_transient_failures_is_returned(
    client: AppointmentsClient, router: respx.MockRouter, sleeps: list[float]
) -> None:
    router.get(GET_PATH).mock(
        side_effect=[
            httpx.Response(503),
            httpx.Response(502),
            httpx.Response(200, json=appointment()),
        ]
    )
    assert str(client.appointments.get(APPOINTMENT_ID).id) == APPOINTMENT_ID
    assert len(sleeps) == 2


def test_backoff_doubles_with_jitter_within_bounds(
    router: respx.MockRouter, sleeps: list[float]
) -> None:
    router.get(GET_PATH).respond(503)
    client = AppointmentsClient(api_key="k", base_url="http://api.test/v1", max_retries=5)
    client._sleep = sleeps.append
    with pytest.raises(InternalServerError):
        client.appointments.get(APPOINTMENT_ID)
    assert len(sleeps) == 5
    for n, delay in enumerate(sleeps):
        nominal = min(0.5 * 2**n, 8.0)
        assert 0.75 * nominal < delay <= nominal


def test_backoff_formula_is_capped_at_eight_seconds() -> None:
    assert backoff_delay(0, lambda: 0.0) == 0.5
    assert backoff_delay(3, lambda: 0.0) == 4.0
    assert backoff_delay(10, lambda: 0.0) == 8.0
    assert backoff_delay(10, lambda: 1.0) == 6.0


def test_retry_after_seconds_is_honoured(
    client: AppointmentsClient, router: respx.MockRouter, sleeps: list[float]
) -> None:
    router.get(GET_PATH).mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "7"}, json=problem(429, "rate-limited")),
            httpx.Response(200, json=appointment()),
        ]
    )
    client.appointments.get(APPOINTMENT_ID)
    assert sleeps == [7.0]


def test_retry_after_http_date_is_honoured() -> None:
    now = 1_900_000_000.0
    date = email.utils.formatdate(now + 12, usegmt=True)
    assert parse_retry_after(httpx.Headers({"Retry-After": date}), now=now) == pytest.approx(12.0)
    past = email.utils.formatdate(now - 30, usegmt=True)
    assert parse_retry_after(httpx.Headers({"Retry-After": past}), now=now) == 0.0
    assert parse_retry_after(httpx.Headers({"Retry-After": "soon"})) is None
    assert parse_retry_after(httpx.Headers({})) is None


def test_retry_after_http_date_drives_the_sleep(
    client: AppointmentsClient, router: respx.MockRouter, sleeps: list[float]
) -> None:
    date = email.utils.formatdate(time.time() + 20, usegmt=True)
    router.get(GET_PATH).mock(
        side_effect=[
            httpx.Response(503, headers={"Retry-After": date}),
            httpx.Response(200, json=appointment()),
        ]
    )
    client.appointments.get(APPOINTMENT_ID)
    assert len(sleeps) == 1
    assert 17.0 < sleeps[0] <= 20.0


def test_retry_after_above_the_cap_is_not_waited_for(
    client: AppointmentsClient, router: respx.MockRouter, sleeps: list[float]
) -> None:
    route = router.get(GET_PATH).respond(
        429, headers={"Retry-After": "3600"}, json=problem(429, "rate-limited")
    )
    with pytest.raises(RateLimitError) as info:
        client.appointments.get(APPOINTMENT_ID)
    assert route.call_count == 1
    assert sleeps == []
    assert info.value.retry_after == 3600.0


def test_connection_errors_are_retried_then_raised(
    client: AppointmentsClient, router: respx.MockRouter, sleeps: list[float]
) -> None:
    route = router.get(GET_PATH).mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(APIConnectionError) as info:
        client.appointments.get(APPOINTMENT_ID)
    assert not isinstance(info.value, APITimeoutError)
    assert route.call_count == 3
    assert len(sleeps) == 2


def test_timeouts_are_retried_then_raised_as_timeout_errors(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.get(GET_PATH).mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(APITimeoutError):
        client.appointments.get(APPOINTMENT_ID)
    assert route.call_count == 3


def test_max_retries_zero_tries_once(router: respx.MockRouter, sleeps: list[float]) -> None:
    route = router.get(GET_PATH).respond(503)
    client = AppointmentsClient(api_key="k", base_url="http://api.test/v1")
    client._sleep = sleeps.append
    with pytest.raises(InternalServerError):
        client.with_options(max_retries=0).appointments.get(APPOINTMENT_ID)
    assert route.call_count == 1


def test_every_attempt_of_a_post_carries_the_same_idempotency_key(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.post(f"{GET_PATH}/cancel").mock(
        side_effect=[
            httpx.Response(503),
            httpx.ReadTimeout("lost"),
            httpx.Response(200, json=appointment()),
        ]
    )
    client.appointments.cancel(APPOINTMENT_ID, reason_code=10)
    keys = {call.request.headers["Idempotency-Key"] for call in route.calls}
    assert route.call_count == 3
    assert len(keys) == 1
    assert len(keys.pop()) == 36  # a UUID


def test_each_call_gets_its_own_idempotency_key(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.post(f"{GET_PATH}/restore").respond(200, json=appointment())
    client.appointments.restore(APPOINTMENT_ID)
    client.appointments.restore(APPOINTMENT_ID)
    first, second = (call.request.headers["Idempotency-Key"] for call in route.calls)
    assert first != second


def test_a_caller_supplied_idempotency_key_is_used_on_every_attempt(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.post("/appointments").mock(
        side_effect=[httpx.Response(500), httpx.Response(201, json=appointment())]
    )
    client.appointments.create(
        type="individual",
        starts_at="2030-03-04T09:00:00Z",  # type: ignore[arg-type]  # strings are parsed too
        ends_at="2030-03-04T09:30:00Z",  # type: ignore[arg-type]
        practitioner_id="3f2a7c4e-1b5d-4e8f-9a6b-0c1d2e3f4a5b",
        client_id="9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e",
        idempotency_key="booking-123",
    )
    assert [call.request.headers["Idempotency-Key"] for call in route.calls] == ["booking-123"] * 2


def test_reads_carry_no_idempotency_key(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.get(GET_PATH).respond(200, json=appointment())
    client.appointments.get(APPOINTMENT_ID)
    assert "Idempotency-Key" not in route.calls.last.request.headers


def test_a_bad_request_is_not_retried(client: AppointmentsClient, router: respx.MockRouter) -> None:
    route = router.get("/appointments").respond(400, json=problem(400, "validation-error"))
    with pytest.raises(BadRequestError):
        client.appointments.list()
    assert route.call_count == 1


@pytest.mark.anyio
async def test_async_client_retries_with_the_same_policy(
    async_client: AsyncAppointmentsClient, router: respx.MockRouter, sleeps: list[float]
) -> None:
    route = router.post(f"{GET_PATH}/cancel").mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "2"}),
            httpx.ConnectError("reset"),
            httpx.Response(200, json=appointment()),
        ]
    )
    await async_client.appointments.cancel(APPOINTMENT_ID, reason_code=10)
    assert route.call_count == 3
    assert sleeps[0] == 2.0
    assert 0.75 < sleeps[1] <= 1.0
    assert len({call.request.headers["Idempotency-Key"] for call in route.calls}) == 1


@pytest.mark.anyio
async def test_async_client_never_retries_a_conflict(
    async_client: AsyncAppointmentsClient, router: respx.MockRouter
) -> None:
    route = router.post(f"{GET_PATH}/cancel").respond(409, json=problem(409, "already-canceled"))
    with pytest.raises(ConflictError):
        await async_client.appointments.cancel(APPOINTMENT_ID, reason_code=10)
    assert route.call_count == 1
