"""Webhooks end to end: the mock delivers signed events over HTTP to a receiver on 127.0.0.1,
the SDK verifies and types them, and so does the `standardwebhooks` package, independently.

The endpoint API goes both routes (directly and through Prism's validating proxy); deliveries
go from the mock straight to the receiver.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from standardwebhooks.webhooks import Webhook

from appointments import AppointmentCanceledEvent, Webhooks, WebhookVerificationError
from tests.contract._support import ADA, GRACE, Api, at
from tests.webhook_receiver import Receiver


def _book(api: Api) -> str:
    appointment = api.admin.appointments.create(
        type="individual",
        starts_at=at(1, 9),
        ends_at=at(1, 9) + timedelta(minutes=30),
        practitioner_id=ADA,
        client_id=GRACE,
    )
    return str(appointment.id)


def test_a_cancel_is_delivered_signed_and_both_verifiers_accept_it(api: Api) -> None:
    with Receiver() as receiver:
        endpoint = api.admin.webhook_endpoints.create(
            url=receiver.url, events=["appointment.canceled"], description="CRM"
        )
        appointment_id = _book(api)  # appointment.created: not subscribed
        canceled = api.admin.appointments.cancel(appointment_id, reason_code=30, note="Sick")

        (delivery,) = receiver.wait(1)
        receiver.quiet(1)

    event = Webhooks(endpoint.secret).unwrap(delivery.body, delivery.headers)
    assert isinstance(event, AppointmentCanceledEvent)
    assert event.type == "appointment.canceled"
    assert event.data.id == canceled.id
    assert event.data.status == "canceled"
    assert event.data.cancellation is not None
    assert event.data.cancellation.reason_code == 30
    assert event.data.model_dump() == canceled.model_dump()  # the appointment as a GET returns it
    assert str(event.id) == delivery.headers["webhook-id"]
    independent = Webhook(endpoint.secret).verify(delivery.body, delivery.headers)
    assert independent["id"] == str(event.id)
    assert independent["type"] == "appointment.canceled"
    with pytest.raises(WebhookVerificationError) as wrong:
        Webhooks(api.admin.webhook_endpoints.rotate_secret(endpoint.id).secret).unwrap(
            delivery.body.replace(b"Sick", b"Well"), delivery.headers
        )
    assert wrong.value.reason == "bad-signature"


def test_a_receiver_failing_twice_gets_three_attempts_with_one_webhook_id(api: Api) -> None:
    api.control.freeze(at(-30, 12))
    with Receiver(answers=[500, 500]) as receiver:
        endpoint = api.admin.webhook_endpoints.create(
            url=receiver.url, events=["appointment.canceled"]
        )
        api.admin.appointments.cancel(_book(api), reason_code=10)

        receiver.wait(1)
        receiver.quiet(1)  # the retry is due in 5 s of the session clock, which stands still
        api.control.advance(seconds=5)
        receiver.wait(2)
        receiver.quiet(2)
        api.control.advance(seconds=30)
        attempts = receiver.wait(3)
        receiver.quiet(3)

    assert [a.status for a in attempts] == [500, 500, 204]
    assert len({a.headers["webhook-id"] for a in attempts}) == 1
    for attempt in attempts:
        Webhook(endpoint.secret).verify(attempt.body, attempt.headers)
    (delivery,) = list(api.admin.webhook_endpoints.deliveries(endpoint.id))
    assert delivery.status == "succeeded"
    assert delivery.attempt_count == 3
    assert [a.response_status for a in delivery.attempts] == [500, 500, 204]
    assert delivery.attempts[1].attempted_at - delivery.attempts[0].attempted_at == timedelta(
        seconds=5
    )


def test_a_rotated_secret_verifies_with_both_during_the_grace_period(api: Api) -> None:
    api.control.freeze(at(-30, 12))
    with Receiver() as receiver:
        endpoint = api.admin.webhook_endpoints.create(url=receiver.url)
        rotated = api.admin.webhook_endpoints.rotate_secret(endpoint.id, grace_period_seconds=3600)
        assert rotated.secret != endpoint.secret
        assert rotated.previous_secret_expires_at is not None
        appointment_id = _book(api)
        (during,) = receiver.wait(2)[-1:]
        api.control.advance(hours=1)
        api.admin.appointments.cancel(appointment_id, reason_code=10)
        after = receiver.wait(4)[-1]  # appointment.canceled and attendee.canceled

    assert len(during.headers["webhook-signature"].split()) == 2
    for secret in (endpoint.secret, rotated.secret):
        Webhooks(secret).unwrap(during.body, during.headers)
        Webhook(secret).verify(during.body, during.headers)
    assert len(after.headers["webhook-signature"].split()) == 1
    Webhook(rotated.secret).verify(after.body, after.headers)
    with pytest.raises(WebhookVerificationError):
        Webhooks(endpoint.secret).unwrap(after.body, after.headers)
    assert json.loads(after.body)["type"] in ("appointment.canceled", "attendee.canceled")
