"""Scale-out: two real ``appointments-mock serve`` processes behind nginx, configured by the
shipped ``examples/scale_out/nginx.conf`` (rendered for their ports by ``examples/scale_out/cluster.py``).

Every session's requests reach one process, so each session keeps the whole contract through the
proxy (idempotent replays, If-Match, cancel is not delete, its own clock) while the sessions are
spread over both processes, each of which is asked directly which sessions it holds. Skipped
where nginx is not installed (``scripts/test`` installs Debian's ``nginx`` when run as root).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx2
import pytest

from appointments import (
    AppointmentsClient,
    ConflictError,
    InternalServerError,
    PreconditionFailedError,
    SigningKey,
)
from appointments_mock.seed import CLIENTS, PRACTITIONERS
from appointments_mock.sessions import SESSION_HEADER
from examples.scale_out.cluster import Cluster, MockProcess, find_nginx

pytestmark = pytest.mark.nginx

ADA = uuid.UUID(PRACTITIONERS[0].id)
GRACE = uuid.UUID(CLIENTS[0].id)
ADMIN_KEY = "demo-admin-key"
PER_PROCESS = 3  # sessions checked on each process
MAX_TRIES = 64  # names tried to find them (a consistent hash puts 3 of 64 on one side: ~never)
# Each session books in March 2031, far from the demo data around the clock's "now".
MONDAY = datetime(2031, 3, 3, 9, tzinfo=UTC)
FROZEN_AT = datetime(2030, 1, 7, 8, tzinfo=UTC)


def _cluster() -> Cluster:
    if find_nginx() is None:
        pytest.skip(
            "nginx not installed: `apt-get install nginx` (scripts/test does it when run as root)"
        )
    return Cluster(2)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    with _cluster() as started:  # stops nginx and both processes by PID, whatever happens
        yield started


@pytest.fixture(scope="module")
def sessions(cluster: Cluster) -> list[list[str]]:
    """PER_PROCESS session names per process, each created through the proxy."""
    return _spread(cluster, PER_PROCESS)


def _held(mock: MockProcess) -> set[str]:
    """The sessions a process holds, asked of it directly (not through the proxy)."""
    answer = httpx2.get(f"{mock.url}/_mock/sessions", timeout=10)
    assert answer.status_code == 200, answer.text
    return {item["name"] for item in answer.json()["items"]}


def _control(cluster: Cluster, method: str, path: str, session: str, **body: Any) -> Any:
    """A control call through the proxy, for one session."""
    answer = httpx2.request(
        method,
        f"{cluster.url}/_mock{path}",
        json=body or None,
        headers={SESSION_HEADER: session},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def _spread(cluster: Cluster, per_process: int) -> list[list[str]]:
    """Create sessions through the proxy until each process holds ``per_process`` of them."""
    found: list[list[str]] = [[] for _ in cluster.mocks]
    for _ in range(MAX_TRIES):
        if all(len(names) >= per_process for names in found):
            break
        name = f"scale-{uuid.uuid4().hex[:12]}"
        _control(cluster, "GET", "/session", name)
        holders = [i for i, mock in enumerate(cluster.mocks) if name in _held(mock)]
        assert len(holders) == 1, f"{name} is held by processes {holders}"
        found[holders[0]].append(name)
    counts = [len(names) for names in found]
    assert all(n >= per_process for n in counts), f"{MAX_TRIES} sessions spread as {counts}"
    return [names[:per_process] for names in found]


def _journal(mock: MockProcess) -> list[dict[str, Any]]:
    """The journal of a process's `default` session, asked of it directly."""
    answer = httpx2.get(f"{mock.url}/_mock/journal", timeout=10)
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()["items"]
    return items


def _default_holder(cluster: Cluster) -> int:
    """The process that answers requests without X-Mock-Session (found by its journal)."""
    for mock in cluster.mocks:
        httpx2.delete(f"{mock.url}/_mock/journal", timeout=10).raise_for_status()
    headers = {"Authorization": f"Bearer {ADMIN_KEY}"}
    assert httpx2.get(f"{cluster.url}/v1/appointments", headers=headers).status_code == 200
    holders = [i for i, mock in enumerate(cluster.mocks) if _journal(mock)]
    assert len(holders) == 1, holders
    return holders[0]


