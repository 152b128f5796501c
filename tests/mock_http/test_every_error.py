"""A 400 lists every error at once: the schema's and the rules' together, each at its member.

The spec promises every error in one response. A request that breaks its schema *and* a rule
JSON Schema cannot state (an unknown practitioner, ``ends_at`` before ``starts_at``, an inactive
cancellation reason) gets both kinds in one ``validation-error``; a missing or unknown member is
located at that member, not at the object around it.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from tests.mock_http._support import PRACTITIONER_ID, group_body
from tests.mock_http.test_errors import assert_problem

pytestmark = pytest.mark.anyio


def _located(problem: dict[str, Any]) -> set[str]:
    return {e.get("pointer", e.get("parameter", "?")) for e in problem["errors"]}


async def test_a_cancel_lists_the_too_long_note_and_the_unknown_reason(
    client: httpx.AsyncClient,
) -> None:
    created = (await client.post("/v1/appointments", json=group_body())).json()
    response = await client.post(
        f"/v1/appointments/{created['id']}/cancel", json={"reason_code": 9999, "note": "n" * 2001}
    )
    problem = assert_problem(response, 400, "validation-error")
    assert _located(problem) == {"/note", "/reason_code"}


async def test_a_create_lists_schema_and_rule_errors_together(client: httpx.AsyncClient) -> None:
    body = {
        **group_body("2031-01-06T11:00:00Z", "2031-01-06T10:00:00Z"),  # ends before it starts
        "practitioner_id": str(uuid.UUID(int=99)),  # well-formed, unknown
        "notes": "x" * 2001,  # too long for the schema
    }
    response = await client.post("/v1/appointments", json=body)
    problem = assert_problem(response, 400, "validation-error")
    assert _located(problem) == {"/notes", "/practitioner_id", "/ends_at"}


async def test_a_missing_member_is_located_at_the_member(client: httpx.AsyncClient) -> None:
    body = {"type": "group", "practitioner_id": PRACTITIONER_ID, "max_attendees": 3}
    response = await client.post("/v1/appointments", json=body)
    problem = assert_problem(response, 400, "validation-error")
    assert {"/starts_at", "/ends_at"} <= _located(problem)
    assert "" not in _located(problem)


async def test_availability_lists_the_missing_window_and_the_unknown_practitioner(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(
        "/v1/availability", params={"practitioner_id": str(uuid.UUID(int=5))}
    )
    problem = assert_problem(response, 400, "validation-error")
    assert _located(problem) == {"from", "to", "practitioner_id"}


async def test_an_attendee_create_lists_the_unknown_client_with_the_unknown_member(
    client: httpx.AsyncClient,
) -> None:
    created = (await client.post("/v1/appointments", json=group_body())).json()
    response = await client.post(
        f"/v1/appointments/{created['id']}/attendees",
        json={"client_id": str(uuid.UUID(int=3)), "colour": "blue"},
    )
    problem = assert_problem(response, 400, "validation-error")
    assert _located(problem) == {"/client_id", "/colour"}


async def test_a_rule_error_where_the_schema_already_complained_is_not_repeated(
    client: httpx.AsyncClient,
) -> None:
    body = {**group_body(), "practitioner_id": "not-a-uuid", "notes": "x" * 2001}
    problem = assert_problem(await client.post("/v1/appointments", json=body), 400,
                             "validation-error")  # fmt: skip
    at_practitioner = [e for e in problem["errors"] if e.get("pointer") == "/practitioner_id"]
    assert len(at_practitioner) == 1
