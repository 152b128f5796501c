"""`Webhooks.unwrap` and `verify_signature`: Standard Webhooks signatures, checked against the
`standardwebhooks` package's own signing, the timestamp tolerance, typed and unknown events."""

from __future__ import annotations

import base64
import json
import time
from datetime import UTC, datetime

import pytest
from standardwebhooks.webhooks import Webhook

from appointments import (
    AppointmentCanceledEvent,
    AppointmentsClient,
    AppointmentsError,
    GenericWebhookEvent,
    Webhooks,
    WebhookVerificationError,
    verify_signature,
)

SECRET = "whsec_" + base64.b64encode(bytes(range(32))).decode()
OTHER = "whsec_" + base64.b64encode(bytes(range(1, 33))).decode()
APPOINTMENT = {
    "id": "7d1f5a4e-8c2b-4f7e-9a31-2b6c1d0e9f10",
    "type": "individual",
    "status": "canceled",
    "starts_at": "2030-03-04T09:00:00Z",
    "ends_at": "2030-03-04T09:30:00Z",
    "time_zone": "Europe/Berlin",
    "practitioner_id": "3f2a7c4e-1b5d-4e8f-9a6b-0c1d2e3f4a5b",
    "client_id": "9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e",
    "max_attendees": None,
    "attendee_counts": {"total": 1, "active": 0, "canceled": 1},
    "notes": None,
    "series_id": None,
    "repeat_rule": None,
    "cancellation": None,
    "locked": False,
    "lock_reason": None,
    "in_progress": False,
    "deleted_at": None,
    "purge_at": None,
    "created_at": "2030-02-01T12:00:00Z",
    "updated_at": "2030-02-01T12:00:00Z",
    "version": 2,
}


def _event(kind: str = "appointment.canceled", data: object = APPOINTMENT) -> bytes:
    envelope = {
        "id": "8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d",
        "type": kind,
        "occurred_at": "2030-03-03T08:05:00Z",
        "actor": {"type": "system", "id": None, "display_name": "System"},
        "request_id": None,
        "data": data,
    }
    return json.dumps(envelope).encode()


def _signed(body: bytes, *secrets: str, at: float | None = None) -> dict[str, str]:
    """Headers as the `standardwebhooks` package signs them (an independent implementation)."""
    when = datetime.fromtimestamp(int(at if at is not None else time.time()), UTC)
    webhook_id = json.loads(body)["id"]
    signatures = [Webhook(s).sign(webhook_id, when, body.decode()) for s in secrets or (SECRET,)]
    return {
        "webhook-id": webhook_id,
        "webhook-timestamp": str(int(when.timestamp())),
        "webhook-signature": " ".join(signatures),
    }


def test_unwrap_verifies_and_returns_the_typed_event() -> None:
    body = _event()
    event = Webhooks(SECRET).unwrap(body, _signed(body))
    assert isinstance(event, AppointmentCanceledEvent)
    assert event.data.status == "canceled"
    assert str(event.data.id) == APPOINTMENT["id"]


def test_header_names_are_case_insensitive_and_pairs_work_too() -> None:
    body = _event()
    headers = {k.title(): v for k, v in _signed(body).items()}
    Webhooks(SECRET).unwrap(body, headers)
    Webhooks(SECRET).unwrap(body.decode(), list(headers.items()))


def test_any_of_several_signatures_and_secrets_may_match() -> None:
    body = _event()
    verify_signature(body, _signed(body, OTHER, SECRET), SECRET)
    verify_signature(body, _signed(body, OTHER), [SECRET, OTHER])


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        (lambda h, b: (h, b.replace(b"canceled", b"cancelled", 1)), "bad-signature"),
        (lambda h, b: ({**h, "webhook-id": "other"}, b), "bad-signature"),
        (lambda h, b: ({**h, "webhook-signature": "v1,AAAA"}, b), "bad-signature"),
        (lambda h, b: ({**h, "webhook-signature": "v2,xyz not-base64"}, b), "bad-signature"),
        (lambda h, b: ({k: v for k, v in h.items() if k != "webhook-id"}, b), "missing-header"),
        (lambda h, b: ({**h, "webhook-timestamp": "soon"}, b), "invalid-timestamp"),
    ],
)
def test_a_tampered_delivery_is_refused(tamper: object, reason: str) -> None:
    body = _event()
    headers, changed = tamper(_signed(body), body)  # type: ignore[operator]
    with pytest.raises(WebhookVerificationError) as refused:
        Webhooks(SECRET).unwrap(changed, headers)
    assert refused.value.reason == reason


