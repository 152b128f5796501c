# Generated from openapi.yaml by `python -m codegen`. Do not edit: change the spec (or
# codegen/) and run `python -m codegen` again.
"""One module per API tag, each with its sync and async resource classes."""

from .appointments import (
    AppointmentsResource,
    AppointmentsResourceWithRawResponse,
    AsyncAppointmentsResource,
    AsyncAppointmentsResourceWithRawResponse,
)
from .attendees import (
    AsyncAttendeesResource,
    AsyncAttendeesResourceWithRawResponse,
    AttendeesResource,
    AttendeesResourceWithRawResponse,
)
from .audit_events import (
    AsyncAuditEventsResource,
    AsyncAuditEventsResourceWithRawResponse,
    AuditEventsResource,
    AuditEventsResourceWithRawResponse,
)
from .availability import (
    AsyncAvailabilityResource,
    AsyncAvailabilityResourceWithRawResponse,
    AvailabilityResource,
    AvailabilityResourceWithRawResponse,
)
from .cancellation_reasons import (
    AsyncCancellationReasonsResource,
    AsyncCancellationReasonsResourceWithRawResponse,
    CancellationReasonsResource,
    CancellationReasonsResourceWithRawResponse,
)
from .clients import (
    AsyncClientsResource,
    AsyncClientsResourceWithRawResponse,
    ClientsResource,
    ClientsResourceWithRawResponse,
)
from .practitioners import (
    AsyncPractitionersResource,
    AsyncPractitionersResourceWithRawResponse,
    PractitionersResource,
    PractitionersResourceWithRawResponse,
)
from .reports import (
    AsyncReportsResource,
    AsyncReportsResourceWithRawResponse,
    ReportsResource,
    ReportsResourceWithRawResponse,
)
from .webhook_endpoints import (
    AsyncWebhookEndpointsResource,
    AsyncWebhookEndpointsResourceWithRawResponse,
    WebhookEndpointsResource,
    WebhookEndpointsResourceWithRawResponse,
)

__all__ = [
    "AppointmentsResource",
    "AppointmentsResourceWithRawResponse",
    "AsyncAppointmentsResource",
    "AsyncAppointmentsResourceWithRawResponse",
    "AsyncAttendeesResource",
    "AsyncAttendeesResourceWithRawResponse",
    "AsyncAuditEventsResource",
    "AsyncAuditEventsResourceWithRawResponse",
    "AsyncAvailabilityResource",
    "AsyncAvailabilityResourceWithRawResponse",
    "AsyncCancellationReasonsResource",
    "AsyncCancellationReasonsResourceWithRawResponse",
    "AsyncClientsResource",
    "AsyncClientsResourceWithRawResponse",
    "AsyncPractitionersResource",
    "AsyncPractitionersResourceWithRawResponse",
    "AsyncReportsResource",
    "AsyncReportsResourceWithRawResponse",
    "AsyncWebhookEndpointsResource",
    "AsyncWebhookEndpointsResourceWithRawResponse",
    "AttendeesResource",
    "AttendeesResourceWithRawResponse",
    "AuditEventsResource",
    "AuditEventsResourceWithRawResponse",
    "AvailabilityResource",
    "AvailabilityResourceWithRawResponse",
    "CancellationReasonsResource",
    "CancellationReasonsResourceWithRawResponse",
    "ClientsResource",
    "ClientsResourceWithRawResponse",
    "PractitionersResource",
    "PractitionersResourceWithRawResponse",
    "ReportsResource",
    "ReportsResourceWithRawResponse",
    "WebhookEndpointsResource",
    "WebhookEndpointsResourceWithRawResponse",
]
