"""The OpenAPI 3.1 shim: still needed, still working. Fails loudly when Connexion changes."""

from __future__ import annotations

import copy
import importlib.metadata

import connexion
import pytest
from connexion.exceptions import InvalidSpecification
from connexion.spec import Specification

from appointments_mock import compat31
from appointments_mock import spec as _spec


def _spec_dict() -> dict[str, object]:
    return copy.deepcopy(_spec.load_spec(_spec.spec_path()))


def test_connexion_is_the_pinned_version_with_the_patched_private_method() -> None:
    assert importlib.metadata.version("connexion") == "3.3.0"
    original = Specification.__dict__.get("_validate_spec")
    assert isinstance(original, classmethod), "Specification._validate_spec moved: update compat31"


def test_without_the_shim_connexion_rejects_openapi_31() -> None:
    compat31.uninstall()
    try:
        app = connexion.AsyncApp(__name__)
        with pytest.raises(InvalidSpecification, match=r"3\.1\.0"):
            app.add_api(_spec_dict())
    finally:
        compat31.install()


def test_with_the_shim_the_31_contract_loads() -> None:
    compat31.install()
    assert compat31.is_installed()
    app = connexion.AsyncApp(__name__)
    app.add_api(_spec_dict(), resolver_error=501)


def test_the_shim_still_rejects_an_invalid_31_document() -> None:
    compat31.install()
    broken = _spec_dict()
    broken["paths"] = {"/x": {"get": {"responses": "not a mapping"}}}
    app = connexion.AsyncApp(__name__)
    with pytest.raises(InvalidSpecification):
        app.add_api(broken, resolver_error=501)
