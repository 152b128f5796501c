"""Webhook endpoints and the events queued for them: the rules of the ``webhook_endpoints`` tag.

Endpoints belong to a session's world, like its appointments: admin and api_client keys manage
them (403 for the others). Events are queued where the audit trail is written: at the end of each
transaction that wrote audit events (``World.commit_listener``), one delivery per enabled,
subscribed endpoint, its body rendered then (the resource as a read would return it once the
change is committed), so a failed request queues nothing. Sending is ``webhooks.py``'s business.
"""

from __future__ import annotations

import base64
import ipaddress
import logging
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from appointments_mock.domain.context import ActorType, Call
from appointments_mock.domain.guards import check_if_match, require_role
from appointments_mock.domain.lifecycle import transaction
from appointments_mock.domain.paging import Pager
from appointments_mock.domain.problems import (
    body_error,
    not_found,
    parameter_error,
    problem,
    validation_error,
)
from appointments_mock.domain.serialize import (
    actor_json,
    appointment_json,
    attendee_json,
    encode,
    ts,
)
from appointments_mock.limits import WEBHOOK_MAX_ENDPOINTS
from appointments_mock.outbox import Attempt, Delivery, PendingEvent, WebhookEndpoint, WebhookPolicy
from appointments_mock.store import AuditEvent, World

logger = logging.getLogger("appointments_mock")

EVENT_TYPES = (
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
)
_EVENT_OF_ACTION = {action: action for action in EVENT_TYPES} | {
    "attendee.added": "attendee.created"
}
"""Audit action -> webhook event type (named alike, except the attendee's creation)."""
DEFAULT_GRACE = timedelta(days=1)
_STATUSES = ("pending", "succeeded", "failed")
_ROLES: tuple[ActorType, ...] = ("admin", "api_client")
_FORBIDDEN = "Only admin and api_client keys manage webhook endpoints."


# --- URLs --------------------------------------------------------------------------------------


def is_loopback_host(host: str) -> bool:
    """``localhost`` (and its subdomains), 127.0.0.0/8 or ::1."""
    name = host.lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


def url_errors(url: Any, policy: WebhookPolicy, pointer: str = "/url") -> list[dict[str, str]]:
    """What is wrong with an endpoint URL (nothing: ``[]``); any JSON value is judged."""
    if not isinstance(url, str):
        return []  # the schema's business
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        _ = parts.port  # a port that is not a number raises here
    except ValueError:
        return [body_error(pointer, "is not a URL")]
    if parts.scheme not in ("http", "https") or not host:
        return [body_error(pointer, "must be an http or https URL with a host")]
    if parts.username is not None or parts.password is not None:
        return [body_error(pointer, "must not carry credentials (sign instead: the secret)")]
    if parts.fragment:
        return [body_error(pointer, "must not have a fragment")]
    name = host.lower().rstrip(".")
    if not (
        is_loopback_host(name) or name in policy.allowed_hosts or name in policy.in_process_hosts
    ):
        return [
            body_error(
                pointer,
                f"host {host!r} is not allowed: the mock sends webhooks to loopback hosts only, "
                "unless `appointments-mock serve --webhook-allow-host HOST` names the host",
            )
        ]
    return []


def body_errors(world: World, body: Any) -> list[dict[str, str]]:
    """The rules of a create or update body that JSON Schema cannot state (the URL's host)."""
    if not isinstance(body, Mapping) or "url" not in body:
        return []
    return url_errors(body["url"], world.outbox.policy)


# --- JSON ----------------------------------------------------------------------------------------


def endpoint_json(endpoint: WebhookEndpoint, *, with_secret: bool = False) -> dict[str, Any]:
    """The ``WebhookEndpoint`` shape (``WebhookEndpointWithSecret`` with ``with_secret``)."""
    value: dict[str, Any] = {
        "id": endpoint.id,
        "url": endpoint.url,
        "description": endpoint.description,
        "events": list(endpoint.events) if endpoint.events is not None else None,
        "enabled": endpoint.enabled,
        "disabled_reason": endpoint.disabled_reason,
        "failing_since": ts(endpoint.failing_since),
        "secret_rotated_at": ts(endpoint.secret_rotated_at),
        "previous_secret_expires_at": ts(endpoint.previous_secret_expires_at)
        if endpoint.previous_secret is not None
        else None,
        "created_at": ts(endpoint.created_at),
        "updated_at": ts(endpoint.updated_at),
        "version": endpoint.version,
    }
    if with_secret:
        value["secret"] = endpoint.secret
    return value


