"""`import appointments` loads the transport and the core only: resources and models on first use.

No timing here (benchmarks/import_time.py measures it); these tests pin which modules load when.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import appointments
import appointments.resources


def _loaded_after(statement: str) -> list[str]:
    """The SDK modules a fresh interpreter has loaded after `statement`."""
    code = (
        f"{statement}\n"
        "import json, sys\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('appointments'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    loaded: list[str] = json.loads(done.stdout.splitlines()[-1])
    return loaded


def test_import_appointments_loads_no_resource_and_no_model() -> None:
    loaded = _loaded_after("import appointments")
    assert "appointments._client" in loaded
    assert "appointments._base_client" in loaded  # the transport is not deferred
    assert [m for m in loaded if m.startswith("appointments.resources.")] == []
    assert "appointments.models" not in loaded
    assert "appointments._webhooks" not in loaded


def test_a_client_attribute_loads_its_resource_module_only() -> None:
    loaded = _loaded_after(
        "import appointments\nappointments.AppointmentsClient(api_key='k').appointments"
    )
    assert [m for m in loaded if m.startswith("appointments.resources.")] == [
        "appointments.resources.appointments"
    ]


def test_a_model_name_loads_the_models_on_first_use() -> None:
    loaded = _loaded_after("from appointments import Appointment")
    assert "appointments.models" in loaded
    loaded = _loaded_after("import appointments\nappointments.models.Appointment")
    assert "appointments.models" in loaded


@pytest.mark.parametrize("name", appointments.__all__)
def test_every_exported_name_resolves(name: str) -> None:
    assert getattr(appointments, name) is not None
    assert name in dir(appointments)


@pytest.mark.parametrize("name", appointments.resources.__all__)
def test_every_resource_class_resolves(name: str) -> None:
    cls = getattr(appointments.resources, name)
    assert cls.__name__ == name


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        appointments.no_such_name  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(AttributeError, match="NoSuchResource"):
        appointments.resources.NoSuchResource  # type: ignore[attr-defined]  # noqa: B018


def test_models_build_their_validators_on_first_use() -> None:
    code = (
        "from appointments import Appointment, AppointmentsClient\n"
        "before = Appointment.__pydantic_complete__\n"
        "from tests.unit.sdk._data import appointment\n"
        "import appointments\n"
        "appointments.parse(Appointment, appointment())\n"
        "print(before, Appointment.__pydantic_complete__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == ["False", "True"]
