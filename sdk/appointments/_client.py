# Generated from openapi.yaml by `python -m codegen`. Do not edit: change the spec (or
# codegen/) and run `python -m codegen` again.
"""The clients: one attribute per API tag, in a sync and an async flavour."""

from __future__ import annotations

from functools import cached_property

from appointments._base_client import AsyncAPIClient, SyncAPIClient
from appointments._webhooks import Webhooks
from appointments.resources import (
    AppointmentsResource,
    AppointmentsResourceWithRawResponse,
    AsyncAppointmentsResource,
    AsyncAppointmentsResourceWithRawResponse,
    AsyncAttendeesResource,
    AsyncAttendeesResourceWithRawResponse,
    AsyncAuditEventsResource,
    AsyncAuditEventsResourceWithRawResponse,
    AsyncAvailabilityResource,
    AsyncAvailabilityResourceWithRawResponse,
    AsyncCancellationReasonsResource,
    AsyncCancellationReasonsResourceWithRawResponse,
    AsyncClientsResource,
    AsyncClientsResourceWithRawResponse,
    AsyncPractitionersResource,
    AsyncPractitionersResourceWithRawResponse,
    AsyncReportsResource,
    AsyncReportsResourceWithRawResponse,
    AsyncWebhookEndpointsResource,
    AsyncWebhookEndpointsResourceWithRawResponse,
    AttendeesResource,
    AttendeesResourceWithRawResponse,
    AuditEventsResource,
    AuditEventsResourceWithRawResponse,
    AvailabilityResource,
    AvailabilityResourceWithRawResponse,
    CancellationReasonsResource,
    CancellationReasonsResourceWithRawResponse,
    ClientsResource,
    ClientsResourceWithRawResponse,
    PractitionersResource,
    PractitionersResourceWithRawResponse,
    ReportsResource,
    ReportsResourceWithRawResponse,
    WebhookEndpointsResource,
    WebhookEndpointsResourceWithRawResponse,
)

__all__ = ["AppointmentsClient", "AsyncAppointmentsClient"]


class AppointmentsClient(SyncAPIClient):
    """The synchronous client of the Appointments API.

    Args:
        api_key: Bearer API key; default: the `APPOINTMENTS_API_KEY` environment variable.
        signing_key: Sign every request instead (RFC 9421, hmac-sha256): a `SigningKey(key_id,
            secret)`; each attempt is signed anew. Not together with `api_key`.
        base_url: default: `APPOINTMENTS_BASE_URL`, else the local mock `http://127.0.0.1:8080/v1`.
        timeout: Seconds or an `httpx2.Timeout` (a legacy `httpx.Timeout` too); default 30 s (5 s
            to connect). Never None.
        max_retries: Retries of failed attempts (connection errors, timeouts, 408, 429, 5xx,
            a 409 idempotency-key-in-use); default 2.
        default_headers: Headers sent with every request.
        http_client: An `httpx2.Client` to send with (proxies, transports, event hooks), or a
            legacy `httpx.Client` (e.g. for respx); it is not closed by `close()`.
        webhook_secret: The `whsec_` secret `client.webhooks` verifies with; default:
            `APPOINTMENTS_WEBHOOK_SECRET`.

    Use it as a context manager, or call `close()`, to release its connections.
    """

    @cached_property
    def appointments(self) -> AppointmentsResource:
        """Individual and group appointments, including recurring series, and their life cycle (cancel, soft delete, restore, purge)."""
        return AppointmentsResource(self)

    @cached_property
    def attendees(self) -> AttendeesResource:
        """The clients attending an appointment. A group appointment has many, an individual appointment exactly one."""
        return AttendeesResource(self)

    @cached_property
    def cancellation_reasons(self) -> CancellationReasonsResource:
        """The catalogue of coded cancellation reasons."""
        return CancellationReasonsResource(self)

    @cached_property
    def audit_events(self) -> AuditEventsResource:
        """The append-only record of every change, with the actor and the changed fields."""
        return AuditEventsResource(self)

    @cached_property
    def availability(self) -> AvailabilityResource:
        """Free time of practitioners, computed from working hours minus live, active appointments."""
        return AvailabilityResource(self)

    @cached_property
    def practitioners(self) -> PractitionersResource:
        """Practitioners (reference data) with their working hours and time zone."""
        return PractitionersResource(self)

    @cached_property
    def clients(self) -> ClientsResource:
        """Clients (reference data). A client key sees only its own client."""
        return ClientsResource(self)

    @cached_property
    def reports(self) -> ReportsResource:
        """Counts and activity over a period, computed from the same records as the lists. Canceled appointments are left out unless asked for."""
        return ReportsResource(self)

    @cached_property
    def webhook_endpoints(self) -> WebhookEndpointsResource:
        """Endpoints that receive the API's events as signed webhooks (Standard Webhooks), their secrets and their deliveries."""
        return WebhookEndpointsResource(self)

    @cached_property
    def webhooks(self) -> Webhooks:
        """Verify and parse the webhooks the API sends (`unwrap`, `verify_signature`),
        with this client's `webhook_secret` (default `APPOINTMENTS_WEBHOOK_SECRET`).
        """
        return Webhooks(self.webhook_secret)

    @cached_property
    def with_raw_response(self) -> AppointmentsClientWithRawResponse:
        """Every method, returning the raw response (status, headers) to `.parse()`."""
        return AppointmentsClientWithRawResponse(self)


