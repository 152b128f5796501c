"""Argument errors of every generated method: one short line naming the argument, nothing sent.

And wherever a list of values is accepted, a single value is accepted too. The cases are derived
from the spec, for every operation and every argument, so a new operation is covered at once.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import respx
from pydantic import ValidationError

from appointments import (
    APIStatusError,
    Appointment,
    AppointmentsClient,
    AsyncAppointmentsClient,
    InvalidArgumentError,
)
from appointments._arguments import validate_arguments
from codegen.operations import Operation, read_operations
from codegen.spec import load_spec, resolve
from tests.unit.sdk._data import APPOINTMENT_ID

SPEC = load_spec()
OPERATIONS = read_operations(SPEC)
START = datetime(2030, 3, 4, 9, 0, tzinfo=UTC)


def _schemas(op: Operation) -> dict[str, dict[str, Any]]:
    """The schema of every path, query and body argument of `op`, by Python name."""
    item = next(i for p, i in SPEC["paths"].items() if p == op.path)
    spec_op = item[op.method.lower()]
    params = [
        resolve(SPEC, p) for p in [*item.get("parameters", []), *spec_op.get("parameters", [])]
    ]
    by_name = {p["name"]: resolve(SPEC, p.get("schema", {})) for p in params if p["in"] != "header"}
    if op.body_model:
        body = resolve(SPEC, SPEC["components"]["schemas"][op.body_model])
        by_name |= {n: resolve(SPEC, s) for n, s in body.get("properties", {}).items()}
    return {
        p.python_name: by_name[p.name] for p in (*op.path_params, *op.query_params, *op.body_params)
    }


def _types(schema: dict[str, Any]) -> list[str]:
    if "anyOf" in schema or "oneOf" in schema:
        variants = [resolve(SPEC, v) for v in schema.get("anyOf") or schema["oneOf"]]
        return [t for v in variants for t in _types(v)]
    kind = schema.get("type", "object")
    return kind if isinstance(kind, list) else [kind]


def _main(schema: dict[str, Any]) -> dict[str, Any]:
    """The non-null variant of a nullable schema."""
    for variant in schema.get("anyOf") or schema.get("oneOf") or []:
        variant = resolve(SPEC, variant)
        if variant.get("type") != "null":
            return variant
    return schema


def valid(schema: dict[str, Any]) -> Any:
    """A value this schema accepts, as a caller would pass it."""
    schema = _main(schema)
    if "enum" in schema:
        return next(v for v in schema["enum"] if v is not None)
    kind = next(t for t in _types(schema) if t != "null")
    fmt = schema.get("format")
    if kind == "string" and fmt == "date-time":
        return START
    if kind == "string" and fmt == "uuid":
        return APPOINTMENT_ID
    if kind == "string" and fmt == "uri":
        return "http://127.0.0.1:9000/hook"
    if kind == "string":
        return "x" * max(1, schema.get("minLength", 1))
    if kind == "integer":
        return max(schema.get("minimum", 1), 1)
    if kind == "boolean":
        return True
    if kind == "array":
        return [valid(resolve(SPEC, schema.get("items", {})))]
    if kind == "object":
        properties = schema.get("properties", {})
        return {n: valid(resolve(SPEC, properties[n])) for n in schema.get("required", [])}
    raise AssertionError(f"no valid value for {schema}")


@dataclass(frozen=True)
class Bad:
    operation: Operation
    argument: str
    value: Any
    kind: str

    @property
    def id(self) -> str:
        return f"{self.operation.operation_id}-{self.argument}-{self.kind}"


def bad_values(schema: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """(kind, value) pairs that this schema refuses, each to be refused by the SDK too."""
    yield "wrong-type", object()
    main = _main(schema)
    kinds = [t for t in _types(main) if t != "null"]
    if "enum" in main:
        yield "unknown-enum-value", "not-a-member"
    if main.get("format") == "date-time":
        yield "naive-datetime", datetime(2030, 3, 4, 9, 0)
    if "minimum" in main:
        yield "below-minimum", main["minimum"] - 1
    if "maximum" in main:
        yield "above-maximum", main["maximum"] + 1
    if "maxLength" in main:
        yield "too-long", "x" * (main["maxLength"] + 1)
    if main.get("minLength", 0) > 1:
        yield "too-short", "x" * (main["minLength"] - 1)
    if "integer" in kinds and "maximum" not in main and "minimum" not in main:
        yield "not-an-integer", "many"
    if "array" in kinds:
        item = resolve(SPEC, main.get("items", {}))
        for kind, value in bad_values(item):
            if kind != "wrong-type":
                yield f"item-{kind}", [valid(item), value]
                yield f"single-{kind}", value
        if main.get("minItems"):
            yield "empty-list", []
        if "maxItems" in main:
            yield "too-many-items", [valid(item)] * (main["maxItems"] + 1)


def _cases() -> list[Bad]:
    cases = []
    for op in OPERATIONS:
        for name, schema in _schemas(op).items():
            cases += [Bad(op, name, value, kind) for kind, value in bad_values(schema)]
    return cases


CASES = _cases()


def _arguments(op: Operation, **overrides: Any) -> tuple[list[Any], dict[str, Any]]:
    """Valid positional and required keyword arguments of `op`, with `overrides` applied."""
    schemas = _schemas(op)
    keywords = {
        p.python_name: valid(schemas[p.python_name])
        for p in (*op.query_params, *op.body_params)
        if p.required
    }
    if "ends_at" in keywords:  # a body rule: after starts_at
        keywords["ends_at"] = START + timedelta(minutes=30)
    positional = [overrides.pop(p.python_name, APPOINTMENT_ID) for p in op.path_params]
    return positional, {**keywords, **overrides}


def _method(client: Any, op: Operation) -> Callable[..., Any]:
    method: Callable[..., Any] = getattr(getattr(client, op.tag), op.verb)
    return method


def _assert_short_and_named(error: InvalidArgumentError, argument: str) -> None:
    assert set(error.errors) == {argument}, str(error)
    message = str(error)
    assert message == error.errors[argument]
    assert message.startswith((f"{argument}: ", f"{argument}[")), message
    assert "\n" not in message
    assert len(message) < 400, message
    for noise in ("function-after", "is-instance", "pydantic", "Input should", "validation error"):
        assert noise not in message, message


def test_the_cases_cover_every_operation_and_every_kind_of_error() -> None:
    assert {c.operation.operation_id for c in CASES} >= {
        op.operation_id for op in OPERATIONS if op.path_params or op.query_params or op.body_params
    }
    kinds = {c.kind for c in CASES}
    assert {"wrong-type", "unknown-enum-value", "naive-datetime", "below-minimum"} <= kinds
    assert {"above-maximum", "item-unknown-enum-value", "single-unknown-enum-value"} <= kinds
    assert {"too-long", "empty-list", "too-many-items"} <= kinds


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_bad_argument_is_one_short_line_naming_it(
    client: AppointmentsClient, router: respx.MockRouter, case: Bad
) -> None:
    args, kwargs = _arguments(case.operation, **{case.argument: case.value})
    with pytest.raises(InvalidArgumentError) as info:
        _method(client, case.operation)(*args, **kwargs)
    _assert_short_and_named(info.value, case.argument)
    assert isinstance(info.value, ValueError)
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__  # no pydantic dump below it in a traceback
    assert router.calls.call_count == 0


@pytest.mark.anyio
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
async def test_a_bad_argument_of_the_async_client_is_the_same_error(
    async_client: AsyncAppointmentsClient, router: respx.MockRouter, case: Bad
) -> None:
    args, kwargs = _arguments(case.operation, **{case.argument: case.value})

    async def call() -> None:
        result = _method(async_client, case.operation)(*args, **kwargs)
        if inspect.isawaitable(result):  # a list method raises at once, before any await
            await result

    with pytest.raises(InvalidArgumentError) as info:
        await call()
    _assert_short_and_named(info.value, case.argument)
    assert router.calls.call_count == 0


def test_the_message_says_what_was_passed_and_what_is_accepted(
    client: AppointmentsClient,
) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        client.appointments.list(status="cancelled")
    assert str(info.value) == "status: 'cancelled' is not one of 'active', 'canceled'"
    with pytest.raises(InvalidArgumentError) as info:
        client.appointments.list(status=["active", "cancelled"], page_size=0)
    assert info.value.errors == {
        "status": "status[1]: 'cancelled' is not one of 'active', 'canceled'",
        "page_size": "page_size: should be greater than or equal to 1, not 0",
    }
    assert info.value.argument == "status"
    with pytest.raises(InvalidArgumentError, match=r"^starts_after: .* has no time zone"):
        client.appointments.list(starts_after=datetime(2030, 1, 1))
    with pytest.raises(InvalidArgumentError, match=r"^repeat_rule\.frequency: 'sometimes' is not"):
        client.appointments.create(
            type="individual", starts_at=START, ends_at=START + timedelta(hours=1),
            practitioner_id=APPOINTMENT_ID, repeat_rule={"frequency": "sometimes", "count": 2},
        )  # fmt: skip
    with pytest.raises(InvalidArgumentError, match=r"^bogus: is not an argument of this method$"):
        client.appointments.get(APPOINTMENT_ID, bogus=1)  # type: ignore[call-arg]
    with pytest.raises(InvalidArgumentError, match=r"^appointment_id: "):
        client.appointments.get(5)  # type: ignore[arg-type]


LIST_ARGUMENTS = [
    (op, p.python_name)
    for op in OPERATIONS
    for p in (*op.query_params, *op.body_params)
    if p.is_array
]


def test_every_list_argument_is_found() -> None:
    found = {(op.operation_id, name) for op, name in LIST_ARGUMENTS}
    assert ("appointments.list", "status") in found
    assert ("reports.appointments", "group_by") in found
    assert ("webhook_endpoints.create", "events") in found  # a body field


def _sent(client: AppointmentsClient, router: respx.MockRouter, op: Operation, **kw: Any) -> Any:
    route = router.route().respond(418, json={"status": 418, "title": "no"})
    args, kwargs = _arguments(op, **kw)
    with pytest.raises(APIStatusError):
        _method(client, op)(*args, **kwargs)
    request: httpx.Request = route.calls.last.request
    return sorted(request.url.params.multi_items()), request.content


@pytest.mark.parametrize(
    ("op", "argument"), LIST_ARGUMENTS, ids=[f"{op.operation_id}-{a}" for op, a in LIST_ARGUMENTS]
)
def test_a_single_value_is_sent_as_a_list_of_one(
    client: AppointmentsClient, router: respx.MockRouter, op: Operation, argument: str
) -> None:
    [one] = valid(_schemas(op)[argument])
    assert _sent(client, router, op, **{argument: one}) == _sent(
        client, router, op, **{argument: [one]}
    )


def test_a_validation_error_from_inside_the_call_is_not_reported_as_an_argument_error() -> None:
    @validate_arguments
    def call(page_size: int) -> None:
        Appointment.model_validate({})  # a bug inside, after the arguments were checked

    with pytest.raises(InvalidArgumentError, match=r"^page_size: "):
        call("many")  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as info:
        call(1)
    assert not isinstance(info.value, InvalidArgumentError)
