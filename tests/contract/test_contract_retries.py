"""Idempotent retries, end to end: faults queued through the mock's control API, and the journal
as the witness of what the SDK actually sent (attempts, headers, the same Idempotency-Key).

The SDK's sleep is injected (`Api.sleeps` records what it asked for), so no test waits for real,
except the one whose point is the server finishing a slow write meanwhile (about 2 s).
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import httpx
import pytest

from appointments import (
    AppointmentsClient,
    AuditAction,
    ConflictError,
    InternalServerError,
    RateLimitError,
    UnprocessableEntityError,
)
from tests.contract._support import ADA, DEMO_KEYS, GRACE, Api, at

DIRECT_ONLY = pytest.mark.parametrize("route", ["direct"], indirect=True)


def _create(client: AppointmentsClient, **options: Any) -> Any:
    return client.with_raw_response.appointments.create(
        type="individual",
        starts_at=at(0, 9),
        ends_at=at(0, 9) + timedelta(minutes=30),
        practitioner_id=ADA,
        client_id=GRACE,
        **options,
    )


def _attempts(api: Api, operation_id: str) -> list[dict[str, Any]]:
    return api.control.journal(operation_id)


def _one_key_for_all(attempts: list[dict[str, Any]]) -> str:
    keys = {a["request_headers"].get("idempotency-key") for a in attempts}
    assert len(keys) == 1, keys
    (key,) = keys
    assert key
    return str(key)


def test_the_same_idempotency_key_twice_books_once_and_replays(api: Api) -> None:
    first = _create(api.admin, idempotency_key="booking-4711")
    second = _create(api.admin, idempotency_key="booking-4711")

    assert first.status_code == second.status_code == 201
    assert first.idempotent_replayed is False
    assert second.idempotent_replayed is True
    assert second.headers["Idempotent-Replayed"] == "true"
    assert second.parse() == first.parse()
    assert len(list(api.admin.appointments.list(starts_after=at(0, 0)))) == 1
    attempts = _attempts(api, "appointments.create")
    assert [a["idempotent_replayed"] for a in attempts] == [False, True]
    assert _one_key_for_all(attempts) == "booking-4711"


def test_the_same_idempotency_key_with_another_body_is_unprocessable(api: Api) -> None:
    _create(api.admin, idempotency_key="booking-4712")

    with pytest.raises(UnprocessableEntityError) as error:
        _create(api.admin, idempotency_key="booking-4712", notes="Another request.")

    assert error.value.code == "idempotency-key-reused"
    assert len(list(api.admin.appointments.list(starts_after=at(0, 0)))) == 1


def test_a_429_is_retried_after_retry_after_with_the_same_key(api: Api) -> None:
    api.control.fault("status", "appointments.create", status=429, retry_after=1)

    created = _create(api.admin)

    assert created.status_code == 201
    assert api.sleeps == [1.0]  # Retry-After, not the backoff
    attempts = _attempts(api, "appointments.create")
    assert [(a["status"], a["fault"]) for a in attempts] == [(429, "status:429"), (201, None)]
    _one_key_for_all(attempts)
    for attempt in attempts:
        headers = attempt["request_headers"]
        assert headers["user-agent"].startswith("appointments-sdk/")
        assert headers["content-type"] == "application/json"
    assert attempts[0]["request_body"] == attempts[1]["request_body"]


def test_two_503s_are_retried_and_the_cancel_happens_once(api: Api) -> None:
    booked = _create(api.admin).parse()
    api.control.fault("status", "appointments.cancel", status=503, times=2)

    canceled = api.admin.appointments.cancel(booked.id, reason_code=30)

    assert canceled.status == "canceled"
    assert api.sleeps == [1.0, 1.0]
    attempts = _attempts(api, "appointments.cancel")
    assert [a["status"] for a in attempts] == [503, 503, 200]
    _one_key_for_all(attempts)
    events = [e.action for e in api.admin.appointments.audit_events(booked.id)]
    assert events.count(AuditAction.appointment_canceled) == 1


def test_a_read_is_retried_without_an_idempotency_key(api: Api) -> None:
    booked = _create(api.admin).parse()
    api.control.fault("status", "appointments.get", status=500)

    assert api.admin.appointments.get(booked.id).id == booked.id

    attempts = _attempts(api, "appointments.get")
    assert [a["status"] for a in attempts] == [500, 200]
    assert all("idempotency-key" not in a["request_headers"] for a in attempts)
    assert len(api.sleeps) == 1
    assert 0.375 <= api.sleeps[0] <= 0.5  # the first backoff, with its jitter


def test_when_retries_run_out_the_last_error_is_raised(api: Api) -> None:
    api.control.fault("status", "appointments.create", status=503, times=3)

    with pytest.raises(InternalServerError) as error:
        _create(api.admin)

    assert error.value.status_code == 503
    assert [a["status"] for a in _attempts(api, "appointments.create")] == [503, 503, 503]
    assert api.admin.appointments.list(starts_after=at(0, 0)).items == []


def test_a_409_is_an_answer_and_never_retried(api: Api) -> None:
    api.control.fault("status", "appointments.create", status=409, times=3)

    with pytest.raises(ConflictError):
        _create(api.admin)

    assert api.sleeps == []
    assert [a["status"] for a in _attempts(api, "appointments.create")] == [409]
    (fault,) = api.control.faults()
    assert (fault["applied"], fault["remaining"]) == (1, 2)


def test_a_long_retry_after_is_raised_at_once(api: Api) -> None:
    api.control.fault("status", "appointments.create", status=429, retry_after=120)

    with pytest.raises(RateLimitError) as error:
        _create(api.admin)

    assert error.value.retry_after == 120.0
    assert api.sleeps == []
    assert len(_attempts(api, "appointments.create")) == 1


# Dropped connections are direct-only: when its upstream hangs up, Prism answers the client itself
# (a 500 "FetchError: socket hang up"), so the SDK would never see a dropped socket through it.
@DIRECT_ONLY
def test_a_dropped_connection_is_retried_with_the_same_key(api: Api) -> None:
    booked = _create(api.admin).parse()
    api.control.fault("drop", "appointments.cancel")

    canceled = api.admin.appointments.cancel(booked.id, reason_code=30)

    assert canceled.status == "canceled"
    attempts = _attempts(api, "appointments.cancel")
    assert [(a["status"], a["fault"]) for a in attempts] == [(0, "drop"), (200, None)]
    _one_key_for_all(attempts)
    assert len(api.sleeps) == 1
    assert 0.375 <= api.sleeps[0] <= 0.5


@DIRECT_ONLY
def test_a_retry_after_a_drop_past_the_handler_is_replayed_not_booked_twice(api: Api) -> None:
    api.control.fault("drop", "appointments.create", after_handler=True)

    created = _create(api.admin)

    assert created.status_code == 201
    assert created.idempotent_replayed is True  # the first attempt did book; its answer was lost
    attempts = _attempts(api, "appointments.create")
    assert [(a["status"], a["idempotent_replayed"]) for a in attempts] == [(0, False), (201, True)]
    _one_key_for_all(attempts)
    assert [a.id for a in api.admin.appointments.list(starts_after=at(0, 0))] == [
        created.parse().id
    ]


def test_a_write_still_running_after_a_timeout_is_waited_for_and_replayed(api: Api) -> None:
    # The first attempt times out (1 s) while the mock still works on it (3 s): the retries find
    # its key in use (409 at about 1.4 s and 2.1 s), back off and retry again, and the last one
    # (about 3.6 s) gets the finished first response. Real sleeps here, since the point is the
    # server finishing meanwhile; the jitter is fixed (factor 0.75), and every attempt lands at
    # least 0.6 s away from the end of the write, so a loaded machine cannot reorder them.
    api.control.fault("delay", "appointments.create", delay_ms=3000)

    def sleep(seconds: float) -> None:
        api.sleeps.append(seconds)
        time.sleep(seconds)

    with httpx.Client(event_hooks=api.guard.event_hooks()) as http:
        client = AppointmentsClient(
            api_key=DEMO_KEYS["admin"],
            base_url=api.route.base_url,
            default_headers=api.headers,
            http_client=http,
            max_retries=3,
        )
        client._sleep, client._random = sleep, lambda: 1.0
        started = time.monotonic()
        created = _create(client, timeout=1.0)
        elapsed = time.monotonic() - started

    assert created.status_code == 201
    assert created.idempotent_replayed is True
    assert api.sleeps == [0.375, 0.75, 1.5]  # after the timeout, then after each 409
    assert elapsed < 8.0
    attempts = _attempts(api, "appointments.create")
    assert sorted((a["status"], a["idempotent_replayed"]) for a in attempts) == [
        (201, False),
        (201, True),
        (409, False),
        (409, False),
    ]
    _one_key_for_all(attempts)
    assert [a.id for a in api.admin.appointments.list(starts_after=at(0, 0))] == [
        created.parse().id
    ]
