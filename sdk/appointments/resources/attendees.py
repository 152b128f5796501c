# Generated from openapi.yaml by `python -m codegen`. Do not edit: change the spec (or
# codegen/) and run `python -m codegen` again.
"""The `attendees` operations, sync and async."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field

from appointments._arguments import make_body, validate_arguments
from appointments._base_client import (
    AsyncAPIClient,
    RequestOptions,
    SyncAPIClient,
    model_parser,
    path_param,
)
from appointments._pagination import AsyncPage, AsyncPaginator, SyncPage
from appointments._response import RawResponse
from appointments._types import NOT_GIVEN, Headers, IfMatch, NotGiven, Timeout
from appointments.models import (
    Attendance,
    Attendee,
    AttendeeCancelRequest,
    AttendeeCreate,
    AttendeePage,
    AttendeeUpdate,
    DeletedFilter,
    Status,
)

__all__ = [
    "AsyncAttendeesResource",
    "AsyncAttendeesResourceWithRawResponse",
    "AttendeesResource",
    "AttendeesResourceWithRawResponse",
]


class AttendeesResource:
    """The clients attending an appointment. A group appointment has many, an individual appointment exactly one."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AttendeesResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) to `.parse()`."""
        return AttendeesResourceWithRawResponse(self._client)

    @validate_arguments
    def list(
        self,
        appointment_id: str | UUID,
        *,
        status: Status
        | Literal["active", "canceled"]
        | Annotated[Sequence[Status | Literal["active", "canceled"]], Field(min_length=1)]
        | NotGiven = NOT_GIVEN,
        deleted: DeletedFilter | Literal["exclude", "include", "only"] | NotGiven = NOT_GIVEN,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SyncPage[Attendee]:
        """List the attendees of an appointment

        The attendees of one appointment. Like appointments, only **active**, not deleted attendees
        are listed by default; use `status` and `deleted` to see the others. 410 if the appointment
        itself is soft-deleted.

        Args:
            appointment_id: The appointment's id.
            status: Only records with one of these statuses. Repeat the parameter for several
                (`status=active&status=canceled`). Default: `active` only.
            deleted: Whether soft-deleted records are excluded (default), included, or the only ones listed.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/appointments/{path_param(appointment_id)}/attendees",
            query={
                "status": status,
                "deleted": deleted,
                "page_size": page_size,
                "page_token": page_token,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_page(options, AttendeePage)

    @validate_arguments
    def create(
        self,
        appointment_id: str | UUID,
        *,
        client_id: str | UUID,
        notes: str | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Attendee:
        """Add an attendee to a group appointment

        Books a client into a group appointment. Only active (not canceled, not deleted) attendees
        count toward `max_attendees` and toward the client's booking limit. An individual appointment
        already has its one attendee.

        Args:
            appointment_id: The appointment's id.
            client_id: The client.
            notes: Free-text notes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/attendees",
            body=make_body(AttendeeCreate, {"client_id": client_id, "notes": notes}),
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, Attendee)

    @validate_arguments
    def get(
        self,
        appointment_id: str | UUID,
        attendee_id: str | UUID,
        *,
        show_deleted: bool | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Attendee:
        """Get an attendee

        Reads one attendee. A soft-deleted attendee (or an attendee of a soft-deleted appointment)
        answers 410 unless `show_deleted=true`.

        Args:
            appointment_id: The appointment's id.
            attendee_id: The attendee's id.
            show_deleted: Return the record even if it is soft-deleted (instead of 410).
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/appointments/{path_param(appointment_id)}/attendees/{path_param(attendee_id)}",
            query={"show_deleted": show_deleted},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, Attendee)

    @validate_arguments
    def update(
        self,
        appointment_id: str | UUID,
        attendee_id: str | UUID,
        *,
        attendance: Attendance
        | Literal["unknown", "arrived", "did_not_arrive"]
        | NotGiven = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Attendee:
        """Update an attendee

        Records attendance or changes the notes of an attendee: a JSON merge patch (RFC 7396),
        sent as `application/merge-patch+json` or `application/json` (`null` alone is a 400).
        Canceled attendees are view-only.

        Args:
            appointment_id: The appointment's id.
            attendee_id: The attendee's id.
            attendance: Whether the client came.
            notes: New notes (null clears them).
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "PATCH",
            f"/appointments/{path_param(appointment_id)}/attendees/{path_param(attendee_id)}",
            body=make_body(AttendeeUpdate, {"attendance": attendance, "notes": notes}),
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, Attendee)

    @validate_arguments
    def delete(
        self,
        appointment_id: str | UUID,
        attendee_id: str | UUID,
        *,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Attendee:
        """Soft-delete an attendee

        Soft-deletes an attendee of a group appointment (restorable until `purge_at`). Its seat is
        freed. The single attendee of an individual appointment is deleted with the appointment.

        Args:
            appointment_id: The appointment's id.
            attendee_id: The attendee's id.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "DELETE",
            f"/appointments/{path_param(appointment_id)}/attendees/{path_param(attendee_id)}",
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, Attendee)

    @validate_arguments
    def cancel(
        self,
        appointment_id: str | UUID,
        attendee_id: str | UUID,
        *,
        reason_code: int,
        note: str | NotGiven = NOT_GIVEN,
        message: str | NotGiven = NOT_GIVEN,
        notify: bool | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Attendee:
        """Cancel one attendee of a group appointment

        Cancels one seat of a group appointment: the attendee stays listed with status `canceled`,
        the seat and the client's booking limit are freed, and the client is notified unless `notify`
        is false. The attendee of an **individual** appointment cannot be canceled this way: cancel the
        appointment (409 `use-appointment-cancel`).

        Args:
            appointment_id: The appointment's id.
            attendee_id: The attendee's id.
            reason_code: A code from `GET /cancellation-reasons`.
            note: Internal note.
            message: Message to the client.
            notify: Email the client.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/attendees/{path_param(attendee_id)}/cancel",
            body=make_body(
                AttendeeCancelRequest,
                {"reason_code": reason_code, "note": note, "message": message, "notify": notify},
            ),
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, Attendee)

    @validate_arguments
    def restore(
        self,
        appointment_id: str | UUID,
        attendee_id: str | UUID,
        *,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Attendee:
        """Restore a soft-deleted attendee

        Brings a soft-deleted attendee back as it was, while `purge_at` has not passed. An active
        attendee takes its seat again, so capacity and the client's booking limit are re-checked.

        Args:
            appointment_id: The appointment's id.
            attendee_id: The attendee's id.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/attendees/{path_param(attendee_id)}/restore",
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, Attendee)


class AttendeesResourceWithRawResponse:
    """The clients attending an appointment. A group appointment has many, an individual appointment exactly one.

    Each method returns a `RawResponse` (status, headers) whose `.parse()` gives the result.
    """

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @validate_arguments
    def list(
        self,
        appointment_id: str | UUID,
        *,
        status: Status
        | Literal["active", "canceled"]
        | Annotated[Sequence[Status | Literal["active", "canceled"]], Field(min_length=1)]
        | NotGiven = NOT_GIVEN,
        deleted: DeletedFilter | Literal["exclude", "include", "only"] | NotGiven = NOT_GIVEN,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[SyncPage[Attendee]]:
        """List the attendees of an appointment

        The attendees of one appointment. Like appointments, only **active**, not deleted attendees
        are listed by default; use `status` and `deleted` to see the others. 410 if the appointment
        itself is soft-deleted.

        Args:
            appointment_id: The appointment's id.
            status: Only records with one of these statuses. Repeat the parameter for several
                (`status=active&status=canceled`). Default: `active` only.
            deleted: Whether soft-deleted records are excluded (default), included, or the only ones listed.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/appointments/{path_param(appointment_id)}/attendees",
            query={
                "status": status,
                "deleted": deleted,
                "page_size": page_size,
                "page_token": page_token,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, self._client._page_parser(options, AttendeePage))

    @validate_arguments
    def create(
        self,
        appointment_id: str | UUID,
        *,
        client_id: str | UUID,
        notes: str | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Attendee]:
        """Add an attendee to a group appointment

        Books a client into a group appointment. Only active (not canceled, not deleted) attendees
        count toward `max_attendees` and toward the client's booking limit. An individual appointment
        already has its one attendee.

        Args:
            appointment_id: The appointment's id.
            client_id: The client.
            notes: Free-text notes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/attendees",
            body=make_body(AttendeeCreate, {"client_id": client_id, "notes": notes}),
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(Attendee))

    @validate_arguments
    def get(
        self,
        appointment_id: str | UUID,
        attendee_id: str | UUID,
        *,
        show_deleted: bool | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Attendee]:
        """Get an attendee

        Reads one attendee. A soft-deleted attendee (or an attendee of a soft-deleted appointment)
        answers 410 unless `show_deleted=true`.

        Args:
            appointment_id: The appointment's id.
            attendee_id: The attendee's id.
            show_deleted: Return the record even if it is soft-deleted (instead of 410).
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/appointments/{path_param(appointment_id)}/attendees/{path_param(attendee_id)}",
            query={"show_deleted": show_deleted},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(Attendee))

    @validate_arguments
    def update(
        self,
        appointment_id: str | UUID,
        attendee_id: str | UUID,
        *,
        attendance: Attendance
        | Literal["unknown", "arrived", "did_not_arrive"]
        | NotGiven = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Attendee]:
        """Update an attendee

        Records attendance or changes the notes of an attendee: a JSON merge patch (RFC 7396),
        sent as `application/merge-patch+json` or `application/json` (`null` alone is a 400).
        Canceled attendees are view-only.

        Args:
            appointment_id: The appointment's id.
            attendee_id: The attendee's id.
            attendance: Whether the client came.
            notes: New notes (null clears them).
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "PATCH",
            f"/appointments/{path_param(appointment_id)}/attendees/{path_param(attendee_id)}",
            body=make_body(AttendeeUpdate, {"attendance": attendance, "notes": notes}),
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(Attendee))

    @validate_arguments
    def delete(
        self,
        appointment_id: str | UUID,
        attendee_id: str | UUID,
        *,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Attendee]:
        """Soft-delete an attendee

        Soft-deletes an attendee of a group appointment (restorable until `purge_at`). Its seat is
        freed. The single attendee of an individual appointment is deleted with the appointment.

        Args:
            appointment_id: The appointment's id.
            attendee_id: The attendee's id.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "DELETE",
            f"/appointments/{path_param(appointment_id)}/attendees/{path_param(attendee_id)}",
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(Attendee))

    @validate_arguments
    def cancel(
        self,
        appointment_id: str | UUID,
        attendee_id: str | UUID,
        *,
        reason_code: int,
        note: str | NotGiven = NOT_GIVEN,
        message: str | NotGiven = NOT_GIVEN,
        notify: bool | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Attendee]:
        """Cancel one attendee of a group appointment

        Cancels one seat of a group appointment: the attendee stays listed with status `canceled`,
        the seat and the client's booking limit are freed, and the client is notified unless `notify`
        is false. The attendee of an **individual** appointment cannot be canceled this way: cancel the
        appointment (409 `use-appointment-cancel`).

        Args:
            appointment_id: The appointment's id.
            attendee_id: The attendee's id.
            reason_code: A code from `GET /cancellation-reasons`.
            note: Internal note.
            message: Message to the client.
            notify: Email the client.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/attendees/{path_param(attendee_id)}/cancel",
            body=make_body(
                AttendeeCancelRequest,
                {"reason_code": reason_code, "note": note, "message": message, "notify": notify},
            ),
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(Attendee))

    @validate_arguments
    def restore(
        self,
        appointment_id: str | UUID,
        attendee_id: str | UUID,
        *,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Attendee]:
        """Restore a soft-deleted attendee

        Brings a soft-deleted attendee back as it was, while `purge_at` has not passed. An active
        attendee takes its seat again, so capacity and the client's booking limit are re-checked.

        Args:
            appointment_id: The appointment's id.
            attendee_id: The attendee's id.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/attendees/{path_param(attendee_id)}/restore",
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(Attendee))


