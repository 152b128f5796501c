"""Handlers of the ``practitioners`` tag."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from appointments_mock import ical
from appointments_mock._request import current_call, current_world, reply
from appointments_mock.domain import calendars, reference


async def list(  # shadows the builtin: the operationId is practitioners.list
    page_size: int | None = None, page_token: str | None = None, **_: Any
) -> Response:
    """GET /practitioners"""
    page = reference.list_practitioners(
        current_world(), current_call(), page_size=page_size, page_token=page_token
    )
    return reply(page)


async def calendar(practitioner_id: str, **_: Any) -> Response:
    """GET /practitioners/{practitioner_id}/calendar.ics"""
    feed = calendars.feed(current_world(), current_call(), ("practitioner", practitioner_id))
    return Response(ical.render(feed), media_type=ical.MEDIA_TYPE)


async def revoke_calendar_url(practitioner_id: str, **_: Any) -> Response:
    """POST /practitioners/{practitioner_id}/revoke-calendar-url"""
    world, call = current_world(), current_call()
    return reply(reference.revoke_practitioner_calendar_url(world, call, practitioner_id))
