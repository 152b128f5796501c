"""The empirical verdict: the SDK generated from the base spec calls the head mock, in-process.

Its rules: `sdk-call-rejected` (the head mock refuses a call the base SDK makes with the base's
example inputs), `sdk-response-unparsable` (the base SDK's model fails on the head's answer) and
`verdicts-disagree` (a break no document rule reports). The base SDK is built outside the
repository and imported by a separate process only.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import httpx
import pytest

from codegen import breaking
from codegen._example_mock import ExampleMock
from codegen._sdk_build import build_sdk
from codegen.empirical import CallOutcome, EmpiricalVerdict, empirical_verdict
from codegen.rules import rule
from tests.spec.breaking_cases import load_base

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


def _outcomes(verdict: EmpiricalVerdict) -> dict[str, str]:
    return {c.operation_id: c.outcome for c in verdict.calls}


@pytest.fixture(scope="module")
def shop() -> dict[str, Any]:
    return load_base("shop")


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def test_the_base_sdk_is_built_and_imported_outside_the_repository(shop: dict[str, Any]) -> None:
    built = build_sdk(shop).resolve()
    assert not built.is_relative_to(ROOT)
    assert (built / "appointments" / "resources" / "items.py").exists()
    verdict = empirical_verdict(shop, shop)
    assert Path(verdict.sdk_file).resolve() == built / "appointments" / "__init__.py"
    import appointments  # this process keeps the repository's own SDK

    assert Path(appointments.__file__).resolve().is_relative_to(ROOT / "sdk")
    assert not hasattr(appointments, "AsyncItemsResource")


def test_an_unchanged_spec_breaks_no_call(shop: dict[str, Any]) -> None:
    verdict = empirical_verdict(shop, copy.deepcopy(shop))
    assert verdict.mock == "example mock of the head spec"
    assert verdict.breaking == []
    assert sum(c.outcome == "ok" for c in verdict.calls) >= 4
    assert verdict.summary().startswith(f"{len(verdict.calls)} base SDK call(s)")


def test_a_new_required_parameter_is_a_rejected_call(shop: dict[str, Any]) -> None:
    head = copy.deepcopy(shop)
    head["paths"]["/items"]["get"]["parameters"].append(
        {"name": "shop_id", "in": "query", "required": True, "schema": {"type": "string"}}
    )
    verdict = empirical_verdict(shop, head)
    assert _outcomes(verdict)["items.list"] == "rejected"
    [finding] = [f for f in verdict.findings([]) if f.rule == "sdk-call-rejected"]
    assert finding.level == rule("sdk-call-rejected").level == "breaking"
    assert finding.pointer == "/paths/~1items/get"
    assert {"AppointmentsClient.items.list", "AsyncAppointmentsClient.items.list"} <= set(
        finding.symbols
    )
    assert "shop_id" in finding.message


def test_a_response_the_base_model_cannot_parse_is_breaking(shop: dict[str, Any]) -> None:
    head = copy.deepcopy(shop)
    head["components"]["schemas"]["Item"]["properties"]["price"]["type"] = "string"
    head["paths"]["/items/{item_id}"]["get"]["responses"]["200"]["content"]["application/json"][
        "example"
    ]["price"] = "25.50 EUR"
    verdict = empirical_verdict(shop, head)
    assert _outcomes(verdict)["items.get"] == "unparsable"
    findings = {(f.rule, f.pointer): f for f in verdict.findings([])}
    finding = findings[("sdk-response-unparsable", "/paths/~1items~1{item_id}/get")]
    assert "model Item" in finding.symbols
    assert "price" in finding.message


def test_a_break_no_rule_reports_is_a_disagreement() -> None:
    call = CallOutcome(
        "items.get",
        "/paths/~1items~1{item_id}/get",
        "AppointmentsClient.items.get",
        "rejected",
        400,
    )
    verdict = EmpiricalVerdict("example mock of the head spec", (call,))
    assert [f.rule for f in verdict.findings([])] == ["sdk-call-rejected", "verdicts-disagree"]
    static = breaking.compare({"paths": {}}, {"paths": {}}).changes
    assert static == ()
    agreeing = verdict.findings(
        [
            breaking.Change(
                "operation-removed", "breaking", "/p", "gone", ("AppointmentsClient.items.get",)
            )
        ]
    )
    assert [f.rule for f in agreeing] == ["sdk-call-rejected"]


def test_a_base_codegen_cannot_build_is_reported_not_run() -> None:
    report = breaking.run(FIXTURES / "head.yaml", base_path=FIXTURES / "base.yaml", empirical=True)
    assert report is not None
    assert report.empirical is not None
    assert report.empirical.calls == ()
    assert report.empirical.summary().startswith("not run (codegen cannot build an SDK")
    assert "Empirical verdict: not run" in breaking.render_text(report)


def test_the_repository_mock_answers_the_released_sdk() -> None:
    report = breaking.run(ROOT / "openapi.yaml", empirical=True)
    if report is None:
        pytest.skip("no git history")
    verdict = report.empirical
    assert verdict is not None
    assert verdict.mock == "repository mock"
    assert verdict.breaking == [], verdict.summary()
    assert sum(c.outcome == "ok" for c in verdict.calls) >= 10, verdict.summary()
    assert report.passed
    assert breaking.render_json(report).count('"outcome"') == len(verdict.calls)


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("method", "url", "headers", "body", "status", "code"),
    [
        ("GET", "/v1/items?nope=1", {"Authorization": "Bearer k"}, None, 400, "validation-error"),
        (
            "GET",
            "/v1/items?page_size=0",
            {"Authorization": "Bearer k"},
            None,
            400,
            "validation-error",
        ),
        ("GET", "/v1/items", {}, None, 401, "unauthenticated"),
        ("GET", "/v1/rooms", {"Authorization": "Bearer k"}, None, 404, "no-such-operation"),
        ("PUT", "/v1/items", {"Authorization": "Bearer k"}, None, 405, "method-not-allowed"),
        (
            "PATCH",
            "/v1/items/6f1c2b1e-2a3d-4c5e-8f90-1a2b3c4d5e6f",
            {"Authorization": "Bearer k", "Content-Type": "text/plain"},
            b"x",
            415,
            "unsupported-media-type",
        ),
    ],
)
async def test_the_example_mock_rejects_what_the_head_spec_does_not_allow(
    shop: dict[str, Any],
    method: str,
    url: str,
    headers: dict[str, str],
    body: bytes | None,
    status: int,
    code: str,
) -> None:
    transport = httpx.ASGITransport(app=ExampleMock(shop))
    async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
        response = await client.request(method, url, headers=headers, content=body)
    assert response.status_code == status
    assert response.json()["code"] == code


@pytest.mark.anyio
async def test_the_example_mock_answers_with_the_example_repaired_for_the_head(
    shop: dict[str, Any],
) -> None:
    head = copy.deepcopy(shop)
    head["components"]["schemas"]["Item"]["properties"]["note"]["type"] = "string"  # no null now
    transport = httpx.ASGITransport(app=ExampleMock(head))
    async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
        response = await client.get(
            "/v1/items/6f1c2b1e-2a3d-4c5e-8f90-1a2b3c4d5e6f", headers={"Authorization": "Bearer k"}
        )
    assert response.status_code == 200
    assert response.headers["etag"]  # required response headers are set
    item = response.json()
    assert isinstance(item["note"], str)  # the example's null, invalid for the head, is replaced
    assert item["code"] == "LMP-0001"  # what the head still allows is kept
