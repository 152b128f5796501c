"""Where the contracts live, and a small index of the public API's operations.

The public contract is ``openapi.yaml``: wheels carry it inside the package (``force-include`` in
pyproject.toml), a source checkout has it at the repository root. The control API is described by
``control_openapi.yaml`` next to this module.

:class:`OperationIndex` maps a request path and method to an operationId without going through
Connexion, because the HTTP front (faults, journal, idempotency, the 405 ``Allow`` header) needs that
answer before and around Connexion's own routing.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

_PACKAGE_DIR = Path(__file__).resolve().parent
_HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def spec_path() -> Path:
    """The public contract: the packaged copy if there is one, else the repository's ``openapi.yaml``."""
    packaged = _PACKAGE_DIR / "openapi.yaml"
    if packaged.is_file():
        return packaged
    return _PACKAGE_DIR.parent.parent / "openapi.yaml"


def control_spec_path() -> Path:
    """The control API's own small contract (``/_mock/...``)."""
    return _PACKAGE_DIR / "control_openapi.yaml"


@functools.cache
def load_spec(path: Path) -> dict[str, Any]:
    """The parsed document at ``path`` (cached; treat it as read-only)."""
    with path.open("rb") as handle:
        document = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(document, dict):
        raise ValueError(f"{path} is not an OpenAPI document")
    return document


def base_path(spec: dict[str, Any]) -> str:
    """The path of the first ``servers`` entry (``/v1``), without a trailing slash."""
    servers = spec.get("servers") or [{"url": ""}]
    url = str(servers[0].get("url", ""))
    path = re.sub(r"^[a-z]+://[^/]*", "", url)
    return path.rstrip("/")


@dataclass(frozen=True, slots=True)
class _PathTemplate:
    template: str
    pattern: re.Pattern[str]
    operations: dict[str, str]  # upper-case method -> operationId


@dataclass(frozen=True, slots=True)
class Match:
    """The spec path a request path matched, and the operations defined on it."""

    template: str
    operations: dict[str, str]

    def operation_id(self, method: str) -> str | None:
        """The operationId for ``method`` (HEAD answers like GET), or None if the method is not allowed."""
        method = method.upper()
        if method == "HEAD":
            method = "GET"
        return self.operations.get(method)

    @property
    def allow(self) -> str:
        """The ``Allow`` header value: the defined methods, plus HEAD where GET is defined."""
        methods = sorted(self.operations)
        if "GET" in self.operations:
            methods.append("HEAD")
        return ", ".join(methods)


class OperationIndex:
    """Matches request paths against the spec's path templates (``{param}`` = one path segment)."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.base_path = base_path(spec)
        self._templates: list[_PathTemplate] = []
        for template, item in (spec.get("paths") or {}).items():
            operations = {
                method.upper(): str(operation["operationId"])
                for method, operation in item.items()
                if method in _HTTP_METHODS and isinstance(operation, dict)
            }
            regex = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
            self._templates.append(_PathTemplate(template, re.compile(f"^{regex}$"), operations))
        # Literal templates win over templated ones, as in Starlette's route order for this spec.
        self._templates.sort(key=lambda t: t.template.count("{"))

    def match(self, path: str) -> Match | None:
        """The template matching ``path`` (a full request path, including the base path)."""
        if not path.startswith(self.base_path + "/"):
            return None
        relative = path[len(self.base_path) :]
        for template in self._templates:
            if template.pattern.match(relative):
                return Match(template.template, template.operations)
        return None

    def operation_ids(self) -> list[str]:
        """Every operationId in the spec."""
        return [opid for t in self._templates for opid in t.operations.values()]
