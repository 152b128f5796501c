"""Bugs Schemathesis found in the mock, each pinned by the smallest request that showed it."""

from __future__ import annotations

import httpx
import pytest

from appointments_mock.seed import CLIENTS
from tests.mock_http._support import CLIENT_ID, group_body

SECOND_CLIENT_ID = CLIENTS[1].id  # Margaret Hamilton, seeded

pytestmark = pytest.mark.anyio


async def test_an_integral_float_is_an_integer_in_a_repeat_rule(client: httpx.AsyncClient) -> None:
    # JSON Schema 2020-12 counts 2.0 as an integer, so the request is valid and must be booked.
    body = {**group_body(), "repeat_rule": {"frequency": "weekly", "interval": 1.0, "count": 2.0}}
    response = await client.post("/v1/appointments", json=body)
    assert response.status_code == 201, response.text
    series = await client.get(
        "/v1/appointments", params={"series_id": response.json()["series_id"]}
    )
    assert series.json()["total_size"] == 2


async def test_an_integral_float_is_a_cancellation_reason_code(client: httpx.AsyncClient) -> None:
    created = (await client.post("/v1/appointments", json=group_body())).json()
    response = await client.post(
        f"/v1/appointments/{created['id']}/cancel", json={"reason_code": 30.0}
    )
    assert response.status_code == 200, response.text
    assert response.json()["cancellation"]["reason_code"] == 30


async def test_an_integral_float_capacity_is_checked_against_the_seated(
    client: httpx.AsyncClient,
) -> None:
    created = (await client.post("/v1/appointments", json=group_body())).json()
    for client_id in (CLIENT_ID, SECOND_CLIENT_ID):
        seated = await client.post(
            f"/v1/appointments/{created['id']}/attendees", json={"client_id": client_id}
        )
        assert seated.status_code == 201, seated.text
    too_small = await client.patch(f"/v1/appointments/{created['id']}", json={"max_attendees": 1.0})
    assert too_small.status_code == 409
    assert too_small.json()["code"] == "capacity-below-attendees"
    enough = await client.patch(f"/v1/appointments/{created['id']}", json={"max_attendees": 2.0})
    assert enough.status_code == 200, enough.text
    assert type(enough.json()["max_attendees"]) is int
