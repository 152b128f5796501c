"""Importing the mock's app without the deprecation warnings Connexion causes on import.

Connexion 3.3.0 (pinned) imports ``jsonschema.RefResolver`` and
``jsonschema.exceptions.RefResolutionError`` when it is imported; jsonschema deprecated both in
4.18, so every test session and server start would show two ``DeprecationWarning`` s that the
user can do nothing about (and ``-W error::DeprecationWarning`` would fail at the first fixture).
The mock never uses those names. The filter is scoped to that import and to those warnings raised
from Connexion's modules; any other warning still shows.
``tests/plugin/test_no_deprecation_warnings.py`` runs a user's test project with deprecation
warnings as errors.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["quiet_connexion_import"]


@contextmanager
def quiet_connexion_import() -> Iterator[None]:
    """Import Connexion (through ``appointments_mock.app``) inside this block."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore",
            message=r"jsonschema\.(exceptions\.)?Ref\w+ is deprecated",
            category=DeprecationWarning,
            module=r"connexion(\.|$)",
        )
        yield
