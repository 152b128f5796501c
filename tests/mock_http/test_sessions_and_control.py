"""Sessions are isolated worlds; the control API drives their clock, locks, journal and reset."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.mock_http._support import ADMIN, group_body

pytestmark = pytest.mark.anyio


async def _ids(client: httpx.AsyncClient, session: str) -> set[str]:
    response = await client.get(
        "/v1/appointments", params={"page_size": 100}, headers={"X-Mock-Session": session}
    )
    assert response.status_code == 200
    return {a["id"] for a in response.json()["items"]}


async def test_sessions_do_not_see_each_others_data(
    client: httpx.AsyncClient, session_name: str
) -> None:
    other = session_name + "-other"
    created = await client.post("/v1/appointments", json=group_body())
    assert created.status_code == 201, created.text
    new_id = created.json()["id"]
    assert new_id in await _ids(client, session_name)
    assert new_id not in await _ids(client, other)
    in_other = await client.get(f"/v1/appointments/{new_id}", headers={"X-Mock-Session": other})
    assert in_other.status_code == 404


async def test_sessions_start_from_the_same_seed(
    client: httpx.AsyncClient, session_name: str
) -> None:
    assert await _ids(client, session_name + "-a") == await _ids(client, session_name + "-b")


async def test_sessions_have_their_own_clock_and_faults(
    client: httpx.AsyncClient, session_name: str
) -> None:
    other = {"X-Mock-Session": session_name + "-other"}
    await client.post("/_mock/clock/freeze", json={"at": "2031-01-01T00:00:00Z"})
    await client.post("/_mock/faults", json={"kind": "status", "status": 503, "times": 5})
    assert (await client.get("/_mock/clock")).json()["now"].startswith("2031-01-01T00:00:00")
    assert not (await client.get("/_mock/clock", headers=other)).json()["now"].startswith("2031")
    assert (await client.get("/v1/cancellation-reasons", headers=other)).status_code == 200
    assert (await client.get("/v1/cancellation-reasons")).status_code == 503


async def test_no_header_means_the_default_session(app: Any) -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://m") as c:
        session = (await c.get("/_mock/session")).json()
        explicit = await c.get("/_mock/session", headers={"X-Mock-Session": "default"})
    assert session["name"] == "default"
    assert explicit.json()["name"] == "default"


async def test_sessions_are_listed_and_can_be_deleted(
    client: httpx.AsyncClient, session_name: str
) -> None:
    await client.get("/_mock/session")
    names = {s["name"] for s in (await client.get("/_mock/sessions")).json()["items"]}
    assert session_name in names
    assert (await client.delete("/_mock/session")).status_code == 204
    listing = await client.get("/_mock/sessions", headers={"X-Mock-Session": "default"})
    assert session_name not in {s["name"] for s in listing.json()["items"]}


async def test_reset_restores_seed_data_clock_journal_and_faults(client: httpx.AsyncClient) -> None:
    seeded = await _ids(client, client.headers["X-Mock-Session"])
    created = (await client.post("/v1/appointments", json=group_body())).json()["id"]
    await client.post("/_mock/clock/advance", json={"days": 3})
    await client.post("/_mock/faults", json={"kind": "delay", "delay_ms": 1, "times": 9})
    reset = await client.post("/_mock/reset")
    assert reset.status_code == 200
    summary = reset.json()
    assert summary["journal_size"] == 0
    assert summary["pending_faults"] == 0
    assert summary["clock"]["mode"] == "real"
    after = await _ids(client, client.headers["X-Mock-Session"])
    assert created not in after
    assert after == seeded


async def test_freezing_the_clock_inside_an_appointment_makes_it_in_progress(
    client: httpx.AsyncClient,
) -> None:
    appointment = (await client.post("/v1/appointments", json=group_body())).json()
    assert appointment["in_progress"] is False
    frozen = await client.post("/_mock/clock/freeze", json={"at": "2031-01-06T10:30:00Z"})
    assert frozen.json() == {"mode": "frozen", "now": "2031-01-06T10:30:00Z", "offset_seconds": 0.0}
    during = (await client.get(f"/v1/appointments/{appointment['id']}")).json()
    assert during["in_progress"] is True
    advanced = await client.post("/_mock/clock/advance", json={"minutes": 45})
    assert advanced.json()["now"] == "2031-01-06T11:15:00Z"
    after = (await client.get(f"/v1/appointments/{appointment['id']}")).json()
    assert after["in_progress"] is False
    resumed = await client.post("/_mock/clock/resume")
    assert resumed.json()["mode"] == "real"


async def test_advance_accepts_days_and_seconds(client: httpx.AsyncClient) -> None:
    await client.post("/_mock/clock/freeze", json={"at": "2031-01-01T00:00:00Z"})
    moved = await client.post("/_mock/clock/advance", json={"days": 1, "seconds": 30})
    assert moved.json()["now"] == "2031-01-02T00:00:30Z"


async def test_control_requests_are_validated(client: httpx.AsyncClient) -> None:
    for path, body in (
        ("/_mock/clock/advance", {}),
        ("/_mock/clock/advance", {"weeks": 1}),
        ("/_mock/clock/freeze", {"at": "noon"}),
        ("/_mock/faults", {"kind": "explode"}),
        ("/_mock/faults", {"kind": "status"}),
        ("/_mock/faults", {"kind": "status", "status": 503, "operation_id": "nope.nothing"}),
    ):
        response = await client.post(path, json=body)
        assert response.status_code == 400, (path, body, response.text)
        assert response.json()["code"] == "validation-error"


async def test_lock_and_unlock_an_appointment(client: httpx.AsyncClient) -> None:
    appointment = (await client.post("/v1/appointments", json=group_body())).json()
    path = f"/_mock/appointments/{appointment['id']}"
    locked = await client.post(f"{path}/lock", json={"reason": "invoiced"})
    assert locked.json() == {
        "appointment_id": appointment["id"],
        "locked": True,
        "lock_reason": "invoiced",
    }
    delete = await client.delete(f"/v1/appointments/{appointment['id']}")
    assert delete.status_code == 409
    assert delete.json()["code"] == "appointment-locked"
    unlocked = await client.post(f"{path}/unlock")
    assert unlocked.json()["locked"] is False
    assert (await client.delete(f"/v1/appointments/{appointment['id']}")).status_code == 200


async def test_locking_an_unknown_appointment_is_404(client: httpx.AsyncClient) -> None:
    response = await client.post("/_mock/appointments/00000000-0000-4000-8000-000000000000/lock")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


async def test_health(client: httpx.AsyncClient) -> None:
    response = await client.get("/_mock/health", headers={"Authorization": ""})
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


async def test_control_routes_need_no_key(app: Any) -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://m") as c:
        assert (await c.get("/_mock/clock")).status_code == 200
        assert (await c.get("/v1/appointments")).status_code == 401
    assert ADMIN  # the public API needs one
