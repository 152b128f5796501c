"""Helpers for the tests of the mock's rules: demo ids, ``Api`` shortcuts, spec validation.

A module with a unique name (not ``conftest``) so test modules can import it: several
``conftest`` modules live in this repository and only one of them can be ``import conftest``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from appointments_mock.domain import appointments, attendees
from appointments_mock.domain.context import Call
from appointments_mock.errors import ProblemError
from appointments_mock.seed import CLIENTS, DEMO_CLIENT_ID, DEMO_PRACTITIONER_ID
from appointments_mock.store import World
from codegen.spec import parse_yaml

SPEC_PATH = Path(__file__).resolve().parents[3] / "openapi.yaml"
NOW = datetime(2030, 3, 4, 6, 0, tzinfo=UTC)
KEYS = {
    "admin": "demo-admin-key",
    "api_client": "demo-api-key",
    "staff": "demo-staff-key",
    "client": "demo-client-key",
}
ADA = DEMO_PRACTITIONER_ID
GRACE = DEMO_CLIENT_ID
EDSGER = CLIENTS[2].id
BARBARA = CLIENTS[3].id
FRANCES = CLIENTS[5].id


@cache
def spec() -> dict[str, Any]:
    """The contract."""
    with SPEC_PATH.open() as f:
        loaded: dict[str, Any] = parse_yaml(f)
    return loaded


@cache
def _validator(schema_name: str) -> Draft202012Validator:
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": spec()["components"]}
    return Draft202012Validator(schema, format_checker=FormatChecker())


def validate(schema_name: str, data: Any) -> None:
    """Fail with every error if ``data`` does not match the spec's schema."""
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in _validator(schema_name).iter_errors(data)
    ]
    assert not errors, f"{schema_name} does not validate:\n" + "\n".join(errors)


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec()
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


@cache
def problem_codes(operation_id: str) -> dict[int, frozenset[str]]:
    """The ``code``s the spec lists per status for an operation (``x-problem-codes``)."""
    for path_item in spec()["paths"].values():
        for operation in path_item.values():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                return {
                    int(status): frozenset(_resolve(response).get("x-problem-codes", ()))
                    for status, response in operation["responses"].items()
                }
    raise KeyError(operation_id)


class Api:
    """Shortcuts over a world: calls as a demo key, bookings, time travel."""

    def __init__(self, world: World) -> None:
        self.world = world

    def call(self, role: str = "admin", *, if_match: str | None = None) -> Call:
        """A call as the demo key of ``role`` at the session's now."""
        return Call(
            actor=self.world.api_keys[KEYS[role]],
            now=self.world.clock.now(),
            request_id="req-test",
            if_match=if_match,
        )

    def book(
        self,
        starts_at: str = "2030-03-06T09:00:00Z",
        minutes: int = 30,
        *,
        role: str = "admin",
        **body: Any,
    ) -> dict[str, Any]:
        """Create an appointment (default: individual, Ada, Edsger, Wednesday 09:00 UTC)."""
        start = datetime.fromisoformat(starts_at)
        request = {
            "type": "individual",
            "starts_at": starts_at,
            "ends_at": (start + timedelta(minutes=minutes)).isoformat(),
            "practitioner_id": ADA,
            **body,
        }
        if request["type"] == "individual":
            request.setdefault("client_id", EDSGER)
        return appointments.create_appointment(self.world, self.call(role), request)

    def group(
        self, starts_at: str = "2030-03-06T10:00:00Z", seats: int = 3, **body: Any
    ) -> dict[str, Any]:
        """Create a group appointment (default: Ada, 3 seats, Wednesday 10:00 UTC, 1 hour)."""
        return self.book(starts_at, 60, type="group", max_attendees=seats, **body)

    def seat(self, appointment_id: str, client_id: str, role: str = "admin") -> dict[str, Any]:
        """Add an attendee."""
        return attendees.create_attendee(
            self.world, self.call(role), appointment_id, {"client_id": client_id}
        )

    def cancel(self, appointment_id: str, role: str = "admin", **body: Any) -> dict[str, Any]:
        """Cancel with reason 30 unless told otherwise."""
        return appointments.cancel_appointment(
            self.world, self.call(role), appointment_id, {"reason_code": 30, **body}
        )

    def get(self, appointment_id: str, role: str = "admin", **kwargs: Any) -> dict[str, Any]:
        """Read an appointment."""
        return appointments.get_appointment(self.world, self.call(role), appointment_id, **kwargs)

    def advance(self, **delta: float) -> None:
        """Move the session clock forward."""
        self.world.clock.advance(timedelta(**delta).total_seconds())


Fails = Callable[..., ProblemError]