class AsyncAttendeesResource:
    """The clients attending an appointment. A group appointment has many, an individual appointment exactly one."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncAttendeesResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) to `.parse()`."""
        return AsyncAttendeesResourceWithRawResponse(self._client)

    @validate_arguments
    def list(
        self,
        appointment_id: str | UUID,
        *,
        status: Status
        | Literal["active", "canceled"]
        | Annotated[Sequence[Status | Literal["active", "canceled"]], Field(min_length=1)]
        | NotGiven = NOT_GIVEN,
        deleted: DeletedFilter | Literal["exclude", "include", "only"] | NotGiven = NOT_GIVEN,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[Attendee]:
        """List the attendees of an appointment

        The attendees of one appointment. Like appointments, only **active**, not deleted attendees
        are listed by default; use `status` and `deleted` to see the others. 410 if the appointment
        itself is soft-deleted.

        Args:
            appointment_id: The appointment's id.
            status: Only records with one of these statuses. Repeat the parameter for several
                (`status=active&status=canceled`). Default: `active` only.
            deleted: Whether soft-deleted records are excluded (default), included, or the only ones listed.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/appointments/{path_param(appointment_id)}/attendees",
            query={
                "status": status,
                "deleted": deleted,
                "page_size": page_size,
                "page_token": page_token,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_page(options, AttendeePage)

    @validate_arguments
    async def create(
        self,
        appointment_id: str | UUID,
        *,
        client_id: str | UUID,
        notes: str | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Attendee:
        """Add an attendee to a group appointment

        Books a client into a group appointment. Only active (not canceled, not deleted) attendees
        count toward `max_attendees` and toward the client's booking limit. An individual appointment
        already has its one attendee.

        Args:
            appointment_id: The appointment's id.
            client_id: The client.
            notes: Free-text notes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/attendees",
            body=make_body(AttendeeCreate, {"client_id": client_id, "notes": notes}),
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, Attendee)

    @validate_arguments
    async def get(
        self,
        appointment_id: str | UUID,
        attendee_id: str | UUID,
        *,
        show_deleted: bool | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Attendee:
        """Get an attendee

        Reads one attendee. A soft-deleted attendee (or an attendee of a soft-deleted appointment)
        answers 410 unless `show_deleted=true`.

        Args:
            appointment_id: The appointment's id.
            attendee_id: The attendee's id.
            show_deleted: Return the record even if it is soft-deleted (instead of 410).
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/appointments/{path_param(appointment_id)}/attendees/{path_param(attendee_id)}",
            query={"show_deleted": show_deleted},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, Attendee)

    @validate_arguments
    async def update(
        self,
        appointment_id: str | UUID,
        attendee_id: str | UUID,
        *,
        attendance: Attendance
        | Literal["unknown", "arrived", "did_not_arrive"]
        | NotGiven = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Attendee:
        """Update an attendee

        Records attendance or changes the notes of an attendee: a JSON merge patch (RFC 7396),
        sent as `application/merge-patch+json` or `application/json` (`null` alone is a 400).
        Canceled attendees are view-only.

        Args:
            appointment_id: The appointment's id.
            attendee_id: The attendee's id.
            attendance: Whether the client came.
            notes: New notes (null clears them).
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "PATCH",
            f"/appointments/{path_param(appointment_id)}/attendees/{path_param(attendee_id)}",
            body=make_body(AttendeeUpdate, {"attendance": attendance, "notes": notes}),
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, Attendee)

    @validate_arguments
    async def delete(
        self,
        appointment_id: str | UUID,
        attendee_id: str | UUID,
        *,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Attendee:
        """Soft-delete an attendee

        Soft-deletes an attendee of a group appointment (restorable until `purge_at`). Its seat is
        freed. The single attendee of an individual appointment is deleted with the appointment.

        Args:
            appointment_id: The appointment's id.
            attendee_id: The attendee's id.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "DELETE",
            f"/appointments/{path_param(appointment_id)}/attendees/{path_param(attendee_id)}",
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, Attendee)

    @validate_arguments
    async def cancel(
        self,
        appointment_id: str | UUID,
        attendee_id: str | UUID,
        *,
        reason_code: int,
        note: str | NotGiven = NOT_GIVEN,
        message: str | NotGiven = NOT_GIVEN,
        notify: bool | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Attendee:
        """Cancel one attendee of a group appointment

        Cancels one seat of a group appointment: the attendee stays listed with status `canceled`,
        the seat and the client's booking limit are freed, and the client is notified unless `notify`
        is false. The attendee of an **individual** appointment cannot be canceled this way: cancel the
        appointment (409 `use-appointment-cancel`).

        Args:
            appointment_id: The appointment's id.
            attendee_id: The attendee's id.
            reason_code: A code from `GET /cancellation-reasons`.
            note: Internal note.
            message: Message to the client.
            notify: Email the client.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/attendees/{path_param(attendee_id)}/cancel",
            body=make_body(
                AttendeeCancelRequest,
                {"reason_code": reason_code, "note": note, "message": message, "notify": notify},
            ),
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, Attendee)

    @validate_arguments
    async def restore(
        self,
        appointment_id: str | UUID,
        attendee_id: str | UUID,
        *,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Attendee:
        """Restore a soft-deleted attendee

        Brings a soft-deleted attendee back as it was, while `purge_at` has not passed. An active
        attendee takes its seat again, so capacity and the client's booking limit are re-checked.

        Args:
            appointment_id: The appointment's id.
            attendee_id: The attendee's id.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/attendees/{path_param(attendee_id)}/restore",
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, Attendee)


class AsyncAttendeesResourceWithRawResponse:
    """The clients attending an appointment. A group appointment has many, an individual appointment exactly one.

    Each method returns a `RawResponse` (status, headers) whose `.parse()` gives the result.
    """

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @validate_arguments
    async def list(
        self,
        appointment_id: str | UUID,
        *,
        status: Status
        | Literal["active", "canceled"]
        | Annotated[Sequence[Status | Literal["active", "canceled"]], Field(min_length=1)]
        | NotGiven = NOT_GIVEN,
        deleted: DeletedFilter | Literal["exclude", "include", "only"] | NotGiven = NOT_GIVEN,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[AsyncPage[Attendee]]:
        """List the attendees of an appointment

        The attendees of one appointment. Like appointments, only **active**, not deleted attendees
        are listed by default; use `status` and `deleted` to see the others. 410 if the appointment
        itself is soft-deleted.

        Args:
            appointment_id: The appointment's id.
            status: Only records with one of these statuses. Repeat the parameter for several
                (`status=active&status=canceled`). Default: `active` only.
            deleted: Whether soft-deleted records are excluded (default), included, or the only ones listed.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/appointments/{path_param(appointment_id)}/attendees",
            query={
                "status": status,
                "deleted": deleted,
                "page_size": page_size,
                "page_token": page_token,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(
            options, self._client._page_parser(options, AttendeePage)
        )

    @validate_arguments
    async def create(
        self,
        appointment_id: str | UUID,
        *,
        client_id: str | UUID,
        notes: str | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Attendee]:
        """Add an attendee to a group appointment

        Books a client into a group appointment. Only active (not canceled, not deleted) attendees
        count toward `max_attendees` and toward the client's booking limit. An individual appointment
        already has its one attendee.

        Args:
            appointment_id: The appointment's id.
            client_id: The client.
            notes: Free-text notes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/attendees",
            body=make_body(AttendeeCreate, {"client_id": client_id, "notes": notes}),
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(Attendee))

    @validate_arguments
    async def get(
        self,
        appointment_id: str | UUID,
        attendee_id: str | UUID,
        *,
        show_deleted: bool | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Attendee]:
        """Get an attendee

        Reads one attendee. A soft-deleted attendee (or an attendee of a soft-deleted appointment)
        answers 410 unless `show_deleted=true`.

        Args:
            appointment_id: The appointment's id.
            attendee_id: The attendee's id.
            show_deleted: Return the record even if it is soft-deleted (instead of 410).
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/appointments/{path_param(appointment_id)}/attendees/{path_param(attendee_id)}",
            query={"show_deleted": show_deleted},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(Attendee))

    @validate_arguments
    async def update(
        self,
        appointment_id: str | UUID,
        attendee_id: str | UUID,
        *,
        attendance: Attendance
        | Literal["unknown", "arrived", "did_not_arrive"]
        | NotGiven = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Attendee]:
        """Update an attendee

        Records attendance or changes the notes of an attendee: a JSON merge patch (RFC 7396),
        sent as `application/merge-patch+json` or `application/json` (`null` alone is a 400).
        Canceled attendees are view-only.

        Args:
            appointment_id: The appointment's id.
            attendee_id: The attendee's id.
            attendance: Whether the client came.
            notes: New notes (null clears them).
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "PATCH",
            f"/appointments/{path_param(appointment_id)}/attendees/{path_param(attendee_id)}",
            body=make_body(AttendeeUpdate, {"attendance": attendance, "notes": notes}),
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(Attendee))

    @validate_arguments
    async def delete(
        self,
        appointment_id: str | UUID,
        attendee_id: str | UUID,
        *,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Attendee]:
        """Soft-delete an attendee

        Soft-deletes an attendee of a group appointment (restorable until `purge_at`). Its seat is
        freed. The single attendee of an individual appointment is deleted with the appointment.

        Args:
            appointment_id: The appointment's id.
            attendee_id: The attendee's id.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "DELETE",
            f"/appointments/{path_param(appointment_id)}/attendees/{path_param(attendee_id)}",
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(Attendee))

    @validate_arguments
    async def cancel(
        self,
        appointment_id: str | UUID,
        attendee_id: str | UUID,
        *,
        reason_code: int,
        note: str | NotGiven = NOT_GIVEN,
        message: str | NotGiven = NOT_GIVEN,
        notify: bool | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Attendee]:
        """Cancel one attendee of a group appointment

        Cancels one seat of a group appointment: the attendee stays listed with status `canceled`,
        the seat and the client's booking limit are freed, and the client is notified unless `notify`
        is false. The attendee of an **individual** appointment cannot be canceled this way: cancel the
        appointment (409 `use-appointment-cancel`).

        Args:
            appointment_id: The appointment's id.
            attendee_id: The attendee's id.
            reason_code: A code from `GET /cancellation-reasons`.
            note: Internal note.
            message: Message to the client.
            notify: Email the client.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/attendees/{path_param(attendee_id)}/cancel",
            body=make_body(
                AttendeeCancelRequest,
                {"reason_code": reason_code, "note": note, "message": message, "notify": notify},
            ),
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(Attendee))

    @validate_arguments
    async def restore(
        self,
        appointment_id: str | UUID,
        attendee_id: str | UUID,
        *,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Attendee]:
        """Restore a soft-deleted attendee

        Brings a soft-deleted attendee back as it was, while `purge_at` has not passed. An active
        attendee takes its seat again, so capacity and the client's booking limit are re-checked.

        Args:
            appointment_id: The appointment's id.
            attendee_id: The attendee's id.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/attendees/{path_param(attendee_id)}/restore",
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(Attendee))