def _client(cluster: Cluster, session: str, **options: Any) -> AppointmentsClient:
    if "signing_key" not in options:
        options["api_key"] = ADMIN_KEY
    return AppointmentsClient(
        base_url=f"{cluster.url}/v1",
        default_headers={SESSION_HEADER: session},
        max_retries=0,
        **options,
    )


def _contract_scenario(cluster: Cluster, session: str) -> uuid.UUID:
    """Book, replay, cancel with If-Match, read back: the contract through the proxy."""
    with _client(cluster, session) as client:
        booking: dict[str, Any] = {
            "type": "individual",
            "starts_at": MONDAY,
            "ends_at": MONDAY + timedelta(minutes=30),
            "practitioner_id": ADA,
            "client_id": GRACE,
            "idempotency_key": f"book-{session}",
        }
        first = client.with_raw_response.appointments.create(**booking)
        again = client.with_raw_response.appointments.create(**booking)
        assert (first.status_code, again.status_code) == (201, 201)
        assert (first.idempotent_replayed, again.idempotent_replayed) == (False, True)
        booked = first.parse()
        assert again.parse() == booked

        canceled = client.appointments.cancel(booked.id, reason_code=30, if_match=booked)
        assert canceled.status == "canceled"
        assert canceled.version > booked.version
        with pytest.raises(PreconditionFailedError):  # the If-Match of before the cancel
            client.appointments.update(booked.id, notes="late", if_match=booked)
        with pytest.raises(ConflictError) as again_canceled:
            client.appointments.cancel(booked.id, reason_code=30, if_match=canceled)
        assert again_canceled.value.code == "already-canceled"
        content_type = again_canceled.value.response.headers["content-type"]
        assert content_type.startswith("application/problem+json")

        got = client.appointments.get(booked.id)
        assert (got.status, got.deleted_at, got.version) == ("canceled", None, canceled.version)
        since = MONDAY - timedelta(hours=1)
        canceled_ids = [
            a.id for a in client.appointments.list(status=["canceled"], starts_after=since)
        ]
        active_ids = [a.id for a in client.appointments.list(starts_after=since)]
        assert (canceled_ids, active_ids) == ([booked.id], [])

    signing = SigningKey("demo-admin-signing", "demo-admin-signing-secret")
    with _client(cluster, session, signing_key=signing) as signed:
        assert signed.appointments.get(booked.id).status == "canceled"
    return booked.id


def test_each_session_keeps_the_contract_on_its_own_process(
    cluster: Cluster, sessions: list[list[str]]
) -> None:
    on_a, on_b = sessions
    booked = {name: _contract_scenario(cluster, name) for name in on_a + on_b}

    held = [_held(mock) for mock in cluster.mocks]
    assert set(on_a) <= held[0]
    assert set(on_b) <= held[1]
    assert not set(on_a) & held[1]
    assert not set(on_b) & held[0]
    # Asked directly, the other process has never heard of a session's appointment.
    for names, other in ((on_a, cluster.mocks[1]), (on_b, cluster.mocks[0])):
        for name in names:
            answer = httpx2.get(
                f"{other.url}/v1/appointments/{booked[name]}",
                headers={"Authorization": f"Bearer {ADMIN_KEY}", SESSION_HEADER: name},
                timeout=10,
            )
            assert answer.status_code == 404, answer.text
            assert answer.headers["content-type"].startswith("application/problem+json")
            # That request made the session on the other process too (fresh seed data): forget it.
            forgotten = httpx2.delete(
                f"{other.url}/_mock/session", headers={SESSION_HEADER: name}, timeout=10
            )
            assert forgotten.status_code == 204
    assert [_held(mock) for mock in cluster.mocks] == held


