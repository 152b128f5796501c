"""Every operation of openapi.yaml is a typed method of both clients (regenerate on spec change)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

import appointments
from appointments import AppointmentsClient, AsyncAppointmentsClient
from codegen.operations import python_name, read_operations
from codegen.spec import load_spec, resolve
from tests.unit.sdk._data import API_KEY

SPEC = load_spec()
OPERATIONS = [
    (path, method, op)
    for path, item in SPEC["paths"].items()
    for method, op in item.items()
    if method in {"get", "post", "put", "patch", "delete"}
]
STANDARD = ["extra_headers", "timeout"]


def _expected(path: str, method: str, op: dict[str, Any]) -> tuple[list[str], set[str], set[str]]:
    """(positional path params in path order, keyword params, required keyword params)."""
    params = [
        resolve(SPEC, p)
        for p in [*SPEC["paths"][path].get("parameters", []), *op.get("parameters", [])]
    ]
    positional = [s[1:-1] for s in path.split("/") if s.startswith("{")]
    keywords = {python_name(p["name"]) for p in params if p["in"] == "query"}
    required = {python_name(p["name"]) for p in params if p["in"] == "query" and p.get("required")}
    if "requestBody" in op:
        body = resolve(SPEC, op["requestBody"]["content"]["application/json"]["schema"])
        keywords |= {python_name(name) for name in body.get("properties", {})}
        required |= {python_name(name) for name in body.get("required", [])}
    if any(p["in"] == "header" and p["name"] == "If-Match" for p in params):
        keywords.add("if_match")
    if method == "post":
        keywords.add("idempotency_key")
    return positional, keywords | set(STANDARD), required


def _method(client: Any, operation_id: str) -> Callable[..., Any]:
    tag, verb = operation_id.split(".")
    method: Callable[..., Any] = getattr(getattr(client, tag), verb)
    return method


@pytest.fixture(scope="module")
def clients() -> list[Any]:
    return [
        AppointmentsClient(api_key=API_KEY),
        AsyncAppointmentsClient(api_key=API_KEY),
        AppointmentsClient(api_key=API_KEY).with_raw_response,
        AsyncAppointmentsClient(api_key=API_KEY).with_raw_response,
    ]


@pytest.mark.parametrize(
    ("path", "method", "op"), OPERATIONS, ids=[o["operationId"] for *_, o in OPERATIONS]
)
def test_every_operation_is_a_method_of_both_clients(
    clients: list[Any], path: str, method: str, op: dict[str, Any]
) -> None:
    positional, keywords, required = _expected(path, method, op)
    for client in clients:
        signature = inspect.signature(_method(client, op["operationId"]))
        params = signature.parameters.values()
        assert [p.name for p in params if p.kind is p.POSITIONAL_OR_KEYWORD] == positional
        assert {p.name for p in params if p.kind is p.KEYWORD_ONLY} == keywords
        assert {
            p.name for p in params if p.kind is p.KEYWORD_ONLY and p.default is p.empty
        } == required
        doc = inspect.getdoc(_method(client, op["operationId"])) or ""
        assert doc.startswith(op["summary"])


def test_async_methods_are_coroutines_except_lists_which_paginate() -> None:
    client = AsyncAppointmentsClient(api_key=API_KEY)
    for op in read_operations(SPEC):
        method = _method(client, op.operation_id)
        assert inspect.iscoroutinefunction(method) is (op.returns != "page"), op.operation_id
        raw = _method(client.with_raw_response, op.operation_id)
        assert inspect.iscoroutinefunction(raw), op.operation_id


def test_every_schema_is_a_public_model_of_the_same_name() -> None:
    for name in SPEC["components"]["schemas"]:
        assert name in appointments.__all__
        assert getattr(appointments, name).__name__ == name


def test_package_version_is_the_spec_version() -> None:
    assert appointments.__version__ == SPEC["info"]["version"]


@pytest.mark.parametrize("cls", [AppointmentsClient, AsyncAppointmentsClient])
def test_the_client_signatures_show_no_private_parameter(cls: type[Any]) -> None:
    parameters = inspect.signature(cls).parameters
    assert parameters, "the signature could not be read"
    assert [name for name in parameters if name.startswith("_")] == []
    assert [n for n in inspect.signature(cls.with_options).parameters if n.startswith("_")] == []


@pytest.mark.parametrize("cls", [AppointmentsClient, AsyncAppointmentsClient])
def test_with_options_keeps_the_sleep_and_jitter_tests_installed(cls: type[Any]) -> None:
    client = cls(api_key=API_KEY)
    client._sleep, client._random = print, lambda: 0.25
    copy = client.with_options(max_retries=0)
    assert (copy._sleep, copy._random()) == (print, 0.25)


@pytest.mark.parametrize("cls", [AppointmentsClient, AsyncAppointmentsClient])
def test_the_status_argument_of_update_says_it_is_a_cancel(cls: type[Any]) -> None:
    doc = inspect.getdoc(cls(api_key=API_KEY).appointments.update) or ""
    args = doc.split("\nArgs:\n", 1)[1]
    status = args.split("\n    status: ", 1)[1].split("\n    cancellation: ", 1)[0]
    assert "cancels the appointment" in status
    assert "`cancellation`" in status  # what it records
    assert "reason_code" in args.split("\n    cancellation: ", 1)[1]
