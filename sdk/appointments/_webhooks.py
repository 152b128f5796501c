"""Webhooks the API sends: check their Standard Webhooks signature, then parse them into events.

    from appointments import Webhooks, WebhookVerificationError

    webhooks = Webhooks()  # the secret: APPOINTMENTS_WEBHOOK_SECRET (or Webhooks(secret="whsec_..."))
    try:
        event = webhooks.unwrap(body, headers)  # the raw body bytes, the request's headers
    except WebhookVerificationError:
        ...  # answer 400: not from the API, replayed, or not readable
    if event.type == "appointment.canceled":
        event.data.cancellation  # typed: `AppointmentCanceledEvent`

A delivery carries `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature`:
space-separated `v1,<base64>` entries, each an HMAC-SHA256 over `<id>.<timestamp>.<body>` keyed
with the base64-decoded part of a `whsec_` secret (two entries while a rotated secret's grace
period runs). Verification needs the body exactly as received: parse it only afterwards.

No I/O happens here, so the sync and the async client share this class (`client.webhooks`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Literal, cast

from pydantic import AwareDatetime, ValidationError

from ._base_model import APIModel, parse
from ._constants import WEBHOOK_SECRET_ENV, WEBHOOK_TOLERANCE
from ._exceptions import AppointmentsError, WebhookVerificationError
from ._webhook_events import WEBHOOK_EVENT_MODELS, WebhookEvent

__all__ = ["GenericWebhookEvent", "Webhooks", "parse_event", "verify_signature"]

_SECRET_PREFIX = "whsec_"
HeadersLike = Mapping[str, str] | Iterable[tuple[str, str]]
"""A dict, `httpx2.Headers` (or legacy `httpx.Headers`), Starlette's or `http.server`'s headers, or (name, value) pairs."""
Secrets = str | Sequence[str]


class GenericWebhookEvent(APIModel):
    """An event of a type this SDK does not know yet (sent by a newer server): the envelope, and
    `data` as plain JSON."""

    id: str
    type: str
    occurred_at: AwareDatetime
    actor: dict[str, Any]  # {type, id, display_name}, as plain JSON (the core knows no models)
    request_id: str | None = None
    data: Any = None


def _key(secret: str) -> bytes:
    encoded = secret.removeprefix(_SECRET_PREFIX)
    try:
        key = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if not key:
        raise AppointmentsError(
            "The webhook secret is not a whsec_ secret (whsec_ and base64, as the endpoint's "
            "create or rotate_secret response gave it)."
        )
    return key


def _secrets(secret: Secrets | None) -> list[str]:
    if secret is None:
        secret = os.environ.get(WEBHOOK_SECRET_ENV) or ""
    found = [secret] if isinstance(secret, str) else list(secret)
    found = [s for s in found if s]
    if not found:
        raise AppointmentsError(
            f"No webhook secret: pass secret=... or set the {WEBHOOK_SECRET_ENV} environment "
            "variable to the endpoint's whsec_ secret."
        )
    return found


def _lower(headers: HeadersLike) -> dict[str, str]:
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    return {str(name).lower(): str(value) for name, value in pairs}


def _as_bytes(body: bytes | bytearray | memoryview | str) -> bytes:
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


def sign(secret: str, webhook_id: str, timestamp: int, body: bytes) -> str:
    """The `v1,<base64>` signature of a delivery (what the server sends; for tests and tools)."""
    signed = b"%s.%d.%s" % (webhook_id.encode("utf-8"), timestamp, body)
    digest = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def verify_signature(
    body: bytes | bytearray | memoryview | str,
    headers: HeadersLike,
    secret: Secrets | None = None,
    *,
    tolerance: float = WEBHOOK_TOLERANCE,
    now: datetime | float | None = None,
) -> None:
    """Check a delivery's signature and timestamp; raise `WebhookVerificationError` if it fails.

    Args:
        body: The request body exactly as received (bytes, or the text it decodes to).
        headers: The request headers (any mapping or (name, value) pairs; names in any case).
        secret: The endpoint's `whsec_` secret, or several (e.g. the old and the new one while
            you rotate); default: `APPOINTMENTS_WEBHOOK_SECRET`.
        tolerance: Seconds `webhook-timestamp` may differ from `now`, either way (default 300).
        now: The receiver's time (default: the wall clock).

    A missing or malformed secret raises `AppointmentsError`: that is the receiver's
    configuration, not the sender's fault.
    """
    keys = [_key(s) for s in _secrets(secret)]
    found = _lower(headers)
    webhook_id = found.get("webhook-id")
    stamp = found.get("webhook-timestamp")
    signatures = found.get("webhook-signature")
    missing = [
        name
        for name, value in (
            ("webhook-id", webhook_id),
            ("webhook-timestamp", stamp),
            ("webhook-signature", signatures),
        )
        if not value
    ]
    if missing or webhook_id is None or stamp is None or signatures is None:
        raise WebhookVerificationError(
            f"Missing header(s): {', '.join(missing)}.", reason="missing-header"
        )
    if not stamp.isascii() or not stamp.isdigit() or len(stamp) > 12:
        raise WebhookVerificationError(
            f"webhook-timestamp {stamp[:40]!r} is not Unix seconds.", reason="invalid-timestamp"
        )
    sent = int(stamp)
    current = (
        now.timestamp() if isinstance(now, datetime) else (time.time() if now is None else now)
    )
    if sent < current - tolerance:
        raise WebhookVerificationError(
            f"webhook-timestamp is {current - sent:.0f} s old (tolerance {tolerance:g} s): "
            "a replay, or a receiver clock that is off.",
            reason="stale-timestamp",
        )
    if sent > current + tolerance:
        raise WebhookVerificationError(
            f"webhook-timestamp is {sent - current:.0f} s ahead (tolerance {tolerance:g} s).",
            reason="future-timestamp",
        )
    signed = b"%s.%d.%s" % (webhook_id.encode("utf-8"), sent, _as_bytes(body))
    expected = [hmac.new(key, signed, hashlib.sha256).digest() for key in keys]
    for entry in signatures.split():
        version, _, encoded = entry.partition(",")
        if version != "v1":
            continue  # another scheme (Standard Webhooks reserves v1a for asymmetric keys)
        try:
            given = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            continue
        if any(hmac.compare_digest(given, digest) for digest in expected):
            return
    raise WebhookVerificationError(
        "No webhook-signature matches the secret (a wrong secret, or a body changed on the way: "
        "verify the raw body before parsing it).",
        reason="bad-signature",
    )


def parse_event(
    body: bytes | bytearray | memoryview | str | Mapping[str, Any],
    *,
    unknown_events: Literal["generic", "raise"] = "generic",
) -> WebhookEvent | GenericWebhookEvent:
    """The typed event of a body already verified (``unwrap`` does both), or of a stored one.

    `body`: the JSON text, or what `json.loads` made of it. Parsed as leniently as a response
    (`parse`): fields and enum values of a newer server are kept, and an event type this SDK does
    not know is a `GenericWebhookEvent` (or, with `unknown_events="raise"`, refused). Raises
    `WebhookVerificationError` (`reason="invalid-payload"`) for a body that is not an event.
    """
    if isinstance(body, Mapping):
        value: Any = body
    else:
        try:
            value = json.loads(_as_bytes(body))
        except (ValueError, UnicodeDecodeError) as exc:
            raise WebhookVerificationError(
                f"The body is not JSON ({exc}).", reason="invalid-payload"
            ) from None
    kind = value.get("type") if isinstance(value, dict) else None
    if not isinstance(kind, str):
        raise WebhookVerificationError(
            "The body is not an event (no string `type`).", reason="invalid-payload"
        )
    model = WEBHOOK_EVENT_MODELS.get(kind)
    if model is None and unknown_events == "raise":
        raise WebhookVerificationError(
            f"Unknown event type {kind!r} (this SDK knows {', '.join(WEBHOOK_EVENT_MODELS)}).",
            reason="unknown-type",
        )
    try:
        # Fields and enum values of a newer server are kept, as in responses.
        event = parse(model or GenericWebhookEvent, value)
    except ValidationError as exc:
        raise WebhookVerificationError(
            f"The {kind!r} event does not match its schema: {exc}", reason="invalid-payload"
        ) from None
    return cast("WebhookEvent | GenericWebhookEvent", event)  # the model of its `type`


class Webhooks:
    """Verify and parse webhooks: `client.webhooks`, or on its own (a receiver needs no API key).

    Args:
        secret: The endpoint's `whsec_` secret or several; default `APPOINTMENTS_WEBHOOK_SECRET`
            (read when a webhook is checked).
        tolerance: Seconds `webhook-timestamp` may be off the receiver's clock (default 300).
        unknown_events: `generic` (default: an event type newer than this SDK is parsed as
            `GenericWebhookEvent`, so a new event never breaks a receiver) or `raise`
            (`WebhookVerificationError` with `reason="unknown-type"`).
    """

    def __init__(
        self,
        secret: Secrets | None = None,
        *,
        tolerance: float = WEBHOOK_TOLERANCE,
        unknown_events: Literal["generic", "raise"] = "generic",
    ) -> None:
        if unknown_events not in ("generic", "raise"):
            raise ValueError("unknown_events must be 'generic' or 'raise'")
        self.secret = secret
        self.tolerance = tolerance
        self.unknown_events: Literal["generic", "raise"] = unknown_events

    def verify_signature(
        self,
        body: bytes | bytearray | memoryview | str,
        headers: HeadersLike,
        secret: Secrets | None = None,
        *,
        now: datetime | float | None = None,
    ) -> None:
        """Check signature and timestamp only (for receivers that parse the body themselves)."""
        verify_signature(
            body,
            headers,
            secret if secret is not None else self.secret,
            tolerance=self.tolerance,
            now=now,
        )

    def unwrap(
        self,
        body: bytes | bytearray | memoryview | str,
        headers: HeadersLike,
        secret: Secrets | None = None,
        *,
        now: datetime | float | None = None,
    ) -> WebhookEvent | GenericWebhookEvent:
        """Verify a delivery, then return its typed event (`event.type` tells which).

        Raises `WebhookVerificationError` for a bad or missing signature, a timestamp outside
        the tolerance, a body that is not an event, or (with `unknown_events="raise"`) an
        unknown type.
        """
        self.verify_signature(body, headers, secret, now=now)
        return parse_event(body, unknown_events=self.unknown_events)

    def __repr__(self) -> str:
        return f"<Webhooks tolerance={self.tolerance:g}s unknown_events={self.unknown_events}>"
