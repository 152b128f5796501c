"""Handlers of the ``appointments`` tag."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from appointments_mock._request import current_call, current_world, reply
from appointments_mock.domain import appointments as rules
from appointments_mock.domain import history
from appointments_mock.handlers import versioned


async def list(  # shadows the builtin: the operationId is appointments.list
    status: Any = None,
    deleted: str | None = None,
    type_: str | None = None,
    practitioner_id: str | None = None,
    client_id: str | None = None,
    series_id: str | None = None,
    starts_after: str | None = None,
    starts_before: str | None = None,
    updated_since: str | None = None,
    order_by: str | None = None,
    page_size: int | None = None,
    page_token: str | None = None,
    **_: Any,
) -> Response:
    """GET /appointments"""
    page = rules.list_appointments(
        current_world(),
        current_call(),
        status=[status] if isinstance(status, str) else status,
        deleted=deleted,
        type_=type_,
        practitioner_id=practitioner_id,
        client_id=client_id,
        series_id=series_id,
        starts_after=starts_after,
        starts_before=starts_before,
        updated_since=updated_since,
        order_by=order_by,
        page_size=page_size,
        page_token=page_token,
        encoded=True,
    )
    return reply(page)


async def create(body: dict[str, Any], **_: Any) -> Response:
    """POST /appointments"""
    appt = rules.create_appointment(current_world(), current_call(), body)
    return reply(appt, 201, versioned(appt, Location=f"/v1/appointments/{appt['id']}"))


async def get(appointment_id: str, show_deleted: bool = False, **_: Any) -> Response:
    """GET /appointments/{appointment_id}"""
    appt = rules.get_appointment(
        current_world(), current_call(), appointment_id, show_deleted=bool(show_deleted)
    )
    return reply(appt, headers=versioned(appt))


async def update(appointment_id: str, body: dict[str, Any], **_: Any) -> Response:
    """PATCH /appointments/{appointment_id}"""
    appt = rules.update_appointment(current_world(), current_call(), appointment_id, body)
    return reply(appt, headers=versioned(appt))


async def cancel(appointment_id: str, body: dict[str, Any], **_: Any) -> Response:
    """POST /appointments/{appointment_id}/cancel"""
    appt = rules.cancel_appointment(current_world(), current_call(), appointment_id, body)
    return reply(appt, headers=versioned(appt))


async def delete(appointment_id: str, notify: bool = False, **_: Any) -> Response:
    """DELETE /appointments/{appointment_id}"""
    appt = rules.delete_appointment(
        current_world(), current_call(), appointment_id, notify_people=bool(notify)
    )
    return reply(appt, headers=versioned(appt))


async def restore(appointment_id: str, **_: Any) -> Response:
    """POST /appointments/{appointment_id}/restore"""
    appt = rules.restore_appointment(current_world(), current_call(), appointment_id)
    return reply(appt, headers=versioned(appt))


async def purge(appointment_id: str, **_: Any) -> Response:
    """POST /appointments/{appointment_id}/purge"""
    rules.purge_appointment(current_world(), current_call(), appointment_id)
    return reply(None, 204)


async def audit_events(
    appointment_id: str, page_size: int | None = None, page_token: str | None = None, **_: Any
) -> Response:
    """GET /appointments/{appointment_id}/audit-events"""
    page = history.appointment_audit_events(
        current_world(),
        current_call(),
        appointment_id,
        page_size=page_size,
        page_token=page_token,
    )
    return reply(page)


async def notifications(
    appointment_id: str, page_size: int | None = None, page_token: str | None = None, **_: Any
) -> Response:
    """GET /appointments/{appointment_id}/notifications"""
    page = history.appointment_notifications(
        current_world(),
        current_call(),
        appointment_id,
        page_size=page_size,
        page_token=page_token,
    )
    return reply(page)
