"""Small shared types: the `NOT_GIVEN` sentinel and the argument types of every method.

The HTTP types name both client families: httpx2 (the default) and legacy httpx (accepted
through `http_client=`; an optional dependency). A value is always of the family of the client
that sent the request: `httpx2.Response` unless a legacy `httpx.Client` was passed in.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final, Literal, Protocol, TypeAlias, runtime_checkable

import httpx2
from pydantic_core import core_schema

if TYPE_CHECKING:
    import httpx
    from pydantic import GetCoreSchemaHandler

__all__ = [
    "NOT_GIVEN",
    "HTTPRequest",
    "HTTPResponse",
    "Headers",
    "IfMatch",
    "NotGiven",
    "Timeout",
    "Versioned",
]


class NotGiven:
    """The type of `NOT_GIVEN`: an argument the caller left out.

    Distinct from `None`, which for nullable fields means "send null" (e.g. clear the notes).
    """

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()


@runtime_checkable
class Versioned(Protocol):
    """Anything with a `version`, such as an `Appointment` or an `Attendee`."""

    @property
    def version(self) -> int: ...


IfMatch: TypeAlias = str | int | Versioned
"""An `ETag` string (sent as is), a version number or a model with `.version` (sent as `"<n>"`)."""


class _LegacyTimeout:
    """At run time, in `Timeout`: a legacy `httpx.Timeout`, checked without importing httpx.

    Legacy httpx is optional, so the run-time union cannot name its class; a legacy `Timeout`
    can only exist once its user imported httpx, so the class is looked up in `sys.modules`.
    """

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(_legacy_timeout)


def _legacy_timeout(value: object) -> object:
    if is_legacy_timeout(value):
        return value
    raise ValueError("expected seconds, an httpx2.Timeout or an httpx.Timeout")


def is_legacy_timeout(value: object) -> bool:
    """Whether `value` is a legacy `httpx.Timeout` (never imports httpx)."""
    legacy = sys.modules.get("httpx")
    timeout_class = getattr(legacy, "Timeout", None)
    return (
        isinstance(timeout_class, type)
        and timeout_class is not httpx2.Timeout
        and isinstance(value, timeout_class)
    )


if TYPE_CHECKING:
    Timeout: TypeAlias = float | httpx2.Timeout | httpx.Timeout
    HTTPRequest: TypeAlias = httpx2.Request | httpx.Request
    HTTPResponse: TypeAlias = httpx2.Response | httpx.Response
    HTTPHeaders: TypeAlias = httpx2.Headers | httpx.Headers
else:  # the same at run time, where legacy httpx may not be installed
    Timeout = float | httpx2.Timeout | _LegacyTimeout
    HTTPRequest = httpx2.Request
    HTTPResponse = httpx2.Response
    HTTPHeaders = httpx2.Headers
# Timeout: seconds for every phase, or an `httpx2.Timeout` (or a legacy `httpx.Timeout`).
# `None` is rejected: there is always a limit.
# HTTPRequest / HTTPResponse / HTTPHeaders: of httpx2, or of legacy httpx when the SDK client
# was given a legacy `http_client` (`RawResponse.http_response`, `APIError.request`,
# `APIStatusError.response`).

Headers: TypeAlias = Mapping[str, str]
