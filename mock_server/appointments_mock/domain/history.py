"""What happened: audit events (append-only, they survive purge) and notifications."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from appointments_mock.domain.context import Call
from appointments_mock.domain.guards import find_appointment, require_role
from appointments_mock.domain.lifecycle import transaction
from appointments_mock.domain.paging import Pager, count_and_take
from appointments_mock.domain.problems import not_found, parameter_error, validation_error
from appointments_mock.domain.serialize import audit_event_json, notification_json, ts
from appointments_mock.domain.values import instant_parameter
from appointments_mock.store import AuditEvent, World

_RESOURCE_TYPES = ("appointment", "attendee")
_ACTOR_TYPES = ("admin", "api_client", "staff", "client", "system")
_ACTIONS = (
    "appointment.created",
    "appointment.updated",
    "appointment.canceled",
    "appointment.deleted",
    "appointment.restored",
    "appointment.purged",
    "attendee.added",
    "attendee.updated",
    "attendee.canceled",
    "attendee.deleted",
    "attendee.restored",
)


def appointment_audit_events(
    world: World,
    call: Call,
    appointment_id: str,
    *,
    page_size: int | None = None,
    page_token: str | None = None,
) -> dict[str, Any]:
    """The history of one appointment and its attendees, oldest first; also after purge."""
    require_role(
        call, "admin", "api_client", "staff", detail="Client keys may not read audit events."
    )
    pager = Pager(
        "appointments.audit_events", {"appointment_id": appointment_id}, page_size, page_token
    )
    with transaction(world, call):
        appt = world.appointments.get(appointment_id)
        owner = appt.practitioner_id if appt else world.purged_practitioner.get(appointment_id)
        events = world.audit_by_appointment.get(appointment_id)
        if (
            events is None
            or owner is None
            or (call.actor.type == "staff" and owner != call.actor.practitioner_id)
        ):
            raise not_found("Appointment", appointment_id)
        return pager.page([audit_event_json(e) for e in pager.slice(events)], len(events))


def appointment_notifications(
    world: World,
    call: Call,
    appointment_id: str,
    *,
    page_size: int | None = None,
    page_token: str | None = None,
) -> dict[str, Any]:
    """What was sent or suppressed because of changes to one appointment, oldest first."""
    require_role(
        call, "admin", "api_client", "staff", detail="Client keys may not read notifications."
    )
    pager = Pager(
        "appointments.notifications", {"appointment_id": appointment_id}, page_size, page_token
    )
    with transaction(world, call):
        appt = find_appointment(world, call, appointment_id, allow_deleted=True)
        sent = world.notifications.get(appt.id, [])
        return pager.page([notification_json(n) for n in pager.slice(sent)], len(sent))


def list_audit_events(
    world: World,
    call: Call,
    *,
    resource_type: str | None = None,
    resource_id: str | None = None,
    appointment_id: str | None = None,
    actor_type: str | None = None,
    actor_id: str | None = None,
    action: str | None = None,
    occurred_after: str | datetime | None = None,
    occurred_before: str | datetime | None = None,
    page_size: int | None = None,
    page_token: str | None = None,
) -> dict[str, Any]:
    """The tenant's audit log, oldest first (admin and api_client keys only)."""
    require_role(
        call, "admin", "api_client", detail="Only admin and api_client keys may read the audit log."
    )
    errors = []
    for name, value, allowed in (
        ("resource_type", resource_type, _RESOURCE_TYPES),
        ("actor_type", actor_type, _ACTOR_TYPES),
        ("action", action, _ACTIONS),
    ):
        if value is not None and value not in allowed:
            errors.append(parameter_error(name, f"{value!r} is not one of {list(allowed)}"))
    if errors:
        raise validation_error(errors)
    after = instant_parameter("occurred_after", occurred_after)
    before = instant_parameter("occurred_before", occurred_before)
    filters = {
        "resource_type": resource_type,
        "resource_id": resource_id,
        "appointment_id": appointment_id,
        "actor_type": actor_type,
        "actor_id": actor_id,
        "action": action,
        "occurred_after": ts(after),
        "occurred_before": ts(before),
    }
    pager = Pager("audit_events.list", filters, page_size, page_token)
    checks: list[Callable[[AuditEvent], bool]] = []
    if resource_type is not None:
        checks.append(lambda e: e.resource_type == resource_type)
    if resource_id is not None:
        checks.append(lambda e: e.resource_id == resource_id)
    if actor_type is not None:
        checks.append(lambda e: e.actor.type == actor_type)
    if actor_id is not None:
        checks.append(lambda e: e.actor.id == actor_id)
    if action is not None:
        checks.append(lambda e: e.action == action)
    if after is not None:
        checks.append(lambda e: e.occurred_at >= after)
    if before is not None:
        checks.append(lambda e: e.occurred_at < before)
    with transaction(world, call):
        source = (
            world.audit_by_appointment.get(appointment_id, [])
            if appointment_id is not None
            else world.audit_events
        )
        if not checks:
            return pager.page([audit_event_json(e) for e in pager.slice(source)], len(source))
        found, total = count_and_take(pager, (e for e in source if all(c(e) for c in checks)))
        return pager.page([audit_event_json(e) for e in found], total)
