# Generated from openapi.yaml by `python -m codegen`. Do not edit: change the spec (or
# codegen/) and run `python -m codegen` again.
"""The `availability` operations, sync and async."""

from __future__ import annotations

from functools import cached_property
from typing import Annotated
from uuid import UUID

from pydantic import AwareDatetime, Field

from appointments._arguments import validate_arguments
from appointments._base_client import (
    AsyncAPIClient,
    RequestOptions,
    SyncAPIClient,
)
from appointments._pagination import AsyncPage, AsyncPaginator, SyncPage
from appointments._response import RawResponse
from appointments._types import NOT_GIVEN, Headers, NotGiven, Timeout
from appointments.models import AvailabilitySlot, AvailabilitySlotPage

__all__ = [
    "AsyncAvailabilityResource",
    "AsyncAvailabilityResourceWithRawResponse",
    "AvailabilityResource",
    "AvailabilityResourceWithRawResponse",
]


class AvailabilityResource:
    """Free time of practitioners, computed from working hours minus live, active appointments."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AvailabilityResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) to `.parse()`."""
        return AvailabilityResourceWithRawResponse(self._client)

    @validate_arguments
    def list(
        self,
        *,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        from_: AwareDatetime,
        to: AwareDatetime,
        duration_minutes: Annotated[int, Field(ge=5, le=480)] | NotGiven = NOT_GIVEN,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SyncPage[AvailabilitySlot]:
        """List free slots

        Free slots of `duration_minutes` within the practitioners' working hours between `from` and
        `to` (at most 31 days apart), on a grid of `duration_minutes` from the start of each working
        period. Live active appointments take time; canceled and deleted appointments do not, so a
        cancel frees its slot at once. A client key sees the same free slots as anyone.

        Args:
            practitioner_id: Only this practitioner's slots (default all active practitioners).
            from_: Start of the window (inclusive).
            to: End of the window (exclusive), at most 31 days after `from`.
            duration_minutes: Length of the wanted slot in minutes.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/availability",
            query={
                "practitioner_id": practitioner_id,
                "from": from_,
                "to": to,
                "duration_minutes": duration_minutes,
                "page_size": page_size,
                "page_token": page_token,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_page(options, AvailabilitySlotPage)


class AvailabilityResourceWithRawResponse:
    """Free time of practitioners, computed from working hours minus live, active appointments.

    Each method returns a `RawResponse` (status, headers) whose `.parse()` gives the result.
    """

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @validate_arguments
    def list(
        self,
        *,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        from_: AwareDatetime,
        to: AwareDatetime,
        duration_minutes: Annotated[int, Field(ge=5, le=480)] | NotGiven = NOT_GIVEN,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[SyncPage[AvailabilitySlot]]:
        """List free slots

        Free slots of `duration_minutes` within the practitioners' working hours between `from` and
        `to` (at most 31 days apart), on a grid of `duration_minutes` from the start of each working
        period. Live active appointments take time; canceled and deleted appointments do not, so a
        cancel frees its slot at once. A client key sees the same free slots as anyone.

        Args:
            practitioner_id: Only this practitioner's slots (default all active practitioners).
            from_: Start of the window (inclusive).
            to: End of the window (exclusive), at most 31 days after `from`.
            duration_minutes: Length of the wanted slot in minutes.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/availability",
            query={
                "practitioner_id": practitioner_id,
                "from": from_,
                "to": to,
                "duration_minutes": duration_minutes,
                "page_size": page_size,
                "page_token": page_token,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(
            options, self._client._page_parser(options, AvailabilitySlotPage)
        )


class AsyncAvailabilityResource:
    """Free time of practitioners, computed from working hours minus live, active appointments."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncAvailabilityResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) to `.parse()`."""
        return AsyncAvailabilityResourceWithRawResponse(self._client)

    @validate_arguments
    def list(
        self,
        *,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        from_: AwareDatetime,
        to: AwareDatetime,
        duration_minutes: Annotated[int, Field(ge=5, le=480)] | NotGiven = NOT_GIVEN,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[AvailabilitySlot]:
        """List free slots

        Free slots of `duration_minutes` within the practitioners' working hours between `from` and
        `to` (at most 31 days apart), on a grid of `duration_minutes` from the start of each working
        period. Live active appointments take time; canceled and deleted appointments do not, so a
        cancel frees its slot at once. A client key sees the same free slots as anyone.

        Args:
            practitioner_id: Only this practitioner's slots (default all active practitioners).
            from_: Start of the window (inclusive).
            to: End of the window (exclusive), at most 31 days after `from`.
            duration_minutes: Length of the wanted slot in minutes.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/availability",
            query={
                "practitioner_id": practitioner_id,
                "from": from_,
                "to": to,
                "duration_minutes": duration_minutes,
                "page_size": page_size,
                "page_token": page_token,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_page(options, AvailabilitySlotPage)


class AsyncAvailabilityResourceWithRawResponse:
    """Free time of practitioners, computed from working hours minus live, active appointments.

    Each method returns a `RawResponse` (status, headers) whose `.parse()` gives the result.
    """

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @validate_arguments
    async def list(
        self,
        *,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        from_: AwareDatetime,
        to: AwareDatetime,
        duration_minutes: Annotated[int, Field(ge=5, le=480)] | NotGiven = NOT_GIVEN,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[AsyncPage[AvailabilitySlot]]:
        """List free slots

        Free slots of `duration_minutes` within the practitioners' working hours between `from` and
        `to` (at most 31 days apart), on a grid of `duration_minutes` from the start of each working
        period. Live active appointments take time; canceled and deleted appointments do not, so a
        cancel frees its slot at once. A client key sees the same free slots as anyone.

        Args:
            practitioner_id: Only this practitioner's slots (default all active practitioners).
            from_: Start of the window (inclusive).
            to: End of the window (exclusive), at most 31 days after `from`.
            duration_minutes: Length of the wanted slot in minutes.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/availability",
            query={
                "practitioner_id": practitioner_id,
                "from": from_,
                "to": to,
                "duration_minutes": duration_minutes,
                "page_size": page_size,
                "page_token": page_token,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(
            options, self._client._page_parser(options, AvailabilitySlotPage)
        )
