"""World files (``world_file.py``, ``world_build.py``): a good file becomes a consistent world;
a bad one is refused with every problem, each located by JSON Pointer and line."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from appointments_mock.clock import Clock
from appointments_mock.domain import appointments
from appointments_mock.domain.context import Call
from appointments_mock.domain.history import list_audit_events
from appointments_mock.limits import WORLD_TEMPLATES
from appointments_mock.seed import (
    CLIENTS,
    DEMO_CLIENT_ID,
    DEMO_KEYS,
    DEMO_PRACTITIONER_ID,
    DEMO_SIGNING_KEYS,
    PRACTITIONERS,
    demo_world,
    new_world,
)
from appointments_mock.snapshot import export_session
from appointments_mock.store import World
from appointments_mock.world_build import build_world
from appointments_mock.world_file import (
    WorldFile,
    WorldFileError,
    WorldProblem,
    load_world,
    parse_world,
    schema,
)
from tests.world_state import snapshot

NOW = datetime(2030, 3, 4, 6, 25, tzinfo=UTC)  # a Monday; the session starts at 06:00
START = NOW.replace(minute=0)
DR = "11111111-1111-4111-8111-111111111111"
ANN = "22222222-2222-4222-8222-222222222222"
BEN = "33333333-3333-4333-8333-333333333333"
CAT = "44444444-4444-4444-8444-444444444444"
FIXED = "55555555-5555-4555-8555-555555555555"


def every_state() -> dict[str, Any]:
    """A world with an appointment in each state the format can state."""
    return {
        "version": 1,
        "practitioners": [
            {
                "id": DR,
                "display_name": "Dr. Who",
                "email": "dr@example.com",
                "time_zone": "Europe/Paris",
                "working_hours": [{"weekday": 1, "start": "08:00", "end": "17:00"}],
            }
        ],
        "clients": [
            {"id": ANN, "given_name": "Ann", "family_name": "A", "booking_limit": 1},
            {"id": BEN, "given_name": "Ben", "family_name": "B", "email": "ben@example.com"},
            {"id": CAT, "given_name": "Cat", "family_name": "C", "time_zone": "Asia/Tokyo"},
        ],
        "api_keys": [
            {"key": "k-admin", "role": "admin"},
            {"key": "k-api", "role": "api_client", "id": "my-app", "display_name": "My app"},
            {"key": "k-staff", "role": "staff", "practitioner_id": DR},
            {"key": "k-ann", "role": "client", "client_id": ANN},
        ],
        "signing_keys": [{"key_id": "k-admin-signing", "secret": "s3cret", "api_key": "k-admin"}],
        "appointments": [
            {
                "id": FIXED,
                "label": "active",
                "type": "individual",
                "practitioner_id": DR,
                "client_id": ANN,
                "starts_at": "2030-03-05T09:00:00+01:00",
                "ends_at": "2030-03-05T09:30:00+01:00",
                "notes": "Absolute times.",
                "created_by": "k-api",
            },
            {
                "label": "canceled",
                "type": "individual",
                "practitioner_id": DR,
                "client_id": BEN,
                "starts_at": "+P2D",
                "ends_at": "+P2DT1H",
                "status": "canceled",
                "cancellation": {
                    "reason_code": 30,
                    "message": "Sorry.",
                    "canceled_at": "-PT2H",
                    "canceled_by": "k-admin",
                },
            },
            {
                "label": "deleted",
                "type": "individual",
                "practitioner_id": DR,
                "client_id": CAT,
                "starts_at": "+P3D",
                "ends_at": "+P3DT1H",
                "deleted_at": "-PT1H",
                "deleted_by": "k-admin",
                "purge_at": "+P5D",
            },
            {
                "label": "locked",
                "type": "individual",
                "practitioner_id": DR,
                "client_id": BEN,
                "starts_at": "-P3D",
                "ends_at": "-PT71H",
                "created_by": "k-api",
                "attendance": "arrived",
                "locked": True,
                "lock_reason": "invoiced",
            },
            {
                "label": "group",
                "type": "group",
                "practitioner_id": DR,
                "max_attendees": 3,
                "starts_at": "+P4D",
                "ends_at": "+P4DT1H",
                "created_by": "k-staff",
                "attendees": [
                    {"client_id": BEN, "notes": "Front row."},
                    {
                        "client_id": CAT,
                        "status": "canceled",
                        "cancellation": {
                            "reason_code": 60,
                            "note": "New shift.",
                            "canceled_at": "-PT3H",
                            "canceled_by": "k-admin",
                        },
                    },
                ],
            },
            {
                "label": "series",
                "type": "group",
                "practitioner_id": DR,
                "max_attendees": 2,
                "starts_at": "+P7D",
                "ends_at": "+P7DT1H",
                "repeat_rule": {"frequency": "weekly", "count": 3},
                "created_by": "k-api",
                "attendees": [{"client_id": CAT}],
            },
        ],
    }


def load(document: dict[str, Any], tmp_path: Path, name: str = "world.yaml") -> WorldFile:
    path = tmp_path / name
    if name.endswith(".json"):
        path.write_text(json.dumps(document, indent=2))
    else:
        path.write_text(yaml.safe_dump(document, sort_keys=False))
    return load_world(path)


def problems(
    document: dict[str, Any], tmp_path: Path, name: str = "world.yaml"
) -> list[WorldProblem]:
    with pytest.raises(WorldFileError) as refused:
        load(document, tmp_path, name)
    return refused.value.problems


def located(found: list[WorldProblem]) -> dict[str, str]:
    return {p.pointer: p.message for p in found}


def build(file: WorldFile, seed: int = 0) -> World:
    world: World = file.build(seed=seed, clock=Clock(frozen_at=NOW))
    return world


# --- a good file ---------------------------------------------------------------------------


def test_the_schema_is_json_schema_2020_12_and_lists_every_top_level_member() -> None:
    from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

    Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema()["properties"]) == {
        "$schema",
        "version",
        "practitioners",
        "clients",
        "api_keys",
        "signing_keys",
        "appointments",
        # a snapshot's (GET /_mock/snapshot), optional in a world file
        "clock",
        "audit_events",
        "notifications",
        "idempotency_keys",
        "counters",
    }
    assert "counters" not in schema().get("required", [])


def test_every_state_is_built_with_its_history(tmp_path: Path) -> None:
    world = build(load(every_state(), tmp_path))
    ids = world.labels
    active = world.appointments[ids["active"]]
    assert ids["active"] == FIXED
    assert active.starts_at == datetime(2030, 3, 5, 8, tzinfo=UTC)
    assert active.created_at == START - timedelta(days=14)  # the default created_at
    canceled = world.appointments[ids["canceled"]]
    assert canceled.status == "canceled"
    assert canceled.cancellation is not None
    assert canceled.cancellation.reason_code == 30
    assert canceled.cancellation.message == "Sorry."
    assert canceled.cancellation.canceled_at == START - timedelta(hours=2)
    assert canceled.cancellation.canceled_by.type == "admin"
    deleted = world.appointments[ids["deleted"]]
    assert deleted.deleted_at == START - timedelta(hours=1)
    assert deleted.purge_at == START + timedelta(days=5)
    locked = world.appointments[ids["locked"]]
    assert (locked.locked, locked.lock_reason) == (True, "invoiced")
    assert world.attendees[locked.attendee_ids[0]].attendance == "arrived"
    group = world.appointments[ids["group"]]
    seats = world.attendees_of(group)
    assert [(a.client_id, a.status) for a in seats] == [(BEN, "active"), (CAT, "canceled")]
    assert seats[0].notes == "Front row."
    series = world.appointments[ids["series"]]
    assert series.series_id is not None
    occurrences = [world.appointments[i] for i in world.by_series[series.series_id]]
    assert len(occurrences) == 3
    assert all([a.client_id for a in world.attendees_of(o)] == [CAT] for o in occurrences)


def test_the_audit_trail_tells_the_history_in_time_order(tmp_path: Path) -> None:
    world = build(load(every_state(), tmp_path))
    admin = Call(actor=world.api_keys["k-admin"], now=NOW)
    events = list_audit_events(world, admin, appointment_id=world.labels["canceled"])["items"]
    assert [e["action"] for e in events] == [
        "appointment.created",
        "attendee.added",
        "appointment.canceled",
        "attendee.canceled",
    ]
    occurred = [e.occurred_at for e in world.audit_events]
    assert occurred == [*sorted(occurred[:-1]), occurred[-1]]  # the lock comes last, at now
    assert world.audit_events[-1].action == "appointment.updated"
    assert world.notifications[world.labels["canceled"]]  # the cancellation told the client


def test_lists_see_the_built_world_through_the_indexes(tmp_path: Path) -> None:
    world = build(load(every_state(), tmp_path))
    admin = Call(actor=world.api_keys["k-admin"], now=NOW)
    listed = appointments.list_appointments(world, admin, page_size=100)["items"]
    assert {a["id"] for a in listed} == {
        a.id for a in world.appointments.values() if a.status == "active" and not a.deleted
    }
    deleted = appointments.list_appointments(world, admin, deleted="only", page_size=100)["items"]
    assert [a["id"] for a in deleted] == [world.labels["deleted"]]


def test_booking_limits_bind_the_sessions_bookings_not_the_history(tmp_path: Path) -> None:
    document = every_state()
    world = build(load(document, tmp_path))
    assert world.clients[ANN].booking_limit == 1  # Ann holds one upcoming appointment already
    call = Call(actor=world.api_keys["k-admin"], now=NOW)
    body = {
        "type": "individual",
        "practitioner_id": DR,
        "client_id": ANN,
        "starts_at": NOW + timedelta(days=20),
        "ends_at": NOW + timedelta(days=20, hours=1),
    }
    with pytest.raises(Exception, match="booking"):
        appointments.create_appointment(world, call, body)


def test_reference_data_and_keys_are_kept_as_given(tmp_path: Path) -> None:
    world = build(load(every_state(), tmp_path))
    assert world.practitioners[DR].working_hours[0].start_minutes == 8 * 60
    assert world.clients[CAT].time_zone == "Asia/Tokyo"
    api = world.api_keys["k-api"]
    assert (api.type, api.id, api.display_name) == ("api_client", "my-app", "My app")
    staff = world.api_keys["k-staff"]
    assert (staff.practitioner_id, staff.display_name) == (DR, "Dr. Who")
    assert world.api_keys["k-admin"].id == "k-admin"  # the default actor id: the key
    signing = world.signing_keys["k-admin-signing"]
    assert (signing.secret, signing.actor) == (b"s3cret", world.api_keys["k-admin"])


def test_a_seed_draws_other_ids_but_keeps_the_given_ones(tmp_path: Path) -> None:
    file = load(every_state(), tmp_path)
    first, again, other = build(file, 0), build(file, 0), build(file, 1)
    assert first.labels == again.labels
    assert other.labels["active"] == first.labels["active"] == FIXED
    assert other.labels["canceled"] != first.labels["canceled"]


def test_json_and_yaml_files_give_the_same_world(tmp_path: Path) -> None:
    as_yaml = build(load(every_state(), tmp_path, "w.yaml"))
    as_json = build(load(every_state(), tmp_path, "w.json"))
    assert as_yaml.labels == as_json.labels
    assert len(as_yaml.audit_events) == len(as_json.audit_events)


def test_yaml_reads_times_of_day_and_instants_as_text() -> None:
    # YAML 1.1 would read 17:00 as the number 1020 and an unquoted instant as a timestamp.
    text = f"""
