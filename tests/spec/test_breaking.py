"""The breaking-change gate: exact findings on a fixture pair, the version rule, the base default.

The fixture pair changes one thing per rule. Three findings changed level on purpose with the rule
catalogue (issue 12, item 8), so the pair now reports 10 breaking changes instead of 12:
the removed 410 is `response-error-status-removed` (info: removing an error response changes
nothing a client sends), the changed `page_size` default is `request-default-changed` (a warning:
behaviour changes, no request breaks). The new `bearer` scheme is also reported as
`security-scheme-added` (info), since scheme definitions are compared now.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen import breaking
from codegen._diff import Change
from codegen.spec import parse_yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
BASE = FIXTURES / "base.yaml"
HEAD = FIXTURES / "head.yaml"


def _load(path: Path) -> dict[str, Any]:
    data = parse_yaml(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _methods(tag_verb: str) -> set[str]:
    return {f"AppointmentsClient.{tag_verb}", f"AsyncAppointmentsClient.{tag_verb}"}


APPOINTMENT_READERS = (
    _methods("appointments.list")
    | _methods("appointments.create")
    | _methods("appointments.get")
    | _methods("appointments.cancel")
)


@pytest.fixture(scope="module")
def report() -> breaking.Report:
    return breaking.compare(_load(BASE), _load(HEAD), "base")


def _by(report: breaking.Report, level: str) -> dict[tuple[str, str], Change]:
    return {(c.rule, c.pointer): c for c in report.changes if c.level == level}


def test_fixture_reports_exactly_one_finding_per_breaking_rule(report: breaking.Report) -> None:
    assert set(_by(report, "breaking")) == {
        ("operation-removed", "/paths/~1rooms~1{room_id}/delete"),
        ("operation-moved", "/paths/~1appointments~1{appointment_id}~1cancellation/post"),
        ("parameter-added-required", "/paths/~1appointments/get/parameters/1"),
        ("parameter-made-required", "/paths/~1rooms/get/parameters/0/required"),
        (
            "request-property-added-required",
            "/components/schemas/AppointmentCreate/properties/room_id",
        ),
        (
            "request-type-narrowed",
            "/components/schemas/AppointmentCreate/properties/duration_minutes",
        ),
        (
            "request-enum-value-removed",
            "/components/schemas/AppointmentCreate/properties/channel/enum",
        ),
        ("response-property-removed", "/components/schemas/Appointment/properties/legacy_code"),
        ("response-null-added", "/components/schemas/Appointment/properties/notes"),
        ("security-tightened", "/paths/~1appointments/post/security"),
    }


def test_an_enum_value_added_to_responses_and_a_changed_default_are_warnings(
    report: breaking.Report,
) -> None:
    warnings = _by(report, "warning")
    assert set(warnings) == {
        ("response-enum-value-added", "/components/schemas/Status/enum"),
        ("request-default-changed", "/paths/~1appointments/get/parameters/0/schema/default"),
    }
    change = warnings[("response-enum-value-added", "/components/schemas/Status/enum")]
    assert set(change.symbols) == {"model Status", "model Appointment.status"} | APPOINTMENT_READERS


def test_additive_changes_are_not_breaking(report: breaking.Report) -> None:
    assert set(_by(report, "info")) == {
        ("operation-added", "/paths/~1rooms~1{room_id}/get"),
        ("parameter-added-optional", "/paths/~1appointments/get/parameters/2"),
        ("request-property-added", "/components/schemas/AppointmentCreate/properties/notes"),
        ("response-property-added", "/components/schemas/Appointment/properties/room_id"),
        ("security-loosened", "/security"),  # a new alternative scheme
        ("security-scheme-added", "/components/securitySchemes/bearer"),
        (
            "response-error-status-removed",
            "/paths/~1appointments~1{appointment_id}/get/responses/410",
        ),
    }


def test_operation_changes_name_both_clients(report: breaking.Report) -> None:
    changes = _by(report, "breaking")
    assert set(
        changes[("operation-removed", "/paths/~1rooms~1{room_id}/delete")].symbols
    ) == _methods("rooms.delete")
    moved = changes[
        ("operation-moved", "/paths/~1appointments~1{appointment_id}~1cancellation/post")
    ]
    assert set(moved.symbols) == _methods("appointments.cancel")
    assert "POST /appointments/{appointment_id}/cancel to POST" in moved.message


def test_shared_schema_changes_are_attributed_to_every_operation_using_them(
    report: breaking.Report,
) -> None:
    changes = _by(report, "breaking")
    removed = changes[
        ("response-property-removed", "/components/schemas/Appointment/properties/legacy_code")
    ]
    assert set(removed.symbols) == {"model Appointment.legacy_code"} | APPOINTMENT_READERS
    required = changes[
        (
            "request-property-added-required",
            "/components/schemas/AppointmentCreate/properties/room_id",
        )
    ]
    assert set(required.symbols) == {"model AppointmentCreate.room_id"} | _methods(
        "appointments.create"
    )


def test_the_gate_fails_on_breaking_changes(capsys: pytest.CaptureFixture[str]) -> None:
    assert breaking.main(["--base-file", str(BASE), "--spec", str(HEAD), "--no-empirical"]) == 1
    out = capsys.readouterr().out
    assert (
        "[breaking] operation-removed: DELETE /rooms/{room_id} (rooms.delete) was removed." in out
    )
    assert (
        out.rstrip()
        .splitlines()[-1]
        .startswith("FAIL: 10 breaking, 2 warning(s), 7 other change(s)")
    )


def test_the_gate_passes_when_the_major_version_is_raised(tmp_path: Path) -> None:
    head = _load(HEAD)
    head["info"]["version"] = "1.0.0"
    path = tmp_path / "head.yaml"
    path.write_text(yaml.safe_dump(head), encoding="utf-8")
    report = breaking.run(path, base_path=BASE)
    assert report is not None
    assert len(report.breaking) == 10
    assert report.major_raised
    assert report.passed
    assert breaking.main(["--base-file", str(BASE), "--spec", str(path), "--no-empirical"]) == 0


def test_a_minor_version_raise_does_not_allow_breaking_changes(report: breaking.Report) -> None:
    assert (report.base_version, report.head_version) == ("0.3.0", "0.4.0")
    assert not report.passed


def test_the_spec_compared_with_itself_has_no_changes() -> None:
    spec = _load(ROOT / "openapi.yaml")
    assert breaking.compare(spec, copy.deepcopy(spec)).changes == ()


def test_global_security_requirement_added_is_breaking_for_inheriting_operations() -> None:
    base = _load(BASE)
    head = copy.deepcopy(base)
    head["security"] = [{"oauth": ["appointments:read", "appointments:admin"]}]
    changes = breaking.compare(base, head).changes
    assert [(c.rule, c.pointer) for c in changes] == [("security-tightened", "/security")]
    # appointments.create has its own requirement and is not affected
    assert set(changes[0].symbols) == (
        _methods("appointments.list")
        | _methods("appointments.get")
        | _methods("appointments.cancel")
        | _methods("rooms.list")
        | _methods("rooms.delete")
    )


def test_a_schema_used_in_requests_and_responses_is_judged_per_direction() -> None:
    spec = _load(ROOT / "openapi.yaml")
    head = copy.deepcopy(spec)
    head["components"]["schemas"]["Status"]["enum"].append("tentative")
    changes = {(c.rule, c.level, c.pointer) for c in breaking.compare(spec, head).changes}
    assert changes == {
        ("response-enum-value-added", "warning", "/components/schemas/Status/enum"),
        ("request-enum-value-added", "info", "/components/schemas/Status/enum"),
    }


def test_nullable_through_any_of_and_renamed_operations() -> None:
    base = _load(BASE)
    head = copy.deepcopy(base)
    head["components"]["schemas"]["Appointment"]["properties"]["status"] = {
        "anyOf": [{"$ref": "#/components/schemas/Status"}, {"type": "null"}]
    }
    head["paths"]["/rooms"]["get"]["operationId"] = "rooms.search"
    found = {(c.rule, c.pointer, c.symbols) for c in breaking.compare(base, head).changes}
    assert found == {
        (
            "response-null-added",
            "/components/schemas/Appointment/properties/status",
            tuple(sorted({"model Appointment.status"} | APPOINTMENT_READERS)),
        ),
        (
            "operation-renamed",
            "/paths/~1rooms/get/operationId",
            tuple(sorted(_methods("rooms.list") | _methods("rooms.search"))),
        ),
    }


def test_markdown_is_a_changelog_section(report: breaking.Report) -> None:
    text = breaking.render_markdown(report)
    assert text.startswith("## [0.4.0] - unreleased\n")
    assert "### Breaking changes" in text
    assert "### Warnings" in text
    assert "### Other changes" in text
    assert "- DELETE /rooms/{room_id} (rooms.delete) was removed. (`operation-removed` at" in text


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@localhost", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_base_is_the_latest_tag_else_the_first_commit_with_the_spec(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    (tmp_path / "README").write_text("x", encoding="utf-8")
    _git(tmp_path, "add", "README")
    _git(tmp_path, "commit", "-qm", "no spec yet")
    assert breaking.default_base_ref(tmp_path) is None
    shutil.copy(BASE, tmp_path / "openapi.yaml")
    _git(tmp_path, "add", "openapi.yaml")
    _git(tmp_path, "commit", "-qm", "spec")
    first = _git(tmp_path, "rev-parse", "HEAD")
    shutil.copy(HEAD, tmp_path / "openapi.yaml")
    _git(tmp_path, "commit", "-qam", "change")
    assert breaking.default_base_ref(tmp_path) == first
    report = breaking.run(tmp_path / "openapi.yaml", root=tmp_path)
    assert report is not None
    assert report.base_ref == first
    assert len(report.breaking) == 10
    _git(tmp_path, "tag", "v0.4.0")
    assert breaking.default_base_ref(tmp_path) == "v0.4.0"
    report = breaking.run(tmp_path / "openapi.yaml", root=tmp_path)
    assert report is not None
    assert report.changes == ()
