"""Session snapshots without HTTP (``snapshot.py``): lossless, checked, and a world file too."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from appointments_mock.clock import Clock
from appointments_mock.domain import appointments
from appointments_mock.domain.context import Call
from appointments_mock.idempotency import IdempotencyStore, StoredResponse
from appointments_mock.seed import new_world
from appointments_mock.snapshot import export_session, import_snapshot
from appointments_mock.store import World
from appointments_mock.world_file import WorldFileError, load_world, parse_world

NOW = datetime(2030, 3, 4, 6, 25, tzinfo=UTC)


def _world() -> World:
    return new_world(clock=Clock(frozen_at=NOW))


def _through_json(document: dict[str, Any]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(json.dumps(document))
    return loaded


def _problems(document: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(WorldFileError) as refused:
        import_snapshot(document)
    return {p.pointer: p.message for p in refused.value.problems}


def test_export_import_export_is_the_same_document() -> None:
    store = IdempotencyStore()
    store.restore([("hash:key-1", "f" * 64, StoredResponse(201, ((b"etag", b'"1"'),), b"{}"))])
    document = _through_json(export_session(_world(), store))
    world, restored = import_snapshot(document)
    assert _through_json(export_session(world, restored)) == document
    assert document["idempotency_keys"] == [
        {
            "scope": "hash:key-1",
            "fingerprint": "f" * 64,
            "status": 201,
            "headers": [["etag", '"1"']],
            "body": "e30=",
        }
    ]


def test_the_restored_world_answers_and_continues_as_the_original() -> None:
    original = _world()
    restored, _ = import_snapshot(_through_json(export_session(original)))
    admin = Call(actor=original.api_keys["demo-admin-key"], now=NOW)
    for world in (original, restored):
        assert world.clock.now() == NOW
    for query in (
        {},
        {"status": ["canceled"]},
        {"deleted": "only"},
        {"order_by": "updated_at_desc"},
    ):
        assert appointments.list_appointments(
            restored, admin, page_size=100, **query
        ) == appointments.list_appointments(original, admin, page_size=100, **query)
    assert restored.new_id() == original.new_id()
    assert restored.calendar_token(("practitioner", "3f2a7c4e-1b5d-4e8f-9a6b-0c1d2e3f4a5b")) == (
        original.calendar_token(("practitioner", "3f2a7c4e-1b5d-4e8f-9a6b-0c1d2e3f4a5b"))
    )


def test_the_purge_schedule_comes_back_with_the_deleted_records() -> None:
    original = _world()
    deleted = original.labels["deleted"]
    restored, _ = import_snapshot(_through_json(export_session(original)))
    purge_at = restored.appointments[deleted].purge_at
    assert purge_at is not None
    later = Call(actor=restored.api_keys["demo-admin-key"], now=purge_at + timedelta(seconds=1))
    appointments.list_appointments(restored, later)  # the next call purges what expired
    assert deleted not in restored.appointments
    assert restored.audit_events[-1].action == "appointment.purged"


def test_a_world_file_may_not_hold_a_snapshots_members() -> None:
    document = _through_json(export_session(_world()))
    document.pop("counters")
    with pytest.raises(WorldFileError) as refused:
        parse_world(json.dumps(document), json_syntax=True)
    messages = {p.pointer: p.message for p in refused.value.problems}
    assert messages["/appointments/0/version"] == "only in a snapshot (a document with counters)"
    assert "/appointments/0/attendees" in messages  # an individual appointment's seat


def test_a_snapshot_takes_records_as_they_are_and_needs_them_whole() -> None:
    document = _through_json(export_session(_world()))
    first = document["appointments"][0]
    first.pop("id")
    first.pop("updated_at")
    first["created_by"] = "demo-admin-key"
    first["ends_at"] = "+PT1H"
    document["appointments"][7]["attendees"][0].pop("version")
    document["appointments"][2]["cancellation"]["canceled_by"] = "demo-client-key"
    document["appointments"][3]["attendees"].append(
        dict(document["appointments"][4]["attendees"][0])
    )
    problems = _problems(document)
    assert problems == {
        "/appointments/0": "a snapshot's record needs updated_at",
        "/appointments/0/created_by": (
            "a snapshot's appointments are taken as they are: no created_by"
        ),
        "/appointments/0/ends_at": "'+PT1H': a snapshot's instants are absolute (RFC 3339)",
        "/appointments/2/cancellation/canceled_by": "a snapshot names the actor (an object)",
        "/appointments/4/attendees/0/id": problems["/appointments/4/attendees/0/id"],
        "/appointments/7/attendees/0": "a snapshot's record needs version",
    }
    assert problems["/appointments/4/attendees/0/id"].startswith("duplicate id")


def test_a_snapshot_is_a_world_file_for_serve(tmp_path: Path) -> None:
    original = _world()
    path = tmp_path / "session.json"
    path.write_text(json.dumps(export_session(original)))
    world = load_world(path).build(seed=99)  # a snapshot keeps its own seed and clock
    assert world.clock.now() == NOW
    assert world.labels == original.labels
    assert world.new_id() == original.new_id()


def test_a_snapshots_own_members_are_checked_too() -> None:
    document = _through_json(export_session(_world()))
    document["clock"] = {"mode": "frozen", "now": "9999-12-31T23:59:59Z"}
    document["idempotency_keys"] = [
        {
            "scope": "x:y",
            "fingerprint": "a" * 64,
            "status": 200,
            "headers": [["x", "€"]],
            "body": "%%",
        }
    ]
    document["audit_events"][0]["occurred_at"] = "0001-01-01T00:00:00Z"
    document["appointments"][1]["starts_at"] = "9999-06-01T00:00:00Z"
    problems = _problems(document)
    assert set(problems) == {
        "/clock/now",
        "/idempotency_keys/0/body",
        "/idempotency_keys/0/headers/0",
        "/audit_events/0/occurred_at",
        "/appointments/1/starts_at",
    }
    assert "outside 0002-01-01 .. 9998-12-31" in problems["/clock/now"]
