# Generated from openapi.yaml by `python -m codegen`. Do not edit: change the spec (or
# codegen/) and run `python -m codegen` again.
"""The `practitioners` operations, sync and async."""

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
from appointments.models import Practitioner, PractitionerPage

__all__ = [
    "AsyncPractitionersResource",
    "AsyncPractitionersResourceWithRawResponse",
    "PractitionersResource",
    "PractitionersResourceWithRawResponse",
]


class PractitionersResource:
    """Practitioners (reference data) with their working hours and time zone."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> PractitionersResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) to `.parse()`."""
        return PractitionersResourceWithRawResponse(self._client)

    @validate_arguments
    def list(
        self,
        *,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SyncPage[Practitioner]:
        """List practitioners

        The practitioners, with their time zone and weekly working hours.

        Args:
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/practitioners",
            query={"page_size": page_size, "page_token": page_token},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_page(options, PractitionerPage)

    @validate_arguments
    def calendar(
        self,
        practitioner_id: str | UUID,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> str:
        """Get a practitioner's calendar feed

        The practitioner's appointments as an iCalendar feed (RFC 5545) for calendar clients to
        subscribe to, by the practitioner's `calendar_url` (its `token` is the credential, because
        calendar clients cannot send headers) or with a key.

        One `VEVENT` per live appointment that ends at most 90 days ago or later: `UID` is the
        appointment id (stable), `SEQUENCE` its `version`, `DTSTART`/`DTEND` in the appointment's
        time zone (with its `VTIMEZONE`), `SUMMARY`, `ORGANIZER` (the practitioner) and one
        `ATTENDEE` per active attendee. A canceled appointment is sent with `STATUS:CANCELLED` and
        its raised `SEQUENCE` (that is how calendar clients learn to remove it) for 30 days after
        the cancel, then dropped; a deleted one disappears at once (and comes back if restored).

        Args:
            practitioner_id: The practitioner's id.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/practitioners/{path_param(practitioner_id)}/calendar.ics",
            accept="text/calendar",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_text(options)

    @validate_arguments
    def revoke_calendar_url(
        self,
        practitioner_id: str | UUID,
        *,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Practitioner:
        """Revoke a practitioner's calendar URL

        The practitioner's `calendar_url` stops working at once (401 for its token); the response
        carries a new one. Subscribed calendar clients must be given the new URL.

        Args:
            practitioner_id: The practitioner's id.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/practitioners/{path_param(practitioner_id)}/revoke-calendar-url",
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, Practitioner)


class PractitionersResourceWithRawResponse:
    """Practitioners (reference data) with their working hours and time zone.

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
    ) -> RawResponse[SyncPage[Practitioner]]:
        """List practitioners

        The practitioners, with their time zone and weekly working hours.

        Args:
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/practitioners",
            query={"page_size": page_size, "page_token": page_token},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(
            options, self._client._page_parser(options, PractitionerPage)
        )

    @validate_arguments
    def calendar(
        self,
        practitioner_id: str | UUID,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[str]:
        """Get a practitioner's calendar feed

        The practitioner's appointments as an iCalendar feed (RFC 5545) for calendar clients to
        subscribe to, by the practitioner's `calendar_url` (its `token` is the credential, because
        calendar clients cannot send headers) or with a key.

        One `VEVENT` per live appointment that ends at most 90 days ago or later: `UID` is the
        appointment id (stable), `SEQUENCE` its `version`, `DTSTART`/`DTEND` in the appointment's
        time zone (with its `VTIMEZONE`), `SUMMARY`, `ORGANIZER` (the practitioner) and one
        `ATTENDEE` per active attendee. A canceled appointment is sent with `STATUS:CANCELLED` and
        its raised `SEQUENCE` (that is how calendar clients learn to remove it) for 30 days after
        the cancel, then dropped; a deleted one disappears at once (and comes back if restored).

        Args:
            practitioner_id: The practitioner's id.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/practitioners/{path_param(practitioner_id)}/calendar.ics",
            accept="text/calendar",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, parse_text)

    @validate_arguments
    def revoke_calendar_url(
        self,
        practitioner_id: str | UUID,
        *,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Practitioner]:
        """Revoke a practitioner's calendar URL

        The practitioner's `calendar_url` stops working at once (401 for its token); the response
        carries a new one. Subscribed calendar clients must be given the new URL.

        Args:
            practitioner_id: The practitioner's id.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/practitioners/{path_param(practitioner_id)}/revoke-calendar-url",
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(Practitioner))


class AsyncPractitionersResource:
    """Practitioners (reference data) with their working hours and time zone."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncPractitionersResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) to `.parse()`."""
        return AsyncPractitionersResourceWithRawResponse(self._client)

    @validate_arguments
    def list(
        self,
        *,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[Practitioner]:
        """List practitioners

        The practitioners, with their time zone and weekly working hours.

        Args:
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/practitioners",
            query={"page_size": page_size, "page_token": page_token},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_page(options, PractitionerPage)

    @validate_arguments
    async def calendar(
        self,
        practitioner_id: str | UUID,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> str:
        """Get a practitioner's calendar feed

        The practitioner's appointments as an iCalendar feed (RFC 5545) for calendar clients to
        subscribe to, by the practitioner's `calendar_url` (its `token` is the credential, because
        calendar clients cannot send headers) or with a key.

        One `VEVENT` per live appointment that ends at most 90 days ago or later: `UID` is the
        appointment id (stable), `SEQUENCE` its `version`, `DTSTART`/`DTEND` in the appointment's
        time zone (with its `VTIMEZONE`), `SUMMARY`, `ORGANIZER` (the practitioner) and one
        `ATTENDEE` per active attendee. A canceled appointment is sent with `STATUS:CANCELLED` and
        its raised `SEQUENCE` (that is how calendar clients learn to remove it) for 30 days after
        the cancel, then dropped; a deleted one disappears at once (and comes back if restored).

        Args:
            practitioner_id: The practitioner's id.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/practitioners/{path_param(practitioner_id)}/calendar.ics",
            accept="text/calendar",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_text(options)

    @validate_arguments
    async def revoke_calendar_url(
        self,
        practitioner_id: str | UUID,
        *,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Practitioner:
        """Revoke a practitioner's calendar URL

        The practitioner's `calendar_url` stops working at once (401 for its token); the response
        carries a new one. Subscribed calendar clients must be given the new URL.

        Args:
            practitioner_id: The practitioner's id.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/practitioners/{path_param(practitioner_id)}/revoke-calendar-url",
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, Practitioner)


class AsyncPractitionersResourceWithRawResponse:
    """Practitioners (reference data) with their working hours and time zone.

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
    ) -> RawResponse[AsyncPage[Practitioner]]:
        """List practitioners

        The practitioners, with their time zone and weekly working hours.

        Args:
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/practitioners",
            query={"page_size": page_size, "page_token": page_token},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(
            options, self._client._page_parser(options, PractitionerPage)
        )

    @validate_arguments
    async def calendar(
        self,
        practitioner_id: str | UUID,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[str]:
        """Get a practitioner's calendar feed

        The practitioner's appointments as an iCalendar feed (RFC 5545) for calendar clients to
        subscribe to, by the practitioner's `calendar_url` (its `token` is the credential, because
        calendar clients cannot send headers) or with a key.

        One `VEVENT` per live appointment that ends at most 90 days ago or later: `UID` is the
        appointment id (stable), `SEQUENCE` its `version`, `DTSTART`/`DTEND` in the appointment's
        time zone (with its `VTIMEZONE`), `SUMMARY`, `ORGANIZER` (the practitioner) and one
        `ATTENDEE` per active attendee. A canceled appointment is sent with `STATUS:CANCELLED` and
        its raised `SEQUENCE` (that is how calendar clients learn to remove it) for 30 days after
        the cancel, then dropped; a deleted one disappears at once (and comes back if restored).

        Args:
            practitioner_id: The practitioner's id.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/practitioners/{path_param(practitioner_id)}/calendar.ics",
            accept="text/calendar",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, parse_text)

    @validate_arguments
    async def revoke_calendar_url(
        self,
        practitioner_id: str | UUID,
        *,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Practitioner]:
        """Revoke a practitioner's calendar URL

        The practitioner's `calendar_url` stops working at once (401 for its token); the response
        carries a new one. Subscribed calendar clients must be given the new URL.

        Args:
            practitioner_id: The practitioner's id.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/practitioners/{path_param(practitioner_id)}/revoke-calendar-url",
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(Practitioner))
