"""``serve --state-dir DIR``: every acknowledged write survives ``kill -9``, nothing else does.

Real server processes (127.0.0.1, a free port, stopped by PID) for the kill and restart tests; an
in-process app for a state directory that refuses writes.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from appointments_mock import durable as durable_module
from appointments_mock.app import create_app, session_of
from appointments_mock.durable import DirectoryInUse, StateStore
from tests.mock_http._support import ADMIN, PRACTITIONER_ID

FIRST_MONDAY = datetime(2031, 1, 6, tzinfo=UTC)


def _slot(i: int) -> tuple[str, str]:
    """The i-th free 30-minute slot of the seeded practitioner (weekdays, 09:00-17:00 Berlin)."""
    day, half_hours = divmod(i, 16)
    week, weekday = divmod(day, 5)
    start = FIRST_MONDAY + timedelta(days=7 * week + weekday, hours=8, minutes=30 * half_hours)
    end = start + timedelta(minutes=30)
    return start.isoformat().replace("+00:00", "Z"), end.isoformat().replace("+00:00", "Z")


def _group(i: int, notes: str) -> dict[str, Any]:
    start, end = _slot(i)
    return {
        "type": "group",
        "starts_at": start,
        "ends_at": end,
        "practitioner_id": PRACTITIONER_ID,
        "max_attendees": 3,
        "notes": notes,
    }


@dataclass
class Server:
    process: subprocess.Popen[str]
    api: str
    control: str

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)


def _start(*argv: str, cwd: Path | None = None, log: Path | None = None) -> Server:
    """``appointments-mock serve --port 0 ARGV``, once it listens."""
    err = open(log, "w") if log is not None else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "appointments_mock", "serve", "--port", "0", *argv],
        stdout=subprocess.PIPE,
        stderr=err,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + 60
    while not any("Press Ctrl-C" in line for line in lines):
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError(lines)
        line = process.stdout.readline()
        if not line:
            process.wait()
            raise AssertionError(f"the server stopped: {lines}")
        lines.append(line)
    found = re.search(r"API:\s+(http://127\.0\.0\.1:\d+)/v1", "".join(lines))
    assert found is not None, lines
    base = found.group(1)
    return Server(process, base + "/v1", base + "/_mock")


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    """Servers a test starts; any still running at its end are killed."""
    started: list[Server] = []
    yield started
    for server in started:
        server.kill()


def _client(server: Server, session: str) -> httpx.Client:
    return httpx.Client(headers={**ADMIN, "X-Mock-Session": session}, timeout=30)


# --- kill -9 in the middle of a burst ------------------------------------------------------------


@dataclass
class _Op:
    kind: str  # create, cancel, patch
    key: str | None
    target: str | None  # the appointment (cancel, patch)
    notes: str | None
    slot: int = 0  # a create's slot (``_slot``)
    status: int | None = None  # None: no answer (the connection failed)
    body: Any = None


@dataclass
class _Burst:
    ops: list[_Op] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    acknowledged: int = 0

    def add(self, op: _Op) -> None:
        with self.lock:
            self.ops.append(op)
            if op.status is not None and op.status < 300:
                self.acknowledged += 1


def _send(client: httpx.Client, server: Server, op: _Op) -> httpx.Response:
    headers = {"Idempotency-Key": op.key} if op.key else {}
    if op.kind == "create":
        assert op.notes is not None
        body = _group(op.slot, op.notes)
        return client.post(f"{server.api}/appointments", json=body, headers=headers)
    if op.kind == "cancel":
        return client.post(
            f"{server.api}/appointments/{op.target}/cancel",
            json={"reason_code": 30},
            headers=headers,
        )
    return client.patch(f"{server.api}/appointments/{op.target}", json={"notes": op.notes})


def test_every_acknowledged_write_survives_kill_9_and_no_write_is_doubled(
    tmp_path: Path, servers: list[Server]
) -> None:
    state = tmp_path / "state"
    server = _start("--state-dir", str(state), log=tmp_path / "first.log")
    servers.append(server)
    session = "burst"
    with _client(server, session) as client:
        made = [
            client.post(f"{server.api}/appointments", json=_group(i, f"setup-{i}"))
            for i in range(60)
        ]
    assert all(r.status_code == 201 for r in made), [r.text for r in made if r.status_code != 201]
    to_cancel = [r.json()["id"] for r in made[:48]]
    to_patch = [r.json()["id"] for r in made[48:]]
    burst = _Burst()
    next_slot = iter(range(100, 100_000))
    slot_lock = threading.Lock()

    def run(worker: int) -> None:
        with _client(server, session) as client:
            for n in range(10_000):
                kind = ("create", "cancel", "patch")[worker % 3]
                if kind == "create":
                    with slot_lock:
                        slot = next(next_slot)
                    op = _Op("create", f"create-{worker}-{n}", None, f"burst-{worker}-{n}", slot)
                elif kind == "cancel":
                    mine = to_cancel[worker // 3 :: 2]
                    if n >= len(mine):
                        return
                    op = _Op("cancel", f"cancel-{worker}-{n}", mine[n], None)
                else:
                    target = to_patch[worker // 3 + 2 * (n % 6)]
                    op = _Op("patch", None, target, f"patch-{worker}-{n}")
                try:
                    response = _send(client, server, op)
                except httpx.TransportError:
                    burst.add(op)  # no answer: it may or may not have been committed
                    return
                op.status = response.status_code
                op.body = response.json() if response.content else None
                burst.add(op)

    workers = [threading.Thread(target=run, args=(w,)) for w in range(6)]
    for worker in workers:
        worker.start()
    deadline = time.monotonic() + 60
    while burst.acknowledged < 150 and time.monotonic() < deadline:
        time.sleep(0.005)
    os.kill(server.process.pid, signal.SIGKILL)  # in the middle of the burst
    server.process.wait(timeout=30)
    for worker in workers:
        worker.join(timeout=60)
    ops = burst.ops
    answered = [op for op in ops if op.status is not None]
    unanswered = [op for op in ops if op.status is None]
    assert len(answered) >= 150
    assert all(op.status is not None and op.status < 300 for op in answered), [
        (op.kind, op.status, op.body) for op in answered if op.status and op.status >= 300
    ]
    assert unanswered, "the kill came after the burst"

    restarted = _start("--state-dir", str(state), log=tmp_path / "second.log")
    servers.append(restarted)
    with _client(restarted, session) as client:

        def everything() -> dict[str, dict[str, Any]]:
            listed = client.get(
                f"{restarted.api}/appointments",
                params={"status": ["active", "canceled"], "page_size": 100},
            )
            found: dict[str, dict[str, Any]] = {}
            while True:
                assert listed.status_code == 200, listed.text
                page = listed.json()
                found.update((a["id"], a) for a in page["items"])
                token = page.get("next_page_token")
                if not token:
                    return found
                listed = client.get(
                    f"{restarted.api}/appointments",
                    params={
                        "status": ["active", "canceled"],
                        "page_size": 100,
                        "page_token": token,
                    },
                )

        before = everything()
        by_notes: dict[str, list[dict[str, Any]]] = {}
        for appointment in before.values():
            by_notes.setdefault(appointment.get("notes") or "", []).append(appointment)
        # Every acknowledged create is there, once, as it was answered.
        for op in answered:
            if op.kind == "create":
                assert op.notes is not None
                assert [a["id"] for a in by_notes.get(op.notes, [])] == [op.body["id"]]
            elif op.kind == "cancel":
                assert before[op.target or ""]["status"] == "canceled"
                assert before[op.target or ""]["cancellation"] == op.body["cancellation"]
        # Every acknowledged PATCH is in its appointment's audit trail, once; the notes are the last.
        for target in to_patch:
            audit = client.get(f"{restarted.api}/appointments/{target}/audit-events").json()
            values = [
                c["new_value"]
                for e in audit["items"]
                for c in e["changes"]
                if c["field"] == "notes"
            ]
            assert len(values) == len(set(values))
            acked = [op.notes for op in answered if op.kind == "patch" and op.target == target]
            for notes in acked:
                assert notes in values
            others = set(values) - set(acked)
            lost = {op.notes for op in unanswered if op.kind == "patch" and op.target == target}
            assert others <= lost  # nothing that was not sent
            assert before[target]["notes"] == (values[-1] if values else None)
        # A write without an answer was committed or not: its retry, with the same key, replays it
        # if it was, and acts once if it was not; either way no write is doubled.
        for op in unanswered:
            if op.key is None:
                continue
            retry = _send(client, restarted, op)  # the same request, with the same key
            replayed = retry.headers.get("idempotent-replayed") == "true"
            if op.kind == "create":
                assert op.notes is not None
                present = by_notes.get(op.notes, [])
                assert len(present) <= 1
                assert retry.status_code == 201, retry.text
                assert replayed == bool(present)
                if present:
                    assert retry.json()["id"] == present[0]["id"]
            else:
                was = before[op.target or ""]["status"]
                assert retry.status_code == 200, retry.text
                assert replayed == (was == "canceled")
        after = everything()
        counts: dict[str, int] = {}
        for appointment in after.values():
            notes = appointment.get("notes") or ""
            counts[notes] = counts.get(notes, 0) + 1
        assert all(n == 1 for notes, n in counts.items() if notes.startswith("burst-")), counts
        created = [op for op in ops if op.kind == "create"]
        assert sum(1 for notes in counts if notes.startswith("burst-")) == len(created)


# --- what a restart keeps ---------------------------------------------------------------------


def _comparable(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A snapshot with its notifications in id order (they are kept with their appointments)."""
    return {**snapshot, "notifications": sorted(snapshot["notifications"], key=lambda n: n["id"])}


