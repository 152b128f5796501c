# Generated from openapi.yaml by `python -m codegen`. Do not edit: change the spec (or
# codegen/) and run `python -m codegen` again.
"""The `clients` operations, sync and async."""

from __future__ import annotations

from functools import cached_property
from typing import Annotated
from uuid import UUID

from pydantic import Field

from appointments._base_client import (
    AsyncAPIClient,
    RequestOptions,
    SyncAPIClient,
    model_parser,
    path_param,
    validate_arguments,
)
from appointments._pagination import AsyncPage, AsyncPaginator, SyncPage
from appointments._response import RawResponse
from appointments._types import NOT_GIVEN, Headers, NotGiven, Timeout
from appointments.models import Client, ClientPage

__all__ = [
    "AsyncClientsResource",
    "AsyncClientsResourceWithRawResponse",
    "ClientsResource",
    "ClientsResourceWithRawResponse",
]


class ClientsResource:
    """Clients (reference data). A client key sees only its own client."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> ClientsResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) to `.parse()`."""
        return ClientsResourceWithRawResponse(self._client)

    @validate_arguments
    def list(
        self,
        *,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SyncPage[Client]:
        """List clients

        The clients the caller may see (a client key sees only itself).

        Args:
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or `httpx.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/clients",
            query={"page_size": page_size, "page_token": page_token},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_page(options, ClientPage)

    @validate_arguments
    def get(
        self,
        client_id: str | UUID,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Client:
        """Get a client

        One client. A client key may read only itself (404 for others).

        Args:
            client_id: The client's id.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or `httpx.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/clients/{path_param(client_id)}",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, Client)


class ClientsResourceWithRawResponse:
    """Clients (reference data). A client key sees only its own client.

    Each method returns a `RawResponse` (status, headers) whose `.parse()` gives the result.
    """

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @validate_arguments
    def list(
        self,
        *,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[SyncPage[Client]]:
        """List clients

        The clients the caller may see (a client key sees only itself).

        Args:
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or `httpx.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/clients",
            query={"page_size": page_size, "page_token": page_token},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, self._client._page_parser(options, ClientPage))

    @validate_arguments
    def get(
        self,
        client_id: str | UUID,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Client]:
        """Get a client

        One client. A client key may read only itself (404 for others).

        Args:
            client_id: The client's id.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or `httpx.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/clients/{path_param(client_id)}",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(Client))


class AsyncClientsResource:
    """Clients (reference data). A client key sees only its own client."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncClientsResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) to `.parse()`."""
        return AsyncClientsResourceWithRawResponse(self._client)

    @validate_arguments
    def list(
        self,
        *,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[Client]:
        """List clients

        The clients the caller may see (a client key sees only itself).

        Args:
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or `httpx.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/clients",
            query={"page_size": page_size, "page_token": page_token},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_page(options, ClientPage)

    @validate_arguments
    async def get(
        self,
        client_id: str | UUID,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Client:
        """Get a client

        One client. A client key may read only itself (404 for others).

        Args:
            client_id: The client's id.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or `httpx.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/clients/{path_param(client_id)}",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, Client)


class AsyncClientsResourceWithRawResponse:
    """Clients (reference data). A client key sees only its own client.

    Each method returns a `RawResponse` (status, headers) whose `.parse()` gives the result.
    """

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @validate_arguments
    async def list(
        self,
        *,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[AsyncPage[Client]]:
        """List clients

        The clients the caller may see (a client key sees only itself).

        Args:
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or `httpx.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/clients",
            query={"page_size": page_size, "page_token": page_token},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(
            options, self._client._page_parser(options, ClientPage)
        )

    @validate_arguments
    async def get(
        self,
        client_id: str | UUID,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Client]:
        """Get a client

        One client. A client key may read only itself (404 for others).

        Args:
            client_id: The client's id.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or `httpx.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/clients/{path_param(client_id)}",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(Client))