practitioners:
  - id: {DR}
    display_name: Dr. Who
    time_zone: Europe/Paris
    working_hours: [{{weekday: 1, start: 08:00, end: 17:00}}]
clients: [{{id: {ANN}, given_name: Ann, family_name: A}}]
appointments:
  - {{type: individual, practitioner_id: {DR}, client_id: {ANN},
      starts_at: 2030-03-05T09:00:00Z, ends_at: 2030-03-05T10:00:00Z}}
"""
    world = parse_world(text).build(clock=Clock(frozen_at=NOW))
    assert world.practitioners[DR].working_hours[0].end_minutes == 17 * 60
    assert next(iter(world.appointments.values())).starts_at == datetime(2030, 3, 5, 9, tzinfo=UTC)


# --- the demo file -------------------------------------------------------------------------


def test_the_demo_data_is_a_world_file_with_the_fixed_ids_and_keys() -> None:
    file = demo_world()
    assert file.keys() == DEMO_KEYS
    assert file.signing_keys() == DEMO_SIGNING_KEYS
    assert PRACTITIONERS[0].id == DEMO_PRACTITIONER_ID
    assert CLIENTS[0].id == DEMO_CLIENT_ID
    world = new_world(clock=Clock(frozen_at=NOW))
    assert set(world.labels) == {
        "past",
        "upcoming",
        "canceled",
        "other_client",
        "in_progress",
        "locked",
        "deleted",
        "group",
        "past_group",
        "canceled_group",
        "series",
    }
    assert world.appointments[world.labels["in_progress"]].starts_at == START
    assert world.appointments[world.labels["locked"]].lock_reason == "invoiced"


def test_the_demo_ids_are_those_of_the_seed() -> None:
    # The ids drawn before the world file existed, for seed 0 (clients' tests may know them).
    assert new_world(seed=0).labels["upcoming"] == "fcbd04c3-4021-4ef7-8ca5-a5a19e4d6e3c"
    assert new_world(seed=0).labels["series"] == "21e15094-9efe-4464-9a90-f534a23d4c9d"
    assert new_world(seed=3).labels["upcoming"] != new_world(seed=0).labels["upcoming"]


# --- a bad file: every problem, located ----------------------------------------------------


def test_schema_problems_name_the_pointer_and_the_line(tmp_path: Path) -> None:
    document = every_state()
    document["api_keys"][1]["role"] = "superuser"
    document["appointments"][1]["ends_at"] = "tomorrow"
    document["clients"][0]["nickname"] = "Annie"
    found = problems(document, tmp_path)
    by_pointer = located(found)
    assert "is not one of" in by_pointer["/api_keys/1/role"]
    assert "neither an RFC 3339 instant" in by_pointer["/appointments/1/ends_at"]
    assert "nickname" in by_pointer["/clients/0"]
    lines = (tmp_path / "world.yaml").read_text().splitlines()
    for problem in found:
        assert problem.line is not None
        assert problem.pointer.rsplit("/", 1)[-1] in lines[problem.line - 1] or (
            problem.pointer == "/clients/0"
        )


def test_rules_the_schema_cannot_state_are_each_reported(tmp_path: Path) -> None:
    document = every_state()
    appts = document["appointments"]
    document["clients"].append(copy.deepcopy(document["clients"][0]))  # duplicate id
    document["practitioners"][0]["time_zone"] = "Mars/Olympus"
    document["api_keys"][2].pop("practitioner_id")  # a staff key for nobody
    document["api_keys"][1]["client_id"] = ANN  # a client id on an api_client key
    document["signing_keys"][0]["api_key"] = "k-nobody"
    appts[0]["practitioner_id"] = "99999999-9999-4999-8999-999999999999"
    appts[0]["attendees"] = [{"client_id": BEN}]  # attendees on an individual appointment
    appts[1].pop("cancellation")  # canceled without a reason
    appts[2].pop("deleted_at")  # purge_at without deleted_at
    appts[3].pop("locked")  # lock_reason without locked
    appts[4]["attendees"][0]["client_id"] = "99999999-9999-4999-8999-999999999999"
    appts[4]["created_by"] = "k-unknown"
    appts[5]["id"] = FIXED  # an id on a series, and a duplicate one
    document["practitioners"][0]["working_hours"][0]["end"] = "07:00"
    found = {(p.pointer, p.message) for p in problems(document, tmp_path)}
    assert found == {
        ("/practitioners/0/time_zone", "unknown time zone 'Mars/Olympus'"),
        ("/practitioners/0/working_hours/0/end", "must be after start"),
        ("/clients/3/id", f"duplicate id '{ANN}' (also at /clients/0/id)"),
        ("/api_keys/1/client_id", "only a client key has client_id"),
        ("/api_keys/2", "a staff key needs practitioner_id"),
        ("/signing_keys/0/api_key", "unknown API key 'k-nobody'"),
        (
            "/appointments/0/practitioner_id",
            "unknown practitioner '99999999-9999-4999-8999-999999999999'",
        ),
        ("/appointments/0/attendees", "only a group appointment has attendees"),
        ("/appointments/1", "a canceled record needs a cancellation (reason_code, canceled_at)"),
        ("/appointments/2/purge_at", "only a soft-deleted appointment (deleted_at) has purge_at"),
        (
            "/appointments/2/deleted_by",
            "only a soft-deleted appointment (deleted_at) has deleted_by",
        ),
        ("/appointments/3/lock_reason", "only a locked appointment (locked: true) has lock_reason"),
        (
            "/appointments/4/attendees/0/client_id",
            "unknown client '99999999-9999-4999-8999-999999999999'",
        ),
        ("/appointments/4/created_by", "unknown API key 'k-unknown' (not in /api_keys)"),
        ("/appointments/5/id", "the ids of a series are drawn: no id with repeat_rule"),
        ("/appointments/5/id", f"duplicate id '{FIXED}' (also at /appointments/0/id)"),
    }


def test_what_the_rules_refuse_in_the_replay_is_located(tmp_path: Path) -> None:
    document = every_state()
    appts = document["appointments"]
    appts[1]["cancellation"]["canceled_at"] = "+P3D"  # after the appointment ended
    appts[1]["cancellation"]["reason_code"] = 30
    appts[2]["purge_at"] = "-PT2H"  # before deleted_at
    appts[3]["starts_at"] = "+P2DT30M"  # the slot of #1, still booked then
    appts[3]["ends_at"] = "+P2DT1H30M"
    appts[3].pop("locked")
    appts[3].pop("lock_reason")
    appts[4]["max_attendees"] = 1
    appts[4]["attendees"].insert(0, {"client_id": ANN})  # a second seat of one
    appts[0].pop("created_by")
    appts[0]["deleted_at"] = "-PT5H"  # the system may not delete: a key must
    by_pointer = located(problems(document, tmp_path))
    assert "appointment-ended" in by_pointer["/appointments/1/cancellation/canceled_at"]
    assert by_pointer["/appointments/2/purge_at"] == "must be after deleted_at"
    assert "(appointment-full)" in by_pointer["/appointments/4/attendees/1"]
    assert "(slot-conflict)" in by_pointer["/appointments/3"]
    assert "name an admin, api_client or staff key" in by_pointer["/appointments/0/deleted_at"]


def test_a_slot_conflict_and_an_unknown_reason_are_located(tmp_path: Path) -> None:
    document = every_state()
    appts = document["appointments"]
    appts[2]["starts_at"] = "2030-03-05T08:15:00Z"
    appts[2]["ends_at"] = "2030-03-05T08:45:00Z"  # over the active appointment
    appts[1]["cancellation"]["reason_code"] = 999
    by_pointer = located(problems(document, tmp_path))
    assert "(slot-conflict)" in by_pointer["/appointments/2"]
    assert "(invalid-cancellation-reason)" in by_pointer["/appointments/1/cancellation/reason_code"]


def test_the_replay_runs_in_time_order_so_a_canceled_slot_can_be_booked_again(
    tmp_path: Path,
) -> None:
    document = every_state()
    appts = document["appointments"]
    appts[3].update(starts_at="+P2DT30M", ends_at="+P2DT1H30M", created_at="-PT1H")
    for name in ("locked", "lock_reason", "attendance"):
        appts[3].pop(name)
    world = build(load(document, tmp_path))  # #1 was canceled at -PT2H: its slot is free
    rebooked = world.appointments[world.labels["locked"]]
    assert rebooked.created_at == START - timedelta(hours=1)
    assert rebooked.status == "active"


def test_a_step_before_the_booking_is_refused(tmp_path: Path) -> None:
    document = every_state()
    document["appointments"][1]["created_at"] = "-PT1H"  # canceled at -PT2H
    by_pointer = located(problems(document, tmp_path))
    assert by_pointer == {
        "/appointments/1/cancellation/canceled_at": (
            "is before the appointment was booked (give an earlier created_at)"
        )
    }


def test_an_appointment_long_ago_is_booked_before_it_started_by_default(tmp_path: Path) -> None:
    document = every_state()
    document["appointments"][3].update(starts_at="-P30D", ends_at="-PT719H")
    world = build(load(document, tmp_path))
    old = world.appointments[world.labels["locked"]]
    assert old.created_at == START - timedelta(days=44)


def test_every_problem_is_listed_at_once_in_the_message(tmp_path: Path) -> None:
    document = every_state()
    document["clients"][1]["booking_limit"] = 0  # schema
    document["clients"][2]["time_zone"] = "Nowhere/Land"  # rule
    document["appointments"][0]["client_id"] = "99999999-9999-4999-8999-999999999999"  # rule
    with pytest.raises(WorldFileError) as refused:
        load(document, tmp_path)
    text = str(refused.value)
    assert text.startswith(f"{tmp_path / 'world.yaml'}: 3 problems in the world file:")
    for pointer in (
        "/clients/1/booking_limit",
        "/clients/2/time_zone",
        "/appointments/0/client_id",
    ):
        assert f": {pointer}: " in text
    assert "Traceback" not in text


def test_a_record_the_schema_refuses_is_not_checked_further(tmp_path: Path) -> None:
    document = every_state()
    document["appointments"][0]["type"] = "party"
    document["appointments"][0]["practitioner_id"] = "99999999-9999-4999-8999-999999999999"
    found = problems(document, tmp_path)
    assert [p.pointer for p in found] == ["/appointments/0/type"]


@pytest.mark.parametrize(
    ("name", "text", "line", "start"),
    [
        ("w.yaml", "practitioners:\n  - id: [1,\n", 3, "not YAML"),
        ("w.json", '{"practitioners": [\n  {"id": 1,}\n]}', 2, "not JSON"),
        ("w.yaml", "- just\n- a list\n", 1, "the document must be an object"),
    ],
)
def test_a_file_that_does_not_parse_says_where(
    tmp_path: Path, name: str, text: str, line: int, start: str
) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(WorldFileError) as refused:
        load_world(path)
    [problem] = refused.value.problems
    assert problem.message.startswith(start)
    assert problem.line == line


def test_a_json_file_gets_line_numbers_too(tmp_path: Path) -> None:
    document = every_state()
    document["appointments"][3]["type"] = "party"
    [problem] = problems(document, tmp_path, "w.json")
    text = (tmp_path / "w.json").read_text().splitlines()
    assert problem.line is not None
    assert '"type": "party"' in text[problem.line - 1]


def test_a_missing_file_is_one_clear_problem(tmp_path: Path) -> None:
    with pytest.raises(WorldFileError, match="cannot read the file"):
        load_world(tmp_path / "nowhere.yaml")


def test_yaml_aliases_cannot_blow_up_the_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from appointments_mock import world_file

    monkeypatch.setattr(world_file, "WORLD_MAX_NODES", 1000)
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 12)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(WorldFileError, match="more than 1000 values"):
        load_world(path)


def test_the_readme_example_is_a_good_world_file() -> None:
    readme = (Path(__file__).parents[3] / "README.md").read_text()
    section = readme.split("### Your own world", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    world = parse_world(example, "README.md").build(clock=Clock(frozen_at=NOW))
    assert world.labels == {"checkup": "33333333-3333-4333-8333-333333333333"}
    canceled = [a for a in world.appointments.values() if a.status == "canceled"]
    assert len(canceled) == 1
    assert canceled[0].deleted


def test_a_step_a_later_session_refuses_is_left_out_and_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    text = f"""
practitioners: [{{id: {DR}, display_name: Dr. Who, time_zone: Europe/Paris}}]
clients: [{{id: {ANN}, given_name: Ann, family_name: A}}]
appointments:
  - type: individual
    practitioner_id: {DR}
    client_id: {ANN}
    starts_at: "2029-06-01T09:00:00Z"
    ends_at: "2029-06-01T10:00:00Z"
    status: canceled
    cancellation: {{reason_code: 30, canceled_at: "-PT1H"}}
