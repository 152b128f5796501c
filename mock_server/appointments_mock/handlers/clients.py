"""Handlers of the ``clients`` tag."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from appointments_mock import ical
from appointments_mock._request import current_call, current_world, reply
from appointments_mock.domain import calendars, reference


async def list(  # shadows the builtin: the operationId is clients.list
    page_size: int | None = None, page_token: str | None = None, **_: Any
) -> Response:
    """GET /clients"""
    page = reference.list_clients(
        current_world(), current_call(), page_size=page_size, page_token=page_token
    )
    return reply(page)


async def get(client_id: str, **_: Any) -> Response:
    """GET /clients/{client_id}"""
    return reply(reference.get_client(current_world(), current_call(), client_id))


async def calendar(client_id: str, **_: Any) -> Response:
    """GET /clients/{client_id}/calendar.ics"""
    feed = calendars.feed(current_world(), current_call(), ("client", client_id))
    return Response(ical.render(feed), media_type=ical.MEDIA_TYPE)


async def revoke_calendar_url(client_id: str, **_: Any) -> Response:
    """POST /clients/{client_id}/revoke-calendar-url"""
    world, call = current_world(), current_call()
    return reply(reference.revoke_client_calendar_url(world, call, client_id))
