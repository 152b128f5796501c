# Generated from openapi.yaml by `python -m codegen`. Do not edit: change the spec (or
# codegen/) and run `python -m codegen` again.
"""The `webhook_endpoints` operations, sync and async."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field

from appointments._arguments import as_list, make_body, validate_arguments
from appointments._base_client import (
    AsyncAPIClient,
    RequestOptions,
    SyncAPIClient,
    model_parser,
    parse_empty,
    path_param,
)
from appointments._pagination import AsyncPage, AsyncPaginator, SyncPage
from appointments._response import RawResponse
from appointments._types import NOT_GIVEN, Headers, IfMatch, NotGiven, Timeout
from appointments.models import (
    WebhookDelivery,
    WebhookDeliveryPage,
    WebhookDeliveryStatus,
    WebhookEndpoint,
    WebhookEndpointCreate,
    WebhookEndpointPage,
    WebhookEndpointUpdate,
    WebhookEndpointWithSecret,
    WebhookEventType,
    WebhookSecretRotation,
)

__all__ = [
    "AsyncWebhookEndpointsResource",
    "AsyncWebhookEndpointsResourceWithRawResponse",
    "WebhookEndpointsResource",
    "WebhookEndpointsResourceWithRawResponse",
]


class WebhookEndpointsResource:
    """Endpoints that receive the API's events as signed webhooks (Standard Webhooks), their secrets and their deliveries."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> WebhookEndpointsResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) to `.parse()`."""
        return WebhookEndpointsResourceWithRawResponse(self._client)

    @validate_arguments
    def list(
        self,
        *,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SyncPage[WebhookEndpoint]:
        """List webhook endpoints

        The endpoints that receive this tenant's events, oldest first (never with their secrets).

        Args:
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/webhook-endpoints",
            query={"page_size": page_size, "page_token": page_token},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_page(options, WebhookEndpointPage)

    @validate_arguments
    def create(
        self,
        *,
        url: str,
        events: WebhookEventType
        | Literal[
            "appointment.created",
            "appointment.updated",
            "appointment.canceled",
            "appointment.deleted",
            "appointment.restored",
            "appointment.purged",
            "attendee.created",
            "attendee.updated",
            "attendee.canceled",
            "attendee.deleted",
            "attendee.restored",
        ]
        | Sequence[
            WebhookEventType
            | Literal[
                "appointment.created",
                "appointment.updated",
                "appointment.canceled",
                "appointment.deleted",
                "appointment.restored",
                "appointment.purged",
                "attendee.created",
                "attendee.updated",
                "attendee.canceled",
                "attendee.deleted",
                "attendee.restored",
            ]
        ]
        | NotGiven
        | None = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        enabled: bool | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> WebhookEndpointWithSecret:
        """Create a webhook endpoint

        Registers a URL to receive events (`events`: the types wanted, or every type). From the
        next committed change on, each change that writes an audit event is POSTed to it as a
        webhook signed with the endpoint's secret (Standard Webhooks: `webhook-id`,
        `webhook-timestamp`, `webhook-signature`), asynchronously, in the order the events
        occurred, retried with backoff until a 2xx answer. The response carries the `secret`: it
        is shown only here and by `rotate_secret`. Loopback URLs are always allowed, other hosts
        only when the server allows them (the mock's `serve --webhook-allow-host`); a server
        keeps a limited number of endpoints (409 `too-many-endpoints`).

        Args:
            url: An `http` or `https` URL. Loopback hosts are allowed; other hosts only if the server allows them (the mock's `serve --webhook-allow-host`).
            events: The event types to receive; omitted or null for every type.
            description: What the endpoint is for.
            enabled: Create it disabled (no events until enabled).
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            "/webhook-endpoints",
            body=make_body(
                WebhookEndpointCreate,
                {
                    "url": url,
                    "events": as_list(events),
                    "description": description,
                    "enabled": enabled,
                },
            ),
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, WebhookEndpointWithSecret)

    @validate_arguments
    def get(
        self,
        endpoint_id: str | UUID,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> WebhookEndpoint:
        """Get a webhook endpoint

        One endpoint, with its state (`enabled`, `disabled_reason`, `failing_since`), never its secret.

        Args:
            endpoint_id: The webhook endpoint's id.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/webhook-endpoints/{path_param(endpoint_id)}",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, WebhookEndpoint)

    @validate_arguments
    def update(
        self,
        endpoint_id: str | UUID,
        *,
        url: str | NotGiven = NOT_GIVEN,
        events: WebhookEventType
        | Literal[
            "appointment.created",
            "appointment.updated",
            "appointment.canceled",
            "appointment.deleted",
            "appointment.restored",
            "appointment.purged",
            "attendee.created",
            "attendee.updated",
            "attendee.canceled",
            "attendee.deleted",
            "attendee.restored",
        ]
        | Sequence[
            WebhookEventType
            | Literal[
                "appointment.created",
                "appointment.updated",
                "appointment.canceled",
                "appointment.deleted",
                "appointment.restored",
                "appointment.purged",
                "attendee.created",
                "attendee.updated",
                "attendee.canceled",
                "attendee.deleted",
                "attendee.restored",
            ]
        ]
        | NotGiven
        | None = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        enabled: bool | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> WebhookEndpoint:
        """Update a webhook endpoint

        A JSON merge patch: change the URL, the events, the description, or enable and disable
        the endpoint. Enabling an endpoint that was disabled for failing clears `failing_since`
        and sends what was queued for it at once. Send `If-Match` to avoid overwriting another
        change (412 if it is stale).

        Args:
            endpoint_id: The webhook endpoint's id.
            url: A new URL (the same host rules as on create).
            events: The event types to receive; null for every type.
            description: What the endpoint is for.
            enabled: Enable (also an endpoint disabled for failing; its queued deliveries go at once) or disable it.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "PATCH",
            f"/webhook-endpoints/{path_param(endpoint_id)}",
            body=make_body(
                WebhookEndpointUpdate,
                {
                    "url": url,
                    "events": as_list(events),
                    "description": description,
                    "enabled": enabled,
                },
            ),
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, WebhookEndpoint)

    @validate_arguments
    def delete(
        self,
        endpoint_id: str | UUID,
        *,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> None:
        """Delete a webhook endpoint

        Removes the endpoint for good: nothing more is sent to it, and its deliveries are
        forgotten (an attempt already on its way still finishes).

        Args:
            endpoint_id: The webhook endpoint's id.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "DELETE",
            f"/webhook-endpoints/{path_param(endpoint_id)}",
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        self._client._request_empty(options)

    @validate_arguments
    def rotate_secret(
        self,
        endpoint_id: str | UUID,
        *,
        grace_period_seconds: int | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> WebhookEndpointWithSecret:
        """Rotate a webhook endpoint's secret

        Makes a new secret and returns it (shown only here). For `grace_period_seconds` (default
        one day) the old secret stays valid: every delivery carries both signatures in
        `webhook-signature` (the new one first), so receivers can switch without losing an
        event. A second rotation within the grace period ends the first old secret at once.

        Args:
            endpoint_id: The webhook endpoint's id.
            grace_period_seconds: How long deliveries are signed with the old secret too (both signatures in `webhook-signature`); 0 ends the old secret at once.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/webhook-endpoints/{path_param(endpoint_id)}/rotate-secret",
            body=make_body(WebhookSecretRotation, {"grace_period_seconds": grace_period_seconds}),
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, WebhookEndpointWithSecret)

    @validate_arguments
    def deliveries(
        self,
        endpoint_id: str | UUID,
        *,
        status: WebhookDeliveryStatus
        | Literal["pending", "succeeded", "failed"]
        | NotGiven = NOT_GIVEN,
        event_type: WebhookEventType
        | Literal[
            "appointment.created",
            "appointment.updated",
            "appointment.canceled",
            "appointment.deleted",
            "appointment.restored",
            "appointment.purged",
            "attendee.created",
            "attendee.updated",
            "attendee.canceled",
            "attendee.deleted",
            "attendee.restored",
        ]
        | NotGiven = NOT_GIVEN,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SyncPage[WebhookDelivery]:
        """List an endpoint's deliveries

        The events sent or on their way to the endpoint, newest first, each with its status, its
        attempts (time, response status, error, duration) and when the next attempt is due.

        Args:
            endpoint_id: The webhook endpoint's id.
            status: Only deliveries with this status.
            event_type: Only deliveries of this event type.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/webhook-endpoints/{path_param(endpoint_id)}/deliveries",
            query={
                "status": status,
                "event_type": event_type,
                "page_size": page_size,
                "page_token": page_token,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_page(options, WebhookDeliveryPage)

    @validate_arguments
    def redeliver(
        self,
        endpoint_id: str | UUID,
        delivery_id: str | UUID,
        *,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> WebhookDelivery:
        """Redeliver an event

        Sends the delivery's event again, with the same `webhook-id` and body (freshly signed):
        it goes back to the end of the endpoint's queue as `pending`, due at once, with a fresh
        budget of attempts. A delivery still `pending` is 409 `delivery-pending`; a disabled
        endpoint is 409 `endpoint-disabled`.

        Args:
            endpoint_id: The webhook endpoint's id.
            delivery_id: The delivery's id.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/webhook-endpoints/{path_param(endpoint_id)}/deliveries/{path_param(delivery_id)}/redeliver",
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, WebhookDelivery)


class WebhookEndpointsResourceWithRawResponse:
    """Endpoints that receive the API's events as signed webhooks (Standard Webhooks), their secrets and their deliveries.

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
    ) -> RawResponse[SyncPage[WebhookEndpoint]]:
        """List webhook endpoints

        The endpoints that receive this tenant's events, oldest first (never with their secrets).

        Args:
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/webhook-endpoints",
            query={"page_size": page_size, "page_token": page_token},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(
            options, self._client._page_parser(options, WebhookEndpointPage)
        )

    @validate_arguments
    def create(
        self,
        *,
        url: str,
        events: WebhookEventType
        | Literal[
            "appointment.created",
            "appointment.updated",
            "appointment.canceled",
            "appointment.deleted",
            "appointment.restored",
            "appointment.purged",
            "attendee.created",
            "attendee.updated",
            "attendee.canceled",
            "attendee.deleted",
            "attendee.restored",
        ]
        | Sequence[
            WebhookEventType
            | Literal[
                "appointment.created",
                "appointment.updated",
                "appointment.canceled",
                "appointment.deleted",
                "appointment.restored",
                "appointment.purged",
                "attendee.created",
                "attendee.updated",
                "attendee.canceled",
                "attendee.deleted",
                "attendee.restored",
            ]
        ]
        | NotGiven
        | None = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        enabled: bool | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[WebhookEndpointWithSecret]:
        """Create a webhook endpoint

        Registers a URL to receive events (`events`: the types wanted, or every type). From the
        next committed change on, each change that writes an audit event is POSTed to it as a
        webhook signed with the endpoint's secret (Standard Webhooks: `webhook-id`,
        `webhook-timestamp`, `webhook-signature`), asynchronously, in the order the events
        occurred, retried with backoff until a 2xx answer. The response carries the `secret`: it
        is shown only here and by `rotate_secret`. Loopback URLs are always allowed, other hosts
        only when the server allows them (the mock's `serve --webhook-allow-host`); a server
        keeps a limited number of endpoints (409 `too-many-endpoints`).

        Args:
            url: An `http` or `https` URL. Loopback hosts are allowed; other hosts only if the server allows them (the mock's `serve --webhook-allow-host`).
            events: The event types to receive; omitted or null for every type.
            description: What the endpoint is for.
            enabled: Create it disabled (no events until enabled).
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            "/webhook-endpoints",
            body=make_body(
                WebhookEndpointCreate,
                {
                    "url": url,
                    "events": as_list(events),
                    "description": description,
                    "enabled": enabled,
                },
            ),
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(WebhookEndpointWithSecret))

    @validate_arguments
    def get(
        self,
        endpoint_id: str | UUID,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[WebhookEndpoint]:
        """Get a webhook endpoint

        One endpoint, with its state (`enabled`, `disabled_reason`, `failing_since`), never its secret.

        Args:
            endpoint_id: The webhook endpoint's id.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/webhook-endpoints/{path_param(endpoint_id)}",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(WebhookEndpoint))

    @validate_arguments
    def update(
        self,
        endpoint_id: str | UUID,
        *,
        url: str | NotGiven = NOT_GIVEN,
        events: WebhookEventType
        | Literal[
            "appointment.created",
            "appointment.updated",
            "appointment.canceled",
            "appointment.deleted",
            "appointment.restored",
            "appointment.purged",
            "attendee.created",
            "attendee.updated",
            "attendee.canceled",
            "attendee.deleted",
            "attendee.restored",
        ]
        | Sequence[
            WebhookEventType
            | Literal[
                "appointment.created",
                "appointment.updated",
                "appointment.canceled",
                "appointment.deleted",
                "appointment.restored",
                "appointment.purged",
                "attendee.created",
                "attendee.updated",
                "attendee.canceled",
                "attendee.deleted",
                "attendee.restored",
            ]
        ]
        | NotGiven
        | None = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        enabled: bool | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[WebhookEndpoint]:
        """Update a webhook endpoint

        A JSON merge patch: change the URL, the events, the description, or enable and disable
        the endpoint. Enabling an endpoint that was disabled for failing clears `failing_since`
        and sends what was queued for it at once. Send `If-Match` to avoid overwriting another
        change (412 if it is stale).

        Args:
            endpoint_id: The webhook endpoint's id.
            url: A new URL (the same host rules as on create).
            events: The event types to receive; null for every type.
            description: What the endpoint is for.
            enabled: Enable (also an endpoint disabled for failing; its queued deliveries go at once) or disable it.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "PATCH",
            f"/webhook-endpoints/{path_param(endpoint_id)}",
            body=make_body(
                WebhookEndpointUpdate,
                {
                    "url": url,
                    "events": as_list(events),
                    "description": description,
                    "enabled": enabled,
                },
            ),
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(WebhookEndpoint))

    @validate_arguments
    def delete(
        self,
        endpoint_id: str | UUID,
        *,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[None]:
        """Delete a webhook endpoint

        Removes the endpoint for good: nothing more is sent to it, and its deliveries are
        forgotten (an attempt already on its way still finishes).

        Args:
            endpoint_id: The webhook endpoint's id.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "DELETE",
            f"/webhook-endpoints/{path_param(endpoint_id)}",
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, parse_empty)

    @validate_arguments
    def rotate_secret(
        self,
        endpoint_id: str | UUID,
        *,
        grace_period_seconds: int | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[WebhookEndpointWithSecret]:
        """Rotate a webhook endpoint's secret

        Makes a new secret and returns it (shown only here). For `grace_period_seconds` (default
        one day) the old secret stays valid: every delivery carries both signatures in
        `webhook-signature` (the new one first), so receivers can switch without losing an
        event. A second rotation within the grace period ends the first old secret at once.

        Args:
            endpoint_id: The webhook endpoint's id.
            grace_period_seconds: How long deliveries are signed with the old secret too (both signatures in `webhook-signature`); 0 ends the old secret at once.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/webhook-endpoints/{path_param(endpoint_id)}/rotate-secret",
            body=make_body(WebhookSecretRotation, {"grace_period_seconds": grace_period_seconds}),
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(WebhookEndpointWithSecret))

    @validate_arguments
    def deliveries(
        self,
        endpoint_id: str | UUID,
        *,
        status: WebhookDeliveryStatus
        | Literal["pending", "succeeded", "failed"]
        | NotGiven = NOT_GIVEN,
        event_type: WebhookEventType
        | Literal[
            "appointment.created",
            "appointment.updated",
            "appointment.canceled",
            "appointment.deleted",
            "appointment.restored",
            "appointment.purged",
            "attendee.created",
            "attendee.updated",
            "attendee.canceled",
            "attendee.deleted",
            "attendee.restored",
        ]
        | NotGiven = NOT_GIVEN,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[SyncPage[WebhookDelivery]]:
        """List an endpoint's deliveries

        The events sent or on their way to the endpoint, newest first, each with its status, its
        attempts (time, response status, error, duration) and when the next attempt is due.

        Args:
            endpoint_id: The webhook endpoint's id.
            status: Only deliveries with this status.
            event_type: Only deliveries of this event type.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/webhook-endpoints/{path_param(endpoint_id)}/deliveries",
            query={
                "status": status,
                "event_type": event_type,
                "page_size": page_size,
                "page_token": page_token,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(
            options, self._client._page_parser(options, WebhookDeliveryPage)
        )

    @validate_arguments
    def redeliver(
        self,
        endpoint_id: str | UUID,
        delivery_id: str | UUID,
        *,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[WebhookDelivery]:
        """Redeliver an event

        Sends the delivery's event again, with the same `webhook-id` and body (freshly signed):
        it goes back to the end of the endpoint's queue as `pending`, due at once, with a fresh
        budget of attempts. A delivery still `pending` is 409 `delivery-pending`; a disabled
        endpoint is 409 `endpoint-disabled`.

        Args:
            endpoint_id: The webhook endpoint's id.
            delivery_id: The delivery's id.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/webhook-endpoints/{path_param(endpoint_id)}/deliveries/{path_param(delivery_id)}/redeliver",
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(WebhookDelivery))


class AsyncWebhookEndpointsResource:
    """Endpoints that receive the API's events as signed webhooks (Standard Webhooks), their secrets and their deliveries."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncWebhookEndpointsResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) to `.parse()`."""
        return AsyncWebhookEndpointsResourceWithRawResponse(self._client)

    @validate_arguments
    def list(
        self,
        *,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[WebhookEndpoint]:
        """List webhook endpoints

        The endpoints that receive this tenant's events, oldest first (never with their secrets).

        Args:
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/webhook-endpoints",
            query={"page_size": page_size, "page_token": page_token},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_page(options, WebhookEndpointPage)

    @validate_arguments
    async def create(
        self,
        *,
        url: str,
        events: WebhookEventType
        | Literal[
            "appointment.created",
            "appointment.updated",
            "appointment.canceled",
            "appointment.deleted",
            "appointment.restored",
            "appointment.purged",
            "attendee.created",
            "attendee.updated",
            "attendee.canceled",
            "attendee.deleted",
            "attendee.restored",
        ]
        | Sequence[
            WebhookEventType
            | Literal[
                "appointment.created",
                "appointment.updated",
                "appointment.canceled",
                "appointment.deleted",
                "appointment.restored",
                "appointment.purged",
                "attendee.created",
                "attendee.updated",
                "attendee.canceled",
                "attendee.deleted",
                "attendee.restored",
            ]
        ]
        | NotGiven
        | None = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        enabled: bool | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> WebhookEndpointWithSecret:
        """Create a webhook endpoint

        Registers a URL to receive events (`events`: the types wanted, or every type). From the
        next committed change on, each change that writes an audit event is POSTed to it as a
        webhook signed with the endpoint's secret (Standard Webhooks: `webhook-id`,
        `webhook-timestamp`, `webhook-signature`), asynchronously, in the order the events
        occurred, retried with backoff until a 2xx answer. The response carries the `secret`: it
        is shown only here and by `rotate_secret`. Loopback URLs are always allowed, other hosts
        only when the server allows them (the mock's `serve --webhook-allow-host`); a server
        keeps a limited number of endpoints (409 `too-many-endpoints`).

        Args:
            url: An `http` or `https` URL. Loopback hosts are allowed; other hosts only if the server allows them (the mock's `serve --webhook-allow-host`).
            events: The event types to receive; omitted or null for every type.
            description: What the endpoint is for.
            enabled: Create it disabled (no events until enabled).
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            "/webhook-endpoints",
            body=make_body(
                WebhookEndpointCreate,
                {
                    "url": url,
                    "events": as_list(events),
                    "description": description,
                    "enabled": enabled,
                },
            ),
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, WebhookEndpointWithSecret)

    @validate_arguments
    async def get(
        self,
        endpoint_id: str | UUID,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> WebhookEndpoint:
        """Get a webhook endpoint

        One endpoint, with its state (`enabled`, `disabled_reason`, `failing_since`), never its secret.

        Args:
            endpoint_id: The webhook endpoint's id.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/webhook-endpoints/{path_param(endpoint_id)}",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, WebhookEndpoint)

    @validate_arguments
    async def update(
        self,
        endpoint_id: str | UUID,
        *,
        url: str | NotGiven = NOT_GIVEN,
        events: WebhookEventType
        | Literal[
            "appointment.created",
            "appointment.updated",
            "appointment.canceled",
            "appointment.deleted",
            "appointment.restored",
            "appointment.purged",
            "attendee.created",
            "attendee.updated",
            "attendee.canceled",
            "attendee.deleted",
            "attendee.restored",
        ]
        | Sequence[
            WebhookEventType
            | Literal[
                "appointment.created",
                "appointment.updated",
                "appointment.canceled",
                "appointment.deleted",
                "appointment.restored",
                "appointment.purged",
                "attendee.created",
                "attendee.updated",
                "attendee.canceled",
                "attendee.deleted",
                "attendee.restored",
            ]
        ]
        | NotGiven
        | None = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        enabled: bool | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> WebhookEndpoint:
        """Update a webhook endpoint

        A JSON merge patch: change the URL, the events, the description, or enable and disable
        the endpoint. Enabling an endpoint that was disabled for failing clears `failing_since`
        and sends what was queued for it at once. Send `If-Match` to avoid overwriting another
        change (412 if it is stale).

        Args:
            endpoint_id: The webhook endpoint's id.
            url: A new URL (the same host rules as on create).
            events: The event types to receive; null for every type.
            description: What the endpoint is for.
            enabled: Enable (also an endpoint disabled for failing; its queued deliveries go at once) or disable it.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "PATCH",
            f"/webhook-endpoints/{path_param(endpoint_id)}",
            body=make_body(
                WebhookEndpointUpdate,
                {
                    "url": url,
                    "events": as_list(events),
                    "description": description,
                    "enabled": enabled,
                },
            ),
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, WebhookEndpoint)

    @validate_arguments
    async def delete(
        self,
        endpoint_id: str | UUID,
        *,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> None:
        """Delete a webhook endpoint

        Removes the endpoint for good: nothing more is sent to it, and its deliveries are
        forgotten (an attempt already on its way still finishes).

        Args:
            endpoint_id: The webhook endpoint's id.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "DELETE",
            f"/webhook-endpoints/{path_param(endpoint_id)}",
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        await self._client._request_empty(options)

    @validate_arguments
    async def rotate_secret(
        self,
        endpoint_id: str | UUID,
        *,
        grace_period_seconds: int | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> WebhookEndpointWithSecret:
        """Rotate a webhook endpoint's secret

        Makes a new secret and returns it (shown only here). For `grace_period_seconds` (default
        one day) the old secret stays valid: every delivery carries both signatures in
        `webhook-signature` (the new one first), so receivers can switch without losing an
        event. A second rotation within the grace period ends the first old secret at once.

        Args:
            endpoint_id: The webhook endpoint's id.
            grace_period_seconds: How long deliveries are signed with the old secret too (both signatures in `webhook-signature`); 0 ends the old secret at once.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/webhook-endpoints/{path_param(endpoint_id)}/rotate-secret",
            body=make_body(WebhookSecretRotation, {"grace_period_seconds": grace_period_seconds}),
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, WebhookEndpointWithSecret)

    @validate_arguments
    def deliveries(
        self,
        endpoint_id: str | UUID,
        *,
        status: WebhookDeliveryStatus
        | Literal["pending", "succeeded", "failed"]
        | NotGiven = NOT_GIVEN,
        event_type: WebhookEventType
        | Literal[
            "appointment.created",
            "appointment.updated",
            "appointment.canceled",
            "appointment.deleted",
            "appointment.restored",
            "appointment.purged",
            "attendee.created",
            "attendee.updated",
            "attendee.canceled",
            "attendee.deleted",
            "attendee.restored",
        ]
        | NotGiven = NOT_GIVEN,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[WebhookDelivery]:
        """List an endpoint's deliveries

        The events sent or on their way to the endpoint, newest first, each with its status, its
        attempts (time, response status, error, duration) and when the next attempt is due.

        Args:
            endpoint_id: The webhook endpoint's id.
            status: Only deliveries with this status.
            event_type: Only deliveries of this event type.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/webhook-endpoints/{path_param(endpoint_id)}/deliveries",
            query={
                "status": status,
                "event_type": event_type,
                "page_size": page_size,
                "page_token": page_token,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_page(options, WebhookDeliveryPage)

    @validate_arguments
    async def redeliver(
        self,
        endpoint_id: str | UUID,
        delivery_id: str | UUID,
        *,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> WebhookDelivery:
        """Redeliver an event

        Sends the delivery's event again, with the same `webhook-id` and body (freshly signed):
        it goes back to the end of the endpoint's queue as `pending`, due at once, with a fresh
        budget of attempts. A delivery still `pending` is 409 `delivery-pending`; a disabled
        endpoint is 409 `endpoint-disabled`.

        Args:
            endpoint_id: The webhook endpoint's id.
            delivery_id: The delivery's id.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/webhook-endpoints/{path_param(endpoint_id)}/deliveries/{path_param(delivery_id)}/redeliver",
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, WebhookDelivery)


class AsyncWebhookEndpointsResourceWithRawResponse:
    """Endpoints that receive the API's events as signed webhooks (Standard Webhooks), their secrets and their deliveries.

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
    ) -> RawResponse[AsyncPage[WebhookEndpoint]]:
        """List webhook endpoints

        The endpoints that receive this tenant's events, oldest first (never with their secrets).

        Args:
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/webhook-endpoints",
            query={"page_size": page_size, "page_token": page_token},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(
            options, self._client._page_parser(options, WebhookEndpointPage)
        )

    @validate_arguments
    async def create(
        self,
        *,
        url: str,
        events: WebhookEventType
        | Literal[
            "appointment.created",
            "appointment.updated",
            "appointment.canceled",
            "appointment.deleted",
            "appointment.restored",
            "appointment.purged",
            "attendee.created",
            "attendee.updated",
            "attendee.canceled",
            "attendee.deleted",
            "attendee.restored",
        ]
        | Sequence[
            WebhookEventType
            | Literal[
                "appointment.created",
                "appointment.updated",
                "appointment.canceled",
                "appointment.deleted",
                "appointment.restored",
                "appointment.purged",
                "attendee.created",
                "attendee.updated",
                "attendee.canceled",
                "attendee.deleted",
                "attendee.restored",
            ]
        ]
        | NotGiven
        | None = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        enabled: bool | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[WebhookEndpointWithSecret]:
        """Create a webhook endpoint

        Registers a URL to receive events (`events`: the types wanted, or every type). From the
        next committed change on, each change that writes an audit event is POSTed to it as a
        webhook signed with the endpoint's secret (Standard Webhooks: `webhook-id`,
        `webhook-timestamp`, `webhook-signature`), asynchronously, in the order the events
        occurred, retried with backoff until a 2xx answer. The response carries the `secret`: it
        is shown only here and by `rotate_secret`. Loopback URLs are always allowed, other hosts
        only when the server allows them (the mock's `serve --webhook-allow-host`); a server
        keeps a limited number of endpoints (409 `too-many-endpoints`).

        Args:
            url: An `http` or `https` URL. Loopback hosts are allowed; other hosts only if the server allows them (the mock's `serve --webhook-allow-host`).
            events: The event types to receive; omitted or null for every type.
            description: What the endpoint is for.
            enabled: Create it disabled (no events until enabled).
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            "/webhook-endpoints",
            body=make_body(
                WebhookEndpointCreate,
                {
                    "url": url,
                    "events": as_list(events),
                    "description": description,
                    "enabled": enabled,
                },
            ),
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(WebhookEndpointWithSecret))

    @validate_arguments
    async def get(
        self,
        endpoint_id: str | UUID,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[WebhookEndpoint]:
        """Get a webhook endpoint

        One endpoint, with its state (`enabled`, `disabled_reason`, `failing_since`), never its secret.

        Args:
            endpoint_id: The webhook endpoint's id.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/webhook-endpoints/{path_param(endpoint_id)}",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(WebhookEndpoint))

    @validate_arguments
    async def update(
        self,
        endpoint_id: str | UUID,
        *,
        url: str | NotGiven = NOT_GIVEN,
        events: WebhookEventType
        | Literal[
            "appointment.created",
            "appointment.updated",
            "appointment.canceled",
            "appointment.deleted",
            "appointment.restored",
            "appointment.purged",
            "attendee.created",
            "attendee.updated",
            "attendee.canceled",
            "attendee.deleted",
            "attendee.restored",
        ]
        | Sequence[
            WebhookEventType
            | Literal[
                "appointment.created",
                "appointment.updated",
                "appointment.canceled",
                "appointment.deleted",
                "appointment.restored",
                "appointment.purged",
                "attendee.created",
                "attendee.updated",
                "attendee.canceled",
                "attendee.deleted",
                "attendee.restored",
            ]
        ]
        | NotGiven
        | None = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        enabled: bool | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[WebhookEndpoint]:
        """Update a webhook endpoint

        A JSON merge patch: change the URL, the events, the description, or enable and disable
        the endpoint. Enabling an endpoint that was disabled for failing clears `failing_since`
        and sends what was queued for it at once. Send `If-Match` to avoid overwriting another
        change (412 if it is stale).

        Args:
            endpoint_id: The webhook endpoint's id.
            url: A new URL (the same host rules as on create).
            events: The event types to receive; null for every type.
            description: What the endpoint is for.
            enabled: Enable (also an endpoint disabled for failing; its queued deliveries go at once) or disable it.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "PATCH",
            f"/webhook-endpoints/{path_param(endpoint_id)}",
            body=make_body(
                WebhookEndpointUpdate,
                {
                    "url": url,
                    "events": as_list(events),
                    "description": description,
                    "enabled": enabled,
                },
            ),
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(WebhookEndpoint))

    @validate_arguments
    async def delete(
        self,
        endpoint_id: str | UUID,
        *,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[None]:
        """Delete a webhook endpoint

        Removes the endpoint for good: nothing more is sent to it, and its deliveries are
        forgotten (an attempt already on its way still finishes).

        Args:
            endpoint_id: The webhook endpoint's id.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "DELETE",
            f"/webhook-endpoints/{path_param(endpoint_id)}",
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, parse_empty)

    @validate_arguments
    async def rotate_secret(
        self,
        endpoint_id: str | UUID,
        *,
        grace_period_seconds: int | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[WebhookEndpointWithSecret]:
        """Rotate a webhook endpoint's secret

        Makes a new secret and returns it (shown only here). For `grace_period_seconds` (default
        one day) the old secret stays valid: every delivery carries both signatures in
        `webhook-signature` (the new one first), so receivers can switch without losing an
        event. A second rotation within the grace period ends the first old secret at once.

        Args:
            endpoint_id: The webhook endpoint's id.
            grace_period_seconds: How long deliveries are signed with the old secret too (both signatures in `webhook-signature`); 0 ends the old secret at once.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/webhook-endpoints/{path_param(endpoint_id)}/rotate-secret",
            body=make_body(WebhookSecretRotation, {"grace_period_seconds": grace_period_seconds}),
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(WebhookEndpointWithSecret))

    @validate_arguments
    async def deliveries(
        self,
        endpoint_id: str | UUID,
        *,
        status: WebhookDeliveryStatus
        | Literal["pending", "succeeded", "failed"]
        | NotGiven = NOT_GIVEN,
        event_type: WebhookEventType
        | Literal[
            "appointment.created",
            "appointment.updated",
            "appointment.canceled",
            "appointment.deleted",
            "appointment.restored",
            "appointment.purged",
            "attendee.created",
            "attendee.updated",
            "attendee.canceled",
            "attendee.deleted",
            "attendee.restored",
        ]
        | NotGiven = NOT_GIVEN,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[AsyncPage[WebhookDelivery]]:
        """List an endpoint's deliveries

        The events sent or on their way to the endpoint, newest first, each with its status, its
        attempts (time, response status, error, duration) and when the next attempt is due.

        Args:
            endpoint_id: The webhook endpoint's id.
            status: Only deliveries with this status.
            event_type: Only deliveries of this event type.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/webhook-endpoints/{path_param(endpoint_id)}/deliveries",
            query={
                "status": status,
                "event_type": event_type,
                "page_size": page_size,
                "page_token": page_token,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(
            options, self._client._page_parser(options, WebhookDeliveryPage)
        )

    @validate_arguments
    async def redeliver(
        self,
        endpoint_id: str | UUID,
        delivery_id: str | UUID,
        *,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[WebhookDelivery]:
        """Redeliver an event

        Sends the delivery's event again, with the same `webhook-id` and body (freshly signed):
        it goes back to the end of the endpoint's queue as `pending`, due at once, with a fresh
        budget of attempts. A delivery still `pending` is 409 `delivery-pending`; a disabled
        endpoint is 409 `endpoint-disabled`.

        Args:
            endpoint_id: The webhook endpoint's id.
            delivery_id: The delivery's id.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/webhook-endpoints/{path_param(endpoint_id)}/deliveries/{path_param(delivery_id)}/redeliver",
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(WebhookDelivery))
