"""The cheap parameter checks say "valid" only where the full 2020-12 validator finds no error."""

from __future__ import annotations

from typing import Any

import pytest
from mock_rules_support import spec

from appointments_mock import validation


def _parameter_schemas() -> list[dict[str, Any]]:
    document = spec()
    schemas: list[dict[str, Any]] = []
    parameters = list(document["components"].get("parameters", {}).values())
    for item in document["paths"].values():
        parameters += item.get("parameters", [])
        for operation in item.values():
            if isinstance(operation, dict):
                parameters += operation.get("parameters", [])
    for param in parameters:
        if "$ref" not in param and "$ref" not in param.get("schema", {"$ref": 0}):
            schemas.append(param["schema"])
    return schemas


UUID_SCHEMA = {"type": "string", "format": "uuid"}
LENGTH_SCHEMA = {"type": "string", "minLength": 1, "maxLength": 8}
ENUM_SCHEMA = {"type": "string", "enum": ["active", "canceled", "a"], "default": "active"}
INTEGER_SCHEMA = {"type": "integer", "minimum": 1, "maximum": 100, "default": 50}
STATUSES_SCHEMA = {
    "type": "array",
    "items": {"type": "string", "enum": ["active", "canceled"]},
    "minItems": 1,
    "uniqueItems": True,
}
CHEAP_SCHEMAS: list[dict[str, Any]] = [
    UUID_SCHEMA,
    LENGTH_SCHEMA,
    {"type": "string", "minLength": 2},
    ENUM_SCHEMA,
    INTEGER_SCHEMA,
    {"type": "integer", "minimum": -3},
    {"type": "integer", "maximum": 0},
    {"type": "boolean", "default": False},
    STATUSES_SCHEMA,
    {"type": "array", "items": {"type": "integer", "maximum": 10}, "maxItems": 2},
    {"type": "array", "items": {"type": "boolean"}, "uniqueItems": True},
]

VALUES: list[Any] = [
    "9f982188-3744-4a64-8c24-9558f2ad985f",
    "9F982188-3744-4A64-8C24-9558F2AD985F",
    "00000000-0000-0000-0000-000000000000",
    "{9f982188-3744-4a64-8c24-9558f2ad985f}",
    "urn:uuid:9f982188-3744-4a64-8c24-9558f2ad985f",
    "9f9821883744-4a64-8c24-9558f2ad985f-",
    "9f982188-3744-4a64-8c24-9558f2ad985",
    "9f982188-3744-4a64-8c24-9558f2ad985f0",
    "9f982188-3744-4a64-8c24-9558f2ad985f\n",
    " 9f982188-3744-4a64-8c24-9558f2ad985f",
    "9f982188-3744-4a64-8c24-9558f2ad985g",
    "9f982188_3744_4a64_8c24_9558f2ad985f",
    "9f982188-3744-4a64-8c24-9558f2ad_85f",
    "٩f982188-3744-4a64-8c24-9558f2ad985f",
    "",
    "a",
    "abcdefgh",
    "abcdefghi",
    "ééééééé",
    "x" * 255,
    "x" * 256,
    "active",
    "Active",
    "canceled ",
    12,
    0,
    1,
    -3,
    -4,
    100,
    101,
    10**30,
    1.0,
    20.5,
    True,
    False,
    None,
    ["9f982188-3744-4a64-8c24-9558f2ad985f"],
    [],
    ["active"],
    ["active", "canceled"],
    ["active", "active"],
    ["active", "nope"],
    ["active", 1],
    [1, 2],
    [1, 2, 3],
    [11],
    [1, True],
    [True, False],
    [True, True],
    [1.0],
    ("active",),
    {"active": 1},
]


# Accepted by jsonschema's ``uuid`` check (``uuid.UUID`` takes ``_`` and any Unicode digit), not
# by the strict form: the cheap check answers False and the full validator accepts them.
LOOSE_UUIDS = ["9f982188-3744-4a64-8c24-9558f2ad_85f", "٩f982188-3744-4a64-8c24-9558f2ad985f"]


def test_the_loose_uuid_forms_are_left_to_the_full_validator() -> None:
    quick = validation._quick_check(UUID_SCHEMA)
    assert quick is not None
    for value in LOOSE_UUIDS:
        assert not quick(value)
        assert _full_is_valid(UUID_SCHEMA, value)
    request = _Request({"appointment_id": LOOSE_UUIDS[0]}, {})
    parameters = [{"in": "path", "name": "appointment_id", "required": True, "schema": UUID_SCHEMA}]
    validation.RequestParameterValidator(parameters, uri_parser=None).validate_request(request)


