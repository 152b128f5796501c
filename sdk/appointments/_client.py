# Generated from openapi.yaml by `python -m codegen`. Do not edit: change the spec (or
# codegen/) and run `python -m codegen` again.
"""The clients: one attribute per API tag, in a sync and an async flavour.

Each resource module is imported on first use of its attribute (`client.appointments`).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from appointments._base_client import AsyncAPIClient, SyncAPIClient

if TYPE_CHECKING:
    from appointments._webhooks import Webhooks
    from appointments.resources.appointments import (
        AppointmentsResource,
        AppointmentsResourceWithRawResponse,
        AsyncAppointmentsResource,
        AsyncAppointmentsResourceWithRawResponse,
    )
    from appointments.resources.attendees import (
        AsyncAttendeesResource,
        AsyncAttendeesResourceWithRawResponse,
        AttendeesResource,
        AttendeesResourceWithRawResponse,
    )
    from appointments.resources.audit_events import (
        AsyncAuditEventsResource,
        AsyncAuditEventsResourceWithRawResponse,
        AuditEventsResource,
        AuditEventsResourceWithRawResponse,
    )
    from appointments.resources.availability import (
        AsyncAvailabilityResource,
        AsyncAvailabilityResourceWithRawResponse,
        AvailabilityResource,
        AvailabilityResourceWithRawResponse,
    )
    from appointments.resources.cancellation_reasons import (
        AsyncCancellationReasonsResource,
        AsyncCancellationReasonsResourceWithRawResponse,
        CancellationReasonsResource,
        CancellationReasonsResourceWithRawResponse,
    )
    from appointments.resources.clients import (
        AsyncClientsResource,
        AsyncClientsResourceWithRawResponse,
        ClientsResource,
        ClientsResourceWithRawResponse,
    )
    from appointments.resources.practitioners import (
        AsyncPractitionersResource,
        AsyncPractitionersResourceWithRawResponse,
        PractitionersResource,
        PractitionersResourceWithRawResponse,
    )
    from appointments.resources.reports import (
        AsyncReportsResource,
        AsyncReportsResourceWithRawResponse,
        ReportsResource,
        ReportsResourceWithRawResponse,
    )
    from appointments.resources.webhook_endpoints import (
        AsyncWebhookEndpointsResource,
        AsyncWebhookEndpointsResourceWithRawResponse,
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
        from appointments.resources.appointments import AppointmentsResource

        return AppointmentsResource(self)

    @cached_property
    def attendees(self) -> AttendeesResource:
        """The clients attending an appointment. A group appointment has many, an individual appointment exactly one."""
        from appointments.resources.attendees import AttendeesResource

        return AttendeesResource(self)

    @cached_property
    def cancellation_reasons(self) -> CancellationReasonsResource:
        """The catalogue of coded cancellation reasons."""
        from appointments.resources.cancellation_reasons import CancellationReasonsResource

        return CancellationReasonsResource(self)

    @cached_property
    def audit_events(self) -> AuditEventsResource:
        """The append-only record of every change, with the actor and the changed fields."""
        from appointments.resources.audit_events import AuditEventsResource

        return AuditEventsResource(self)

    @cached_property
    def availability(self) -> AvailabilityResource:
        """Free time of practitioners, computed from working hours minus live, active appointments."""
        from appointments.resources.availability import AvailabilityResource

        return AvailabilityResource(self)

    @cached_property
    def practitioners(self) -> PractitionersResource:
        """Practitioners (reference data) with their working hours and time zone."""
        from appointments.resources.practitioners import PractitionersResource

        return PractitionersResource(self)

    @cached_property
    def clients(self) -> ClientsResource:
        """Clients (reference data). A client key sees only its own client."""
        from appointments.resources.clients import ClientsResource

        return ClientsResource(self)

    @cached_property
    def reports(self) -> ReportsResource:
        """Counts and activity over a period, computed from the same records as the lists. Canceled appointments are left out unless asked for."""
        from appointments.resources.reports import ReportsResource

        return ReportsResource(self)

    @cached_property
    def webhook_endpoints(self) -> WebhookEndpointsResource:
        """Endpoints that receive the API's events as signed webhooks (Standard Webhooks), their secrets and their deliveries."""
        from appointments.resources.webhook_endpoints import WebhookEndpointsResource

        return WebhookEndpointsResource(self)

    @cached_property
    def webhooks(self) -> Webhooks:
        """Verify and parse the webhooks the API sends (`unwrap`, `verify_signature`),
        with this client's `webhook_secret` (default `APPOINTMENTS_WEBHOOK_SECRET`).
        """
        from appointments._webhooks import Webhooks

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
        from appointments.resources.appointments import AppointmentsResourceWithRawResponse

        return AppointmentsResourceWithRawResponse(self._client)

    @cached_property
    def attendees(self) -> AttendeesResourceWithRawResponse:
        from appointments.resources.attendees import AttendeesResourceWithRawResponse

        return AttendeesResourceWithRawResponse(self._client)

    @cached_property
    def cancellation_reasons(self) -> CancellationReasonsResourceWithRawResponse:
        from appointments.resources.cancellation_reasons import (
            CancellationReasonsResourceWithRawResponse,
        )

        return CancellationReasonsResourceWithRawResponse(self._client)

    @cached_property
    def audit_events(self) -> AuditEventsResourceWithRawResponse:
        from appointments.resources.audit_events import AuditEventsResourceWithRawResponse

        return AuditEventsResourceWithRawResponse(self._client)

    @cached_property
    def availability(self) -> AvailabilityResourceWithRawResponse:
        from appointments.resources.availability import AvailabilityResourceWithRawResponse

        return AvailabilityResourceWithRawResponse(self._client)

    @cached_property
    def practitioners(self) -> PractitionersResourceWithRawResponse:
        from appointments.resources.practitioners import PractitionersResourceWithRawResponse

        return PractitionersResourceWithRawResponse(self._client)

    @cached_property
    def clients(self) -> ClientsResourceWithRawResponse:
        from appointments.resources.clients import ClientsResourceWithRawResponse

        return ClientsResourceWithRawResponse(self._client)

    @cached_property
    def reports(self) -> ReportsResourceWithRawResponse:
        from appointments.resources.reports import ReportsResourceWithRawResponse

        return ReportsResourceWithRawResponse(self._client)

    @cached_property
    def webhook_endpoints(self) -> WebhookEndpointsResourceWithRawResponse:
        from appointments.resources.webhook_endpoints import WebhookEndpointsResourceWithRawResponse

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
        from appointments.resources.appointments import AsyncAppointmentsResource

        return AsyncAppointmentsResource(self)

    @cached_property
    def attendees(self) -> AsyncAttendeesResource:
        """The clients attending an appointment. A group appointment has many, an individual appointment exactly one."""
        from appointments.resources.attendees import AsyncAttendeesResource

        return AsyncAttendeesResource(self)

    @cached_property
    def cancellation_reasons(self) -> AsyncCancellationReasonsResource:
        """The catalogue of coded cancellation reasons."""
        from appointments.resources.cancellation_reasons import AsyncCancellationReasonsResource

        return AsyncCancellationReasonsResource(self)

    @cached_property
    def audit_events(self) -> AsyncAuditEventsResource:
        """The append-only record of every change, with the actor and the changed fields."""
        from appointments.resources.audit_events import AsyncAuditEventsResource

        return AsyncAuditEventsResource(self)

    @cached_property
    def availability(self) -> AsyncAvailabilityResource:
        """Free time of practitioners, computed from working hours minus live, active appointments."""
        from appointments.resources.availability import AsyncAvailabilityResource

        return AsyncAvailabilityResource(self)

    @cached_property
    def practitioners(self) -> AsyncPractitionersResource:
        """Practitioners (reference data) with their working hours and time zone."""
        from appointments.resources.practitioners import AsyncPractitionersResource

        return AsyncPractitionersResource(self)

    @cached_property
    def clients(self) -> AsyncClientsResource:
        """Clients (reference data). A client key sees only its own client."""
        from appointments.resources.clients import AsyncClientsResource

        return AsyncClientsResource(self)

    @cached_property
    def reports(self) -> AsyncReportsResource:
        """Counts and activity over a period, computed from the same records as the lists. Canceled appointments are left out unless asked for."""
        from appointments.resources.reports import AsyncReportsResource

        return AsyncReportsResource(self)

    @cached_property
    def webhook_endpoints(self) -> AsyncWebhookEndpointsResource:
        """Endpoints that receive the API's events as signed webhooks (Standard Webhooks), their secrets and their deliveries."""
        from appointments.resources.webhook_endpoints import AsyncWebhookEndpointsResource

        return AsyncWebhookEndpointsResource(self)

    @cached_property
    def webhooks(self) -> Webhooks:
        """Verify and parse the webhooks the API sends (`unwrap`, `verify_signature`),
        with this client's `webhook_secret` (default `APPOINTMENTS_WEBHOOK_SECRET`).
        """
        from appointments._webhooks import Webhooks

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
        from appointments.resources.appointments import AsyncAppointmentsResourceWithRawResponse

        return AsyncAppointmentsResourceWithRawResponse(self._client)

    @cached_property
    def attendees(self) -> AsyncAttendeesResourceWithRawResponse:
        from appointments.resources.attendees import AsyncAttendeesResourceWithRawResponse

        return AsyncAttendeesResourceWithRawResponse(self._client)

    @cached_property
    def cancellation_reasons(self) -> AsyncCancellationReasonsResourceWithRawResponse:
        from appointments.resources.cancellation_reasons import (
            AsyncCancellationReasonsResourceWithRawResponse,
        )

        return AsyncCancellationReasonsResourceWithRawResponse(self._client)

    @cached_property
    def audit_events(self) -> AsyncAuditEventsResourceWithRawResponse:
        from appointments.resources.audit_events import AsyncAuditEventsResourceWithRawResponse

        return AsyncAuditEventsResourceWithRawResponse(self._client)

    @cached_property
    def availability(self) -> AsyncAvailabilityResourceWithRawResponse:
        from appointments.resources.availability import AsyncAvailabilityResourceWithRawResponse

        return AsyncAvailabilityResourceWithRawResponse(self._client)

    @cached_property
    def practitioners(self) -> AsyncPractitionersResourceWithRawResponse:
        from appointments.resources.practitioners import AsyncPractitionersResourceWithRawResponse

        return AsyncPractitionersResourceWithRawResponse(self._client)

    @cached_property
    def clients(self) -> AsyncClientsResourceWithRawResponse:
        from appointments.resources.clients import AsyncClientsResourceWithRawResponse

        return AsyncClientsResourceWithRawResponse(self._client)

    @cached_property
    def reports(self) -> AsyncReportsResourceWithRawResponse:
        from appointments.resources.reports import AsyncReportsResourceWithRawResponse

        return AsyncReportsResourceWithRawResponse(self._client)

    @cached_property
    def webhook_endpoints(self) -> AsyncWebhookEndpointsResourceWithRawResponse:
        from appointments.resources.webhook_endpoints import (
            AsyncWebhookEndpointsResourceWithRawResponse,
        )

        return AsyncWebhookEndpointsResourceWithRawResponse(self._client)
