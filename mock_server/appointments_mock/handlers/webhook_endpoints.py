"""Handlers of the ``webhook_endpoints`` tag."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from appointments_mock._request import current_call, current_world, reply
from appointments_mock.domain import webhooks as rules
from appointments_mock.handlers import versioned


async def list(  # shadows the builtin: the operationId is webhook_endpoints.list
    page_size: int | None = None, page_token: str | None = None, **_: Any
) -> Response:
    """GET /webhook-endpoints"""
    page = rules.list_endpoints(
        current_world(), current_call(), page_size=page_size, page_token=page_token
    )
    return reply(page)


async def create(body: dict[str, Any], **_: Any) -> Response:
    """POST /webhook-endpoints"""
    endpoint = rules.create_endpoint(current_world(), current_call(), body)
    location = f"/v1/webhook-endpoints/{endpoint['id']}"
    return reply(endpoint, 201, versioned(endpoint, Location=location))


async def get(endpoint_id: str, **_: Any) -> Response:
    """GET /webhook-endpoints/{endpoint_id}"""
    endpoint = rules.get_endpoint(current_world(), current_call(), endpoint_id)
    return reply(endpoint, headers=versioned(endpoint))


async def update(endpoint_id: str, body: dict[str, Any], **_: Any) -> Response:
    """PATCH /webhook-endpoints/{endpoint_id}"""
    endpoint = rules.update_endpoint(current_world(), current_call(), endpoint_id, body)
    return reply(endpoint, headers=versioned(endpoint))


async def delete(endpoint_id: str, **_: Any) -> Response:
    """DELETE /webhook-endpoints/{endpoint_id}"""
    rules.delete_endpoint(current_world(), current_call(), endpoint_id)
    return reply(None, 204)


async def rotate_secret(endpoint_id: str, body: dict[str, Any] | None = None, **_: Any) -> Response:
    """POST /webhook-endpoints/{endpoint_id}/rotate-secret"""
    endpoint = rules.rotate_secret(current_world(), current_call(), endpoint_id, body)
    return reply(endpoint, headers=versioned(endpoint))


async def deliveries(
    endpoint_id: str,
    status: str | None = None,
    event_type: str | None = None,
    page_size: int | None = None,
    page_token: str | None = None,
    **_: Any,
) -> Response:
    """GET /webhook-endpoints/{endpoint_id}/deliveries"""
    page = rules.list_deliveries(
        current_world(),
        current_call(),
        endpoint_id,
        status=status,
        event_type=event_type,
        page_size=page_size,
        page_token=page_token,
    )
    return reply(page)


async def redeliver(endpoint_id: str, delivery_id: str, **_: Any) -> Response:
    """POST /webhook-endpoints/{endpoint_id}/deliveries/{delivery_id}/redeliver"""
    delivery = rules.redeliver(current_world(), current_call(), endpoint_id, delivery_id)
    return reply(delivery, 202)