def test_a_restart_brings_back_every_session_as_it_was(
    tmp_path: Path, servers: list[Server]
) -> None:
    state = tmp_path / "state"
    server = _start("--state-dir", str(state), log=tmp_path / "first.log")
    servers.append(server)
    with (
        _client(server, "kept") as kept,
        _client(server, "reset") as reset,
        _client(server, "deleted") as deleted,
        _client(server, "advanced") as advanced,
    ):
        assert (
            kept.post(
                f"{server.control}/clock/freeze", json={"at": "2031-01-02T08:30:00Z"}
            ).status_code
            == 200
        )
        made = kept.post(
            f"{server.api}/appointments",
            json=_group(0, "first"),
            headers={"Idempotency-Key": "make"},
        )
        assert made.status_code == 201, made.text
        group = made.json()["id"]
        seat = kept.post(
            f"{server.api}/appointments/{group}/attendees",
            json={"client_id": "9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e"},
        )
        assert seat.status_code == 201, seat.text
        patched = kept.patch(f"{server.api}/appointments/{group}", json={"notes": "second"})
        assert patched.status_code == 200, patched.text
        other = kept.post(f"{server.api}/appointments", json=_group(1, "to cancel")).json()["id"]
        canceled = kept.post(
            f"{server.api}/appointments/{other}/cancel",
            json={"reason_code": 30},
            headers={"Idempotency-Key": "cancel"},
        )
        assert canceled.status_code == 200, canceled.text
        assert kept.post(f"{server.control}/clock/advance", json={"hours": 2}).status_code == 200
        before = kept.get(f"{server.control}/snapshot").json()
        assert before["notifications"]
        assert len(before["audit_events"]) >= 4
        assert before["clock"]["now"] == "2031-01-02T10:30:00Z"

        assert (
            reset.post(f"{server.api}/appointments", json=_group(2, "gone by reset")).status_code
            == 201
        )
        assert reset.post(f"{server.control}/reset").status_code == 200
        assert (
            deleted.post(f"{server.api}/appointments", json=_group(3, "gone by delete")).status_code
            == 201
        )
        assert deleted.delete(f"{server.control}/session").status_code == 204
        assert advanced.post(f"{server.control}/clock/advance", json={"days": 3}).status_code == 200
    server.kill()

    restarted = _start("--state-dir", str(state), log=tmp_path / "second.log")
    servers.append(restarted)
    with (
        _client(restarted, "kept") as kept,
        _client(restarted, "reset") as reset,
        _client(restarted, "advanced") as advanced,
    ):
        listed = kept.get(f"{restarted.control}/sessions").json()
        assert sorted(s["name"] for s in listed["items"]) == ["advanced", "kept"]
        after = kept.get(f"{restarted.control}/snapshot").json()
        assert _comparable(after) == _comparable(before)
        # The same key replays the first answer: no second appointment.
        again = kept.post(
            f"{restarted.api}/appointments",
            json=_group(0, "first"),
            headers={"Idempotency-Key": "make"},
        )
        assert again.status_code == 201
        assert again.headers.get("idempotent-replayed") == "true"
        assert again.json() == made.json()
        replayed = kept.post(
            f"{restarted.api}/appointments/{other}/cancel",
            json={"reason_code": 30},
            headers={"Idempotency-Key": "cancel"},
        )
        assert replayed.status_code == 200
        assert replayed.headers.get("idempotent-replayed") == "true"
        assert replayed.json() == canceled.json()
        assert (
            kept.get(f"{restarted.control}/snapshot").json()["appointments"]
            == before["appointments"]
        )
        # The reset session is the seed's again; the deleted one starts afresh.
        for name, client, notes in (("reset", reset, "gone by reset"),):
            notes_seen = [
                a.get("notes")
                for a in client.get(
                    f"{restarted.api}/appointments", params={"page_size": 100}
                ).json()["items"]
            ]
            assert notes not in notes_seen, name
        clock = advanced.get(f"{restarted.control}/clock").json()
        assert clock["mode"] == "offset"
        assert clock["offset_seconds"] == 3 * 86400
        with _client(restarted, "deleted") as fresh:
            items = fresh.get(f"{restarted.api}/appointments", params={"page_size": 100}).json()[
                "items"
            ]
            assert "gone by delete" not in [a.get("notes") for a in items]