class AppointmentsClientWithRawResponse:
    """The resources of `AppointmentsClient`, returning raw responses."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @cached_property
    def appointments(self) -> AppointmentsResourceWithRawResponse:
        return AppointmentsResourceWithRawResponse(self._client)

    @cached_property
    def attendees(self) -> AttendeesResourceWithRawResponse:
        return AttendeesResourceWithRawResponse(self._client)

    @cached_property
    def cancellation_reasons(self) -> CancellationReasonsResourceWithRawResponse:
        return CancellationReasonsResourceWithRawResponse(self._client)

    @cached_property
    def audit_events(self) -> AuditEventsResourceWithRawResponse:
        return AuditEventsResourceWithRawResponse(self._client)

    @cached_property
    def availability(self) -> AvailabilityResourceWithRawResponse:
        return AvailabilityResourceWithRawResponse(self._client)

    @cached_property
    def practitioners(self) -> PractitionersResourceWithRawResponse:
        return PractitionersResourceWithRawResponse(self._client)

    @cached_property
    def clients(self) -> ClientsResourceWithRawResponse:
        return ClientsResourceWithRawResponse(self._client)

    @cached_property
    def reports(self) -> ReportsResourceWithRawResponse:
        return ReportsResourceWithRawResponse(self._client)

    @cached_property
    def webhook_endpoints(self) -> WebhookEndpointsResourceWithRawResponse:
        return WebhookEndpointsResourceWithRawResponse(self._client)


class AsyncAppointmentsClient(AsyncAPIClient):
    """The asynchronous client of the Appointments API.

    Args:
        api_key: Bearer API key; default: the `APPOINTMENTS_API_KEY` environment variable.
        signing_key: Sign every request instead (RFC 9421, hmac-sha256): a `SigningKey(key_id,
            secret)`; each attempt is signed anew. Not together with `api_key`.
        base_url: default: `APPOINTMENTS_BASE_URL`, else the local mock `http://127.0.0.1:8080/v1`.
        timeout: Seconds or an `httpx2.Timeout` (a legacy `httpx.Timeout` too); default 30 s (5 s
            to connect). Never None.
        max_retries: Retries of failed attempts (connection errors, timeouts, 408, 429, 5xx,
            a 409 idempotency-key-in-use); default 2.
        default_headers: Headers sent with every request.
        http_client: An `httpx2.AsyncClient` to send with, or a legacy `httpx.AsyncClient`; it is
            not closed by `aclose()`.
        webhook_secret: The `whsec_` secret `client.webhooks` verifies with; default:
            `APPOINTMENTS_WEBHOOK_SECRET`.

    Use it with `async with`, or call `aclose()`, to release its connections.
    """

    @cached_property
    def appointments(self) -> AsyncAppointmentsResource:
        """Individual and group appointments, including recurring series, and their life cycle (cancel, soft delete, restore, purge)."""
        return AsyncAppointmentsResource(self)

    @cached_property
    def attendees(self) -> AsyncAttendeesResource:
        """The clients attending an appointment. A group appointment has many, an individual appointment exactly one."""
        return AsyncAttendeesResource(self)

    @cached_property
    def cancellation_reasons(self) -> AsyncCancellationReasonsResource:
        """The catalogue of coded cancellation reasons."""
        return AsyncCancellationReasonsResource(self)

    @cached_property
    def audit_events(self) -> AsyncAuditEventsResource:
        """The append-only record of every change, with the actor and the changed fields."""
        return AsyncAuditEventsResource(self)

    @cached_property
    def availability(self) -> AsyncAvailabilityResource:
        """Free time of practitioners, computed from working hours minus live, active appointments."""
        return AsyncAvailabilityResource(self)

    @cached_property
    def practitioners(self) -> AsyncPractitionersResource:
        """Practitioners (reference data) with their working hours and time zone."""
        return AsyncPractitionersResource(self)

    @cached_property
    def clients(self) -> AsyncClientsResource:
        """Clients (reference data). A client key sees only its own client."""
        return AsyncClientsResource(self)

    @cached_property
    def reports(self) -> AsyncReportsResource:
        """Counts and activity over a period, computed from the same records as the lists. Canceled appointments are left out unless asked for."""
        return AsyncReportsResource(self)

    @cached_property
    def webhook_endpoints(self) -> AsyncWebhookEndpointsResource:
        """Endpoints that receive the API's events as signed webhooks (Standard Webhooks), their secrets and their deliveries."""
        return AsyncWebhookEndpointsResource(self)

    @cached_property
    def webhooks(self) -> Webhooks:
        """Verify and parse the webhooks the API sends (`unwrap`, `verify_signature`),
        with this client's `webhook_secret` (default `APPOINTMENTS_WEBHOOK_SECRET`).
        """
        return Webhooks(self.webhook_secret)

    @cached_property
    def with_raw_response(self) -> AsyncAppointmentsClientWithRawResponse:
        """Every method, returning the raw response (status, headers) to `.parse()`."""
        return AsyncAppointmentsClientWithRawResponse(self)


