"""Notifications: the observable side effects of a change (emails and calendar sync)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Literal

from appointments_mock.store import Appointment, Attendee, Notification, World

NotificationStatus = Literal["sent", "suppressed"]


def email_clients(
    world: World,
    appt: Appointment,
    attendees: Iterable[Attendee],
    event: str,
    now: datetime,
    status: NotificationStatus = "sent",
) -> None:
    """One email per attendee's client."""
    for attendee in attendees:
        client = world.clients.get(attendee.client_id)
        world.add_notification(
            Notification(
                id=world.new_id(),
                appointment_id=appt.id,
                attendee_id=attendee.id,
                event=event,
                channel="email",
                recipient_type="client",
                recipient_id=attendee.client_id,
                address=client.email if client is not None else None,
                status=status,
                created_at=now,
            )
        )


def _to_practitioner(
    world: World,
    appt: Appointment,
    event: str,
    now: datetime,
    channel: Literal["email", "calendar_sync"],
    status: NotificationStatus,
) -> None:
    practitioner = world.practitioners.get(appt.practitioner_id)
    world.add_notification(
        Notification(
            id=world.new_id(),
            appointment_id=appt.id,
            attendee_id=None,
            event=event,
            channel=channel,
            recipient_type="practitioner",
            recipient_id=appt.practitioner_id,
            address=practitioner.email if practitioner is not None else None,
            status=status,
            created_at=now,
        )
    )


def email_practitioner(
    world: World, appt: Appointment, event: str, now: datetime, status: NotificationStatus = "sent"
) -> None:
    """An email to the appointment's practitioner."""
    _to_practitioner(world, appt, event, now, "email", status)


def calendar_sync(world: World, appt: Appointment, event: str, now: datetime) -> None:
    """The practitioner's synced calendar event is created, moved or removed (always sent)."""
    _to_practitioner(world, appt, event, now, "calendar_sync", "sent")
