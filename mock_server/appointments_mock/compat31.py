"""OpenAPI 3.1 support for Connexion 3.3: the only place the mock touches Connexion internals.

Connexion 3.3.0 checks every 3.x document against its bundled **3.0** meta-schema, so ``add_api``
rejects ``openapi: 3.1.0`` at once (``'3.1.0' does not match '^3\\.0\\.\\d(-.+)?$'``; upstream
spec-first/connexion#1396). :func:`install` replaces that one check, for 3.1 documents only, with
openapi-spec-validator's 3.1 validator. Everything else Connexion does with the document (resolving
``$ref``, routing, parameter parsing) already works for the subset of 3.1 the contract uses; the
runtime validators that understand JSON Schema 2020-12 live in ``validation.py``.

The patched name, ``connexion.spec.Specification._validate_spec``, is private: connexion is pinned
(``==3.3.0``) and ``tests/mock_http/test_compat31.py`` fails loudly if the behaviour changes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
from importlib.metadata import version as _version
from pathlib import Path
from typing import Any

from connexion.exceptions import InvalidSpecification
from connexion.spec import OpenAPISpecification, Specification

_ORIGINAL = Specification.__dict__["_validate_spec"]  # the classmethod object itself
_validated: set[str] = set()  # digests of 3.1 documents already found valid
_lock = threading.Lock()


CACHE_DIR_ENV = "APPOINTMENTS_MOCK_CACHE_DIR"


def _digest(spec: dict[str, Any]) -> str:
    # The validator's version is part of the key: a newer validator checks the document afresh.
    content = json.dumps([_version("openapi-spec-validator"), spec], sort_keys=True, default=str)
    return hashlib.sha256(content.encode()).hexdigest()


def _cache_file() -> Path:
    """Digests of documents found valid by an earlier process (one per line)."""
    base = os.environ.get(CACHE_DIR_ENV) or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "appointments-mock"
    )
    return Path(base) / "valid-openapi-digests"


def _known_valid(digest: str) -> bool:
    try:
        return digest in _cache_file().read_text().split()
    except OSError:
        return False


def _remember_valid(digest: str) -> None:
    with contextlib.suppress(OSError):  # a read-only home only costs the next start-up time
        path = _cache_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a") as handle:
            handle.write(digest + "\n")


def _validate_spec(cls: type[Specification], spec: dict[str, Any]) -> None:
    version = str(spec.get("openapi", ""))
    if not version.startswith("3.1."):
        _ORIGINAL.__func__(cls, spec)
        return
    # Connexion re-validates on every clone (one per middleware layer); the 3.1 validator takes
    # about half a second on the contract -- most of the mock's start-up time -- so a document is
    # validated once per process, and once per machine: the digest of a valid document is kept
    # in a small cache file. A document that changed in any byte has another digest and is
    # validated again; an invalid one is never recorded.
    digest = _digest(spec)
    if digest in _validated:
        return
    if not _known_valid(digest):
        from openapi_spec_validator import OpenAPIV31SpecValidator

        error = next(iter(OpenAPIV31SpecValidator(spec).iter_errors()), None)
        if error is not None:
            raise InvalidSpecification(f"Invalid OpenAPI 3.1 document: {error.message}")
        _remember_valid(digest)
    with _lock:
        _validated.add(digest)


def install() -> None:
    """Let Connexion load OpenAPI 3.1 documents (idempotent)."""
    OpenAPISpecification._validate_spec = classmethod(_validate_spec)


def uninstall() -> None:
    """Restore Connexion's own check (used by the test that proves the shim is still needed)."""
    if "_validate_spec" in OpenAPISpecification.__dict__:
        del OpenAPISpecification._validate_spec


def is_installed() -> bool:
    """Whether :func:`install` is in effect."""
    return "_validate_spec" in OpenAPISpecification.__dict__
