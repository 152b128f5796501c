"""RingCentral App Connect's ``cancelAppointment`` interface, built on the Appointments SDK.

App Connect calls a CRM adapter's ``cancelAppointment({ user, authHeader, appointmentId })`` when
someone cancels an appointment from its appointment panel, and shows the ``returnMessage`` it gets
back. :func:`cancel_appointment` is that interface for the Appointments API.

**It cancels, it does not delete.** App Connect leaves the choice to each CRM (its Clio adapter
deletes the calendar entry). Here the appointment is kept with status ``canceled``, reason 50
(*Other*) and a note saying it came from App Connect; its attendees are notified, its slot is
freed and its history stays readable. Deleting would hide the record instead, which is for
appointments booked by mistake, not for ones that will not take place.

Arguments, as App Connect passes them:

* ``user``: the App Connect user. Its ``base_url`` is the API's base URL including ``/v1`` (e.g.
  ``https://appointments.example.com/v1``); without one, ``hostname`` is used the way App Connect's
  own adapters use it: the API is then at ``https://<hostname>/v1``.
* ``auth_header``: the ``Authorization`` header value to send, ``Bearer <api key>``.
* ``appointment_id``: the appointment's id.

What App Connect shows (``messageType``, as App Connect names them):

===========================================  ==============  ==========
outcome                                      ``successful``  type
===========================================  ==============  ==========
canceled                                     true            success
unknown, not visible to the key, or deleted  false           warning
already canceled (nothing left to do)        false           warning
locked, in progress or already over          false           danger
any other failure (key, network, server)     false           danger
===========================================  ==============  ==========

Try it against the local mock (``appointments-mock serve``)::

    python examples/app_connect_adapter.py <appointment-id>
"""

from __future__ import annotations

import json
import sys
import uuid
from collections.abc import Mapping
from typing import Literal, TypedDict

from appointments import (
    APIConnectionError,
    APIError,
    APIStatusError,
    AppointmentsClient,
    AuthenticationError,
    ConflictError,
    GoneError,
    NotFoundError,
    PermissionDeniedError,
)

__all__ = ["CancelResult", "ReturnMessage", "cancel_appointment"]

MessageType = Literal["success", "warning", "danger"]

REASON_OTHER = 50  # the catalogue's "Other"; it requires a note
NOTE = "Canceled from RingCentral App Connect."
TTL_MS: dict[MessageType, int] = {"success": 3000, "warning": 5000, "danger": 8000}

# 409 codes that mean "this appointment cannot be canceled now", worded for the person who tried.
_CANNOT_CANCEL = {
    "appointment-locked": "The appointment is locked and cannot be canceled.",
    "appointment-in-progress": "The appointment is in progress and cannot be canceled.",
    "appointment-ended": "The appointment is already over and cannot be canceled.",
}


class ReturnMessage(TypedDict):
    """What App Connect displays, and for how many milliseconds."""

    message: str
    messageType: MessageType
    ttl: int


class CancelResult(TypedDict):
    """The value App Connect expects back from ``cancelAppointment``."""

    successful: bool
    returnMessage: ReturnMessage


def _result(successful: bool, message: str, kind: MessageType) -> CancelResult:
    return {
        "successful": successful,
        "returnMessage": {"message": message, "messageType": kind, "ttl": TTL_MS[kind]},
    }


def _base_url(user: Mapping[str, object]) -> str:
    base_url = user.get("base_url")
    if isinstance(base_url, str) and base_url:
        return base_url
    hostname = user.get("hostname")
    if isinstance(hostname, str) and hostname:
        return f"https://{hostname}/v1"
    raise ValueError("user has neither a base_url nor a hostname")


def _api_key(auth_header: str) -> str:
    scheme, _, credentials = auth_header.strip().partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        raise ValueError("the Authorization header is not 'Bearer <api key>'")
    return credentials.strip()


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def cancel_appointment(
    user: Mapping[str, object], auth_header: str, appointment_id: str
) -> CancelResult:
    """Cancel the appointment (the record is kept, as canceled) and say how it went."""
    try:
        base_url, api_key = _base_url(user), _api_key(auth_header)
    except ValueError as error:
        return _result(False, f"Cannot reach the appointments API: {error}.", "danger")
    if not _is_uuid(appointment_id):  # no appointment has such an id
        return _result(False, "Appointment not found.", "warning")
    try:
        with AppointmentsClient(api_key=api_key, base_url=base_url, timeout=10.0) as client:
            client.appointments.cancel(appointment_id, reason_code=REASON_OTHER, note=NOTE)
    except (NotFoundError, GoneError):
        # 404: unknown, purged or not visible to this key; 410: deleted. Either way, nothing to
        # cancel from App Connect's point of view.
        return _result(False, "Appointment not found.", "warning")
    except ConflictError as error:
        if error.code == "already-canceled":
            return _result(False, "The appointment was already canceled.", "warning")
        reason = _CANNOT_CANCEL.get(error.code or "")
        detail = error.problem.detail if error.problem else None
        return _result(False, reason or f"Cannot cancel the appointment: {detail}", "danger")
    except (AuthenticationError, PermissionDeniedError):
        return _result(False, "You are not allowed to cancel this appointment.", "danger")
    except APIConnectionError:
        return _result(False, "Cannot reach the appointments API. Try again later.", "danger")
    except APIStatusError as error:
        return _result(False, f"Cannot cancel the appointment ({error.status_code}).", "danger")
    except APIError:
        return _result(False, "Cannot cancel the appointment.", "danger")
    return _result(True, "Appointment canceled.", "success")


def main(argv: list[str]) -> int:
    """`python examples/app_connect_adapter.py <appointment-id> [base-url] [api-key]`."""
    if len(argv) < 2:
        print(main.__doc__, file=sys.stderr)
        return 2
    base_url = argv[2] if len(argv) > 2 else "http://127.0.0.1:8080/v1"
    api_key = argv[3] if len(argv) > 3 else "demo-admin-key"
    result = cancel_appointment({"base_url": base_url}, f"Bearer {api_key}", argv[1])
    print(json.dumps(result, indent=2))
    return 0 if result["successful"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
