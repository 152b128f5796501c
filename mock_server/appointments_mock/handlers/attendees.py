"""Handlers of the ``attendees`` tag."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from appointments_mock._request import current_call, current_world, reply
from appointments_mock.domain import attendees as rules
from appointments_mock.handlers import versioned


async def list(  # shadows the builtin: the operationId is attendees.list
    appointment_id: str,
    status: Any = None,
    deleted: str | None = None,
    page_size: int | None = None,
    page_token: str | None = None,
    **_: Any,
) -> Response:
    """GET /appointments/{appointment_id}/attendees"""
    page = rules.list_attendees(
        current_world(),
        current_call(),
        appointment_id,
        status=[status] if isinstance(status, str) else status,
        deleted=deleted,
        page_size=page_size,
        page_token=page_token,
    )
    return reply(page)


async def create(appointment_id: str, body: dict[str, Any], **_: Any) -> Response:
    """POST /appointments/{appointment_id}/attendees"""
    attendee = rules.create_attendee(current_world(), current_call(), appointment_id, body)
    location = f"/v1/appointments/{appointment_id}/attendees/{attendee['id']}"
    return reply(attendee, 201, versioned(attendee, Location=location))


async def get(
    appointment_id: str, attendee_id: str, show_deleted: bool = False, **_: Any
) -> Response:
    """GET /appointments/{appointment_id}/attendees/{attendee_id}"""
    attendee = rules.get_attendee(
        current_world(),
        current_call(),
        appointment_id,
        attendee_id,
        show_deleted=bool(show_deleted),
    )
    return reply(attendee, headers=versioned(attendee))


async def update(appointment_id: str, attendee_id: str, body: dict[str, Any], **_: Any) -> Response:
    """PATCH /appointments/{appointment_id}/attendees/{attendee_id}"""
    attendee = rules.update_attendee(
        current_world(), current_call(), appointment_id, attendee_id, body
    )
    return reply(attendee, headers=versioned(attendee))


async def cancel(appointment_id: str, attendee_id: str, body: dict[str, Any], **_: Any) -> Response:
    """POST /appointments/{appointment_id}/attendees/{attendee_id}/cancel"""
    attendee = rules.cancel_attendee(
        current_world(), current_call(), appointment_id, attendee_id, body
    )
    return reply(attendee, headers=versioned(attendee))


async def delete(appointment_id: str, attendee_id: str, **_: Any) -> Response:
    """DELETE /appointments/{appointment_id}/attendees/{attendee_id}"""
    attendee = rules.delete_attendee(current_world(), current_call(), appointment_id, attendee_id)
    return reply(attendee, headers=versioned(attendee))


async def restore(appointment_id: str, attendee_id: str, **_: Any) -> Response:
    """POST /appointments/{appointment_id}/attendees/{attendee_id}/restore"""
    attendee = rules.restore_attendee(current_world(), current_call(), appointment_id, attendee_id)
    return reply(attendee, headers=versioned(attendee))
