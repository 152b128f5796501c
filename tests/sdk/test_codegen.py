"""codegen: deterministic output, drift detection, and new operations reaching both clients."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

from codegen.generate import check, generate, write
from codegen.spec import load_spec


@pytest.fixture(scope="module")
def generated() -> dict[Path, str]:
    return generate()


def test_committed_code_is_what_codegen_generates(generated: dict[Path, str]) -> None:
    assert check(generated) == []


def test_every_generated_file_is_marked_as_generated(generated: dict[Path, str]) -> None:
    for text in generated.values():
        assert text.startswith("# Generated from openapi.yaml by `python -m codegen`. Do not edit")


def test_drift_names_each_edited_missing_or_extra_file(
    generated: dict[Path, str], tmp_path: Path
) -> None:
    write(generated, tmp_path)
    assert check(generated, tmp_path) == []
    models = tmp_path / "sdk/appointments/models.py"
    models.write_text(models.read_text() + "\n# hand edit\n")
    (tmp_path / "sdk/appointments/_version.py").unlink()
    (tmp_path / "sdk/appointments/resources/old_tag.py").write_text("")
    assert check(generated, tmp_path) == [
        "missing: sdk/appointments/_version.py",
        "out of date: sdk/appointments/models.py",
        "not generated (remove it): sdk/appointments/resources/old_tag.py",
    ]
    assert len(write(generated, tmp_path)) == 3
    assert check(generated, tmp_path) == []


def test_a_new_operation_becomes_a_typed_method_of_both_clients(
    generated: dict[Path, str], tmp_path: Path
) -> None:
    spec = load_spec()
    spec["paths"]["/appointments/{appointment_id}/confirm"] = {
        "parameters": [{"$ref": "#/components/parameters/AppointmentId"}],
        "post": {
            "operationId": "appointments.confirm",
            "tags": ["appointments"],
            "summary": "Confirm an appointment",
            "parameters": [
                {"$ref": "#/components/parameters/IfMatch"},
                {"name": "notify", "in": "query", "schema": {"type": "boolean"}},
            ],
            "responses": {
                "200": {
                    "description": "The appointment.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Appointment"}}
                    },
                }
            },
        },
    }
    changed = tmp_path / "openapi.yaml"
    changed.write_text(yaml.safe_dump(spec, sort_keys=False))
    files = generate(changed)
    module = ast.parse(files[Path("sdk/appointments/resources/appointments.py")])
    flavours = {}
    for cls in (n for n in module.body if isinstance(n, ast.ClassDef)):
        for fn in cls.body:
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) and fn.name == "confirm":
                flavours[cls.name] = fn
    assert set(flavours) == {
        "AppointmentsResource",
        "AsyncAppointmentsResource",
        "AppointmentsResourceWithRawResponse",
        "AsyncAppointmentsResourceWithRawResponse",
    }
    sync, async_ = flavours["AppointmentsResource"], flavours["AsyncAppointmentsResource"]
    assert isinstance(sync, ast.FunctionDef)
    assert isinstance(async_, ast.AsyncFunctionDef)
    for fn in (sync, async_):
        assert [a.arg for a in fn.args.args] == ["self", "appointment_id"]
        assert [a.arg for a in fn.args.kwonlyargs] == [
            "notify",
            "if_match",
            "idempotency_key",
            "extra_headers",
            "timeout",
        ]
        assert fn.returns is not None
        assert ast.unparse(fn.returns) == "Appointment"
    assert {p for p in files if files[p] != generated[p]} == {
        Path("sdk/appointments/resources/appointments.py")
    }


def test_text_responses_are_strings_and_a_csv_twin_stands_beside_json(
    generated: dict[Path, str],
) -> None:
    from codegen.operations import read_operations

    by_id = {op.operation_id: op for op in read_operations(load_spec())}
    assert (by_id["practitioners.calendar"].returns, by_id["practitioners.calendar"].accept) == (
        "text",
        "text/calendar",
    )
    assert by_id["reports.appointments"].returns == "model"
    assert by_id["reports.appointments"].text_variants == ("text/csv",)
    module = ast.parse(generated[Path("sdk/appointments/resources/reports.py")])
    methods = {
        (cls.name, fn.name): fn
        for cls in module.body
        if isinstance(cls, ast.ClassDef)
        for fn in cls.body
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    for cls in ("ReportsResource", "AsyncReportsResource"):
        twin = methods[(cls, "appointments_csv")]
        assert twin.returns is not None
        assert ast.unparse(twin.returns) == "str"
        assert "accept='text/csv'" in ast.unparse(twin)
        # The same arguments as the JSON method.
        json_method = methods[(cls, "appointments")]
        assert ast.unparse(twin.args) == ast.unparse(json_method.args)
    raw = methods[("ReportsResourceWithRawResponse", "appointments_csv")]
    assert raw.returns is not None
    assert ast.unparse(raw.returns) == "RawResponse[str]"


def test_a_text_twin_that_would_shadow_an_operation_is_refused() -> None:
    from codegen.operations import read_operations

    spec = load_spec()
    spec["paths"]["/reports/appointments.csv"] = {
        "get": {
            "operationId": "reports.appointments_csv",
            "tags": ["reports"],
            "summary": "Clash",
            "responses": {
                "200": {"description": "x", "content": {"text/csv": {"schema": {"type": "string"}}}}
            },
        }
    }
    with pytest.raises(ValueError, match="clashes"):
        read_operations(spec)
