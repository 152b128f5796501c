"""The role matrix is data in the spec (``x-roles`` on every operation), and the mock keeps it.

For every operation and role: ``none`` is 403 ``forbidden``; ``any`` and ``own`` are never 403 on
a record the role sees; ``own`` is 404 (not 403) on a record it does not see, so that ids cannot
be probed. The matrix table in ``info.description`` must say what the ``x-roles`` say.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx
import pytest

from appointments_mock import spec as _spec
from appointments_mock.app import session_of
from appointments_mock.seed import DEMO_CLIENT_ID, DEMO_PRACTITIONER_ID
from tests.mock_http.test_errors import assert_problem

pytestmark = pytest.mark.anyio

KEYS = {
    "admin": "demo-admin-key",
    "api_client": "demo-api-key",
    "staff": "demo-staff-key",
    "client": "demo-client-key",
}
SPEC = _spec.load_spec(_spec.spec_path())


def _operations() -> dict[str, tuple[str, str, dict[str, str]]]:
    found = {}
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "operationId" in operation:
                found[operation["operationId"]] = (method.upper(), path, operation["x-roles"])
    return found


OPERATIONS = _operations()
BODIES: dict[str, Any] = {
    "appointments.create": {
        "type": "individual",
        "starts_at": "2031-01-07T10:00:00Z",
        "ends_at": "2031-01-07T10:30:00Z",
        "practitioner_id": DEMO_PRACTITIONER_ID,
        "client_id": DEMO_CLIENT_ID,
    },
    "appointments.update": {"notes": "changed"},
    "appointments.cancel": {"reason_code": 30},
    "attendees.create": {"client_id": DEMO_CLIENT_ID},
    "attendees.update": {"notes": "front row"},
    "attendees.cancel": {"reason_code": 30},
    "webhook_endpoints.create": {"url": "http://127.0.0.1:9/hooks"},
    "webhook_endpoints.update": {"enabled": False},
}
_PERIOD = {"from": "2031-01-06T00:00:00Z", "to": "2031-01-08T00:00:00Z"}
QUERIES = {
    "availability.list": _PERIOD,
    "reports.appointments": _PERIOD,
    "reports.practitioner_activity": _PERIOD,
}


def _ids(world: Any, role: str, visible: bool) -> dict[str, str]:
    """Path parameters naming records ``role`` sees (or, with ``visible`` false, does not see)."""
    labels = world.labels
    appointment = labels["upcoming"] if visible else labels["other_client"]
    if role == "staff":
        group = labels["series"] if visible else labels["group"]  # Ada's group, or another's
    elif role == "client":
        group = labels["group"] if visible else labels["past_group"]  # Grace attends the first
    else:
        group = labels["group"]
    seats = world.attendees_of(world.appointments[group])
    if role == "client":
        mine = [a for a in seats if a.client_id == DEMO_CLIENT_ID]
        others = [a for a in seats if a.client_id != DEMO_CLIENT_ID]
        seat = (mine if visible else others)[0]
    else:
        seat = next(a for a in seats if a.status == "active")
    someone_else = next(c for c in sorted(world.clients) if c != DEMO_CLIENT_ID)
    other_practitioner = next(p for p in sorted(world.practitioners) if p != DEMO_PRACTITIONER_ID)
    return {
        "appointment_id": appointment,
        "practitioner_id": DEMO_PRACTITIONER_ID if visible else other_practitioner,
        "client_id": DEMO_CLIENT_ID if visible else someone_else,
        "group_id": group,
        "attendee_id": seat.id,
        "endpoint_id": str(uuid.uuid4()),  # admin and api_client only: unknown ids are 404
        "delivery_id": str(uuid.uuid4()),
    }


async def _call(
    app: Any, client: httpx.AsyncClient, operation_id: str, role: str, *, visible: bool = True
) -> httpx.Response:
    """The operation as ``role``, on records it sees (or not), in a fresh session."""
    method, template, _ = OPERATIONS[operation_id]
    session = f"roles-{uuid.uuid4().hex[:10]}"
    client.headers["X-Mock-Session"] = session
    world = session_of(app, session).world
    ids = _ids(world, role, visible)
    if operation_id.startswith("attendees."):
        ids["appointment_id"] = ids["group_id"]
    path = re.sub(r"\{(\w+)\}", lambda m: ids[m.group(1)], template)
    return await client.request(
        method,
        f"/v1{path}",
        json=BODIES.get(operation_id),
        params=QUERIES.get(operation_id),
        headers={"Authorization": f"Bearer {KEYS[role]}"},
    )


@pytest.fixture
async def client(app: Any) -> Any:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://mock") as c:
        yield c


CELLS = [(op, role) for op in sorted(OPERATIONS) for role in KEYS]


@pytest.mark.parametrize(("operation_id", "role"), CELLS, ids=[f"{o}-{r}" for o, r in CELLS])
async def test_each_operation_and_role_is_as_x_roles_says(
    app: Any, client: httpx.AsyncClient, operation_id: str, role: str
) -> None:
    verdict = OPERATIONS[operation_id][2][role]
    response = await _call(app, client, operation_id, role)
    if verdict == "none":
        assert_problem(response, 403, "forbidden")
        return
    assert response.status_code != 403, response.text
    assert response.status_code < 500, response.text
    # Any client may join any active group as itself: its "own" is about who, not which group.
    if (
        verdict == "own"
        and "{" in OPERATIONS[operation_id][1]
        and operation_id != "attendees.create"
    ):
        unseen = await _call(app, client, operation_id, role, visible=False)
        assert_problem(unseen, 404, "not-found")


async def test_a_client_key_cannot_cancel_a_group_it_attends(app: Any, client: Any) -> None:
    session = f"roles-{uuid.uuid4().hex[:10]}"
    headers = {"X-Mock-Session": session, "Authorization": "Bearer demo-client-key"}
    world = session_of(app, session).world
    group = world.labels["group"]
    before = [(a.status, a.version) for a in world.attendees_of(world.appointments[group])]
    response = await client.post(
        f"/v1/appointments/{group}/cancel", json={"reason_code": 30}, headers=headers
    )
    assert_problem(response, 403, "use-attendee-cancel")
    assert world.appointments[group].status == "active"
    assert [(a.status, a.version) for a in world.attendees_of(world.appointments[group])] == before
    seat = next(a for a in world.attendees_of(world.appointments[group])
                if a.client_id == DEMO_CLIENT_ID)  # fmt: skip
    own = await client.post(
        f"/v1/appointments/{group}/attendees/{seat.id}/cancel",
        json={"reason_code": 30},
        headers=headers,
    )
    assert own.status_code == 200, own.text  # its own seat it may cancel


async def test_a_client_joining_a_deleted_group_it_does_not_attend_gets_404(
    app: Any, client: Any
) -> None:
    session = f"roles-{uuid.uuid4().hex[:10]}"
    admin = {"X-Mock-Session": session, "Authorization": "Bearer demo-admin-key"}
    grace = {"X-Mock-Session": session, "Authorization": "Bearer demo-client-key"}
    made = await client.post(
        "/v1/appointments",
        json={
            "type": "group",
            "starts_at": "2031-01-08T10:00:00Z",
            "ends_at": "2031-01-08T11:00:00Z",
            "practitioner_id": DEMO_PRACTITIONER_ID,
            "max_attendees": 3,
        },
        headers=admin,
    )
    group = made.json()["id"]
    assert (await client.delete(f"/v1/appointments/{group}", headers=admin)).status_code == 200
    probe = await client.post(
        f"/v1/appointments/{group}/attendees", json={"client_id": DEMO_CLIENT_ID}, headers=grace
    )
    problem = assert_problem(probe, 404, "not-found")
    assert "purge_at" not in problem
    unknown = await client.post(
        f"/v1/appointments/{uuid.uuid4()}/attendees",
        json={"client_id": DEMO_CLIENT_ID},
        headers=grace,
    )
    assert_problem(unknown, 404, "not-found")  # the same answer as for an id that never was


def test_the_description_table_says_what_x_roles_say() -> None:
    table: dict[str, dict[str, str]] = {}
    for line in SPEC["info"]["description"].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0] not in ("operation", "---"):
            for operation_id in cells[0].split(", "):
                table[operation_id] = dict(zip(KEYS, cells[1:], strict=True))
    assert table == {op: roles for op, (_, _, roles) in OPERATIONS.items()}
