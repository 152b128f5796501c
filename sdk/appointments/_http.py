"""The HTTP client families the SDK sends with: httpx2 (the default) and legacy httpx.

httpx2 is the maintained successor of httpx, with the same API, so the SDK sends the same way
with either; what differs is the classes. A legacy `httpx.Client` raises `httpx.TransportError`,
not `httpx2.TransportError`, so the SDK looks up the family of its client once, when it is made.
Legacy httpx is never imported here: a legacy client can only exist if its user imported httpx.

Also here: how a request is named in error messages (`describe`), without credentials.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

import httpx2

if TYPE_CHECKING:
    from ._types import HTTPRequest

__all__ = ["HTTPX2", "Family", "describe", "family_of", "redact_url"]


@dataclass(frozen=True)
class Family:
    """The exception classes of one HTTP client family, as the retry policy needs them."""

    name: str
    transport_error: type[Exception]
    """Every failure to get a response (`TransportError`)."""
    timeout_error: type[Exception]
    """No response in time (`TimeoutException`)."""
    retryable: tuple[type[Exception], ...]
    """Failures where the request may simply be tried again. Other transport errors (an
    unsupported URL scheme, a proxy misconfiguration, a local protocol error) fail the same way
    every time."""

    @classmethod
    def of_module(cls, module: ModuleType) -> Family:
        return cls(
            name=module.__name__,
            transport_error=module.TransportError,
            timeout_error=module.TimeoutException,
            retryable=(module.TimeoutException, module.NetworkError, module.RemoteProtocolError),
        )


HTTPX2 = Family.of_module(httpx2)
"""The default family."""


def family_of(http_client: object, *, is_async: bool) -> Family:
    """The family of an `http_client=`; a TypeError for anything else (or the wrong flavour)."""
    wanted = "AsyncClient" if is_async else "Client"
    if isinstance(http_client, getattr(httpx2, wanted)):
        return HTTPX2
    legacy = sys.modules.get("httpx")
    if (
        legacy is not None
        and legacy is not httpx2
        and isinstance(http_client, getattr(legacy, wanted))
    ):
        return Family.of_module(legacy)
    raise TypeError(
        f"http_client must be an httpx2.{wanted} (or a legacy httpx.{wanted}), "
        f"not {type(http_client).__module__}.{type(http_client).__qualname__}"
    )


# Query parameters whose values are credentials or bearer-like secrets (a calendar feed's
# `token`, a presigned `signature`, ...): never written into a message or a log.
_SECRET_PARAM = re.compile(r"(?i)(^|[_-])(token|key|secret|password|signature|sig)$")


def redact_url(url: object) -> str:
    """`url` as text, without userinfo and with the values of secret query parameters as `***`."""
    text = str(url)
    scheme, sep, rest = text.partition("://")
    if not sep:
        return text
    authority, tail = _split_authority(rest)
    if "@" in authority:
        authority = "***@" + authority.rpartition("@")[2]
    tail, hash_, fragment = tail.partition("#")
    path, question, query = tail.partition("?")
    if question:
        query = "&".join(_redact_pair(pair) for pair in query.split("&"))
    return f"{scheme}://{authority}{path}{question}{query}{hash_}{fragment}"


def _split_authority(rest: str) -> tuple[str, str]:
    for index, char in enumerate(rest):
        if char in "/?#":
            return rest[:index], rest[index:]
    return rest, ""


def _redact_pair(pair: str) -> str:
    name, equals, _value = pair.partition("=")
    if equals and _SECRET_PARAM.search(name.replace("+", " ")):
        return f"{name}=***"
    return pair


def describe(request: HTTPRequest) -> str:
    """`GET http://host/v1/path?q=1`: the method and the URL of a request, credentials redacted."""
    return f"{request.method} {redact_url(request.url)}"