class AsyncAppointmentsClientWithRawResponse:
    """The resources of `AsyncAppointmentsClient`, returning raw responses."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @cached_property
    def appointments(self) -> AsyncAppointmentsResourceWithRawResponse:
        return AsyncAppointmentsResourceWithRawResponse(self._client)

    @cached_property
    def attendees(self) -> AsyncAttendeesResourceWithRawResponse:
        return AsyncAttendeesResourceWithRawResponse(self._client)

    @cached_property
    def cancellation_reasons(self) -> AsyncCancellationReasonsResourceWithRawResponse:
        return AsyncCancellationReasonsResourceWithRawResponse(self._client)

    @cached_property
    def audit_events(self) -> AsyncAuditEventsResourceWithRawResponse:
        return AsyncAuditEventsResourceWithRawResponse(self._client)

    @cached_property
    def availability(self) -> AsyncAvailabilityResourceWithRawResponse:
        return AsyncAvailabilityResourceWithRawResponse(self._client)

    @cached_property
    def practitioners(self) -> AsyncPractitionersResourceWithRawResponse:
        return AsyncPractitionersResourceWithRawResponse(self._client)

    @cached_property
    def clients(self) -> AsyncClientsResourceWithRawResponse:
        return AsyncClientsResourceWithRawResponse(self._client)

    @cached_property
    def reports(self) -> AsyncReportsResourceWithRawResponse:
        return AsyncReportsResourceWithRawResponse(self._client)

    @cached_property
    def webhook_endpoints(self) -> AsyncWebhookEndpointsResourceWithRawResponse:
        return AsyncWebhookEndpointsResourceWithRawResponse(self._client)
