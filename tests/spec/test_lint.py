"""The spec checks of `python -m codegen check`: 3.1 validation, the lint ruleset, examples.

The lint tests run the pinned Spectral CLI (installed with `npm ci` on first use), so they need Node.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen import check
from codegen._examples import validate_examples
from codegen.spec import parse_yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "openapi.yaml"
FIXTURES = Path(__file__).parent / "fixtures"


def _errors(spec: Path) -> set[tuple[str, str]]:
    return {(f["code"], f["path"]) for f in check.run_spectral(spec) if f["severity"] == "error"}


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    data = parse_yaml(SPEC.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_spec_is_valid_openapi_3_1() -> None:
    result = check.validate_spec(SPEC)
    assert result.ok, result.details


def test_validation_rejects_a_broken_document(tmp_path: Path, spec: dict[str, Any]) -> None:
    broken = copy.deepcopy(spec)
    del broken["info"]["title"]
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(broken), encoding="utf-8")
    result = check.validate_spec(path)
    assert not result.ok
    assert any("title" in d for d in result.details)


def test_the_spec_passes_the_lint_ruleset() -> None:
    result = check.lint(SPEC)
    assert result.ok, "\n".join(result.details)


def test_a_property_without_description_fails_lint() -> None:
    assert _errors(FIXTURES / "lint-missing-description.yaml") == {
        ("schema-property-descriptions", "components/schemas/Room/properties/name"),
    }
    assert not check.lint(FIXTURES / "lint-missing-description.yaml").ok


def test_an_error_response_that_is_not_a_problem_fails_lint() -> None:
    assert _errors(FIXTURES / "lint-non-problem-error.yaml") == {
        ("error-responses-are-problems", "paths//rooms/get/responses/404"),
    }


def test_the_house_rules_catch_each_violation() -> None:
    assert _errors(FIXTURES / "lint-house-rules.yaml") == {
        ("operation-summary", "paths//rooms/get"),
        ("operation-id-tag-verb", "paths//rooms/get/operationId"),  # not <tag>.<verb> snake_case
        ("operation-id-tag-verb", "paths//rooms/{room_id}/get/operationId"),  # tag mismatch
        ("operation-operationId-unique", "paths//rooms/{room_id}/delete/operationId"),
        (
            "examples-on-success-and-request",
            "paths//rooms/get/responses/200/content/application/json",
        ),
        (
            "examples-on-success-and-request",
            "paths//rooms/post/requestBody/content/application/json",
        ),
        ("error-responses-are-problems", "paths//rooms/get/responses/500"),  # no x-problem-codes
    }


def test_every_example_in_the_spec_matches_its_schema() -> None:
    result = check.check_examples(SPEC)
    assert result.ok, "\n".join(result.details)


def test_an_invalid_shared_example_is_reported_once_with_its_uses(spec: dict[str, Any]) -> None:
    broken = copy.deepcopy(spec)
    broken["components"]["examples"]["ActiveAppointment"]["value"]["starts_at"] = "yesterday"
    problems = validate_examples(broken).problems
    assert len(problems) == 1
    assert "(example /components/examples/ActiveAppointment/value)" in problems[0]
    assert "'yesterday' is not a 'date-time' at /starts_at" in problems[0]
    assert "more uses" in problems[0]


def test_an_inline_request_example_is_validated(spec: dict[str, Any]) -> None:
    broken = copy.deepcopy(spec)
    media = broken["paths"]["/appointments"]["post"]["requestBody"]["content"]["application/json"]
    media["examples"]["individual"]["value"]["practitioner_id"] = "not-a-uuid"
    media["examples"]["individual"]["value"]["unknown_field"] = 1
    problems = validate_examples(broken).problems
    pointer = (
        "/paths/~1appointments/post/requestBody/content/application~1json/examples/individual/value"
    )
    assert sorted(problems) == sorted(
        [
            f"{pointer}: 'not-a-uuid' is not a 'uuid' at /practitioner_id",
            f"{pointer}: Additional properties are not allowed ('unknown_field' was unexpected)",
        ]
    )


def test_a_problem_example_must_carry_a_listed_code(spec: dict[str, Any]) -> None:
    broken = copy.deepcopy(spec)
    broken["components"]["responses"]["Forbidden"]["x-problem-codes"] = ["not-allowed"]
    problems = validate_examples(broken).problems
    assert len(problems) == 1
    assert "code 'forbidden' is not in x-problem-codes ['not-allowed']" in problems[0]


def test_schema_level_examples_are_validated(spec: dict[str, Any]) -> None:
    broken = copy.deepcopy(spec)
    broken["components"]["schemas"]["Status"]["examples"] = ["active", "paused"]
    problems = validate_examples(broken).problems
    assert problems == (
        "/components/schemas/Status/examples/1: 'paused' is not one of ['active', 'canceled']",
    )


def test_check_reports_each_step_and_fails_if_one_fails(
    tmp_path: Path, spec: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    broken = copy.deepcopy(spec)
    broken["components"]["examples"]["ActiveAppointment"]["value"]["version"] = 0
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(broken, sort_keys=False), encoding="utf-8")
    code = check.main(
        ["--spec", str(path), "--skip", "lint", "--skip", "codegen", "--base", "HEAD"]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "✓ 1. OpenAPI 3.1 validation" in out
    assert "✗ 3. Examples match their schemas" in out
    assert "0 is less than the minimum of 1 at /version" in out
    assert "✓ 5. Breaking changes vs HEAD" in out
    assert out.rstrip().endswith("FAILED: examples")
