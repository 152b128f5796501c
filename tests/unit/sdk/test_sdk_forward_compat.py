"""A newer server may add fields and enum values: an older SDK parses them and keeps them."""

from __future__ import annotations

import json

import pytest
import respx
from pydantic import ValidationError

import appointments
from appointments import (
    Appointment,
    AppointmentCanceledEvent,
    AppointmentsClient,
    AppointmentType,
    AppointmentUpdatedEvent,
    GenericWebhookEvent,
    Status,
)
from appointments._base_model import lenient, response_validator
from appointments.models import AppointmentPage
from tests.unit.sdk._data import APPOINTMENT_ID, appointment, page


def test_unknown_fields_are_kept(client: AppointmentsClient, router: respx.MockRouter) -> None:
    router.get(f"/appointments/{APPOINTMENT_ID}").respond(
        200,
        json=appointment(
            room="B12", attendee_counts={"total": 1, "active": 1, "canceled": 0, "waitlisted": 2}
        ),
    )
    result = client.appointments.get(APPOINTMENT_ID)
    assert result.model_extra == {"room": "B12"}
    assert result.room == "B12"  # type: ignore[attr-defined]
    assert result.attendee_counts.model_extra == {"waitlisted": 2}


def test_unknown_enum_values_parse_and_keep_the_raw_value(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    router.get("/appointments").respond(
        200, json=page([appointment(status="no_show", type="workshop")], None)
    )
    (result,) = client.appointments.list()
    raw_value: str = result.status.value  # a type checker only knows the declared values
    assert raw_value == "no_show"
    assert isinstance(result.status, Status)
    assert str(result.status) == "no_show"
    assert list(Status) == [Status.active, Status.canceled]
    assert isinstance(result.type, AppointmentType)
    type_value: str = result.type.value
    assert type_value == "workshop"
    declared = (Status.active, Status.canceled)
    assert all(result.status is not member for member in declared)
    assert result.model_dump(mode="json")["status"] == "no_show"


def test_known_values_are_the_declared_members(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    router.get(f"/appointments/{APPOINTMENT_ID}").respond(200, json=appointment(status="canceled"))
    assert client.appointments.get(APPOINTMENT_ID).status is Status.canceled


def test_outside_responses_unknown_values_are_still_errors() -> None:
    with pytest.raises(ValueError, match="no_show"):
        Status("no_show")
    with pytest.raises(ValueError, match="unknown field"):
        Appointment.model_validate(appointment(room="B12"))


def test_the_response_validator_builds_what_model_validate_json_builds() -> None:
    body = json.dumps(
        page(
            [
                appointment(room="B12", status="no_show"),
                appointment(attendee_counts={"total": 0, "active": 0, "canceled": 0, "x": 1}),
            ],
            "next",
        )
    )
    with lenient():
        expected = AppointmentPage.model_validate_json(body)
        parsed = response_validator(AppointmentPage).validate_json(body)
    assert type(parsed) is AppointmentPage
    assert all(type(item) is Appointment for item in parsed.items)
    assert parsed == expected
    assert parsed.model_dump(mode="json") == expected.model_dump(mode="json")
    assert parsed.items[0].model_extra == {"room": "B12"}
    assert parsed.items[1].attendee_counts.model_extra == {"x": 1}


def test_invalid_responses_still_fail_with_the_response_validator() -> None:
    body = json.dumps(appointment(starts_at="2030-03-05T17:00:00"))  # naive: not AwareDatetime
    with lenient(), pytest.raises(ValidationError, match="starts_at"):
        response_validator(Appointment).validate_json(body)


def test_models_built_outside_responses_still_reject_unknown_fields() -> None:
    response_validator(Appointment)  # building the response validator changes nothing else
    with pytest.raises(ValidationError, match="unknown field"):
        Appointment.model_validate({**appointment(), "room": "B12"})


# Outside a call: `appointments.parse` is the client's own lenient parsing, for stored data.


def _newer(**changes: object) -> dict[str, object]:
    """An appointment as a newer server might send it: a new status, a new field, nested too."""
    body = appointment(**{"status": "no_show", "room": "B12", **changes})
    body["attendee_counts"] = {**body["attendee_counts"], "waitlisted": 2}  # type: ignore[dict-item]
    return body


@pytest.mark.parametrize("as_text", [False, True], ids=["python", "json"])
def test_parse_reads_newer_data_outside_a_call(as_text: bool) -> None:
    stored = _newer()
    with pytest.raises(ValidationError):  # what the issue reported: strict outside a call
        Appointment.model_validate(stored)
    parsed = appointments.parse(Appointment, json.dumps(stored) if as_text else stored)
    assert type(parsed) is Appointment
    assert parsed.status.value == "no_show"
    assert isinstance(parsed.status, Status)
    assert parsed.model_extra == {"room": "B12"}
    assert parsed.attendee_counts.model_extra == {"waitlisted": 2}


def test_parse_gives_what_the_client_gives_for_the_same_body(
    client: AppointmentsClient, router: respx.MockRouter
) -> None:
    body = page([_newer(), appointment()], None)
    router.get("/appointments").respond(200, json=body)
    from_the_client = client.appointments.list().model
    stored = appointments.parse(AppointmentPage, json.dumps(body).encode())
    assert stored == from_the_client
    assert stored.model_dump(mode="json") == from_the_client.model_dump(mode="json")


def test_parse_still_refuses_data_that_does_not_fit() -> None:
    with pytest.raises(ValidationError, match="starts_at"):
        appointments.parse(Appointment, appointment(starts_at="2030-03-05T17:00:00"))  # naive
    with pytest.raises(ValidationError, match="version"):
        appointments.parse(Appointment, {k: v for k, v in appointment().items() if k != "version"})


def test_parse_leaves_strict_validation_strict() -> None:
    appointments.parse(Appointment, _newer())
    with pytest.raises(ValueError, match="no_show"):
        Status("no_show")
    with pytest.raises(ValidationError, match="unknown field"):
        Appointment.model_validate(appointment(room="B12"))


def _stored_event(kind: str, data: object) -> dict[str, object]:
    return {
        "id": "8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d",
        "type": kind,
        "occurred_at": "2030-03-03T08:05:00Z",
        "actor": {"type": "system", "id": None, "display_name": "System", "team": "ops"},
        "request_id": None,
        "data": data,
        "delivery_attempt": 3,
    }


def test_a_stored_webhook_payload_parses_leniently() -> None:
    stored = _stored_event("appointment.canceled", _newer(status="canceled"))
    event = appointments.parse_event(stored)
    assert isinstance(event, AppointmentCanceledEvent)
    assert event.model_extra == {"delivery_attempt": 3}
    assert event.actor.model_extra == {"team": "ops"}
    assert event.data.model_extra == {"room": "B12"}
    assert appointments.parse(AppointmentCanceledEvent, stored) == event
    assert appointments.parse_event(json.dumps(stored)) == event
    with pytest.raises(ValidationError):
        AppointmentCanceledEvent.model_validate(stored)


def test_a_stored_webhook_payload_with_a_new_status_or_type_parses() -> None:
    event = appointments.parse_event(_stored_event("appointment.updated", _newer()))
    assert isinstance(event, AppointmentUpdatedEvent)
    assert event.data.status.value == "no_show"
    newer = appointments.parse_event(_stored_event("appointment.no_showed", _newer()))
    assert isinstance(newer, GenericWebhookEvent)
    assert newer.data["status"] == "no_show"