def _full_is_valid(schema: dict[str, Any], value: Any) -> bool:
    return not list(validation._request_validator(schema).iter_errors(value))


@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("schema", CHEAP_SCHEMAS)
def test_the_cheap_verdict_equals_the_full_one(schema: dict[str, Any], value: Any) -> None:
    quick = validation._quick_check(schema)
    assert quick is not None
    if quick(value):
        assert _full_is_valid(schema, value)
    elif not _left_to_the_full_validator(schema, value):
        # Exact both ways, except the forms the cheap check leaves alone on purpose.
        assert not _full_is_valid(schema, value)


def _left_to_the_full_validator(schema: dict[str, Any], value: Any) -> bool:
    """Valid values the cheap check answers False for: the full validator decides them."""
    if schema.get("format") == "uuid":
        return value in LOOSE_UUIDS
    if schema.get("type") == "integer":
        return isinstance(value, float)  # 1.0 is an integer in JSON Schema
    if schema.get("type") == "array":
        # 1.0 items, or 1 next to True (equal in Python, not in JSON Schema)
        return isinstance(value, list) and (
            any(isinstance(v, float) for v in value) or (1 in value and True in value)
        )
    return False


def test_the_spec_parameters_with_a_cheap_check_agree_with_the_full_validator() -> None:
    covered = 0
    for schema in _parameter_schemas():
        quick = validation._quick_check(schema)
        if quick is None:
            continue
        covered += 1
        for value in VALUES:
            if quick(value):
                assert _full_is_valid(schema, value), (schema, value)
            elif not _left_to_the_full_validator(schema, value):
                assert not _full_is_valid(schema, value), (schema, value)
    assert covered >= 2


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "string", "format": "date-time"},
        {"type": "string", "enum": ["a", 1]},
        {"type": "string", "enum": ["a"], "minLength": 1},
        {"type": "string", "pattern": "^a$"},
        {"type": "integer", "minimum": 1.5},
        {"type": "integer", "exclusiveMinimum": 1},
        {"type": "integer", "multipleOf": 2},
        {"type": "number", "minimum": 1},
        {"type": "boolean", "const": True},
        {"type": "array", "items": {"type": "string", "format": "date-time"}},
        {"type": "array", "items": {"$ref": "#/components/schemas/Status"}},
        {"type": "array", "items": {"type": "boolean"}, "minItems": 1.0},
        {"type": "array", "items": {"type": "boolean"}, "contains": {"const": True}},
        {"type": "array"},
        {"type": "string", "format": "uuid", "maxLength": 3},
        {"type": "string", "minLength": 1.5},
        {"format": "uuid"},
    ],
)
def test_other_schemas_always_get_the_full_validator(schema: dict[str, Any]) -> None:
    assert validation._quick_check(schema) is None


class _Request:
    def __init__(self, path: dict[str, Any], headers: dict[str, str]) -> None:
        self.query_params: dict[str, Any] = {}
        self.path_params = path
        self.headers = headers


@pytest.mark.parametrize("appointment_id", VALUES[:15])
@pytest.mark.parametrize("key", ["k", "", "x" * 256, None])
def test_the_parameter_errors_are_the_full_validators(appointment_id: Any, key: Any) -> None:
    parameters = [
        {"in": "path", "name": "appointment_id", "required": True, "schema": dict(UUID_SCHEMA)},
        {
            "in": "header",
            "name": "Idempotency-Key",
            "schema": {"type": "string", "minLength": 1, "maxLength": 255},
        },
    ]
    validator = validation.RequestParameterValidator(parameters, uri_parser=None)
    headers = {} if key is None else {"Idempotency-Key": key}
    request = _Request({"appointment_id": appointment_id}, headers)
    expected: list[dict[str, str]] = []
    for param, value in ((parameters[0], appointment_id), (parameters[1], key)):
        if value is None:
            continue
        member = "parameter" if param["in"] == "path" else "header"
        for error in validation._request_validator(param["schema"]).iter_errors(value):
            expected.append({"detail": validation._short(error.message), member: param["name"]})
    if expected:
        with pytest.raises(validation.ProblemError) as caught:
            validator.validate_request(request)
        assert caught.value.extra["errors"] == expected
    else:
        validator.validate_request(request)
