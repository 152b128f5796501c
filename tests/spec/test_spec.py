"""The contract itself: one name per operation, the whole design covered, every error documented.

(3.1 validity, the lint rules and the examples are checked in test_lint.py.)

These checks guard `openapi.yaml` against the mistakes a hand-maintained spec invites: an operation
or error code of the design that never made it into the spec, a misspelled operationId, a 409 whose
`code` values are not documented.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from codegen.spec import parse_yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi.yaml"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
OPERATION_ID = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")

# DESIGN.md §3, "Operations": every row, as (operationId, method, path).
DESIGN_OPERATIONS = {
    ("appointments.list", "get", "/appointments"),
    ("appointments.create", "post", "/appointments"),
    ("appointments.get", "get", "/appointments/{appointment_id}"),
    ("appointments.update", "patch", "/appointments/{appointment_id}"),
    ("appointments.cancel", "post", "/appointments/{appointment_id}/cancel"),
    ("appointments.delete", "delete", "/appointments/{appointment_id}"),
    ("appointments.restore", "post", "/appointments/{appointment_id}/restore"),
    ("appointments.purge", "post", "/appointments/{appointment_id}/purge"),
    ("attendees.list", "get", "/appointments/{appointment_id}/attendees"),
    ("attendees.create", "post", "/appointments/{appointment_id}/attendees"),
    ("attendees.get", "get", "/appointments/{appointment_id}/attendees/{attendee_id}"),
    ("attendees.update", "patch", "/appointments/{appointment_id}/attendees/{attendee_id}"),
    ("attendees.cancel", "post", "/appointments/{appointment_id}/attendees/{attendee_id}/cancel"),
    ("attendees.delete", "delete", "/appointments/{appointment_id}/attendees/{attendee_id}"),
    ("attendees.restore", "post", "/appointments/{appointment_id}/attendees/{attendee_id}/restore"),
    ("cancellation_reasons.list", "get", "/cancellation-reasons"),
    ("audit_events.list", "get", "/audit-events"),
    ("appointments.audit_events", "get", "/appointments/{appointment_id}/audit-events"),
    ("appointments.notifications", "get", "/appointments/{appointment_id}/notifications"),
    ("availability.list", "get", "/availability"),
    ("practitioners.list", "get", "/practitioners"),
    ("clients.list", "get", "/clients"),
    ("clients.get", "get", "/clients/{client_id}"),
}

# DESIGN.md §3, "Rules": each state-conflict code, and operations it must be documented on.
RULE_CODES = {
    "already-canceled": {"appointments.cancel", "attendees.cancel", "appointments.update"},
    "cannot-reactivate": {"appointments.update"},
    "appointment-locked": {"appointments.cancel", "appointments.update", "appointments.delete"},
    "appointment-in-progress": {"appointments.cancel", "appointments.delete"},
    "appointment-ended": {"appointments.cancel"},
    "not-deleted": {"appointments.restore", "appointments.purge", "attendees.restore"},
    "slot-conflict": {"appointments.create", "appointments.update", "appointments.restore"},
    "booking-limit-reached": {"appointments.create", "attendees.create"},
    "appointment-full": {"attendees.create", "attendees.restore"},
    "use-appointment-cancel": {"attendees.cancel"},
    "precondition-failed": {"appointments.update", "appointments.cancel", "appointments.delete"},
    "appointment-deleted": {"appointments.get", "appointments.cancel", "appointments.delete"},
    "idempotency-key-reused": {"appointments.create", "appointments.cancel"},
    "idempotency-key-in-use": {"appointments.create", "appointments.cancel"},
}


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as f:
        loaded: dict[str, Any] = parse_yaml(f)
    return loaded


def _operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def test_every_operation_id_has_the_tag_verb_form_and_is_unique(spec: dict[str, Any]) -> None:
    ids = [op["operationId"] for _, _, op in _operations(spec)]
    assert len(ids) == len(set(ids)), "duplicate operationIds"
    for path, method, op in _operations(spec):
        op_id = op["operationId"]
        assert OPERATION_ID.match(op_id), f"{method.upper()} {path}: {op_id!r} is not <tag>.<verb>"
        assert op_id.split(".")[0] == op["tags"][0], f"{op_id}: prefix differs from its tag"


def test_spec_covers_every_operation_of_the_design(spec: dict[str, Any]) -> None:
    have = {(op["operationId"], method, path) for path, method, op in _operations(spec)}
    assert have >= DESIGN_OPERATIONS, f"missing: {sorted(DESIGN_OPERATIONS - have)}"


def test_every_operation_is_described_for_a_newcomer(spec: dict[str, Any]) -> None:
    for path, method, op in _operations(spec):
        where = f"{method.upper()} {path}"
        assert op.get("summary"), f"{where}: no summary"
        assert len(op.get("description", "")) >= 20, f"{where}: no real description"
        assert op.get("tags"), f"{where}: no tags"


def test_every_error_response_is_problem_json_with_its_codes(spec: dict[str, Any]) -> None:
    for _, _, op in _operations(spec):
        for status, response in op["responses"].items():
            if int(status) < 400:
                continue
            resolved = _resolve(spec, response)
            where = f"{op['operationId']} {status}"
            assert list(resolved.get("content", {})) == ["application/problem+json"], where
            schema = resolved["content"]["application/problem+json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/Problem"}, where
            codes = resolved.get("x-problem-codes")
            assert codes, f"{where}: no x-problem-codes"
            for code in codes:
                assert f"`{code}`" in resolved["description"], f"{where}: {code} undocumented"


@pytest.mark.parametrize("code", sorted(RULE_CODES))
def test_each_rule_code_is_documented_on_the_operations_it_applies_to(
    spec: dict[str, Any], code: str
) -> None:
    documented = {
        op["operationId"]
        for _, _, op in _operations(spec)
        for response in op["responses"].values()
        if code in _resolve(spec, response).get("x-problem-codes", [])
    }
    missing = RULE_CODES[code] - documented
    assert not missing, f"{code} is not documented on {sorted(missing)}"


def test_every_operation_documents_retryable_and_auth_errors(spec: dict[str, Any]) -> None:
    # The SDK retries 429/500/503 and the mock can inject them: they must be in the contract so
    # that validators (Prism, Schemathesis) accept them.
    for _, _, op in _operations(spec):
        assert {"400", "401", "429", "500", "503"} <= set(op["responses"]), op["operationId"]


def test_writes_accept_idempotency_keys_and_if_match(spec: dict[str, Any]) -> None:
    for _, method, op in _operations(spec):
        params = {_resolve(spec, p)["name"] for p in op.get("parameters", [])}
        if method == "post":
            assert "Idempotency-Key" in params, op["operationId"]
        if method in {"patch", "delete"} or op["operationId"].endswith(
            (".cancel", ".restore", ".purge")
        ):
            assert "If-Match" in params, op["operationId"]


def test_create_links_chain_the_life_cycle(spec: dict[str, Any]) -> None:
    ops = {op["operationId"]: op for _, _, op in _operations(spec)}
    for creator, targets in {
        "appointments.create": {
            "appointments.get",
            "appointments.cancel",
            "appointments.delete",
            "appointments.restore",
        },
        "attendees.create": {
            "attendees.get",
            "attendees.cancel",
            "attendees.delete",
            "attendees.restore",
        },
    }.items():
        links = ops[creator]["responses"]["201"]["links"].values()
        assert targets <= {link["operationId"] for link in links}, creator
        for link in links:
            assert link["operationId"] in ops, link["operationId"]


def test_list_responses_share_the_page_shape(spec: dict[str, Any]) -> None:
    for name, schema in spec["components"]["schemas"].items():
        if name.endswith("Page"):
            assert schema["required"] == ["items", "next_page_token", "total_size"], name
            assert schema["properties"]["next_page_token"]["type"] == ["string", "null"], name


def test_control_routes_never_appear_in_the_public_spec(spec: dict[str, Any]) -> None:
    assert not [p for p in spec["paths"] if p.startswith("/_mock")]
    assert "X-Mock-Session" not in SPEC_PATH.read_text(encoding="utf-8")
