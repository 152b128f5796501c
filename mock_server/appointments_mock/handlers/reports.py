"""Handlers of the ``reports`` tag: JSON, or CSV when the caller prefers ``text/csv``."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from appointments_mock._request import current_call, current_world, reply, request_state
from appointments_mock.domain import reports as rules
from appointments_mock.handlers import prefers

CSV = "text/csv"


def _listed(value: Any) -> list[str] | None:
    return [value] if isinstance(value, str) else value


async def appointments(
    from_: str | None = None,
    to: str | None = None,
    group_by: Any = None,
    status: Any = None,
    deleted: str | None = None,
    type_: str | None = None,
    practitioner_id: str | None = None,
    **_: Any,
) -> Response:
    """GET /reports/appointments"""
    report = rules.appointments_report(
        current_world(),
        current_call(),
        from_=from_,
        to=to,
        group_by=_listed(group_by),
        status=_listed(status),
        deleted=deleted,
        type_=type_,
        practitioner_id=practitioner_id,
    )
    if prefers(request_state().headers.get("accept"), ("application/json", CSV)) == CSV:
        return Response(rules.appointments_csv(report), media_type=CSV)
    return reply(report)


async def practitioner_activity(
    from_: str | None = None,
    to: str | None = None,
    practitioner_id: str | None = None,
    **_: Any,
) -> Response:
    """GET /reports/practitioner-activity"""
    report = rules.practitioner_activity(
        current_world(), current_call(), from_=from_, to=to, practitioner_id=practitioner_id
    )
    if prefers(request_state().headers.get("accept"), ("application/json", CSV)) == CSV:
        return Response(rules.activity_csv(report), media_type=CSV)
    return reply(report)
