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


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/v1/availability", {"from": "0001-01-01T00:38:00Z", "to": "0001-01-08T00:38:00Z"}),
        ("/v1/availability", {"from": "9999-12-25T00:00:00Z", "to": "9999-12-31T23:59:59Z"}),
        ("/v1/appointments", {"starts_after": "0001-01-01T00:00:00+05:00"}),
        ("/v1/audit-events", {"occurred_before": "9999-12-31T23:59:59-05:00"}),
    ],
)
async def test_an_instant_at_the_edge_of_time_is_a_400_not_a_500(
    client: httpx.AsyncClient, path: str, params: dict[str, str]
) -> None:
    response = await client.get(path, params=params)
    assert response.status_code == 400, response.text
    assert "outside the supported range" in response.json()["errors"][0]["detail"]


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "repeat_rule", "pointer"),
    [
        ("0001-01-01T00:00:00Z", "0001-01-01T00:30:00Z", None, "/starts_at"),
        ("9999-12-31T23:00:00-05:00", "9999-12-31T23:30:00-05:00", None, "/starts_at"),
        (
            "9998-12-01T10:00:00Z",
            "9998-12-01T11:00:00Z",
            {"frequency": "monthly", "interval": 100, "count": 52},
            "/repeat_rule",
        ),
    ],
)
async def test_a_booking_at_the_edge_of_time_is_a_400_not_a_500(
    client: httpx.AsyncClient,
    starts_at: str,
    ends_at: str,
    repeat_rule: dict[str, object] | None,
    pointer: str,
) -> None:
    body: dict[str, object] = {**group_body(starts_at, ends_at)}
    if repeat_rule is not None:
        body["repeat_rule"] = repeat_rule
    response = await client.post("/v1/appointments", json=body)
    assert response.status_code == 400, response.text
    assert pointer in [error["pointer"] for error in response.json()["errors"]]


async def test_the_supported_range_is_bookable_up_to_its_edges(client: httpx.AsyncClient) -> None:
    early = await client.post(
        "/v1/appointments", json=group_body("0002-01-01T00:00:00Z", "0002-01-01T00:30:00Z")
    )
    late = await client.post(
        "/v1/appointments", json=group_body("9998-12-31T23:00:00Z", "9998-12-31T23:30:00Z")
    )
    assert (early.status_code, late.status_code) == (201, 201)
    window = {"from": "9998-12-25T00:00:00Z", "to": "9998-12-31T23:59:59Z"}
    assert (await client.get("/v1/availability", params=window)).status_code == 200


async def test_a_literal_percent_in_the_path_is_encoded_in_the_problem_instance(
    client: httpx.AsyncClient,
) -> None:
    # The decoded path of `/v1/appointments/a%25%7Cb` holds a bare `%`, which is not a valid
    # uri-reference unless it is encoded again as `%25`.
    response = await client.get("/v1/appointments/a%25%7Cb")
    assert response.status_code == 400, response.text
    assert response.json()["instance"] == "/v1/appointments/a%25%7Cb"


async def test_a_cancel_through_status_must_be_sent_alone(client: httpx.AsyncClient) -> None:
    # The contract (AppointmentUpdate's if/then) says so; the request validator enforces it.
    created = (await client.post("/v1/appointments", json=group_body())).json()
    response = await client.patch(
        f"/v1/appointments/{created['id']}", json={"status": "canceled", "notes": "x"}
    )
    assert response.status_code == 400, response.text
    assert response.json()["code"] == "validation-error"
    bare = await client.patch(f"/v1/appointments/{created['id']}", json={"status": "canceled"})
    assert bare.status_code == 400, bare.text  # a cancel needs its reason
    assert [e["pointer"] for e in bare.json()["errors"]] == ["/cancellation"]
    alone = await client.patch(
        f"/v1/appointments/{created['id']}",
        json={"status": "canceled", "cancellation": {"reason_code": 30}},
    )
    assert alone.status_code == 200, alone.text
    assert alone.json()["status"] == "canceled"
    assert alone.json()["cancellation"]["reason_code"] == 30
