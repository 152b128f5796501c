"""Raw responses: the HTTP details of a call, parsed on demand."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from ._types import HTTPHeaders, HTTPResponse

__all__ = ["RawResponse"]

R = TypeVar("R")


class RawResponse(Generic[R]):
    """A successful response with its headers; `.parse()` gives what the method would return."""

    def __init__(self, response: HTTPResponse, parse: Callable[[HTTPResponse], R]) -> None:
        self.http_response: HTTPResponse = response
        """The underlying response (body already read): an `httpx2.Response`, or a legacy
        `httpx.Response` when the client was given a legacy `http_client`."""
        self._parse = parse

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> HTTPHeaders:
        return self.http_response.headers

    @property
    def etag(self) -> str | None:
        """The `ETag` header (the version in double quotes), if any."""
        return self._header("ETag")

    @property
    def location(self) -> str | None:
        """The `Location` header of a created resource, if any."""
        return self._header("Location")

    @property
    def request_id(self) -> str | None:
        """The `X-Request-Id` header."""
        return self._header("X-Request-Id")

    @property
    def idempotent_replayed(self) -> bool:
        """True when the server replayed the first response to this `Idempotency-Key`."""
        return (self._header("Idempotent-Replayed") or "").lower() == "true"

    def _header(self, name: str) -> str | None:
        value: str | None = self.headers.get(name)
        return value

    def parse(self) -> R:
        """The parsed body (a model, a page, or None for 204)."""
        return self._parse(self.http_response)

    def __repr__(self) -> str:
        request = self.http_response.request
        return f"<RawResponse [{self.status_code}] {request.method} {request.url.path}>"
