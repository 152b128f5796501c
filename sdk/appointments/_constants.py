"""Every policy default of the SDK, in one place."""

from __future__ import annotations

import httpx2

DEFAULT_BASE_URL = "http://127.0.0.1:8080/v1"
"""The local mock server (`appointments-mock serve`)."""

BASE_URL_ENV = "APPOINTMENTS_BASE_URL"
API_KEY_ENV = "APPOINTMENTS_API_KEY"
WEBHOOK_SECRET_ENV = "APPOINTMENTS_WEBHOOK_SECRET"
"""The webhook signing secret (`whsec_...`) when `client.webhooks.unwrap` is given none."""

WEBHOOK_TOLERANCE = 300.0
"""Seconds a webhook's `webhook-timestamp` may be off the receiver's clock, either way, before
it is refused as stale (a replay) or as from the future (Standard Webhooks: 5 minutes)."""

DEFAULT_TIMEOUT = httpx2.Timeout(30.0, connect=5.0)
"""30 s for each of read, write and pool; 5 s to connect. Never unlimited by default."""

DEFAULT_MAX_RETRIES = 2
"""Retries after the first attempt: 2 means at most 3 attempts."""

INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
"""Backoff before retry n (0-based) is `min(INITIAL_RETRY_DELAY * 2**n, MAX_RETRY_DELAY)`..."""

RETRY_JITTER = 0.25
"""...multiplied by a factor drawn from (1 - RETRY_JITTER, 1], so parallel clients spread out."""

MAX_RETRY_AFTER = 60.0
"""A `Retry-After` up to this many seconds is honoured exactly. A longer one is not waited for:
the error is raised at once, so a caller is never blocked for minutes by one call."""

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
"""Statuses worth another attempt. 412 and other 4xx are answers, never retried; so is a 409,
with the one exception below."""

RETRY_CONFLICT_CODES = frozenset({"idempotency-key-in-use"})
"""The one 409 that means "not yet" rather than "no": a request with the same `Idempotency-Key`,
usually this call's own earlier attempt that timed out, is still running on the server. It is
retried like the statuses above (same key, same budget, `Retry-After` or backoff), and the retry
then gets the first attempt's result, replayed. Every other 409 code is raised at once."""

LOGGER_NAME = "appointments"
