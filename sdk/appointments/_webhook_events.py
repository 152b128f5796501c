# Generated from openapi.yaml by `python -m codegen`. Do not edit: change the spec (or
# codegen/) and run `python -m codegen` again.
"""The webhook events of the spec's `webhooks` section, as one discriminated union."""

from __future__ import annotations

from typing import Annotated, TypeAlias

from pydantic import Field

from appointments._base_model import APIModel
from appointments.models import (
    AppointmentCanceledEvent,
    AppointmentCreatedEvent,
    AppointmentDeletedEvent,
    AppointmentPurgedEvent,
    AppointmentRestoredEvent,
    AppointmentUpdatedEvent,
    AttendeeCanceledEvent,
    AttendeeCreatedEvent,
    AttendeeDeletedEvent,
    AttendeeRestoredEvent,
    AttendeeUpdatedEvent,
)

__all__ = ["WEBHOOK_EVENT_MODELS", "WebhookEvent"]

WebhookEvent: TypeAlias = Annotated[
    AppointmentCreatedEvent
    | AppointmentUpdatedEvent
    | AppointmentCanceledEvent
    | AppointmentDeletedEvent
    | AppointmentRestoredEvent
    | AppointmentPurgedEvent
    | AttendeeCreatedEvent
    | AttendeeUpdatedEvent
    | AttendeeCanceledEvent
    | AttendeeDeletedEvent
    | AttendeeRestoredEvent,
    Field(discriminator="type"),
]
"""Any event the API sends; `event.type` (a literal) narrows it to its model."""

WEBHOOK_EVENT_MODELS: dict[str, type[APIModel]] = {
    "appointment.created": AppointmentCreatedEvent,
    "appointment.updated": AppointmentUpdatedEvent,
    "appointment.canceled": AppointmentCanceledEvent,
    "appointment.deleted": AppointmentDeletedEvent,
    "appointment.restored": AppointmentRestoredEvent,
    "appointment.purged": AppointmentPurgedEvent,
    "attendee.created": AttendeeCreatedEvent,
    "attendee.updated": AttendeeUpdatedEvent,
    "attendee.canceled": AttendeeCanceledEvent,
    "attendee.deleted": AttendeeDeletedEvent,
    "attendee.restored": AttendeeRestoredEvent,
}
"""Event type -> model, for every webhook of the spec."""
