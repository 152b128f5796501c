"""respx's routes for httpx2 clients: the same routes answer both HTTP client families.

respx patches legacy httpx only. Here an httpx2 request is copied into a legacy one, answered by
the respx router (which records the call as usual), and the answer -- or the transport error a
route raises -- is copied back into httpx2's classes. The unit tests thereby run every request
through both families: legacy clients through respx itself, httpx2 clients through
`httpx2.MockTransport` (`mock_transport`) or, for the SDK's own connection pool, through
httpx2's default transports (`patch_default_transports`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import httpx2
import pytest
import respx


def answer(router: respx.MockRouter, request: httpx2.Request) -> httpx2.Response:
    """The router's answer to an httpx2 request, as an httpx2 response."""
    legacy = httpx.Request(
        request.method,
        str(request.url),
        headers=list(request.headers.multi_items()),
        content=request.read(),
        extensions=dict(request.extensions),
    )
    try:
        response = router.handler(legacy)
    except httpx.HTTPError as exc:  # a route's side effect: the same error, of httpx2
        raise getattr(httpx2, type(exc).__name__)(str(exc), request=request) from exc
    return httpx2.Response(
        response.status_code,
        headers=list(response.headers.multi_items()),
        content=response.read(),
        request=request,
    )


def mock_transport(router: respx.MockRouter) -> httpx2.MockTransport:
    """An httpx2 transport (sync and async) answered by `router`."""
    return httpx2.MockTransport(lambda request: answer(router, request))


@contextmanager
def patch_default_transports(
    router: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Answer httpx2's default transports (the pools the SDK makes itself) from `router`."""

    def handle(_transport: object, request: httpx2.Request) -> httpx2.Response:
        return answer(router, request)

    async def handle_async(_transport: object, request: httpx2.Request) -> httpx2.Response:
        return answer(router, request)

    with monkeypatch.context() as patch:
        patch.setattr(httpx2.HTTPTransport, "handle_request", handle)
        patch.setattr(httpx2.AsyncHTTPTransport, "handle_async_request", handle_async)
        yield