def delivery_json(delivery: Delivery) -> dict[str, Any]:
    """The ``WebhookDelivery`` shape."""
    return {
        "id": delivery.id,
        "endpoint_id": delivery.endpoint_id,
        "event_id": delivery.event_id,
        "event_type": delivery.event_type,
        "status": delivery.status,
        "attempt_count": delivery.attempt_count,
        "next_attempt_at": ts(delivery.next_attempt_at),
        "created_at": ts(delivery.created_at),
        "attempts": [
            {
                "number": a.number,
                "attempted_at": ts(a.attempted_at),
                "response_status": a.response_status,
                "error": a.error,
                "duration_ms": a.duration_ms,
            }
            for a in delivery.attempts
        ],
    }


def new_secret() -> str:
    """``whsec_`` and base64 of 32 random bytes (from the OS: a secret must not follow the seed)."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


# --- the operations -----------------------------------------------------------------------------


def _find(world: World, endpoint_id: str) -> WebhookEndpoint:
    endpoint = world.outbox.endpoints.get(endpoint_id)
    if endpoint is None:
        raise not_found("Webhook endpoint", endpoint_id)
    return endpoint


def _events(value: Any) -> tuple[str, ...] | None:
    return None if value is None else tuple(dict.fromkeys(value))


def create_endpoint(world: World, call: Call, body: Mapping[str, Any]) -> dict[str, Any]:
    """A new endpoint, with its secret (shown only in this answer)."""
    require_role(call, *_ROLES, detail=_FORBIDDEN)
    with transaction(world, call):
        errors = body_errors(world, body)
        if len(world.outbox.endpoints) >= WEBHOOK_MAX_ENDPOINTS:
            raise problem(
                "too-many-endpoints",
                f"At most {WEBHOOK_MAX_ENDPOINTS} webhook endpoints can exist at once.",
            )
        if errors:
            raise validation_error(errors)
        enabled = body.get("enabled", True) is not False
        endpoint = WebhookEndpoint(
            id=world.new_id(),
            url=body["url"],
            description=body.get("description"),
            events=_events(body.get("events")),
            enabled=enabled,
            disabled_reason=None if enabled else "manual",
            secret=new_secret(),
            created_at=call.now,
            updated_at=call.now,
        )
        world.outbox.add_endpoint(endpoint)
        world.commit_listener = enqueue
        return endpoint_json(endpoint, with_secret=True)


def list_endpoints(
    world: World, call: Call, *, page_size: int | None = None, page_token: str | None = None
) -> dict[str, Any]:
    """One page of the session's endpoints, oldest first."""
    require_role(call, *_ROLES, detail=_FORBIDDEN)
    pager = Pager("webhook_endpoints.list", {}, page_size, page_token)
    with transaction(world, call):
        found = sorted(world.outbox.endpoints.values(), key=lambda e: (e.created_at, e.id))
        return pager.page([endpoint_json(e) for e in pager.slice(found)], len(found))


def get_endpoint(world: World, call: Call, endpoint_id: str) -> dict[str, Any]:
    """One endpoint (never its secret)."""
    require_role(call, *_ROLES, detail=_FORBIDDEN)
    with transaction(world, call):
        return endpoint_json(_find(world, endpoint_id))


def update_endpoint(
    world: World, call: Call, endpoint_id: str, body: Mapping[str, Any]
) -> dict[str, Any]:
    """Merge-patch an endpoint; enabling it sends what waited for it at once."""
    require_role(call, *_ROLES, detail=_FORBIDDEN)
    with transaction(world, call):
        endpoint = _find(world, endpoint_id)
        check_if_match(call, endpoint.version)
        errors = body_errors(world, body)
        if errors:
            raise validation_error(errors)
        enable = body.get("enabled")
        with world.outbox.changing(endpoint):
            if "url" in body:
                endpoint.url = body["url"]
            if "events" in body:
                endpoint.events = _events(body["events"])
            if "description" in body:
                endpoint.description = body["description"]
            if enable is True and not endpoint.enabled:
                endpoint.enabled, endpoint.disabled_reason, endpoint.failing_since = (
                    True,
                    None,
                    None,
                )
                _due_now(world, endpoint, call.now)
            elif enable is False and endpoint.enabled:
                endpoint.enabled, endpoint.disabled_reason = False, "manual"
            endpoint.version += 1
            endpoint.updated_at = call.now
        world.outbox.notify_later = True
        return endpoint_json(endpoint)