def test_a_session_clock_moves_for_that_session_only(
    cluster: Cluster, sessions: list[list[str]]
) -> None:
    names = [name for names in sessions for name in names]
    for name in names:
        _control(cluster, "POST", "/clock/freeze", name, at=FROZEN_AT.isoformat())
    for hours, name in enumerate(names, start=1):
        _control(cluster, "POST", "/clock/advance", name, hours=hours)

    for hours, name in enumerate(names, start=1):
        now = datetime.fromisoformat(_control(cluster, "GET", "/clock", name)["now"])
        assert now == FROZEN_AT + timedelta(hours=hours), name
        with _client(cluster, name) as client:  # and the API of that session reads it
            start = MONDAY + timedelta(days=1, hours=hours % 7)
            booked = client.appointments.create(
                type="individual",
                starts_at=start,
                ends_at=start + timedelta(minutes=30),
                practitioner_id=ADA,
                client_id=GRACE,
            )
            assert booked.created_at == FROZEN_AT + timedelta(hours=hours)


def test_requests_without_a_session_all_reach_one_process(cluster: Cluster) -> None:
    # The `default` session exists on every process; its journal shows who answered. (nginx
    # would balance an empty hash key round-robin: the config maps no header to "default".)
    for mock in cluster.mocks:
        httpx2.delete(f"{mock.url}/_mock/journal", timeout=10).raise_for_status()
    headers = {"Authorization": f"Bearer {ADMIN_KEY}"}
    with httpx2.Client(base_url=cluster.url, headers=headers, timeout=10) as http:
        for _ in range(8):
            assert http.get("/v1/appointments", params={"page_size": 1}).status_code == 200
        assert http.get("/v1/cancellation-reasons").status_code == 200
        named = http.get("/v1/appointments", headers={SESSION_HEADER: "default"})
        assert named.status_code == 200

    counts = [len(_journal(mock)) for mock in cluster.mocks]
    assert sorted(counts) == [0, 10], counts


def test_server_wide_control_calls_see_one_process(
    cluster: Cluster, sessions: list[list[str]]
) -> None:
    default_holder = _default_holder(cluster)
    listed = httpx2.get(f"{cluster.url}/_mock/sessions", timeout=10).json()["items"]
    assert {item["name"] for item in listed} == _held(cluster.mocks[default_holder])
    other = sessions[1 - default_holder]
    assert not {item["name"] for item in listed} & set(other)


def test_a_calendar_feed_reaches_the_process_of_its_session(
    cluster: Cluster, sessions: list[list[str]]
) -> None:
    # A session on the process that does not hold `default`: without the token's session in the
    # hash key, its feed (which carries no header) would go to the other process.
    name = sessions[1 - _default_holder(cluster)][0]
    with _client(cluster, name) as client:
        start = MONDAY + timedelta(days=2)
        booked = client.appointments.create(
            type="individual",
            starts_at=start,
            ends_at=start + timedelta(minutes=30),
            practitioner_id=ADA,
            client_id=GRACE,
        )
        (ada,) = [p for p in client.practitioners.list() if p.id == ADA]
        url = ada.calendar_url
    assert url is not None
    assert str(url).startswith(f"{cluster.url}/v1/")
    assert f"~{name}" in str(url)

    feed = httpx2.get(str(url), timeout=10)  # as a calendar client: no header, no key
    assert feed.status_code == 200, feed.text
    assert feed.headers["content-type"].startswith("text/calendar")
    # This session's feed: another process would answer from a fresh session (same seed data,
    # the same token) without the appointment booked here.
    assert f"UID:{booked.id}" in feed.text


def test_a_stopped_process_is_a_502_problem_never_another_session() -> None:
    with _cluster() as own:
        stopped, alive = own.mocks
        name = _spread(own, 1)[0][0]
        stopped.stop()
        for _ in range(3):  # nginx never marks it down and never tries the other process
            answer = httpx2.get(
                f"{own.url}/v1/appointments",
                headers={"Authorization": f"Bearer {ADMIN_KEY}", SESSION_HEADER: name},
                timeout=10,
            )
            assert answer.status_code == 502, answer.text
            assert answer.headers["content-type"] == "application/problem+json"
            problem = answer.json()
            assert (problem["status"], problem["code"]) == (502, "mock-process-unavailable")
        with _client(own, name) as client, pytest.raises(InternalServerError) as down:
            client.appointments.list()  # the SDK reads nginx's problem like the mock's
        assert (down.value.status_code, down.value.code) == (502, "mock-process-unavailable")
        assert name not in _held(alive)
