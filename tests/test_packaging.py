"""Each import package of the distribution ships ``py.typed`` (PEP 561), so users' type checkers
read its annotations: ``from appointments_mock.pytest_plugin import AppointmentsMock`` included."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest


@pytest.mark.parametrize(
    "package", ["appointments", "appointments_mock", "appointments_conformance"]
)
def test_every_package_is_marked_typed(package: str) -> None:
    module = importlib.import_module(package)
    assert module.__file__ is not None
    assert (Path(module.__file__).parent / "py.typed").is_file()