def _due_now(world: World, endpoint: WebhookEndpoint, now: datetime) -> None:
    queue = world.outbox.queues.get(endpoint.id)
    if queue:
        head = world.outbox.deliveries[queue[0]]
        with world.outbox.changing_delivery(head):
            head.next_attempt_at = now


def delete_endpoint(world: World, call: Call, endpoint_id: str) -> None:
    """Remove an endpoint and forget its deliveries."""
    require_role(call, *_ROLES, detail=_FORBIDDEN)
    with transaction(world, call):
        endpoint = _find(world, endpoint_id)
        check_if_match(call, endpoint.version)
        world.outbox.remove_endpoint(endpoint)


def rotate_secret(
    world: World, call: Call, endpoint_id: str, body: Mapping[str, Any] | None
) -> dict[str, Any]:
    """A new secret; the old one signs too until the grace period ends."""
    require_role(call, *_ROLES, detail=_FORBIDDEN)
    grace_seconds = (body or {}).get("grace_period_seconds")
    grace = DEFAULT_GRACE if grace_seconds is None else timedelta(seconds=int(grace_seconds))
    with transaction(world, call):
        endpoint = _find(world, endpoint_id)
        check_if_match(call, endpoint.version)
        now = call.now
        with world.outbox.changing(endpoint):
            endpoint.previous_secret = endpoint.secret if grace > timedelta(0) else None
            endpoint.previous_secret_expires_at = now + grace if grace > timedelta(0) else None
            endpoint.secret = new_secret()
            endpoint.secret_rotated_at = now
            endpoint.version += 1
            endpoint.updated_at = now
        return endpoint_json(endpoint, with_secret=True)


def list_deliveries(
    world: World,
    call: Call,
    endpoint_id: str,
    *,
    status: str | None = None,
    event_type: str | None = None,
    page_size: int | None = None,
    page_token: str | None = None,
) -> dict[str, Any]:
    """One page of an endpoint's deliveries, newest first."""
    require_role(call, *_ROLES, detail=_FORBIDDEN)
    errors = []
    if status is not None and status not in _STATUSES:
        errors.append(parameter_error("status", f"{status!r} is not one of {list(_STATUSES)}"))
    if event_type is not None and event_type not in EVENT_TYPES:
        errors.append(parameter_error("event_type", f"{event_type!r} is not an event type"))
    if errors:
        raise validation_error(errors)
    pager = Pager(
        "webhook_endpoints.deliveries",
        {"endpoint_id": endpoint_id, "status": status, "event_type": event_type},
        page_size,
        page_token,
    )
    with transaction(world, call):
        _find(world, endpoint_id)
        outbox = world.outbox
        found = [
            d
            for d in (outbox.deliveries[i] for i in reversed(outbox.history[endpoint_id]))
            if (status is None or d.status == status)
            and (event_type is None or d.event_type == event_type)
        ]
        return pager.page([delivery_json(d) for d in pager.slice(found)], len(found))


def redeliver(world: World, call: Call, endpoint_id: str, delivery_id: str) -> dict[str, Any]:
    """Queue a finished delivery again (same event id and body, a fresh budget of attempts)."""
    require_role(call, *_ROLES, detail=_FORBIDDEN)
    with transaction(world, call):
        endpoint = _find(world, endpoint_id)
        delivery = world.outbox.deliveries.get(delivery_id)
        if delivery is None or delivery.endpoint_id != endpoint.id:
            raise not_found("Delivery", delivery_id)
        if delivery.status == "pending":
            raise problem(
                "delivery-pending",
                f"The delivery is still pending (next attempt at {ts(delivery.next_attempt_at)}).",
            )
        if not endpoint.enabled:
            raise problem(
                "endpoint-disabled",
                f"The endpoint is disabled ({endpoint.disabled_reason}); enable it first.",
            )
        with world.outbox.changing_delivery(delivery):
            delivery.status = "pending"
            delivery.next_attempt_at = call.now
            delivery.budget_from = delivery.attempt_count
        world.outbox.requeue(delivery)
        world.outbox.notify_later = True
        return delivery_json(delivery)


