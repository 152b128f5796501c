"""Reference data: practitioners, clients (a client key sees only itself), cancellation reasons."""

from __future__ import annotations

from typing import Any

from appointments_mock.domain import calendars
from appointments_mock.domain.calendars import calendar_url
from appointments_mock.domain.context import Call
from appointments_mock.domain.lifecycle import transaction
from appointments_mock.domain.paging import Pager
from appointments_mock.domain.problems import not_found
from appointments_mock.domain.reasons import REASONS
from appointments_mock.domain.serialize import client_json, practitioner_json
from appointments_mock.store import World


def list_practitioners(
    world: World, call: Call, *, page_size: int | None = None, page_token: str | None = None
) -> dict[str, Any]:
    """One page of practitioners."""
    pager = Pager("practitioners.list", {}, page_size, page_token)
    with transaction(world, call):
        items = list(world.practitioners.values())
        return pager.page(
            [practitioner_json(p, _url(world, call, p.id)) for p in pager.slice(items)],
            len(items),
        )


def list_clients(
    world: World, call: Call, *, page_size: int | None = None, page_token: str | None = None
) -> dict[str, Any]:
    """One page of the clients the caller may see."""
    pager = Pager("clients.list", {}, page_size, page_token)
    with transaction(world, call):
        items = [
            c
            for c in world.clients.values()
            if call.actor.type != "client" or c.id == call.actor.client_id
        ]
        return pager.page(
            [client_json(c, _client_url(world, call, c.id)) for c in pager.slice(items)],
            len(items),
        )


def get_client(world: World, call: Call, client_id: str) -> dict[str, Any]:
    """One client (a client key may read only itself)."""
    with transaction(world, call):
        client = world.clients.get(client_id)
        if client is None or (call.actor.type == "client" and client_id != call.actor.client_id):
            raise not_found("Client", client_id)
        return client_json(client, _client_url(world, call, client_id))


def _url(world: World, call: Call, practitioner_id: str) -> str | None:
    return calendar_url(world, call, ("practitioner", practitioner_id))


def _client_url(world: World, call: Call, client_id: str) -> str | None:
    return calendar_url(world, call, ("client", client_id))


def revoke_practitioner_calendar_url(
    world: World, call: Call, practitioner_id: str
) -> dict[str, Any]:
    """Revoke the practitioner's calendar URL; the practitioner with its new one."""
    url = calendars.revoke(world, call, ("practitioner", practitioner_id))
    return practitioner_json(world.practitioners[practitioner_id], url)


def revoke_client_calendar_url(world: World, call: Call, client_id: str) -> dict[str, Any]:
    """Revoke the client's calendar URL; the client with its new one."""
    url = calendars.revoke(world, call, ("client", client_id))
    return client_json(world.clients[client_id], url)


def list_cancellation_reasons(world: World, call: Call) -> dict[str, Any]:
    """The whole catalogue, by code."""
    return {"items": [REASONS[code].to_json() for code in sorted(REASONS)]}
