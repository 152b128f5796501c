"""The Prism route can fail: a response that breaks the contract is caught and fails the test.

The mock's test-only `corrupt` fault breaks one response on purpose (an undocumented `status` and an
unknown member), past the mock's own response validation. Directly, the SDK parses it leniently
(forward compatibility), so only an independent validator can notice; through Prism it must.
"""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from appointments import Appointment, AppointmentsClient, InternalServerError
from appointments_mock.faults import CORRUPT_MEMBER, CORRUPT_STATUS
from tests.contract._support import ADA, DEMO_KEYS, GRACE, Api, at, contract_violations

# Overriding the route's parameters drops their marks: keep `prism` on the Prism one, so that
# `-m "not prism"` deselects it (and never starts Prism).
PRISM_ONLY = pytest.mark.parametrize(
    "route", [pytest.param("prism", marks=pytest.mark.prism)], indirect=True
)
DIRECT_ONLY = pytest.mark.parametrize("route", ["direct"], indirect=True)


def _book(api: Api) -> Appointment:
    return api.admin.appointments.create(
        type="individual",
        starts_at=at(0, 9),
        ends_at=at(0, 9) + timedelta(minutes=30),
        practitioner_id=ADA,
        client_id=GRACE,
    )


def _unguarded(api: Api, http: httpx.Client) -> AppointmentsClient:
    return AppointmentsClient(
        api_key=DEMO_KEYS["admin"],
        base_url=api.route.base_url,
        max_retries=0,
        default_headers=api.headers,
        http_client=http,
    )


@PRISM_ONLY
def test_prism_turns_a_broken_response_into_a_reported_violation(api: Api) -> None:
    booked = _book(api)
    api.control.fault("corrupt", "appointments.get")

    with httpx.Client() as http, pytest.raises(InternalServerError) as error:
        _unguarded(api, http).appointments.get(booked.id)

    response = error.value.response
    assert response.status_code == 500
    assert "response" in response.headers["sl-violations"]
    assert "status" in response.headers["sl-violations"]
    assert response.json()["type"] == "https://stoplight.io/prism/errors#VIOLATIONS"
    assert contract_violations(response)
    # The mock did answer 200: the violation is the response's, reported by Prism.
    (journal,) = api.control.journal("appointments.get")
    assert (journal["status"], journal["fault"]) == (200, "corrupt")


@PRISM_ONLY
def test_the_guard_fails_a_test_even_when_a_retry_would_hide_the_violation(api: Api) -> None:
    booked = _book(api)
    api.control.fault("corrupt", "appointments.get")  # only the first attempt is broken
    seen_before = len(api.guard.seen)

    with pytest.raises(AssertionError, match="contract violation"):
        api.admin.appointments.get(booked.id)  # retries on by default

    assert len(api.guard.seen) == seen_before + 1
    del api.guard.seen[seen_before:]  # expected here; the fixture fails on any other violation
    assert len(api.control.journal("appointments.get")) == 1  # stopped at the first attempt


@PRISM_ONLY
def test_prism_forwards_to_the_mock_session_of_the_test(api: Api) -> None:
    raw = api.admin.with_raw_response.appointments.create(
        type="group", starts_at=at(0, 10), ends_at=at(0, 11), practitioner_id=ADA, max_attendees=2
    )

    (entry,) = api.control.journal("appointments.create")
    assert entry["request_id"] == raw.request_id
    assert entry["request_headers"]["idempotency-key"]
    assert "sl-violations" not in raw.headers


@DIRECT_ONLY
def test_directly_the_lenient_sdk_would_not_notice_the_broken_response(api: Api) -> None:
    booked = _book(api)
    api.control.fault("corrupt", "appointments.get")

    parsed = api.admin.appointments.get(booked.id)

    # Forward compatibility keeps unknown values: that is why the contract needs Prism's check.
    assert parsed.status.value == CORRUPT_STATUS
    assert parsed.model_extra is not None
    assert parsed.model_extra[CORRUPT_MEMBER] is True
