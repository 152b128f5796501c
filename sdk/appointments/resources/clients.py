# Generated from openapi.yaml by `python -m codegen`. Do not edit: change the spec (or
# codegen/) and run `python -m codegen` again.
"""The `clients` operations, sync and async."""

from __future__ import annotations

from functools import cached_property
from typing import Annotated
from uuid import UUID

from pydantic import Field

from appointments._arguments import validate_arguments
from appointments._base_client import (
    AsyncAPIClient,
    RequestOptions,
    SyncAPIClient,
    model_parser,
    parse_text,
    path_param,
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
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
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
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/clients/{path_param(client_id)}",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, Client)

    @validate_arguments
    def calendar(
        self,
        client_id: str | UUID,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> str:
        """Get a client's calendar feed

        The appointments the client attends as an iCalendar feed (RFC 5545), by the client's
        `calendar_url` (its `token` is the credential) or with a key. The same events as a
        practitioner's feed (`UID`, `SEQUENCE`, time zone, 90 days back), with the practitioner as
        `ORGANIZER` and the client as the only `ATTENDEE`, without notes. A canceled appointment, or
        the client's canceled seat in a group, is sent with `STATUS:CANCELLED` and its raised
        `SEQUENCE` for 30 days after the cancel, then dropped; a deleted one disappears.

        Args:
            client_id: The client's id.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/clients/{path_param(client_id)}/calendar.ics",
            accept="text/calendar",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_text(options)

    @validate_arguments
    def revoke_calendar_url(
        self,
        client_id: str | UUID,
        *,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Client:
        """Revoke a client's calendar URL

        The client's `calendar_url` stops working at once (401 for its token); the response carries
        a new one.

        Args:
            client_id: The client's id.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/clients/{path_param(client_id)}/revoke-calendar-url",
            idempotency_key=idempotency_key,
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
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
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
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/clients/{path_param(client_id)}",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(Client))

    @validate_arguments
    def calendar(
        self,
        client_id: str | UUID,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[str]:
        """Get a client's calendar feed

        The appointments the client attends as an iCalendar feed (RFC 5545), by the client's
        `calendar_url` (its `token` is the credential) or with a key. The same events as a
        practitioner's feed (`UID`, `SEQUENCE`, time zone, 90 days back), with the practitioner as
        `ORGANIZER` and the client as the only `ATTENDEE`, without notes. A canceled appointment, or
        the client's canceled seat in a group, is sent with `STATUS:CANCELLED` and its raised
        `SEQUENCE` for 30 days after the cancel, then dropped; a deleted one disappears.

        Args:
            client_id: The client's id.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/clients/{path_param(client_id)}/calendar.ics",
            accept="text/calendar",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, parse_text)

    @validate_arguments
    def revoke_calendar_url(
        self,
        client_id: str | UUID,
        *,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Client]:
        """Revoke a client's calendar URL

        The client's `calendar_url` stops working at once (401 for its token); the response carries
        a new one.

        Args:
            client_id: The client's id.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/clients/{path_param(client_id)}/revoke-calendar-url",
            idempotency_key=idempotency_key,
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
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
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
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/clients/{path_param(client_id)}",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, Client)

    @validate_arguments
    async def calendar(
        self,
        client_id: str | UUID,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> str:
        """Get a client's calendar feed

        The appointments the client attends as an iCalendar feed (RFC 5545), by the client's
        `calendar_url` (its `token` is the credential) or with a key. The same events as a
        practitioner's feed (`UID`, `SEQUENCE`, time zone, 90 days back), with the practitioner as
        `ORGANIZER` and the client as the only `ATTENDEE`, without notes. A canceled appointment, or
        the client's canceled seat in a group, is sent with `STATUS:CANCELLED` and its raised
        `SEQUENCE` for 30 days after the cancel, then dropped; a deleted one disappears.

        Args:
            client_id: The client's id.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/clients/{path_param(client_id)}/calendar.ics",
            accept="text/calendar",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_text(options)

    @validate_arguments
    async def revoke_calendar_url(
        self,
        client_id: str | UUID,
        *,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Client:
        """Revoke a client's calendar URL

        The client's `calendar_url` stops working at once (401 for its token); the response carries
        a new one.

        Args:
            client_id: The client's id.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/clients/{path_param(client_id)}/revoke-calendar-url",
            idempotency_key=idempotency_key,
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
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
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
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/clients/{path_param(client_id)}",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(Client))

    @validate_arguments
    async def calendar(
        self,
        client_id: str | UUID,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[str]:
        """Get a client's calendar feed

        The appointments the client attends as an iCalendar feed (RFC 5545), by the client's
        `calendar_url` (its `token` is the credential) or with a key. The same events as a
        practitioner's feed (`UID`, `SEQUENCE`, time zone, 90 days back), with the practitioner as
        `ORGANIZER` and the client as the only `ATTENDEE`, without notes. A canceled appointment, or
        the client's canceled seat in a group, is sent with `STATUS:CANCELLED` and its raised
        `SEQUENCE` for 30 days after the cancel, then dropped; a deleted one disappears.

        Args:
            client_id: The client's id.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/clients/{path_param(client_id)}/calendar.ics",
            accept="text/calendar",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, parse_text)

    @validate_arguments
    async def revoke_calendar_url(
        self,
        client_id: str | UUID,
        *,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Client]:
        """Revoke a client's calendar URL

        The client's `calendar_url` stops working at once (401 for its token); the response carries
        a new one.

        Args:
            client_id: The client's id.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/clients/{path_param(client_id)}/revoke-calendar-url",
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(Client))
