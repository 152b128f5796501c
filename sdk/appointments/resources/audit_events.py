# Generated from openapi.yaml by `python -m codegen`. Do not edit: change the spec (or
# codegen/) and run `python -m codegen` again.
"""The `audit_events` operations, sync and async."""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal
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
from appointments.models import ActorType, AuditAction, AuditEvent, AuditEventPage, ResourceType

__all__ = [
    "AsyncAuditEventsResource",
    "AsyncAuditEventsResourceWithRawResponse",
    "AuditEventsResource",
    "AuditEventsResourceWithRawResponse",
]


class AuditEventsResource:
    """The append-only record of every change, with the actor and the changed fields."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AuditEventsResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) to `.parse()`."""
        return AuditEventsResourceWithRawResponse(self._client)

    @validate_arguments
    def list(
        self,
        *,
        resource_type: ResourceType | Literal["appointment", "attendee"] | NotGiven = NOT_GIVEN,
        resource_id: str | UUID | NotGiven = NOT_GIVEN,
        appointment_id: str | UUID | NotGiven = NOT_GIVEN,
        actor_type: ActorType
        | Literal["admin", "api_client", "staff", "client", "system"]
        | NotGiven = NOT_GIVEN,
        actor_id: Annotated[str, Field(min_length=1, max_length=64)] | NotGiven = NOT_GIVEN,
        action: AuditAction
        | Literal[
            "appointment.created",
            "appointment.updated",
            "appointment.canceled",
            "appointment.deleted",
            "appointment.restored",
            "appointment.purged",
            "attendee.added",
            "attendee.updated",
            "attendee.canceled",
            "attendee.deleted",
            "attendee.restored",
        ]
        | NotGiven = NOT_GIVEN,
        occurred_after: AwareDatetime | NotGiven = NOT_GIVEN,
        occurred_before: AwareDatetime | NotGiven = NOT_GIVEN,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SyncPage[AuditEvent]:
        """List audit events

        The tenant's audit log, oldest first, filtered by resource, actor, action and time. Admin and
        api_client keys only (403 for staff and client keys).

        Args:
            resource_type: Only events about this kind of resource.
            resource_id: Only events about this resource.
            appointment_id: Only events about this appointment or its attendees.
            actor_type: Only events caused by this kind of actor.
            actor_id: Only events caused by this actor.
            action: Only events with this action.
            occurred_after: Only events at or after this instant (inclusive).
            occurred_before: Only events before this instant (exclusive).
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/audit-events",
            query={
                "resource_type": resource_type,
                "resource_id": resource_id,
                "appointment_id": appointment_id,
                "actor_type": actor_type,
                "actor_id": actor_id,
                "action": action,
                "occurred_after": occurred_after,
                "occurred_before": occurred_before,
                "page_size": page_size,
                "page_token": page_token,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_page(options, AuditEventPage)


class AuditEventsResourceWithRawResponse:
    """The append-only record of every change, with the actor and the changed fields.

    Each method returns a `RawResponse` (status, headers) whose `.parse()` gives the result.
    """

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @validate_arguments
    def list(
        self,
        *,
        resource_type: ResourceType | Literal["appointment", "attendee"] | NotGiven = NOT_GIVEN,
        resource_id: str | UUID | NotGiven = NOT_GIVEN,
        appointment_id: str | UUID | NotGiven = NOT_GIVEN,
        actor_type: ActorType
        | Literal["admin", "api_client", "staff", "client", "system"]
        | NotGiven = NOT_GIVEN,
        actor_id: Annotated[str, Field(min_length=1, max_length=64)] | NotGiven = NOT_GIVEN,
        action: AuditAction
        | Literal[
            "appointment.created",
            "appointment.updated",
            "appointment.canceled",
            "appointment.deleted",
            "appointment.restored",
            "appointment.purged",
            "attendee.added",
            "attendee.updated",
            "attendee.canceled",
            "attendee.deleted",
            "attendee.restored",
        ]
        | NotGiven = NOT_GIVEN,
        occurred_after: AwareDatetime | NotGiven = NOT_GIVEN,
        occurred_before: AwareDatetime | NotGiven = NOT_GIVEN,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[SyncPage[AuditEvent]]:
        """List audit events

        The tenant's audit log, oldest first, filtered by resource, actor, action and time. Admin and
        api_client keys only (403 for staff and client keys).

        Args:
            resource_type: Only events about this kind of resource.
            resource_id: Only events about this resource.
            appointment_id: Only events about this appointment or its attendees.
            actor_type: Only events caused by this kind of actor.
            actor_id: Only events caused by this actor.
            action: Only events with this action.
            occurred_after: Only events at or after this instant (inclusive).
            occurred_before: Only events before this instant (exclusive).
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/audit-events",
            query={
                "resource_type": resource_type,
                "resource_id": resource_id,
                "appointment_id": appointment_id,
                "actor_type": actor_type,
                "actor_id": actor_id,
                "action": action,
                "occurred_after": occurred_after,
                "occurred_before": occurred_before,
                "page_size": page_size,
                "page_token": page_token,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(
            options, self._client._page_parser(options, AuditEventPage)
        )


class AsyncAuditEventsResource:
    """The append-only record of every change, with the actor and the changed fields."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncAuditEventsResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) to `.parse()`."""
        return AsyncAuditEventsResourceWithRawResponse(self._client)

    @validate_arguments
    def list(
        self,
        *,
        resource_type: ResourceType | Literal["appointment", "attendee"] | NotGiven = NOT_GIVEN,
        resource_id: str | UUID | NotGiven = NOT_GIVEN,
        appointment_id: str | UUID | NotGiven = NOT_GIVEN,
        actor_type: ActorType
        | Literal["admin", "api_client", "staff", "client", "system"]
        | NotGiven = NOT_GIVEN,
        actor_id: Annotated[str, Field(min_length=1, max_length=64)] | NotGiven = NOT_GIVEN,
        action: AuditAction
        | Literal[
            "appointment.created",
            "appointment.updated",
            "appointment.canceled",
            "appointment.deleted",
            "appointment.restored",
            "appointment.purged",
            "attendee.added",
            "attendee.updated",
            "attendee.canceled",
            "attendee.deleted",
            "attendee.restored",
        ]
        | NotGiven = NOT_GIVEN,
        occurred_after: AwareDatetime | NotGiven = NOT_GIVEN,
        occurred_before: AwareDatetime | NotGiven = NOT_GIVEN,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[AuditEvent]:
        """List audit events

        The tenant's audit log, oldest first, filtered by resource, actor, action and time. Admin and
        api_client keys only (403 for staff and client keys).

        Args:
            resource_type: Only events about this kind of resource.
            resource_id: Only events about this resource.
            appointment_id: Only events about this appointment or its attendees.
            actor_type: Only events caused by this kind of actor.
            actor_id: Only events caused by this actor.
            action: Only events with this action.
            occurred_after: Only events at or after this instant (inclusive).
            occurred_before: Only events before this instant (exclusive).
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/audit-events",
            query={
                "resource_type": resource_type,
                "resource_id": resource_id,
                "appointment_id": appointment_id,
                "actor_type": actor_type,
                "actor_id": actor_id,
                "action": action,
                "occurred_after": occurred_after,
                "occurred_before": occurred_before,
                "page_size": page_size,
                "page_token": page_token,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_page(options, AuditEventPage)


class AsyncAuditEventsResourceWithRawResponse:
    """The append-only record of every change, with the actor and the changed fields.

    Each method returns a `RawResponse` (status, headers) whose `.parse()` gives the result.
    """

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @validate_arguments
    async def list(
        self,
        *,
        resource_type: ResourceType | Literal["appointment", "attendee"] | NotGiven = NOT_GIVEN,
        resource_id: str | UUID | NotGiven = NOT_GIVEN,
        appointment_id: str | UUID | NotGiven = NOT_GIVEN,
        actor_type: ActorType
        | Literal["admin", "api_client", "staff", "client", "system"]
        | NotGiven = NOT_GIVEN,
        actor_id: Annotated[str, Field(min_length=1, max_length=64)] | NotGiven = NOT_GIVEN,
        action: AuditAction
        | Literal[
            "appointment.created",
            "appointment.updated",
            "appointment.canceled",
            "appointment.deleted",
            "appointment.restored",
            "appointment.purged",
            "attendee.added",
            "attendee.updated",
            "attendee.canceled",
            "attendee.deleted",
            "attendee.restored",
        ]
        | NotGiven = NOT_GIVEN,
        occurred_after: AwareDatetime | NotGiven = NOT_GIVEN,
        occurred_before: AwareDatetime | NotGiven = NOT_GIVEN,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[AsyncPage[AuditEvent]]:
        """List audit events

        The tenant's audit log, oldest first, filtered by resource, actor, action and time. Admin and
        api_client keys only (403 for staff and client keys).

        Args:
            resource_type: Only events about this kind of resource.
            resource_id: Only events about this resource.
            appointment_id: Only events about this appointment or its attendees.
            actor_type: Only events caused by this kind of actor.
            actor_id: Only events caused by this actor.
            action: Only events with this action.
            occurred_after: Only events at or after this instant (inclusive).
            occurred_before: Only events before this instant (exclusive).
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/audit-events",
            query={
                "resource_type": resource_type,
                "resource_id": resource_id,
                "appointment_id": appointment_id,
                "actor_type": actor_type,
                "actor_id": actor_id,
                "action": action,
                "occurred_after": occurred_after,
                "occurred_before": occurred_before,
                "page_size": page_size,
                "page_token": page_token,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(
            options, self._client._page_parser(options, AuditEventPage)
        )