"""
    file = parse_world(text, "mixed.yaml", json_syntax=False)  # now: canceled before it starts
    world = file.build(clock=Clock(frozen_at=NOW))  # in 2030: "-PT1H" is after it ended
    [appointment] = world.appointments.values()
    assert appointment.status == "active"
    assert "mixed.yaml: /appointments/0/cancellation/canceled_at" in caplog.text
    assert "appointment-ended" in caplog.text


# --- one replay per seed, retention and hour, copied into each session ------------------------
# (``WorldFile.build``: the copy must be the world the replay gives, and a world of its own)


def replayed(file: WorldFile, clock: Clock, seed: int = 0, retention_days: int = 30) -> World:
    """The world the replay itself gives (no template)."""
    world, problems = build_world(
        file.document, seed=seed, retention_days=retention_days, clock=clock
    )
    assert problems == []
    return world


def state(world: World) -> dict[str, Any]:
    """Everything a session answers from: the records as a snapshot, and the indexes."""
    return {
        "snapshot": export_session(world),
        "state": snapshot(world),
        "labels": world.labels,
        "max_duration": world.max_duration,
        "next_id": world.new_id(),
    }


@pytest.fixture(params=["demo", "every_state"])
def file(request: pytest.FixtureRequest, tmp_path: Path) -> WorldFile:
    if request.param == "demo":
        return WorldFile(demo_world().source, demo_world().document)  # a template of its own
    return load(every_state(), tmp_path)


@pytest.mark.parametrize("seed", [0, 7])
def test_a_copied_world_is_the_replayed_world(file: WorldFile, seed: int) -> None:
    first = file.build(seed=seed, clock=Clock(frozen_at=NOW))
    again = file.build(seed=seed, clock=Clock(frozen_at=NOW + timedelta(minutes=20)))
    assert state(first) == state(replayed(file, Clock(frozen_at=NOW), seed))
    # The same hour: the same template; only the locks are applied at the later now.
    later = replayed(file, Clock(frozen_at=NOW + timedelta(minutes=20)), seed)
    assert state(again) == state(later)


def test_locks_are_applied_at_each_sessions_now(tmp_path: Path) -> None:
    file = load(every_state(), tmp_path)
    for minutes in (0, 20):
        now = NOW + timedelta(minutes=minutes)
        world = file.build(clock=Clock(frozen_at=now))
        locked = world.appointments[world.labels["locked"]]
        assert (locked.locked, locked.updated_at) == (True, now)


def test_a_session_in_another_hour_gets_its_own_history(tmp_path: Path) -> None:
    file = load(every_state(), tmp_path)
    now = file.build(clock=Clock(frozen_at=NOW))
    later = file.build(clock=Clock(frozen_at=NOW + timedelta(hours=1)))
    assert state(later) == state(replayed(file, Clock(frozen_at=NOW + timedelta(hours=1))))
    hour = timedelta(hours=1)
    for label in ("locked", "group"):  # relative instants follow the hour; absolute ones stay
        assert later.appointments[later.labels[label]].starts_at - hour == (
            now.appointments[now.labels[label]].starts_at
        )
    assert later.appointments[FIXED].starts_at == now.appointments[FIXED].starts_at


def test_a_real_clock_session_is_the_replay_at_its_now(file: WorldFile) -> None:
    frozen = Clock(frozen_at=NOW)
    world = file.build(clock=Clock(source=frozen.now))  # a real-time clock that reads NOW
    assert state(world) == state(replayed(file, Clock(source=frozen.now)))


def test_changing_one_session_changes_neither_the_template_nor_another_session(
    file: WorldFile,
) -> None:
    clock = Clock(frozen_at=NOW)
    first = file.build(clock=clock)
    before = export_session(file.build(clock=clock))
    admin = next(a for a in first.api_keys.values() if a.type == "admin")
    call = Call(actor=admin, now=NOW)
    for appt in list(first.appointments.values()):
        if (
            appt.status == "active"
            and not appt.locked
            and not appt.deleted
            and appt.starts_at > NOW
        ):
            appointments.update_appointment(first, call, appt.id, {"notes": "changed"})
            appointments.cancel_appointment(first, call, appt.id, {"reason_code": 30})
    assert export_session(first) != before
    assert export_session(file.build(clock=clock)) == before


def test_at_most_world_templates_histories_are_kept(tmp_path: Path) -> None:
    file = load(every_state(), tmp_path)
    for seed in range(WORLD_TEMPLATES + 3):
        file.build(seed=seed, clock=Clock(frozen_at=NOW))
    kept = file._templates
    assert len(kept) == WORLD_TEMPLATES
    assert [seed for seed, _, _ in kept] == list(range(3, WORLD_TEMPLATES + 3))
