"""Factories for the problems the rules raise, so each ``code`` has one title everywhere."""

from __future__ import annotations

from typing import Any

from appointments_mock.errors import ProblemError

_TITLES = {
    "validation-error": "The request is invalid",
    "invalid-page-token": "The page token is invalid",
    "invalid-cancellation-reason": "Unknown or inactive cancellation reason",
    "note-required": "A note is required",
    "window-too-large": "The time window is invalid",
    "forbidden": "Not allowed",
    "not-found": "Not found",
    "appointment-deleted": "The appointment is deleted",
    "attendee-deleted": "The attendee is deleted",
    "precondition-failed": "The resource has changed",
    "already-canceled": "Already canceled",
    "cannot-reactivate": "A canceled appointment cannot be reactivated",
    "appointment-canceled": "The appointment is canceled",
    "attendee-canceled": "The attendee is canceled",
    "appointment-locked": "The appointment is locked",
    "appointment-in-progress": "The appointment is in progress",
    "appointment-ended": "The appointment has ended",
    "not-deleted": "The record is not deleted",
    "slot-conflict": "The time slot is taken",
    "booking-limit-reached": "The booking limit is reached",
    "appointment-full": "The appointment is full",
    "attendee-exists": "The client already attends",
    "use-appointment-cancel": "Cancel the appointment instead",
    "use-appointment-delete": "Delete the appointment instead",
    "use-group-appointment": "Only group appointments take attendees",
    "use-attendee-cancel": "Cancel your attendance instead",
    "capacity-below-attendees": "Fewer seats than attendees",
    "too-many-endpoints": "Too many webhook endpoints",
    "delivery-pending": "The delivery is still pending",
    "endpoint-disabled": "The webhook endpoint is disabled",
}

_STATUS = {
    "validation-error": 400,
    "invalid-page-token": 400,
    "invalid-cancellation-reason": 400,
    "note-required": 400,
    "window-too-large": 400,
    "forbidden": 403,
    "use-attendee-cancel": 403,
    "not-found": 404,
    "appointment-deleted": 410,
    "attendee-deleted": 410,
    "precondition-failed": 412,
}


def problem(code: str, detail: str, **extra: Any) -> ProblemError:
    """The problem for ``code`` (status 409 unless the code says otherwise)."""
    return ProblemError(_STATUS.get(code, 409), code, _TITLES[code], detail, **extra)


def forbidden(detail: str) -> ProblemError:
    """403: the caller's role may not do this."""
    return problem("forbidden", detail)


def not_found(kind: str, record_id: str) -> ProblemError:
    """404: unknown, purged, or not visible to the caller."""
    return problem("not-found", f"{kind} {record_id} does not exist.")


def validation_error(errors: list[dict[str, str]]) -> ProblemError:
    """400 ``validation-error`` listing every error (``detail`` + ``pointer``/``parameter``)."""
    count = len(errors)
    return problem(
        "validation-error",
        f"{count} error{'s' if count != 1 else ''} in the request.",
        errors=errors,
    )


def body_error(pointer: str, detail: str) -> dict[str, str]:
    """One error about the request body, located by JSON Pointer."""
    return {"detail": detail, "pointer": pointer}


def parameter_error(parameter: str, detail: str) -> dict[str, str]:
    """One error about a query or path parameter."""
    return {"detail": detail, "parameter": parameter}