def test_without_a_state_dir_nothing_is_written(tmp_path: Path, servers: list[Server]) -> None:
    home = tmp_path / "home"
    home.mkdir()
    server = _start(cwd=home, log=tmp_path / "server.log")
    servers.append(server)
    with _client(server, "default") as client:
        made = client.post(f"{server.api}/appointments", json=_group(0, "memory only"))
        assert made.status_code == 201
        assert client.post(f"{server.control}/clock/advance", json={"hours": 1}).status_code == 200
    server.kill()
    assert list(home.iterdir()) == []
    assert session_of(create_app()).world.persist is None


# --- a state directory that refuses a write -------------------------------------------------------


class _Refused(sqlite3.OperationalError):
    pass


@pytest.fixture
def durable(tmp_path: Path) -> Iterator[tuple[Any, StateStore]]:
    store = StateStore(tmp_path / "state")
    yield create_app(state_store=store), store
    store.close()


@pytest.mark.anyio
async def test_a_write_the_state_dir_refuses_changes_nothing_and_is_a_503(
    durable: tuple[Any, StateStore],
) -> None:
    app, store = durable
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://mock", headers=ADMIN
    ) as client:
        made = await client.post("/v1/appointments", json=_group(0, "kept"))
        assert made.status_code == 201, made.text
        appointment = made.json()
        world = session_of(app).world
        audit_before = len(world.audit_events)
        clock_before = (await client.get("/_mock/clock")).json()

        def refuse() -> None:
            raise _Refused("disk I/O error")

        store.fail = refuse
        for method, path, body in (
            ("POST", f"/v1/appointments/{appointment['id']}/cancel", {"reason_code": 30}),
            ("POST", "/v1/appointments", _group(1, "never")),
            ("PATCH", f"/v1/appointments/{appointment['id']}", {"notes": "never"}),
            ("POST", "/_mock/clock/advance", {"days": 1}),
            ("POST", "/_mock/reset", None),
            ("DELETE", "/_mock/session", None),
        ):
            refused = await client.request(
                method, path, json=body, headers={"Idempotency-Key": f"k-{method}-{path}"}
            )
            assert refused.status_code == 503, (path, refused.text)
            assert refused.headers["content-type"] == "application/problem+json"
            assert refused.json()["code"] == "state-not-saved"
        assert session_of(app).world is world  # not reset, not deleted
        assert len(world.audit_events) == audit_before
        now = await client.get(f"/v1/appointments/{appointment['id']}")
        assert now.json() == appointment
        assert (await client.get("/_mock/clock")).json()["offset_seconds"] == clock_before[
            "offset_seconds"
        ]
        # A session's first write (the session written whole) is refused alike.
        fresh = await client.post(
            "/v1/appointments", json=_group(2, "never"), headers={"X-Mock-Session": "new"}
        )
        assert fresh.status_code == 503, fresh.text
        assert (
            session_of(app, "new").world.appointments.keys()
            == session_of(create_app(), "new").world.appointments.keys()
        )
        # An answer that changed nothing (a 404) is kept for its key too: if that cannot be
        # written, the key is released and the request answered 503.
        missing = "/v1/appointments/00000000-0000-4000-8000-000000000000/cancel"
        lost = await client.post(
            missing, json={"reason_code": 30}, headers={"Idempotency-Key": "missing"}
        )
        assert lost.status_code == 503, lost.text
        assert lost.json()["code"] == "state-not-saved"
        store.fail = None
        again = await client.post(
            missing, json={"reason_code": 30}, headers={"Idempotency-Key": "missing"}
        )
        assert again.status_code == 404, again.text
        assert "idempotent-replayed" not in again.headers
        # The keys were released: the same request acts now.
        retried = await client.post(
            f"/v1/appointments/{appointment['id']}/cancel",
            json={"reason_code": 30},
            headers={"Idempotency-Key": f"k-POST-/v1/appointments/{appointment['id']}/cancel"},
        )
        assert retried.status_code == 200, retried.text
        assert "idempotent-replayed" not in retried.headers


