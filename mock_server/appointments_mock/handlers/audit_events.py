"""Handlers of the ``audit_events`` tag."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from appointments_mock._request import current_call, current_world, reply
from appointments_mock.domain import history


async def list(  # shadows the builtin: the operationId is audit_events.list
    resource_type: str | None = None,
    resource_id: str | None = None,
    appointment_id: str | None = None,
    actor_type: str | None = None,
    actor_id: str | None = None,
    action: str | None = None,
    occurred_after: str | None = None,
    occurred_before: str | None = None,
    page_size: int | None = None,
    page_token: str | None = None,
    **_: Any,
) -> Response:
    """GET /audit-events"""
    page = history.list_audit_events(
        current_world(),
        current_call(),
        resource_type=resource_type,
        resource_id=resource_id,
        appointment_id=appointment_id,
        actor_type=actor_type,
        actor_id=actor_id,
        action=action,
        occurred_after=occurred_after,
        occurred_before=occurred_before,
        page_size=page_size,
        page_token=page_token,
    )
    return reply(page)
