"""Handlers of the ``practitioners`` tag."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from appointments_mock._request import current_call, current_world, reply
from appointments_mock.domain import reference


async def list(  # shadows the builtin: the operationId is practitioners.list
    page_size: int | None = None, page_token: str | None = None, **_: Any
) -> Response:
    """GET /practitioners"""
    page = reference.list_practitioners(
        current_world(), current_call(), page_size=page_size, page_token=page_token
    )
    return reply(page)
