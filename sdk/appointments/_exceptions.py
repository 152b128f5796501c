"""The exceptions raised by the SDK.

```
AppointmentsError                       any error of this SDK (e.g. no API key configured)
├── InvalidArgumentError                an argument of a method is invalid; nothing was sent
│                                       (also a ValueError; `.errors`: argument -> what is wrong)
├── WebhookVerificationError            a webhook not to trust or read (`.reason`): bad signature,
│                                       stale timestamp, unknown event type, unreadable body
└── APIError                            something went wrong talking to the API
    ├── APIConnectionError              no response: connection refused, reset, DNS, ...
    │   └── APITimeoutError             no response in time
    ├── APIResponseValidationError      a response this SDK cannot parse
    └── APIStatusError                  a 4xx or 5xx response, with its problem details
        ├── BadRequestError             400  invalid request (see `.errors`)
        ├── AuthenticationError         401  missing or unknown API key
        ├── PermissionDeniedError       403  the key's role may not do this
        ├── NotFoundError               404  unknown, purged, or not visible to the caller
        ├── ConflictError               409  the state forbids it (`.code`, e.g. already-canceled)
        ├── GoneError                   410  soft-deleted (`.deleted_at`, `.purge_at`)
        ├── PreconditionFailedError     412  stale `If-Match` (`.current_etag`)
        ├── UnprocessableEntityError    422  e.g. an Idempotency-Key reused with another body
        ├── RateLimitError              429  too many requests (`.retry_after`)
        └── InternalServerError         5xx
```

Invalid arguments (a naive datetime, `page_size=1000`, `status="cancelled"`) raise
`InvalidArgumentError` before any request is sent, naming each argument.

Every `APIError` names the request it is about: its message ends with the method and the URL
(`... (GET http://127.0.0.1:8080/v1/appointments)`), also kept as `.method` and `.url`. The URL is
redacted: no userinfo, and secret query parameters (`token`, `*_token`, `*key`, `secret`,
`password`, `signature`) as `***`. Headers (where the API key travels) are never shown.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from pydantic import ValidationError

from ._base_model import lenient
from ._http import describe, redact_url

if TYPE_CHECKING:  # imported where a problem is parsed: `import appointments` skips the models
    from ._types import HTTPRequest, HTTPResponse
    from .models import FieldError, Problem

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AppointmentsError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "GoneError",
    "InternalServerError",
    "InvalidArgumentError",
    "NotFoundError",
    "PermissionDeniedError",
    "PreconditionFailedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "WebhookVerificationError",
]


class AppointmentsError(Exception):
    """Base of every error raised by this SDK."""


class InvalidArgumentError(AppointmentsError, ValueError):
    """An argument of a method is invalid (wrong type, out of range, naive datetime, unknown
    enum value, ...); nothing was sent.

    The message has one part per argument, naming it (`status: 'cancelled' is not one of
    'active', 'canceled'`); `.errors` maps each argument name to that part, `.argument` is the
    first one.
    """

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        """Argument name -> what is wrong with it (`"status: 'x' is not one of ..."`)."""
        self.argument = next(iter(self.errors), "")
        super().__init__("; ".join(self.errors.values()))


WebhookFailure = Literal[
    "missing-header",
    "invalid-timestamp",
    "stale-timestamp",
    "future-timestamp",
    "bad-signature",
    "invalid-payload",
    "unknown-type",
]


class WebhookVerificationError(AppointmentsError):
    """A webhook that is not to be trusted or cannot be read; answer it with a 4xx.

    `.reason` says why: `missing-header`, `invalid-timestamp`, `stale-timestamp`,
    `future-timestamp`, `bad-signature` (no signature matches the secret), `invalid-payload`
    (signed, but not an event of this SDK's shape), `unknown-type` (when unknown types are
    refused; by default they are parsed as `GenericWebhookEvent`).
    """

    def __init__(self, message: str, *, reason: WebhookFailure) -> None:
        super().__init__(message)
        self.message = message
        self.reason: WebhookFailure = reason


class APIError(AppointmentsError):
    """Something went wrong talking to the API; `.request` is the request that failed.

    The SDK's messages end with the request's method and redacted URL (also `.method`, `.url`).
    """

    def __init__(self, message: str, *, request: HTTPRequest) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.method: str = request.method
        """The HTTP method of the request, e.g. `POST`."""
        self.url: str = redact_url(request.url)
        """The request's URL without credentials (userinfo, secret query parameters)."""