# --- queuing events ---------------------------------------------------------------------------


def _data(world: World, event: AuditEvent, now: datetime) -> Any:
    """The event's ``data``, as a read would return it now; None if it cannot be read any more."""
    if event.action == "appointment.purged":
        return {
            "id": event.appointment_id,
            "practitioner_id": world.purged_practitioner.get(event.appointment_id),
            "purged_at": ts(event.occurred_at),
            "audit_events": f"/v1/appointments/{event.appointment_id}/audit-events",
        }
    if event.resource_type == "attendee":
        attendee = world.attendees.get(event.resource_id)
        return attendee_json(attendee) if attendee is not None else None
    appt = world.appointments.get(event.appointment_id)
    return appointment_json(world, appt, now) if appt is not None else None


def enqueue(world: World, events: list[AuditEvent]) -> None:
    """The ``commit_listener``: each event, for the enabled endpoints subscribed to it now.

    What a request does is the part that must be done at once: which endpoints get the event,
    and its body (the resource as it is now). The deliveries, one per endpoint, are made later,
    off the request (``Outbox.add_event``). The sender is woken (once the transaction commits)
    only when the outbox had nothing waiting; under load, nothing wakes it.
    """
    outbox = world.outbox
    if not outbox.endpoints:
        return
    now = world.clock.now()
    wake = False
    for event in events:
        kind = _EVENT_OF_ACTION.get(event.action)
        if kind is None:
            continue
        targets = tuple(e.id for e in outbox.endpoints.values() if e.wants(kind))
        if not targets:
            continue
        data = _data(world, event, now)
        if data is None:  # its record was erased later in the same transaction
            continue
        body = encode(
            {
                "id": event.id,
                "type": kind,
                "occurred_at": ts(event.occurred_at),
                "actor": actor_json(event.actor),
                "request_id": event.request_id,
                "data": data,
            }
        )
        queued, first = outbox.add_event(PendingEvent(event.id, str(kind), body, now, targets))
        if not queued:
            logger.warning("webhook events waiting are at their limit: %s dropped", kind)
        wake = wake or first
    if wake:
        outbox.notify_later = True


# --- what the sender learnt ----------------------------------------------------------------------


def record_attempt(
    world: World,
    delivery_id: str,
    *,
    status: int | None,
    error: str | None,
    duration_ms: float,
) -> Delivery | None:
    """Note one attempt's outcome: done on a 2xx, else the next attempt or failed for good.

    An endpoint whose attempts all failed for ``policy.disable_after`` is disabled. Returns the
    delivery (None if it was forgotten meanwhile: its endpoint was deleted or the session reset).
    """
    outbox = world.outbox
    with world.atomic():
        delivery = outbox.made(delivery_id)
        endpoint = outbox.endpoints.get(delivery.endpoint_id) if delivery is not None else None
        if delivery is None or endpoint is None:
            return None
        now = world.clock.now()
        ok = status is not None and 200 <= status < 300
        delivery.in_flight = False
        with outbox.changing_delivery(delivery):
            delivery.attempt_count += 1
            outbox.keep_attempt(
                delivery,
                Attempt(delivery.attempt_count, now, status, error, round(duration_ms, 3)),
            )
            made = delivery.attempt_count - delivery.budget_from
            if ok:
                delivery.status, delivery.next_attempt_at = "succeeded", None
            elif made >= outbox.policy.max_attempts():
                delivery.status, delivery.next_attempt_at = "failed", None
            else:
                delay = outbox.policy.retry_delays[made - 1]
                delivery.next_attempt_at = now + timedelta(seconds=delay)
        if delivery.status != "pending":
            outbox.finish_head(delivery)
        with outbox.changing(endpoint):
            if ok:
                endpoint.failing_since = None
            else:
                endpoint.failing_since = endpoint.failing_since or now
                if endpoint.enabled and now - endpoint.failing_since >= outbox.policy.disable_after:
                    endpoint.enabled, endpoint.disabled_reason = False, "failing"
                    endpoint.version += 1
                    endpoint.updated_at = now
        return delivery
