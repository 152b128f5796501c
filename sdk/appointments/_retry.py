"""The retry policy: which failures get another attempt, and how long to wait first.

Retried: connection errors, timeouts, the statuses in `RETRY_STATUSES`, and a 409 whose problem
`code` is in `RETRY_CONFLICT_CODES` (the same Idempotency-Key still running, e.g. after a timeout).
All of them count against one budget of `max_retries` per call.

Pure decisions, no I/O: the sync and the async client share it and only do the sending and
the sleeping themselves.
"""

from __future__ import annotations

import email.utils
import json
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from ._constants import (
    INITIAL_RETRY_DELAY,
    LOGGER_NAME,
    MAX_RETRY_AFTER,
    MAX_RETRY_DELAY,
    RETRY_CONFLICT_CODES,
    RETRY_JITTER,
    RETRY_STATUSES,
)
from ._exceptions import APIConnectionError, APITimeoutError
from ._http import HTTPX2, Family

if TYPE_CHECKING:
    from ._types import HTTPHeaders, HTTPRequest, HTTPResponse

__all__ = ["Attempts", "backoff_delay", "parse_retry_after"]

log = logging.getLogger(LOGGER_NAME)


def backoff_delay(retries_taken: int, random: Callable[[], float]) -> float:
    """`min(0.5 * 2**n, 8)` seconds, times a jitter factor in (0.75, 1]."""
    delay = min(INITIAL_RETRY_DELAY * 2.0**retries_taken, MAX_RETRY_DELAY)
    return delay * (1.0 - RETRY_JITTER * random())


def parse_retry_after(headers: HTTPHeaders, now: float | None = None) -> float | None:
    """Seconds to wait from `Retry-After` (delay-seconds or an HTTP date), or None if absent/invalid."""
    value = headers.get("Retry-After")
    if value is None:
        return None
    value = value.strip()
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - (time.time() if now is None else now), 0.0)


def _problem_code(response: HTTPResponse) -> str | None:
    """The `code` of a problem+json body, or None if the body is not one."""
    try:
        problem = json.loads(response.content)
    except ValueError:  # not JSON (a UnicodeDecodeError is a ValueError too)
        return None
    code = problem.get("code") if isinstance(problem, dict) else None
    return code if isinstance(code, str) else None


class Attempts:
    """The retry state of one call: after each attempt, says whether to retry and after how long."""

    def __init__(
        self, max_retries: int, random: Callable[[], float], family: Family = HTTPX2
    ) -> None:
        self.max_retries = max_retries
        self.retries_taken = 0
        self._random = random
        self._family = family
        """The HTTP client family whose exceptions `delay_after_error` is given."""

    def delay_after_response(self, response: HTTPResponse) -> float | None:
        """Seconds to wait before retrying, or None if this response is final."""
        status = response.status_code
        if status in RETRY_STATUSES:
            reason = f"status {status}"
        elif status == 409 and (code := _problem_code(response)) in RETRY_CONFLICT_CODES:
            reason = f"status 409 {code}"
        else:
            return None
        if self._exhausted():
            return None
        retry_after = parse_retry_after(response.headers)
        if retry_after is not None and retry_after > MAX_RETRY_AFTER:
            # Waiting minutes inside one call would look like a hang; let the caller decide.
            log.info(
                "Not retrying %s %s: Retry-After %.0fs exceeds %.0fs",
                response.request.method,
                response.request.url.path,
                retry_after,
                MAX_RETRY_AFTER,
            )
            return None
        delay = retry_after if retry_after is not None else self._backoff()
        self._note_retry(response.request, reason, delay)
        return delay

    def delay_after_error(self, error: Exception, request: HTTPRequest) -> float:
        """Seconds to wait before retrying; raises the SDK's error if the failure is final."""
        if not isinstance(error, self._family.retryable) or self._exhausted():
            if isinstance(error, self._family.timeout_error):
                raise APITimeoutError(request) from error
            raise APIConnectionError(request, f"Connection error: {error}") from error
        delay = self._backoff()
        self._note_retry(request, type(error).__name__, delay)
        return delay

    def _exhausted(self) -> bool:
        return self.retries_taken >= self.max_retries

    def _backoff(self) -> float:
        return backoff_delay(self.retries_taken, self._random)

    def _note_retry(self, request: HTTPRequest, reason: str, delay: float) -> None:
        self.retries_taken += 1
        # Method and path only: no headers (credentials), no query (may identify people).
        log.info(
            "Retrying %s %s in %.2fs after %s (retry %d of %d)",
            request.method,
            request.url.path,
            delay,
            reason,
            self.retries_taken,
            self.max_retries,
        )
