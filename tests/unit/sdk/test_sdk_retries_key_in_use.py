"""A 409 `idempotency-key-in-use`: the first attempt of this very call is still running on the
server (e.g. after a timeout), so the SDK waits and retries with the same key instead of failing.

Every other 409 stays an answer, raised at once.
"""

from __future__ import annotations

import logging

import httpx
import pytest
import respx

from appointments import AppointmentsClient, AsyncAppointmentsClient, ConflictError
from tests.unit.sdk._data import API_KEY, APPOINTMENT_ID, BASE_URL, appointment, problem

CANCEL_PATH = f"/appointments/{APPOINTMENT_ID}/cancel"


def _in_use(**headers: str) -> httpx.Response:
    return httpx.Response(
        409,
        headers=headers,
        json=problem(409, "idempotency-key-in-use"),
        extensions={"reason_phrase": b"Conflict"},
    )


def test_a_key_still_in_use_after_a_timeout_is_retried_and_the_result_replayed(
    client: AppointmentsClient, router: respx.MockRouter, sleeps: list[float]
) -> None:
    route = router.post(CANCEL_PATH).mock(
        side_effect=[
            httpx.ReadTimeout("the first attempt is slow"),
            _in_use(),
            httpx.Response(200, headers={"Idempotent-Replayed": "true"}, json=appointment()),
        ]
    )

    raw = client.with_raw_response.appointments.cancel(APPOINTMENT_ID, reason_code=10)

    assert raw.idempotent_replayed is True
    assert str(raw.parse().id) == APPOINTMENT_ID
    assert route.call_count == 3
    assert len({call.request.headers["Idempotency-Key"] for call in route.calls}) == 1
    first, second = sleeps
    assert 0.375 <= first <= 0.5  # the backoff after the timeout...
    assert 0.75 <= second <= 1.0  # ...and after the 409: the next step, the same budget


def test_a_key_still_in_use_honours_retry_after(
    client: AppointmentsClient, router: respx.MockRouter, sleeps: list[float]
) -> None:
    router.post(CANCEL_PATH).mock(
        side_effect=[_in_use(**{"Retry-After": "3"}), httpx.Response(200, json=appointment())]
    )

    client.appointments.cancel(APPOINTMENT_ID, reason_code=10)

    assert sleeps == [3.0]


def test_a_key_in_use_past_the_retry_budget_raises_the_conflict(
    client: AppointmentsClient, router: respx.MockRouter, sleeps: list[float]
) -> None:
    route = router.post(CANCEL_PATH).mock(return_value=_in_use())

    with pytest.raises(ConflictError) as error:
        client.appointments.cancel(APPOINTMENT_ID, reason_code=10)

    assert error.value.code == "idempotency-key-in-use"
    assert route.call_count == 3
    assert len(sleeps) == 2


def test_timeouts_and_keys_in_use_share_one_retry_budget(
    router: respx.MockRouter, sleeps: list[float]
) -> None:
    route = router.post(CANCEL_PATH).mock(
        side_effect=[httpx.ReadTimeout("slow"), _in_use(), _in_use()]
    )
    client = AppointmentsClient(api_key=API_KEY, base_url=BASE_URL, max_retries=2)
    client._sleep = sleeps.append

    with pytest.raises(ConflictError):
        client.appointments.cancel(APPOINTMENT_ID, reason_code=10)

    assert route.call_count == 3
    assert len(sleeps) == 2


@pytest.mark.parametrize(
    "body",
    [
        problem(409, "already-canceled"),
        problem(409, "slot-conflict"),
        {"code": ["idempotency-key-in-use"]},  # not a code slug
        "idempotency-key-in-use",  # a JSON string, not a problem
    ],
)
def test_any_other_conflict_is_raised_at_once(
    client: AppointmentsClient, router: respx.MockRouter, sleeps: list[float], body: object
) -> None:
    route = router.post(CANCEL_PATH).respond(409, json=body)

    with pytest.raises(ConflictError):
        client.appointments.cancel(APPOINTMENT_ID, reason_code=10)

    assert route.call_count == 1
    assert sleeps == []


def test_a_conflict_that_is_not_json_is_raised_at_once(
    client: AppointmentsClient, router: respx.MockRouter, sleeps: list[float]
) -> None:
    route = router.post(CANCEL_PATH).respond(409, text="idempotency-key-in-use")

    with pytest.raises(ConflictError):
        client.appointments.cancel(APPOINTMENT_ID, reason_code=10)

    assert route.call_count == 1
    assert sleeps == []


def test_a_retry_after_a_key_in_use_is_logged_like_the_others(
    client: AppointmentsClient, router: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    router.post(CANCEL_PATH).mock(side_effect=[_in_use(), httpx.Response(200, json=appointment())])
    caplog.set_level(logging.INFO, logger="appointments")

    client.appointments.cancel(APPOINTMENT_ID, reason_code=10)

    (record,) = (r for r in caplog.records if r.name == "appointments")
    assert record.levelno == logging.INFO
    message = record.getMessage()
    assert message.startswith(f"Retrying POST /v1{CANCEL_PATH} in ")
    assert "after status 409 idempotency-key-in-use (retry 1 of 2)" in message


@pytest.mark.anyio
async def test_async_client_retries_a_key_still_in_use(
    async_client: AsyncAppointmentsClient, router: respx.MockRouter, sleeps: list[float]
) -> None:
    route = router.post(CANCEL_PATH).mock(
        side_effect=[
            httpx.ReadTimeout("slow"),
            _in_use(),
            httpx.Response(200, headers={"Idempotent-Replayed": "true"}, json=appointment()),
        ]
    )

    canceled = await async_client.appointments.cancel(APPOINTMENT_ID, reason_code=10)

    assert str(canceled.id) == APPOINTMENT_ID
    assert route.call_count == 3
    assert len(sleeps) == 2
    assert len({call.request.headers["Idempotency-Key"] for call in route.calls}) == 1
