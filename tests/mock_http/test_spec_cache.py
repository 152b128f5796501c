"""The 3.1 validation cache: a valid document is validated once per machine, an invalid one always."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import openapi_spec_validator
import pytest
from connexion.exceptions import InvalidSpecification
from connexion.spec import Specification

from appointments_mock import compat31
from appointments_mock import spec as _spec


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache directory, and a process that has validated nothing yet."""
    monkeypatch.setenv(compat31.CACHE_DIR_ENV, str(tmp_path))
    monkeypatch.setattr(compat31, "_validated", set())
    compat31.install()
    return tmp_path / "valid-openapi-digests"


def _contract() -> dict[str, Any]:
    return copy.deepcopy(_spec.load_spec(_spec.spec_path()))


def _validator_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = openapi_spec_validator.OpenAPIV31SpecValidator

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(openapi_spec_validator, "OpenAPIV31SpecValidator", counting)
    return calls


def test_a_valid_document_is_validated_once_then_known_by_its_digest(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _validator_calls(monkeypatch)
    Specification.load(_contract())
    assert calls == [1]
    assert len(cache.read_text().split()) == 1
    monkeypatch.setattr(compat31, "_validated", set())  # a new process, same machine
    Specification.load(_contract())
    assert calls == [1]


def test_a_changed_document_is_validated_again(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _validator_calls(monkeypatch)
    Specification.load(_contract())
    changed = _contract()
    changed["info"]["title"] += " (edited)"
    Specification.load(changed)
    assert calls == [1, 1]


def test_an_invalid_document_is_rejected_whatever_the_cache_holds(cache: Path) -> None:
    Specification.load(_contract())
    before = cache.read_text()
    broken = _contract()
    broken["paths"] = {"/x": {"get": {"responses": "not a mapping"}}}
    for _ in range(2):
        with pytest.raises(InvalidSpecification):
            Specification.load(copy.deepcopy(broken))
    assert cache.read_text() == before


def test_an_unwritable_cache_only_costs_time(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(compat31.CACHE_DIR_ENV, str(blocker / "sub"))  # cannot be a directory
    monkeypatch.setattr(compat31, "_validated", set())
    compat31.install()
    Specification.load(_contract())
