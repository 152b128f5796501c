"""Every read operation of the SDK against Prism's mock of openapi.yaml, every response parsed.

Prism answers with the spec's own examples and checks the requests against the spec, so this
proves that the SDK's requests and the spec's examples agree, independently of our mock server.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

import appointments
from appointments import AppointmentsClient, SyncPage
from codegen.operations import Operation, read_operations, text_method
from codegen.spec import load_spec
from tests._prism import Prism

pytestmark = pytest.mark.prism

READS = [op for op in read_operations(load_spec()) if op.method == "GET"]
SOME_ID = "7d1f5a4e-8c2b-4f7e-9a31-2b6c1d0e9f10"
START = datetime(2030, 3, 4, tzinfo=UTC)


def _arguments(op: Operation) -> tuple[list[str], dict[str, Any]]:
    """Valid arguments for an operation: a UUID per path parameter, a value per required query."""
    kwargs: dict[str, Any] = {}
    for param in op.query_params:
        if param.required:
            assert "AwareDatetime" in param.annotation, f"no test value for {param.name}"
            kwargs[param.python_name] = START if param.name != "to" else START + timedelta(days=1)
    return [SOME_ID] * len(op.path_params), kwargs


@pytest.fixture(scope="module")
def client(prism_mock: Prism) -> AppointmentsClient:
    return AppointmentsClient(api_key="prism-key", base_url=prism_mock.url, max_retries=0)


@pytest.mark.parametrize("op", READS, ids=[op.operation_id for op in READS])
def test_read_operation_parses_prism_answer(client: AppointmentsClient, op: Operation) -> None:
    args, kwargs = _arguments(op)
    method = getattr(getattr(client, op.tag), op.verb)
    result = method(*args, **kwargs)
    if op.returns == "page":
        assert isinstance(result, SyncPage)
        expected = getattr(appointments, op.item_model or "")
        assert all(isinstance(item, expected) for item in result.items)
        assert result.total_size >= len(result.items)
    elif op.returns == "text":
        assert isinstance(result, str)
        assert result.startswith("BEGIN:VCALENDAR\r\n"), result[:80]
    else:
        assert isinstance(result, getattr(appointments, op.response_model or ""))
    for media_type in op.text_variants:  # e.g. reports.appointments_csv
        text = getattr(getattr(client, op.tag), text_method(op.verb, media_type))(*args, **kwargs)
        assert isinstance(text, str)
        assert text.endswith("\r\n"), text
        assert "," in text.split("\r\n", 1)[0], text  # a CSV header line


def test_every_read_operation_is_covered() -> None:
    assert {op.operation_id for op in READS} >= {
        "appointments.list",
        "appointments.get",
        "attendees.list",
        "cancellation_reasons.list",
        "audit_events.list",
        "availability.list",
        "clients.get",
    }
