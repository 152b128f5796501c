"""Handlers of the ``availability`` tag."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from appointments_mock._request import current_call, current_world, reply
from appointments_mock.domain.availability import list_availability


async def list(  # shadows the builtin: the operationId is availability.list
    from_: str | None = None,
    to: str | None = None,
    practitioner_id: str | None = None,
    duration_minutes: int | None = None,
    page_size: int | None = None,
    page_token: str | None = None,
    **_: Any,
) -> Response:
    """GET /availability"""
    page = list_availability(
        current_world(),
        current_call(),
        from_=from_,
        to=to,
        practitioner_id=practitioner_id,
        duration_minutes=duration_minutes,
        page_size=page_size,
        page_token=page_token,
    )
    return reply(page)
