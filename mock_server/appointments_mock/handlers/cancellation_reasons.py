"""Handlers of the ``cancellation_reasons`` tag."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from appointments_mock._request import current_call, current_world, reply
from appointments_mock.domain import reference


async def list(
    **_: Any,
) -> Response:  # shadows the builtin: the operationId is cancellation_reasons.list
    """GET /cancellation-reasons"""
    return reply(reference.list_cancellation_reasons(current_world(), current_call()))
