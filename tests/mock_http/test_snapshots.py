"""Session snapshots (``GET``/``PUT /_mock/snapshot``): one document, imported all or nothing, and
lossless -- export, import, export gives the same document, and the API answers the same."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.mock_http._support import CLIENT_ID, PRACTITIONER_ID, group_body

pytestmark = pytest.mark.anyio


async def _busy(client: httpx.AsyncClient) -> dict[str, str]:
    """A session with a frozen clock and a bit of everything done to it through the API."""
    frozen = await client.post("/_mock/clock/freeze", json={"at": "2031-01-02T08:30:00Z"})
    assert frozen.status_code == 200
    made = await client.post(
        "/v1/appointments", json=group_body(), headers={"Idempotency-Key": "make-the-group"}
    )
    assert made.status_code == 201, made.text
    group = made.json()["id"]
    seat = await client.post(f"/v1/appointments/{group}/attendees", json={"client_id": CLIENT_ID})
    assert seat.status_code == 201, seat.text
    seated = seat.json()["id"]
    canceled_seat = await client.post(
        f"/v1/appointments/{group}/attendees/{seated}/cancel", json={"reason_code": 30}
    )
    assert canceled_seat.status_code == 200, canceled_seat.text
    second = await client.post(
        "/v1/appointments",
        json=group_body("2031-01-07T10:00:00Z", "2031-01-07T11:00:00Z"),
    )
    gone = second.json()["id"]
    deleted = await client.delete(f"/v1/appointments/{gone}")
    assert deleted.status_code == 200, deleted.text
    revoked = await client.post(f"/v1/practitioners/{PRACTITIONER_ID}/revoke-calendar-url")
    assert revoked.status_code == 200, revoked.text
    return {"group": group, "deleted": gone}


async def _answers(client: httpx.AsyncClient, session: str) -> list[Any]:
    """What a set of list, get and audit queries answer in ``session``."""
    headers = {"X-Mock-Session": session}

    async def get(path: str, **params: Any) -> Any:
        response = await client.get(path, params=params, headers=headers)
        assert response.status_code in (200, 410), (path, response.text)  # 410: deleted
        answer = response.json()
        answer.pop("request_id", None)  # each request's own (a problem names it)
        return response.status_code, answer

    listed = await get(
        "/v1/appointments", status=["active", "canceled"], deleted="include", page_size=100
    )
    ids = [a["id"] for a in listed[1]["items"]]
    assert len(ids) > 10
    answers: list[Any] = [listed]
    for appointment_id in ids:
        answers.append(await get(f"/v1/appointments/{appointment_id}", show_deleted="true"))
        answers.append(await get(f"/v1/appointments/{appointment_id}/audit-events"))
        answers.append(await get(f"/v1/appointments/{appointment_id}/notifications"))
        answers.append(
            await get(
                f"/v1/appointments/{appointment_id}/attendees",
                status=["active", "canceled"],
                deleted="include",
            )
        )
    answers.append(await get("/v1/audit-events", page_size=100))
    answers.append(await get("/v1/practitioners"))
    answers.append(await get("/v1/clients"))
    answers.append(
        await get(
            "/v1/reports/appointments",
            **{"from": "2030-06-01T00:00:00Z", "to": "2031-06-01T00:00:00Z"},
        )
    )
    answers.append(await get("/_mock/clock"))
    # A calendar_url names its session (calendar clients send no headers): the one difference.
    return json.loads(json.dumps(answers).replace(f"~{session}", "~SESSION"))


async def test_export_import_export_gives_the_same_document_and_the_same_answers(
    client: httpx.AsyncClient, session_name: str
) -> None:
    await _busy(client)
    exported = await client.get("/_mock/snapshot")
    assert exported.status_code == 200, exported.text
    document = exported.json()
    assert {"clock", "audit_events", "notifications", "idempotency_keys", "counters"} <= set(
        document
    )
    copy = session_name + "-copy"
    imported = await client.put("/_mock/snapshot", json=document, headers={"X-Mock-Session": copy})
    assert imported.status_code == 200, imported.text
    assert imported.json()["name"] == copy
    again = await client.get("/_mock/snapshot", headers={"X-Mock-Session": copy})
    assert again.json() == document
    assert await _answers(client, copy) == await _answers(client, session_name)


async def test_a_restored_session_goes_on_as_the_original_would(
    client: httpx.AsyncClient, session_name: str
) -> None:
    ids = await _busy(client)
    document = (await client.get("/_mock/snapshot")).json()
    copy = {"X-Mock-Session": session_name + "-copy"}
    assert (await client.put("/_mock/snapshot", json=document, headers=copy)).status_code == 200
    # The next ids are drawn from the same sequence...
    body = group_body("2031-01-08T10:00:00Z", "2031-01-08T11:00:00Z")
    here = await client.post("/v1/appointments", json=body)
    there = await client.post("/v1/appointments", json=body, headers=copy)
    assert here.status_code == there.status_code == 201
    assert here.json() == there.json()
    # ...and an Idempotency-Key used before the snapshot still replays.
    replay = await client.post(
        "/v1/appointments",
        json=group_body(),
        headers={**copy, "Idempotency-Key": "make-the-group"},
    )
    assert replay.status_code == 201
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json()["id"] == ids["group"]


async def test_a_bad_snapshot_is_refused_with_every_problem_and_changes_nothing(
    client: httpx.AsyncClient, session_name: str
) -> None:
    ids = await _busy(client)
    before = (await client.get("/_mock/snapshot")).json()
    bad = (await client.get("/_mock/snapshot")).json()
    bad["appointments"][0]["practitioner_id"] = "99999999-9999-4999-8999-999999999999"
    bad["appointments"][1]["starts_at"] = "+P1D"  # relative: a world file's, not a snapshot's
    bad["appointments"][2].pop("version")
    bad["clients"][0]["nickname"] = "Amazing Grace"
    bad["counters"]["id_sequence"] = [3, [1, 2, 3], None]
    refused = await client.put("/_mock/snapshot", json=bad)
    assert refused.status_code == 400
    assert refused.headers["content-type"].startswith("application/problem+json")
    problem = refused.json()
    assert problem["code"] == "validation-error"
    pointers = {e["pointer"] for e in problem["errors"]}
    assert pointers == {
        "/clients/0",
        "/appointments/0/practitioner_id",
        "/appointments/1/starts_at",
        "/appointments/2",
        "/counters/id_sequence",
    }
    after = (await client.get("/_mock/snapshot")).json()
    assert after == before
    assert (await client.get(f"/v1/appointments/{ids['group']}")).status_code == 200


async def test_a_broken_id_sequence_is_refused_at_its_pointer(client: httpx.AsyncClient) -> None:
    document = (await client.get("/_mock/snapshot")).json()
    document["counters"]["id_sequence"] = [3, [1, 2, 3], None]
    refused = await client.put("/_mock/snapshot", json=document)
    assert refused.status_code == 400
    assert [e["pointer"] for e in refused.json()["errors"]] == ["/counters/id_sequence"]


async def test_a_world_file_is_not_a_snapshot(client: httpx.AsyncClient) -> None:
    refused = await client.put("/_mock/snapshot", json={"version": 1, "practitioners": []})
    assert refused.status_code == 400
    assert "counters" in refused.json()["errors"][0]["detail"]


async def test_a_snapshot_restores_a_session_that_was_evicted_or_never_was(
    client: httpx.AsyncClient, session_name: str
) -> None:
    await client.post("/_mock/clock/freeze")  # a running clock moves between two exports
    document = (await client.get("/_mock/snapshot")).json()
    fresh = {"X-Mock-Session": session_name + "-new"}
    restored = await client.put("/_mock/snapshot", json=document, headers=fresh)
    assert restored.status_code == 200
    assert (await client.get("/_mock/snapshot", headers=fresh)).json() == document