@pytest.mark.anyio
async def test_a_second_app_on_the_same_state_dir_answers_as_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A small count so that the stored generator state is written anew on the way.
    monkeypatch.setattr(durable_module, "STATE_IDS_REPLAYED", 3)
    store = StateStore(tmp_path / "state")
    app = create_app(state_store=store)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://mock", headers=ADMIN
    ) as client:
        frozen = await client.post("/_mock/clock/freeze", json={"at": "2031-01-02T08:30:00Z"})
        assert frozen.status_code == 200
        for i in range(6):
            made = await client.post("/v1/appointments", json=_group(i, f"n{i}"))
            assert made.status_code == 201
            canceled = await client.post(
                f"/v1/appointments/{made.json()['id']}/cancel", json={"reason_code": 30}
            )
            assert canceled.status_code == 200
        before = (await client.get("/_mock/snapshot")).json()
    store.close()
    again = StateStore(tmp_path / "state")
    try:
        second = create_app(state_store=again)
        transport = httpx.ASGITransport(app=second)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://mock", headers=ADMIN
        ) as client:
            after = (await client.get("/_mock/snapshot")).json()
            assert _comparable(after) == _comparable(before)
            # The next id drawn is the one the first app would have drawn.
            made = await client.post("/v1/appointments", json=_group(7, "next"))
        expected = session_of(app).world.new_id()
        assert made.json()["id"] == expected
    finally:
        again.close()


def test_one_server_per_state_dir(tmp_path: Path) -> None:
    first = StateStore(tmp_path / "state")
    try:
        with pytest.raises(DirectoryInUse, match="another server uses"):
            StateStore(tmp_path / "state")
    finally:
        first.close()
    StateStore(tmp_path / "state").close()  # free again once the first is closed


@pytest.mark.anyio
async def test_an_evicted_session_leaves_the_state_dir(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state")
    app = create_app(state_store=store, max_sessions=1)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://mock", headers=ADMIN
    ) as client:
        for i, name in enumerate(("a", "b")):
            made = await client.post(
                "/v1/appointments", json=_group(i, name), headers={"X-Mock-Session": name}
            )
            assert made.status_code == 201
        evicted = await client.get("/v1/appointments", headers={"X-Mock-Session": "a"})
        assert evicted.status_code == 410
    store.close()
    again = StateStore(tmp_path / "state")
    try:
        assert [name for name, *_ in again.load()] == ["b"]
    finally:
        again.close()