class APIConnectionError(APIError):
    """The request got no response (after all retries)."""

    def __init__(self, request: HTTPRequest, message: str = "Connection error") -> None:
        super().__init__(f"{message}: {describe(request)}", request=request)


class APITimeoutError(APIConnectionError):
    """The request timed out (after all retries)."""

    def __init__(self, request: HTTPRequest) -> None:
        super().__init__(request, "Request timed out")


class APIResponseValidationError(APIError):
    """The response does not match what the API contract promises, so it cannot be parsed."""

    def __init__(self, response: HTTPResponse, message: str) -> None:
        super().__init__(f"{message} ({describe(response.request)})", request=response.request)
        self.response = response
        self.status_code = response.status_code


class APIStatusError(APIError):
    """The API answered with an error status. `.problem` holds its RFC 9457 problem details."""

    def __init__(self, message: str, *, response: HTTPResponse, problem: Problem | None) -> None:
        super().__init__(message, request=response.request)
        self.response = response
        self.status_code = response.status_code
        self.problem = problem
        """The parsed problem details; None if the body was not a problem document."""

    @property
    def code(self) -> str | None:
        """The problem's stable `code` slug, e.g. `already-canceled`."""
        return self.problem.code if self.problem else None

    @property
    def errors(self) -> list[FieldError]:
        """Every field error of a validation problem (empty otherwise)."""
        return list(self.problem.errors or []) if self.problem else []

    @property
    def request_id(self) -> str | None:
        """The id of the failed request, from the problem or the `X-Request-Id` header."""
        if self.problem and self.problem.request_id:
            return self.problem.request_id
        header: str | None = self.response.headers.get("X-Request-Id")
        return header


class BadRequestError(APIStatusError):
    """400: the request is invalid; `.errors` lists every problem."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing or unknown."""


class PermissionDeniedError(APIStatusError):
    """403: the key's role may not do this."""


class NotFoundError(APIStatusError):
    """404: unknown, purged, or not visible to the caller."""


class ConflictError(APIStatusError):
    """409: the resource's state forbids the change; `.code` says which rule.

    `idempotency-key-in-use` (an earlier attempt of the call still running) is retried first, and
    raised only once the retries are used up.
    """


class GoneError(APIStatusError):
    """410: the resource is soft-deleted. It can be restored until `.purge_at`."""

    @property
    def deleted_at(self) -> datetime | None:
        """When the resource was soft-deleted."""
        return self.problem.deleted_at if self.problem else None

    @property
    def purge_at(self) -> datetime | None:
        """When the resource will be erased for good."""
        return self.problem.purge_at if self.problem else None


class PreconditionFailedError(APIStatusError):
    """412: the `If-Match` ETag is stale; nothing was changed."""

    @property
    def current_etag(self) -> str | None:
        """The resource's current `ETag`, if the server said."""
        return self.problem.current_etag if self.problem else None


class UnprocessableEntityError(APIStatusError):
    """422: e.g. an `Idempotency-Key` reused with a different body."""


class RateLimitError(APIStatusError):
    """429: too many requests (raised once the retries are used up)."""

    @property
    def retry_after(self) -> float | None:
        """Seconds the server asked to wait, from `Retry-After` (seconds form only)."""
        try:
            return float(self.response.headers["Retry-After"])
        except (KeyError, ValueError):
            return None


class InternalServerError(APIStatusError):
    """5xx: the server failed (raised once the retries are used up)."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    410: GoneError,
    412: PreconditionFailedError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def _parse_problem(response: HTTPResponse) -> Problem | None:
    from .models import Problem

    try:
        data = json.loads(response.content)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    try:
        with lenient():
            return Problem.model_validate(data)
    except ValidationError:
        return None


def make_status_error(response: HTTPResponse) -> APIStatusError:
    """The typed exception for an error response."""
    problem = _parse_problem(response)
    status = response.status_code
    cls = _BY_STATUS.get(status) or (InternalServerError if status >= 500 else APIStatusError)
    if problem is not None:
        summary = f"{problem.code}: {problem.detail or problem.title}"
    else:
        summary = response.reason_phrase or "error"
    where = describe(response.request)
    request_id = (problem.request_id if problem else None) or response.headers.get("X-Request-Id")
    if request_id:
        where += f", request id {request_id}"
    return cls(f"{status} {summary} ({where})", response=response, problem=problem)
