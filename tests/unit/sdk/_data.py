"""Shared test data for the SDK unit tests: the spec's own examples, and small builders."""

from __future__ import annotations

import copy
from typing import Any

from codegen.spec import load_spec

BASE_URL = "http://api.test/v1"
API_KEY = "sk-test-secret-key-0123456789"
APPOINTMENT_ID = "7d1f5a4e-8c2b-4f7e-9a31-2b6c1d0e9f10"

_SPEC = load_spec()


def example(name: str) -> dict[str, Any]:
    """A fresh copy of one of the spec's component examples."""
    value: dict[str, Any] = copy.deepcopy(_SPEC["components"]["examples"][name]["value"])
    return value


def appointment(**changes: Any) -> dict[str, Any]:
    """An appointment as the API returns it (the spec's example), with `changes` applied."""
    return {**example("ActiveAppointment"), **changes}


def page(
    items: list[dict[str, Any]], token: str | None, total: int | None = None
) -> dict[str, Any]:
    return {
        "items": items,
        "next_page_token": token,
        "total_size": len(items) if total is None else total,
    }


def problem(status: int, code: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": f"/problems/{code}",
        "title": code.replace("-", " "),
        "status": status,
        "code": code,
        **extra,
    }
