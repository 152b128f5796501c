"""Faults per session and operation; the journal records what was asked and answered."""

from __future__ import annotations

import time

import httpx
import pytest

from appointments_mock.app import DroppedConnection
from tests.mock_http._support import group_body

pytestmark = pytest.mark.anyio
REASONS = "/v1/cancellation-reasons"


async def test_a_429_fault_carries_retry_after_for_the_next_n_requests(
    client: httpx.AsyncClient,
) -> None:
    fault = await client.post(
        "/_mock/faults",
        json={
            "kind": "status",
            "operation_id": "cancellation_reasons.list",
            "status": 429,
            "retry_after": 2,
            "times": 2,
        },
    )
    assert fault.status_code == 201
    for _ in range(2):
        response = await client.get(REASONS)
        assert response.status_code == 429
        assert response.headers["retry-after"] == "2"
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "rate-limited"
        assert response.json()["retry_after_seconds"] == 2
    assert (await client.get(REASONS)).status_code == 200


async def test_faults_only_hit_their_operation(client: httpx.AsyncClient) -> None:
    await client.post(
        "/_mock/faults", json={"kind": "status", "operation_id": "clients.list", "status": 500}
    )
    assert (await client.get(REASONS)).status_code == 200
    response = await client.get("/v1/clients")
    assert response.status_code == 500
    assert response.json()["code"] == "internal"


async def test_503_fault(client: httpx.AsyncClient) -> None:
    await client.post("/_mock/faults", json={"kind": "status", "status": 503})
    response = await client.get(REASONS)
    assert response.status_code == 503
    assert response.json()["code"] == "unavailable"
    assert response.headers["retry-after"] == "1"


async def test_a_delay_fault_slows_the_request_down(client: httpx.AsyncClient) -> None:
    await client.post("/_mock/faults", json={"kind": "delay", "delay_ms": 200})
    started = time.perf_counter()
    response = await client.get(REASONS)
    assert response.status_code == 200
    assert time.perf_counter() - started >= 0.2


async def test_a_drop_fault_in_process_raises_a_connection_error(client: httpx.AsyncClient) -> None:
    await client.post("/_mock/faults", json={"kind": "drop"})
    with pytest.raises(ConnectionError):
        await client.get(REASONS)
    assert (await client.get(REASONS)).status_code == 200


async def test_drop_after_handler_keeps_the_change_and_the_idempotent_response(
    client: httpx.AsyncClient,
) -> None:
    await client.post(
        "/_mock/faults",
        json={"kind": "drop", "operation_id": "appointments.create", "after_handler": True},
    )
    key = {"Idempotency-Key": "lost-response"}
    with pytest.raises(DroppedConnection):
        await client.post("/v1/appointments", json=group_body(), headers=key)
    retried = await client.post("/v1/appointments", json=group_body(), headers=key)
    assert retried.status_code == 201
    assert retried.headers["idempotent-replayed"] == "true"


async def test_corrupt_fault_breaks_the_contract_past_response_validation(
    client: httpx.AsyncClient,
) -> None:
    created = (await client.post("/v1/appointments", json=group_body())).json()
    await client.post("/_mock/faults", json={"kind": "corrupt", "operation_id": "appointments.get"})
    response = await client.get(f"/v1/appointments/{created['id']}")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] not in ("active", "canceled")
    assert body["x_mock_corrupted"] is True
    assert (await client.get(f"/v1/appointments/{created['id']}")).json()["status"] == "active"


async def test_faults_are_listed_used_up_and_cleared(client: httpx.AsyncClient) -> None:
    await client.post("/_mock/faults", json={"kind": "delay", "delay_ms": 1, "times": 2})
    await client.get(REASONS)
    [fault] = (await client.get("/_mock/faults")).json()["items"]
    assert (fault["kind"], fault["times"], fault["remaining"], fault["applied"]) == (
        "delay",
        2,
        1,
        1,
    )
    assert (await client.delete("/_mock/faults")).status_code == 204
    assert (await client.get("/_mock/faults")).json()["items"] == []


async def test_the_journal_records_requests_without_credentials(client: httpx.AsyncClient) -> None:
    await client.post(
        "/_mock/faults", json={"kind": "status", "status": 503, "operation_id": "clients.list"}
    )
    await client.get("/v1/clients", params={"page_size": 5}, headers={"User-Agent": "sdk/1.0"})
    await client.post(
        "/v1/appointments",
        json=group_body(),
        headers={"Idempotency-Key": "j-1", "X-Request-Id": "trace-9"},
    )
    await client.get("/v1/nothing")
    await client.get("/_mock/health")  # control requests are not journaled
    entries = (await client.get("/_mock/journal")).json()["items"]
    assert [e["operation_id"] for e in entries] == ["clients.list", "appointments.create", None]
    listed, created, unknown = entries
    assert listed["status"] == 503
    assert listed["fault"] == "status:503"
    assert listed["query"] == {"page_size": ["5"]}
    assert listed["request_headers"]["user-agent"] == "sdk/1.0"
    assert created["status"] == 201
    assert created["method"] == "POST"
    assert created["path"] == "/v1/appointments"
    assert created["request_id"] == "trace-9"
    assert created["request_headers"]["idempotency-key"] == "j-1"
    assert created["request_body"] == group_body()
    assert created["duration_ms"] >= 0
    assert unknown["status"] == 404
    text = (await client.get("/_mock/journal")).text
    assert "demo-admin-key" not in text
    assert "authorization" not in text.lower()


async def test_the_journal_filters_by_operation_and_clears(client: httpx.AsyncClient) -> None:
    await client.get(REASONS)
    await client.get("/v1/clients")
    await client.get(REASONS)
    only = (
        await client.get("/_mock/journal", params={"operation_id": "cancellation_reasons.list"})
    ).json()
    assert only["total_size"] == 2
    last = (await client.get("/_mock/journal", params={"limit": 1})).json()["items"]
    assert [e["operation_id"] for e in last] == ["cancellation_reasons.list"]
    assert (await client.delete("/_mock/journal")).status_code == 204
    assert (await client.get("/_mock/journal")).json()["items"] == []
