# Generated from openapi.yaml by `python -m codegen`. Do not edit: change the spec (or
# codegen/) and run `python -m codegen` again.
"""One module per API tag, each with its sync and async resource classes.

A module is imported when one of its classes is first asked for, so that importing the
package costs nothing until then (type checkers see the imports).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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

_MODULES = {
    "AppointmentsResource": "appointments",
    "AppointmentsResourceWithRawResponse": "appointments",
    "AsyncAppointmentsResource": "appointments",
    "AsyncAppointmentsResourceWithRawResponse": "appointments",
    "AsyncAttendeesResource": "attendees",
    "AsyncAttendeesResourceWithRawResponse": "attendees",
    "AsyncAuditEventsResource": "audit_events",
    "AsyncAuditEventsResourceWithRawResponse": "audit_events",
    "AsyncAvailabilityResource": "availability",
    "AsyncAvailabilityResourceWithRawResponse": "availability",
    "AsyncCancellationReasonsResource": "cancellation_reasons",
    "AsyncCancellationReasonsResourceWithRawResponse": "cancellation_reasons",
    "AsyncClientsResource": "clients",
    "AsyncClientsResourceWithRawResponse": "clients",
    "AsyncPractitionersResource": "practitioners",
    "AsyncPractitionersResourceWithRawResponse": "practitioners",
    "AsyncReportsResource": "reports",
    "AsyncReportsResourceWithRawResponse": "reports",
    "AsyncWebhookEndpointsResource": "webhook_endpoints",
    "AsyncWebhookEndpointsResourceWithRawResponse": "webhook_endpoints",
    "AttendeesResource": "attendees",
    "AttendeesResourceWithRawResponse": "attendees",
    "AuditEventsResource": "audit_events",
    "AuditEventsResourceWithRawResponse": "audit_events",
    "AvailabilityResource": "availability",
    "AvailabilityResourceWithRawResponse": "availability",
    "CancellationReasonsResource": "cancellation_reasons",
    "CancellationReasonsResourceWithRawResponse": "cancellation_reasons",
    "ClientsResource": "clients",
    "ClientsResourceWithRawResponse": "clients",
    "PractitionersResource": "practitioners",
    "PractitionersResourceWithRawResponse": "practitioners",
    "ReportsResource": "reports",
    "ReportsResourceWithRawResponse": "reports",
    "WebhookEndpointsResource": "webhook_endpoints",
    "WebhookEndpointsResourceWithRawResponse": "webhook_endpoints",
}
"""The module of each class."""


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