def test_the_wrong_secret_is_refused() -> None:
    body = _event()
    with pytest.raises(WebhookVerificationError) as refused:
        Webhooks(OTHER).unwrap(body, _signed(body))
    assert refused.value.reason == "bad-signature"


def test_the_timestamp_tolerance_is_five_minutes_by_default_and_configurable() -> None:
    body = _event()
    now = time.time()
    Webhooks(SECRET).unwrap(body, _signed(body, at=now - 290), now=now)
    with pytest.raises(WebhookVerificationError) as stale:
        Webhooks(SECRET).unwrap(body, _signed(body, at=now - 310), now=now)
    assert stale.value.reason == "stale-timestamp"
    with pytest.raises(WebhookVerificationError) as ahead:
        Webhooks(SECRET).unwrap(body, _signed(body, at=now + 310), now=now)
    assert ahead.value.reason == "future-timestamp"
    Webhooks(SECRET, tolerance=600).unwrap(body, _signed(body, at=now - 590), now=now)


def test_an_unknown_type_is_a_generic_event_by_default_or_refused_on_request() -> None:
    body = _event("appointment.no_show", {"id": "x", "new": True})
    event = Webhooks(SECRET).unwrap(body, _signed(body))
    assert isinstance(event, GenericWebhookEvent)
    assert event.type == "appointment.no_show"
    assert event.data == {"id": "x", "new": True}
    with pytest.raises(WebhookVerificationError) as refused:
        Webhooks(SECRET, unknown_events="raise").unwrap(body, _signed(body))
    assert refused.value.reason == "unknown-type"


def test_a_signed_body_that_is_not_an_event_is_refused() -> None:
    for body in (b"[1, 2]", b"not json", _event(data={"id": "not an appointment"})):
        headers = {**_signed(_event()), "webhook-id": "i"}
        headers["webhook-signature"] = Webhook(SECRET).sign(
            "i", datetime.fromtimestamp(int(headers["webhook-timestamp"]), UTC), body.decode()
        )
        with pytest.raises(WebhookVerificationError) as refused:
            Webhooks(SECRET).unwrap(body, headers)
        assert refused.value.reason == "invalid-payload"


def test_newer_fields_and_enum_values_are_kept() -> None:
    body = _event(data={**APPOINTMENT, "status": "no_show", "colour": "red"})
    event = Webhooks(SECRET).unwrap(body, _signed(body))
    assert isinstance(event, AppointmentCanceledEvent)
    assert event.data.status == "no_show"
    assert event.data.model_extra == {"colour": "red"}


def test_the_secret_defaults_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    body = _event()
    monkeypatch.setenv("APPOINTMENTS_WEBHOOK_SECRET", SECRET)
    assert AppointmentsClient(api_key="k").webhooks.unwrap(body, _signed(body)).type == (
        "appointment.canceled"
    )
    monkeypatch.delenv("APPOINTMENTS_WEBHOOK_SECRET")
    with pytest.raises(AppointmentsError, match="APPOINTMENTS_WEBHOOK_SECRET"):
        Webhooks().unwrap(body, _signed(body))
    client = AppointmentsClient(api_key="k", webhook_secret=SECRET)
    assert client.with_options(timeout=3).webhooks.unwrap(body, _signed(body)).type == (
        "appointment.canceled"
    )


def test_a_secret_that_is_not_whsec_base64_is_a_configuration_error() -> None:
    body = _event()
    with pytest.raises(AppointmentsError) as error:
        Webhooks("whsec_%%%").unwrap(body, _signed(body))
    assert not isinstance(error.value, WebhookVerificationError)
