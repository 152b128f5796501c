"""Idempotency-Key on POST: replay, 422 on reuse, 409 while running; per session and per API key."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from tests.mock_http._support import group_body

pytestmark = pytest.mark.anyio


async def _count(client: httpx.AsyncClient) -> int:
    page = (await client.get("/v1/appointments", params={"type": "group", "page_size": 1})).json()
    return int(page["total_size"])


async def test_the_same_key_and_body_replays_the_first_response(client: httpx.AsyncClient) -> None:
    before = await _count(client)
    key = {"Idempotency-Key": "create-1"}
    first = await client.post("/v1/appointments", json=group_body(), headers=key)
    second = await client.post("/v1/appointments", json=group_body(), headers=key)
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert second.headers["location"] == first.headers["location"]
    assert second.headers["etag"] == first.headers["etag"]
    assert second.headers["x-request-id"] != first.headers["x-request-id"]
    assert await _count(client) == before + 1


async def test_json_body_is_compared_by_value(client: httpx.AsyncClient) -> None:
    key = {"Idempotency-Key": "create-2", "content-type": "application/json"}
    body = group_body()
    first = await client.post("/v1/appointments", json=body, headers=key)
    reordered = dict(reversed(list(body.items())))
    second = await client.post("/v1/appointments", json=reordered, headers=key)
    assert first.status_code == 201
    assert second.headers.get("idempotent-replayed") == "true"


async def test_the_same_key_with_another_body_is_422(client: httpx.AsyncClient) -> None:
    key = {"Idempotency-Key": "create-3"}
    await client.post("/v1/appointments", json=group_body(), headers=key)
    other = group_body("2031-01-07T10:00:00Z", "2031-01-07T11:00:00Z")
    response = await client.post("/v1/appointments", json=other, headers=key)
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency-key-reused"


async def test_the_same_key_on_another_path_is_422(client: httpx.AsyncClient) -> None:
    created = (
        await client.post("/v1/appointments", json=group_body(), headers={"Idempotency-Key": "k4"})
    ).json()
    response = await client.post(
        f"/v1/appointments/{created['id']}/cancel",
        json={"reason_code": 10},
        headers={"Idempotency-Key": "k4"},
    )
    assert response.json()["code"] == "idempotency-key-reused"


async def test_the_same_key_while_the_first_runs_is_409(client: httpx.AsyncClient) -> None:
    await client.post(
        "/_mock/faults",
        json={"kind": "delay", "operation_id": "appointments.create", "delay_ms": 300},
    )
    key = {"Idempotency-Key": "slow-1"}
    slow = asyncio.create_task(client.post("/v1/appointments", json=group_body(), headers=key))
    await asyncio.sleep(0.1)
    overlapping = await client.post("/v1/appointments", json=group_body(), headers=key)
    assert overlapping.status_code == 409
    assert overlapping.json()["code"] == "idempotency-key-in-use"
    assert (await slow).status_code == 201
    replay = await client.post("/v1/appointments", json=group_body(), headers=key)
    assert replay.headers["idempotent-replayed"] == "true"


async def test_keys_are_scoped_per_api_key(client: httpx.AsyncClient) -> None:
    key = {"Idempotency-Key": "shared"}
    first = await client.post("/v1/appointments", json=group_body(), headers=key)
    other_caller = {**key, "Authorization": "Bearer demo-api-key"}
    other = group_body("2031-01-08T10:00:00Z", "2031-01-08T11:00:00Z")
    second = await client.post("/v1/appointments", json=other, headers=other_caller)
    assert first.status_code == second.status_code == 201
    assert "idempotent-replayed" not in second.headers


async def test_keys_are_scoped_per_session(client: httpx.AsyncClient, session_name: str) -> None:
    key = {"Idempotency-Key": "per-session"}
    await client.post("/v1/appointments", json=group_body(), headers=key)
    elsewhere = await client.post(
        "/v1/appointments",
        json=group_body(),
        headers={**key, "X-Mock-Session": session_name + "-b"},
    )
    assert elsewhere.status_code == 201
    assert "idempotent-replayed" not in elsewhere.headers


async def test_rejected_requests_are_not_remembered(client: httpx.AsyncClient) -> None:
    key = {"Idempotency-Key": "retry-after-503"}
    await client.post("/_mock/faults", json={"kind": "status", "status": 503})
    assert (
        await client.post("/v1/appointments", json=group_body(), headers=key)
    ).status_code == 503
    unauthenticated = {**key, "Authorization": "Bearer nope"}
    assert (
        await client.post("/v1/appointments", json=group_body(), headers=unauthenticated)
    ).status_code == 401
    retried = await client.post("/v1/appointments", json=group_body(), headers=key)
    assert retried.status_code == 201
    assert "idempotent-replayed" not in retried.headers


async def test_domain_errors_are_replayed_too(client: httpx.AsyncClient) -> None:
    created = (await client.post("/v1/appointments", json=group_body())).json()
    key = {"Idempotency-Key": "conflict"}
    first = await client.post("/v1/appointments", json=group_body(), headers=key)
    assert first.status_code == 409
    again = await client.post("/v1/appointments", json=group_body(), headers=key)
    assert again.status_code == 409
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json()["conflicting_appointment_ids"] == [created["id"]]
