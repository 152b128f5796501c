# Generated from openapi.yaml by `python -m codegen`. Do not edit: change the spec (or
# codegen/) and run `python -m codegen` again.
"""The `appointments` operations, sync and async."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Annotated, Literal
from uuid import UUID

from pydantic import AwareDatetime, Field

from appointments._arguments import make_body, validate_arguments
from appointments._base_client import (
    AsyncAPIClient,
    RequestOptions,
    SyncAPIClient,
    model_parser,
    parse_empty,
    path_param,
)
from appointments._pagination import AsyncPage, AsyncPaginator, SyncPage
from appointments._response import RawResponse
from appointments._types import NOT_GIVEN, Headers, IfMatch, NotGiven, Timeout
from appointments.models import (
    Appointment,
    AppointmentCreate,
    AppointmentOrder,
    AppointmentPage,
    AppointmentType,
    AppointmentUpdate,
    AuditEvent,
    AuditEventPage,
    CancelRequest,
    DeletedFilter,
    Notification,
    NotificationPage,
    RepeatRule,
    Status,
)

__all__ = [
    "AppointmentsResource",
    "AppointmentsResourceWithRawResponse",
    "AsyncAppointmentsResource",
    "AsyncAppointmentsResourceWithRawResponse",
]


class AppointmentsResource:
    """Individual and group appointments, including recurring series, and their life cycle (cancel, soft delete, restore, purge)."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AppointmentsResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) to `.parse()`."""
        return AppointmentsResourceWithRawResponse(self._client)

    @validate_arguments
    def list(
        self,
        *,
        status: Status
        | Literal["active", "canceled"]
        | Annotated[Sequence[Status | Literal["active", "canceled"]], Field(min_length=1)]
        | NotGiven = NOT_GIVEN,
        deleted: DeletedFilter | Literal["exclude", "include", "only"] | NotGiven = NOT_GIVEN,
        type: AppointmentType | Literal["individual", "group"] | NotGiven = NOT_GIVEN,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        client_id: str | UUID | NotGiven = NOT_GIVEN,
        series_id: str | UUID | NotGiven = NOT_GIVEN,
        starts_after: AwareDatetime | NotGiven = NOT_GIVEN,
        starts_before: AwareDatetime | NotGiven = NOT_GIVEN,
        updated_since: AwareDatetime | NotGiven = NOT_GIVEN,
        order_by: AppointmentOrder
        | Literal[
            "starts_at",
            "starts_at_desc",
            "updated_at",
            "updated_at_desc",
            "created_at",
            "created_at_desc",
        ]
        | NotGiven = NOT_GIVEN,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SyncPage[Appointment]:
        """List appointments

        Lists appointments the caller may see, ordered by `order_by`. By default only **active**,
        **not deleted** appointments are returned: pass `status=canceled` (or both statuses, repeating
        the parameter) to see canceled ones, and `deleted=include` or `deleted=only` to see soft-deleted
        ones. A client key never sees canceled appointments, whatever the filter. Staff keys see the
        appointments of their own practitioner only.

        Args:
            status: Only records with one of these statuses. Repeat the parameter for several
                (`status=active&status=canceled`). Default: `active` only.
            deleted: Whether soft-deleted records are excluded (default), included, or the only ones listed.
            type: Only appointments of this type.
            practitioner_id: Only appointments with this practitioner.
            client_id: Only appointments this client attends (the client of an individual appointment or an attendee of a group appointment).
            series_id: Only the occurrences of this recurring series.
            starts_after: Only appointments starting at or after this instant (inclusive).
            starts_before: Only appointments starting before this instant (exclusive).
            updated_since: Only appointments changed at or after this instant (for incremental sync; combine with both statuses and `deleted=include` to see cancellations and deletions).
            order_by: Sort order of the results.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/appointments",
            query={
                "status": status,
                "deleted": deleted,
                "type": type,
                "practitioner_id": practitioner_id,
                "client_id": client_id,
                "series_id": series_id,
                "starts_after": starts_after,
                "starts_before": starts_before,
                "updated_since": updated_since,
                "order_by": order_by,
                "page_size": page_size,
                "page_token": page_token,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_page(options, AppointmentPage)

    @validate_arguments
    def create(
        self,
        *,
        type: AppointmentType | Literal["individual", "group"],
        starts_at: AwareDatetime,
        ends_at: AwareDatetime,
        practitioner_id: str | UUID,
        client_id: str | UUID | NotGiven = NOT_GIVEN,
        max_attendees: int | NotGiven = NOT_GIVEN,
        notes: str | NotGiven = NOT_GIVEN,
        time_zone: str | NotGiven = NOT_GIVEN,
        repeat_rule: RepeatRule | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Appointment:
        """Create an appointment

        Books an individual appointment (`type: individual`, with `client_id`) or a group appointment
        (`type: group`, with `max_attendees`). The practitioner's slot must be free. With `repeat_rule`,
        a recurring series is materialized: every occurrence is its own appointment sharing `series_id`;
        if any occurrence conflicts, nothing is created. The response is the (first) appointment, with
        `Location` and `ETag`. A client key may book only for itself.

        Args:
            type: `individual`: one client; `group`: up to `max_attendees` clients.
            starts_at: Start, with a time zone offset.
            ends_at: End, after `starts_at`, at most 24 hours later.
            practitioner_id: The practitioner.
            client_id: The client (individual appointments only).
            max_attendees: Seats (group appointments only).
            notes: Free-text notes.
            time_zone: IANA time zone for display.
            repeat_rule: How a recurring series repeats. Set on create only.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            "/appointments",
            body=make_body(
                AppointmentCreate,
                {
                    "type": type,
                    "starts_at": starts_at,
                    "ends_at": ends_at,
                    "practitioner_id": practitioner_id,
                    "client_id": client_id,
                    "max_attendees": max_attendees,
                    "notes": notes,
                    "time_zone": time_zone,
                    "repeat_rule": repeat_rule,
                },
            ),
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, Appointment)

    @validate_arguments
    def get(
        self,
        appointment_id: str | UUID,
        *,
        show_deleted: bool | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Appointment:
        """Get an appointment

        Reads one appointment, active or canceled. A soft-deleted appointment answers **410 Gone**
        (the problem carries `deleted_at` and `purge_at`) unless `show_deleted=true`, which returns it.
        A purged or unknown appointment answers 404. A client key never sees a canceled appointment (404).

        Args:
            appointment_id: The appointment's id.
            show_deleted: Return the record even if it is soft-deleted (instead of 410).
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/appointments/{path_param(appointment_id)}",
            query={"show_deleted": show_deleted},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, Appointment)

    @validate_arguments
    def update(
        self,
        appointment_id: str | UUID,
        *,
        starts_at: AwareDatetime | NotGiven = NOT_GIVEN,
        ends_at: AwareDatetime | NotGiven = NOT_GIVEN,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        max_attendees: int | NotGiven = NOT_GIVEN,
        time_zone: str | NotGiven | None = NOT_GIVEN,
        status: Status | Literal["active", "canceled"] | NotGiven = NOT_GIVEN,
        cancellation: CancelRequest | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Appointment:
        """Update an appointment

        Changes the mutable fields of an appointment: a JSON merge patch (RFC 7396), sent as
        `application/merge-patch+json` or `application/json`. Fields left out are kept; a field set
        to `null` is cleared. The body must be an object (`null` alone is a 400). Send `If-Match` with the `ETag` you read to avoid overwriting someone else's change (412 if it
        is stale). Moving the time re-checks the practitioner's slot. `status` cannot be set freely:
        `{"status": "canceled", "cancellation": {"reason_code": 30}}` is a cancel, as some systems
        do it, with the same body and the same rules as `POST /appointments/{appointment_id}/cancel`
        in `cancellation` (`reason_code` required; a reason that requires a note, such as 50
        *Other*, is 400 `note-required` without one), and nothing else beside it; it records the
        reason, note and message given there, nothing invented. `{"status": "active"}` on a
        canceled appointment is 409 `cannot-reactivate`. Canceled appointments are view-only.

        Args:
            appointment_id: The appointment's id.
            starts_at: New start.
            ends_at: New end, after the (new or current) `starts_at`, at most 24 hours later.
            practitioner_id: New practitioner.
            notes: New notes (null clears them).
            max_attendees: New number of seats (group appointments only).
            time_zone: New display time zone.
            status: `canceled` cancels the appointment, exactly as `POST .../cancel` does (final: attendees
                canceled, slot freed, notifications): send it with `cancellation`, whose reason, note
                and message are recorded. `active` on an active appointment changes nothing; on a
                canceled one it is 409 `cannot-reactivate`.
            cancellation: With `status: canceled` only: how and why, the body of `POST .../cancel` under its rules
                (`reason_code` required; a note where the reason requires one, else 400 `note-required`).
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "PATCH",
            f"/appointments/{path_param(appointment_id)}",
            body=make_body(
                AppointmentUpdate,
                {
                    "starts_at": starts_at,
                    "ends_at": ends_at,
                    "practitioner_id": practitioner_id,
                    "notes": notes,
                    "max_attendees": max_attendees,
                    "time_zone": time_zone,
                    "status": status,
                    "cancellation": cancellation,
                },
            ),
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, Appointment)

    @validate_arguments
    def delete(
        self,
        appointment_id: str | UUID,
        *,
        notify: bool | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Appointment:
        """Soft-delete an appointment

        Soft-deletes an appointment (active or canceled): it disappears from lists and reads answer
        410, but it is kept until `purge_at` (the deletion time plus the retention, 30 days by default)
        and can be restored until then. Its time no longer counts toward availability. Nobody is
        notified unless `notify=true`. Use **cancel**, not delete, when an appointment will not take
        place: delete is for records created in error.

        Args:
            appointment_id: The appointment's id.
            notify: Tell the attendees and the practitioner about the deletion.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "DELETE",
            f"/appointments/{path_param(appointment_id)}",
            query={"notify": notify},
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, Appointment)

    @validate_arguments
    def cancel(
        self,
        appointment_id: str | UUID,
        *,
        reason_code: int,
        note: str | NotGiven = NOT_GIVEN,
        message: str | NotGiven = NOT_GIVEN,
        notify: bool | NotGiven = NOT_GIVEN,
        apply_to_repeats: bool | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Appointment:
        """Cancel an appointment

        Cancels an appointment that will not take place. The record is kept with status `canceled` and
        a `cancellation` (reason, internal note, message, who and when). All active attendees are
        canceled with it. The practitioner's slot and the clients' booking limits are freed, the synced
        calendar event is removed (a `calendar_sync` notification), and the attendees and practitioner
        are emailed unless `notify` is false. With `apply_to_repeats`, the following occurrences of the
        series that are still active and not ended are canceled too. A cancel cannot be undone.

        Args:
            appointment_id: The appointment's id.
            reason_code: A code from `GET /cancellation-reasons`.
            note: Internal note (not sent to attendees). Required by some reasons.
            message: Message to the attendees.
            notify: Email the attendees and the practitioner.
            apply_to_repeats: Also cancel the following occurrences of the series.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/cancel",
            body=make_body(
                CancelRequest,
                {
                    "reason_code": reason_code,
                    "note": note,
                    "message": message,
                    "notify": notify,
                    "apply_to_repeats": apply_to_repeats,
                },
            ),
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, Appointment)

    @validate_arguments
    def restore(
        self,
        appointment_id: str | UUID,
        *,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Appointment:
        """Restore a soft-deleted appointment

        Brings a soft-deleted appointment back, as it was (its status does not change), as long as
        `purge_at` has not passed. An active appointment takes its slot again, so the slot and the
        client's booking limit are re-checked. Nobody is notified.

        Args:
            appointment_id: The appointment's id.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/restore",
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, Appointment)

    @validate_arguments
    def purge(
        self,
        appointment_id: str | UUID,
        *,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> None:
        """Purge a soft-deleted appointment

        Erases a soft-deleted appointment and its attendees permanently (admin keys only). It must be
        deleted first. Afterwards reads answer 404; the audit trail of the appointment survives.

        Args:
            appointment_id: The appointment's id.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/purge",
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        self._client._request_empty(options)

    @validate_arguments
    def audit_events(
        self,
        appointment_id: str | UUID,
        *,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SyncPage[AuditEvent]:
        """List the history of an appointment

        The audit events of one appointment and its attendees, oldest first. The history stays
        readable after the appointment is soft-deleted and after it is purged. Admin and api_client
        keys, and staff keys for their own practitioner.

        Args:
            appointment_id: The appointment's id.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/appointments/{path_param(appointment_id)}/audit-events",
            query={"page_size": page_size, "page_token": page_token},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_page(options, AuditEventPage)

    @validate_arguments
    def notifications(
        self,
        appointment_id: str | UUID,
        *,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SyncPage[Notification]:
        """List the notifications of an appointment

        What the server sent (or deliberately suppressed) because of changes to this appointment:
        emails to attendees and the practitioner, and calendar-sync updates. Makes `notify` observable.
        Readable while the appointment is soft-deleted; 404 after it is purged.

        Args:
            appointment_id: The appointment's id.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/appointments/{path_param(appointment_id)}/notifications",
            query={"page_size": page_size, "page_token": page_token},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_page(options, NotificationPage)


class AppointmentsResourceWithRawResponse:
    """Individual and group appointments, including recurring series, and their life cycle (cancel, soft delete, restore, purge).

    Each method returns a `RawResponse` (status, headers) whose `.parse()` gives the result.
    """

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @validate_arguments
    def list(
        self,
        *,
        status: Status
        | Literal["active", "canceled"]
        | Annotated[Sequence[Status | Literal["active", "canceled"]], Field(min_length=1)]
        | NotGiven = NOT_GIVEN,
        deleted: DeletedFilter | Literal["exclude", "include", "only"] | NotGiven = NOT_GIVEN,
        type: AppointmentType | Literal["individual", "group"] | NotGiven = NOT_GIVEN,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        client_id: str | UUID | NotGiven = NOT_GIVEN,
        series_id: str | UUID | NotGiven = NOT_GIVEN,
        starts_after: AwareDatetime | NotGiven = NOT_GIVEN,
        starts_before: AwareDatetime | NotGiven = NOT_GIVEN,
        updated_since: AwareDatetime | NotGiven = NOT_GIVEN,
        order_by: AppointmentOrder
        | Literal[
            "starts_at",
            "starts_at_desc",
            "updated_at",
            "updated_at_desc",
            "created_at",
            "created_at_desc",
        ]
        | NotGiven = NOT_GIVEN,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[SyncPage[Appointment]]:
        """List appointments

        Lists appointments the caller may see, ordered by `order_by`. By default only **active**,
        **not deleted** appointments are returned: pass `status=canceled` (or both statuses, repeating
        the parameter) to see canceled ones, and `deleted=include` or `deleted=only` to see soft-deleted
        ones. A client key never sees canceled appointments, whatever the filter. Staff keys see the
        appointments of their own practitioner only.

        Args:
            status: Only records with one of these statuses. Repeat the parameter for several
                (`status=active&status=canceled`). Default: `active` only.
            deleted: Whether soft-deleted records are excluded (default), included, or the only ones listed.
            type: Only appointments of this type.
            practitioner_id: Only appointments with this practitioner.
            client_id: Only appointments this client attends (the client of an individual appointment or an attendee of a group appointment).
            series_id: Only the occurrences of this recurring series.
            starts_after: Only appointments starting at or after this instant (inclusive).
            starts_before: Only appointments starting before this instant (exclusive).
            updated_since: Only appointments changed at or after this instant (for incremental sync; combine with both statuses and `deleted=include` to see cancellations and deletions).
            order_by: Sort order of the results.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/appointments",
            query={
                "status": status,
                "deleted": deleted,
                "type": type,
                "practitioner_id": practitioner_id,
                "client_id": client_id,
                "series_id": series_id,
                "starts_after": starts_after,
                "starts_before": starts_before,
                "updated_since": updated_since,
                "order_by": order_by,
                "page_size": page_size,
                "page_token": page_token,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(
            options, self._client._page_parser(options, AppointmentPage)
        )

    @validate_arguments
    def create(
        self,
        *,
        type: AppointmentType | Literal["individual", "group"],
        starts_at: AwareDatetime,
        ends_at: AwareDatetime,
        practitioner_id: str | UUID,
        client_id: str | UUID | NotGiven = NOT_GIVEN,
        max_attendees: int | NotGiven = NOT_GIVEN,
        notes: str | NotGiven = NOT_GIVEN,
        time_zone: str | NotGiven = NOT_GIVEN,
        repeat_rule: RepeatRule | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Appointment]:
        """Create an appointment

        Books an individual appointment (`type: individual`, with `client_id`) or a group appointment
        (`type: group`, with `max_attendees`). The practitioner's slot must be free. With `repeat_rule`,
        a recurring series is materialized: every occurrence is its own appointment sharing `series_id`;
        if any occurrence conflicts, nothing is created. The response is the (first) appointment, with
        `Location` and `ETag`. A client key may book only for itself.

        Args:
            type: `individual`: one client; `group`: up to `max_attendees` clients.
            starts_at: Start, with a time zone offset.
            ends_at: End, after `starts_at`, at most 24 hours later.
            practitioner_id: The practitioner.
            client_id: The client (individual appointments only).
            max_attendees: Seats (group appointments only).
            notes: Free-text notes.
            time_zone: IANA time zone for display.
            repeat_rule: How a recurring series repeats. Set on create only.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            "/appointments",
            body=make_body(
                AppointmentCreate,
                {
                    "type": type,
                    "starts_at": starts_at,
                    "ends_at": ends_at,
                    "practitioner_id": practitioner_id,
                    "client_id": client_id,
                    "max_attendees": max_attendees,
                    "notes": notes,
                    "time_zone": time_zone,
                    "repeat_rule": repeat_rule,
                },
            ),
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(Appointment))

    @validate_arguments
    def get(
        self,
        appointment_id: str | UUID,
        *,
        show_deleted: bool | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Appointment]:
        """Get an appointment

        Reads one appointment, active or canceled. A soft-deleted appointment answers **410 Gone**
        (the problem carries `deleted_at` and `purge_at`) unless `show_deleted=true`, which returns it.
        A purged or unknown appointment answers 404. A client key never sees a canceled appointment (404).

        Args:
            appointment_id: The appointment's id.
            show_deleted: Return the record even if it is soft-deleted (instead of 410).
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/appointments/{path_param(appointment_id)}",
            query={"show_deleted": show_deleted},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(Appointment))

    @validate_arguments
    def update(
        self,
        appointment_id: str | UUID,
        *,
        starts_at: AwareDatetime | NotGiven = NOT_GIVEN,
        ends_at: AwareDatetime | NotGiven = NOT_GIVEN,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        max_attendees: int | NotGiven = NOT_GIVEN,
        time_zone: str | NotGiven | None = NOT_GIVEN,
        status: Status | Literal["active", "canceled"] | NotGiven = NOT_GIVEN,
        cancellation: CancelRequest | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Appointment]:
        """Update an appointment

        Changes the mutable fields of an appointment: a JSON merge patch (RFC 7396), sent as
        `application/merge-patch+json` or `application/json`. Fields left out are kept; a field set
        to `null` is cleared. The body must be an object (`null` alone is a 400). Send `If-Match` with the `ETag` you read to avoid overwriting someone else's change (412 if it
        is stale). Moving the time re-checks the practitioner's slot. `status` cannot be set freely:
        `{"status": "canceled", "cancellation": {"reason_code": 30}}` is a cancel, as some systems
        do it, with the same body and the same rules as `POST /appointments/{appointment_id}/cancel`
        in `cancellation` (`reason_code` required; a reason that requires a note, such as 50
        *Other*, is 400 `note-required` without one), and nothing else beside it; it records the
        reason, note and message given there, nothing invented. `{"status": "active"}` on a
        canceled appointment is 409 `cannot-reactivate`. Canceled appointments are view-only.

        Args:
            appointment_id: The appointment's id.
            starts_at: New start.
            ends_at: New end, after the (new or current) `starts_at`, at most 24 hours later.
            practitioner_id: New practitioner.
            notes: New notes (null clears them).
            max_attendees: New number of seats (group appointments only).
            time_zone: New display time zone.
            status: `canceled` cancels the appointment, exactly as `POST .../cancel` does (final: attendees
                canceled, slot freed, notifications): send it with `cancellation`, whose reason, note
                and message are recorded. `active` on an active appointment changes nothing; on a
                canceled one it is 409 `cannot-reactivate`.
            cancellation: With `status: canceled` only: how and why, the body of `POST .../cancel` under its rules
                (`reason_code` required; a note where the reason requires one, else 400 `note-required`).
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "PATCH",
            f"/appointments/{path_param(appointment_id)}",
            body=make_body(
                AppointmentUpdate,
                {
                    "starts_at": starts_at,
                    "ends_at": ends_at,
                    "practitioner_id": practitioner_id,
                    "notes": notes,
                    "max_attendees": max_attendees,
                    "time_zone": time_zone,
                    "status": status,
                    "cancellation": cancellation,
                },
            ),
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(Appointment))

    @validate_arguments
    def delete(
        self,
        appointment_id: str | UUID,
        *,
        notify: bool | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Appointment]:
        """Soft-delete an appointment

        Soft-deletes an appointment (active or canceled): it disappears from lists and reads answer
        410, but it is kept until `purge_at` (the deletion time plus the retention, 30 days by default)
        and can be restored until then. Its time no longer counts toward availability. Nobody is
        notified unless `notify=true`. Use **cancel**, not delete, when an appointment will not take
        place: delete is for records created in error.

        Args:
            appointment_id: The appointment's id.
            notify: Tell the attendees and the practitioner about the deletion.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "DELETE",
            f"/appointments/{path_param(appointment_id)}",
            query={"notify": notify},
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(Appointment))

    @validate_arguments
    def cancel(
        self,
        appointment_id: str | UUID,
        *,
        reason_code: int,
        note: str | NotGiven = NOT_GIVEN,
        message: str | NotGiven = NOT_GIVEN,
        notify: bool | NotGiven = NOT_GIVEN,
        apply_to_repeats: bool | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Appointment]:
        """Cancel an appointment

        Cancels an appointment that will not take place. The record is kept with status `canceled` and
        a `cancellation` (reason, internal note, message, who and when). All active attendees are
        canceled with it. The practitioner's slot and the clients' booking limits are freed, the synced
        calendar event is removed (a `calendar_sync` notification), and the attendees and practitioner
        are emailed unless `notify` is false. With `apply_to_repeats`, the following occurrences of the
        series that are still active and not ended are canceled too. A cancel cannot be undone.

        Args:
            appointment_id: The appointment's id.
            reason_code: A code from `GET /cancellation-reasons`.
            note: Internal note (not sent to attendees). Required by some reasons.
            message: Message to the attendees.
            notify: Email the attendees and the practitioner.
            apply_to_repeats: Also cancel the following occurrences of the series.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/cancel",
            body=make_body(
                CancelRequest,
                {
                    "reason_code": reason_code,
                    "note": note,
                    "message": message,
                    "notify": notify,
                    "apply_to_repeats": apply_to_repeats,
                },
            ),
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(Appointment))

    @validate_arguments
    def restore(
        self,
        appointment_id: str | UUID,
        *,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Appointment]:
        """Restore a soft-deleted appointment

        Brings a soft-deleted appointment back, as it was (its status does not change), as long as
        `purge_at` has not passed. An active appointment takes its slot again, so the slot and the
        client's booking limit are re-checked. Nobody is notified.

        Args:
            appointment_id: The appointment's id.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/restore",
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(Appointment))

    @validate_arguments
    def purge(
        self,
        appointment_id: str | UUID,
        *,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[None]:
        """Purge a soft-deleted appointment

        Erases a soft-deleted appointment and its attendees permanently (admin keys only). It must be
        deleted first. Afterwards reads answer 404; the audit trail of the appointment survives.

        Args:
            appointment_id: The appointment's id.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/purge",
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, parse_empty)

    @validate_arguments
    def audit_events(
        self,
        appointment_id: str | UUID,
        *,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[SyncPage[AuditEvent]]:
        """List the history of an appointment

        The audit events of one appointment and its attendees, oldest first. The history stays
        readable after the appointment is soft-deleted and after it is purged. Admin and api_client
        keys, and staff keys for their own practitioner.

        Args:
            appointment_id: The appointment's id.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/appointments/{path_param(appointment_id)}/audit-events",
            query={"page_size": page_size, "page_token": page_token},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(
            options, self._client._page_parser(options, AuditEventPage)
        )

    @validate_arguments
    def notifications(
        self,
        appointment_id: str | UUID,
        *,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[SyncPage[Notification]]:
        """List the notifications of an appointment

        What the server sent (or deliberately suppressed) because of changes to this appointment:
        emails to attendees and the practitioner, and calendar-sync updates. Makes `notify` observable.
        Readable while the appointment is soft-deleted; 404 after it is purged.

        Args:
            appointment_id: The appointment's id.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/appointments/{path_param(appointment_id)}/notifications",
            query={"page_size": page_size, "page_token": page_token},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(
            options, self._client._page_parser(options, NotificationPage)
        )


class AsyncAppointmentsResource:
    """Individual and group appointments, including recurring series, and their life cycle (cancel, soft delete, restore, purge)."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncAppointmentsResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) to `.parse()`."""
        return AsyncAppointmentsResourceWithRawResponse(self._client)

    @validate_arguments
    def list(
        self,
        *,
        status: Status
        | Literal["active", "canceled"]
        | Annotated[Sequence[Status | Literal["active", "canceled"]], Field(min_length=1)]
        | NotGiven = NOT_GIVEN,
        deleted: DeletedFilter | Literal["exclude", "include", "only"] | NotGiven = NOT_GIVEN,
        type: AppointmentType | Literal["individual", "group"] | NotGiven = NOT_GIVEN,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        client_id: str | UUID | NotGiven = NOT_GIVEN,
        series_id: str | UUID | NotGiven = NOT_GIVEN,
        starts_after: AwareDatetime | NotGiven = NOT_GIVEN,
        starts_before: AwareDatetime | NotGiven = NOT_GIVEN,
        updated_since: AwareDatetime | NotGiven = NOT_GIVEN,
        order_by: AppointmentOrder
        | Literal[
            "starts_at",
            "starts_at_desc",
            "updated_at",
            "updated_at_desc",
            "created_at",
            "created_at_desc",
        ]
        | NotGiven = NOT_GIVEN,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[Appointment]:
        """List appointments

        Lists appointments the caller may see, ordered by `order_by`. By default only **active**,
        **not deleted** appointments are returned: pass `status=canceled` (or both statuses, repeating
        the parameter) to see canceled ones, and `deleted=include` or `deleted=only` to see soft-deleted
        ones. A client key never sees canceled appointments, whatever the filter. Staff keys see the
        appointments of their own practitioner only.

        Args:
            status: Only records with one of these statuses. Repeat the parameter for several
                (`status=active&status=canceled`). Default: `active` only.
            deleted: Whether soft-deleted records are excluded (default), included, or the only ones listed.
            type: Only appointments of this type.
            practitioner_id: Only appointments with this practitioner.
            client_id: Only appointments this client attends (the client of an individual appointment or an attendee of a group appointment).
            series_id: Only the occurrences of this recurring series.
            starts_after: Only appointments starting at or after this instant (inclusive).
            starts_before: Only appointments starting before this instant (exclusive).
            updated_since: Only appointments changed at or after this instant (for incremental sync; combine with both statuses and `deleted=include` to see cancellations and deletions).
            order_by: Sort order of the results.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/appointments",
            query={
                "status": status,
                "deleted": deleted,
                "type": type,
                "practitioner_id": practitioner_id,
                "client_id": client_id,
                "series_id": series_id,
                "starts_after": starts_after,
                "starts_before": starts_before,
                "updated_since": updated_since,
                "order_by": order_by,
                "page_size": page_size,
                "page_token": page_token,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_page(options, AppointmentPage)

    @validate_arguments
    async def create(
        self,
        *,
        type: AppointmentType | Literal["individual", "group"],
        starts_at: AwareDatetime,
        ends_at: AwareDatetime,
        practitioner_id: str | UUID,
        client_id: str | UUID | NotGiven = NOT_GIVEN,
        max_attendees: int | NotGiven = NOT_GIVEN,
        notes: str | NotGiven = NOT_GIVEN,
        time_zone: str | NotGiven = NOT_GIVEN,
        repeat_rule: RepeatRule | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Appointment:
        """Create an appointment

        Books an individual appointment (`type: individual`, with `client_id`) or a group appointment
        (`type: group`, with `max_attendees`). The practitioner's slot must be free. With `repeat_rule`,
        a recurring series is materialized: every occurrence is its own appointment sharing `series_id`;
        if any occurrence conflicts, nothing is created. The response is the (first) appointment, with
        `Location` and `ETag`. A client key may book only for itself.

        Args:
            type: `individual`: one client; `group`: up to `max_attendees` clients.
            starts_at: Start, with a time zone offset.
            ends_at: End, after `starts_at`, at most 24 hours later.
            practitioner_id: The practitioner.
            client_id: The client (individual appointments only).
            max_attendees: Seats (group appointments only).
            notes: Free-text notes.
            time_zone: IANA time zone for display.
            repeat_rule: How a recurring series repeats. Set on create only.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            "/appointments",
            body=make_body(
                AppointmentCreate,
                {
                    "type": type,
                    "starts_at": starts_at,
                    "ends_at": ends_at,
                    "practitioner_id": practitioner_id,
                    "client_id": client_id,
                    "max_attendees": max_attendees,
                    "notes": notes,
                    "time_zone": time_zone,
                    "repeat_rule": repeat_rule,
                },
            ),
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, Appointment)

    @validate_arguments
    async def get(
        self,
        appointment_id: str | UUID,
        *,
        show_deleted: bool | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Appointment:
        """Get an appointment

        Reads one appointment, active or canceled. A soft-deleted appointment answers **410 Gone**
        (the problem carries `deleted_at` and `purge_at`) unless `show_deleted=true`, which returns it.
        A purged or unknown appointment answers 404. A client key never sees a canceled appointment (404).

        Args:
            appointment_id: The appointment's id.
            show_deleted: Return the record even if it is soft-deleted (instead of 410).
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/appointments/{path_param(appointment_id)}",
            query={"show_deleted": show_deleted},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, Appointment)

    @validate_arguments
    async def update(
        self,
        appointment_id: str | UUID,
        *,
        starts_at: AwareDatetime | NotGiven = NOT_GIVEN,
        ends_at: AwareDatetime | NotGiven = NOT_GIVEN,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        max_attendees: int | NotGiven = NOT_GIVEN,
        time_zone: str | NotGiven | None = NOT_GIVEN,
        status: Status | Literal["active", "canceled"] | NotGiven = NOT_GIVEN,
        cancellation: CancelRequest | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Appointment:
        """Update an appointment

        Changes the mutable fields of an appointment: a JSON merge patch (RFC 7396), sent as
        `application/merge-patch+json` or `application/json`. Fields left out are kept; a field set
        to `null` is cleared. The body must be an object (`null` alone is a 400). Send `If-Match` with the `ETag` you read to avoid overwriting someone else's change (412 if it
        is stale). Moving the time re-checks the practitioner's slot. `status` cannot be set freely:
        `{"status": "canceled", "cancellation": {"reason_code": 30}}` is a cancel, as some systems
        do it, with the same body and the same rules as `POST /appointments/{appointment_id}/cancel`
        in `cancellation` (`reason_code` required; a reason that requires a note, such as 50
        *Other*, is 400 `note-required` without one), and nothing else beside it; it records the
        reason, note and message given there, nothing invented. `{"status": "active"}` on a
        canceled appointment is 409 `cannot-reactivate`. Canceled appointments are view-only.

        Args:
            appointment_id: The appointment's id.
            starts_at: New start.
            ends_at: New end, after the (new or current) `starts_at`, at most 24 hours later.
            practitioner_id: New practitioner.
            notes: New notes (null clears them).
            max_attendees: New number of seats (group appointments only).
            time_zone: New display time zone.
            status: `canceled` cancels the appointment, exactly as `POST .../cancel` does (final: attendees
                canceled, slot freed, notifications): send it with `cancellation`, whose reason, note
                and message are recorded. `active` on an active appointment changes nothing; on a
                canceled one it is 409 `cannot-reactivate`.
            cancellation: With `status: canceled` only: how and why, the body of `POST .../cancel` under its rules
                (`reason_code` required; a note where the reason requires one, else 400 `note-required`).
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "PATCH",
            f"/appointments/{path_param(appointment_id)}",
            body=make_body(
                AppointmentUpdate,
                {
                    "starts_at": starts_at,
                    "ends_at": ends_at,
                    "practitioner_id": practitioner_id,
                    "notes": notes,
                    "max_attendees": max_attendees,
                    "time_zone": time_zone,
                    "status": status,
                    "cancellation": cancellation,
                },
            ),
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, Appointment)

    @validate_arguments
    async def delete(
        self,
        appointment_id: str | UUID,
        *,
        notify: bool | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Appointment:
        """Soft-delete an appointment

        Soft-deletes an appointment (active or canceled): it disappears from lists and reads answer
        410, but it is kept until `purge_at` (the deletion time plus the retention, 30 days by default)
        and can be restored until then. Its time no longer counts toward availability. Nobody is
        notified unless `notify=true`. Use **cancel**, not delete, when an appointment will not take
        place: delete is for records created in error.

        Args:
            appointment_id: The appointment's id.
            notify: Tell the attendees and the practitioner about the deletion.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "DELETE",
            f"/appointments/{path_param(appointment_id)}",
            query={"notify": notify},
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, Appointment)

    @validate_arguments
    async def cancel(
        self,
        appointment_id: str | UUID,
        *,
        reason_code: int,
        note: str | NotGiven = NOT_GIVEN,
        message: str | NotGiven = NOT_GIVEN,
        notify: bool | NotGiven = NOT_GIVEN,
        apply_to_repeats: bool | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Appointment:
        """Cancel an appointment

        Cancels an appointment that will not take place. The record is kept with status `canceled` and
        a `cancellation` (reason, internal note, message, who and when). All active attendees are
        canceled with it. The practitioner's slot and the clients' booking limits are freed, the synced
        calendar event is removed (a `calendar_sync` notification), and the attendees and practitioner
        are emailed unless `notify` is false. With `apply_to_repeats`, the following occurrences of the
        series that are still active and not ended are canceled too. A cancel cannot be undone.

        Args:
            appointment_id: The appointment's id.
            reason_code: A code from `GET /cancellation-reasons`.
            note: Internal note (not sent to attendees). Required by some reasons.
            message: Message to the attendees.
            notify: Email the attendees and the practitioner.
            apply_to_repeats: Also cancel the following occurrences of the series.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/cancel",
            body=make_body(
                CancelRequest,
                {
                    "reason_code": reason_code,
                    "note": note,
                    "message": message,
                    "notify": notify,
                    "apply_to_repeats": apply_to_repeats,
                },
            ),
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, Appointment)

    @validate_arguments
    async def restore(
        self,
        appointment_id: str | UUID,
        *,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Appointment:
        """Restore a soft-deleted appointment

        Brings a soft-deleted appointment back, as it was (its status does not change), as long as
        `purge_at` has not passed. An active appointment takes its slot again, so the slot and the
        client's booking limit are re-checked. Nobody is notified.

        Args:
            appointment_id: The appointment's id.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/restore",
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, Appointment)

    @validate_arguments
    async def purge(
        self,
        appointment_id: str | UUID,
        *,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> None:
        """Purge a soft-deleted appointment

        Erases a soft-deleted appointment and its attendees permanently (admin keys only). It must be
        deleted first. Afterwards reads answer 404; the audit trail of the appointment survives.

        Args:
            appointment_id: The appointment's id.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/purge",
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        await self._client._request_empty(options)

    @validate_arguments
    def audit_events(
        self,
        appointment_id: str | UUID,
        *,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[AuditEvent]:
        """List the history of an appointment

        The audit events of one appointment and its attendees, oldest first. The history stays
        readable after the appointment is soft-deleted and after it is purged. Admin and api_client
        keys, and staff keys for their own practitioner.

        Args:
            appointment_id: The appointment's id.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/appointments/{path_param(appointment_id)}/audit-events",
            query={"page_size": page_size, "page_token": page_token},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_page(options, AuditEventPage)

    @validate_arguments
    def notifications(
        self,
        appointment_id: str | UUID,
        *,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[Notification]:
        """List the notifications of an appointment

        What the server sent (or deliberately suppressed) because of changes to this appointment:
        emails to attendees and the practitioner, and calendar-sync updates. Makes `notify` observable.
        Readable while the appointment is soft-deleted; 404 after it is purged.

        Args:
            appointment_id: The appointment's id.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/appointments/{path_param(appointment_id)}/notifications",
            query={"page_size": page_size, "page_token": page_token},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_page(options, NotificationPage)


class AsyncAppointmentsResourceWithRawResponse:
    """Individual and group appointments, including recurring series, and their life cycle (cancel, soft delete, restore, purge).

    Each method returns a `RawResponse` (status, headers) whose `.parse()` gives the result.
    """

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @validate_arguments
    async def list(
        self,
        *,
        status: Status
        | Literal["active", "canceled"]
        | Annotated[Sequence[Status | Literal["active", "canceled"]], Field(min_length=1)]
        | NotGiven = NOT_GIVEN,
        deleted: DeletedFilter | Literal["exclude", "include", "only"] | NotGiven = NOT_GIVEN,
        type: AppointmentType | Literal["individual", "group"] | NotGiven = NOT_GIVEN,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        client_id: str | UUID | NotGiven = NOT_GIVEN,
        series_id: str | UUID | NotGiven = NOT_GIVEN,
        starts_after: AwareDatetime | NotGiven = NOT_GIVEN,
        starts_before: AwareDatetime | NotGiven = NOT_GIVEN,
        updated_since: AwareDatetime | NotGiven = NOT_GIVEN,
        order_by: AppointmentOrder
        | Literal[
            "starts_at",
            "starts_at_desc",
            "updated_at",
            "updated_at_desc",
            "created_at",
            "created_at_desc",
        ]
        | NotGiven = NOT_GIVEN,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[AsyncPage[Appointment]]:
        """List appointments

        Lists appointments the caller may see, ordered by `order_by`. By default only **active**,
        **not deleted** appointments are returned: pass `status=canceled` (or both statuses, repeating
        the parameter) to see canceled ones, and `deleted=include` or `deleted=only` to see soft-deleted
        ones. A client key never sees canceled appointments, whatever the filter. Staff keys see the
        appointments of their own practitioner only.

        Args:
            status: Only records with one of these statuses. Repeat the parameter for several
                (`status=active&status=canceled`). Default: `active` only.
            deleted: Whether soft-deleted records are excluded (default), included, or the only ones listed.
            type: Only appointments of this type.
            practitioner_id: Only appointments with this practitioner.
            client_id: Only appointments this client attends (the client of an individual appointment or an attendee of a group appointment).
            series_id: Only the occurrences of this recurring series.
            starts_after: Only appointments starting at or after this instant (inclusive).
            starts_before: Only appointments starting before this instant (exclusive).
            updated_since: Only appointments changed at or after this instant (for incremental sync; combine with both statuses and `deleted=include` to see cancellations and deletions).
            order_by: Sort order of the results.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/appointments",
            query={
                "status": status,
                "deleted": deleted,
                "type": type,
                "practitioner_id": practitioner_id,
                "client_id": client_id,
                "series_id": series_id,
                "starts_after": starts_after,
                "starts_before": starts_before,
                "updated_since": updated_since,
                "order_by": order_by,
                "page_size": page_size,
                "page_token": page_token,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(
            options, self._client._page_parser(options, AppointmentPage)
        )

    @validate_arguments
    async def create(
        self,
        *,
        type: AppointmentType | Literal["individual", "group"],
        starts_at: AwareDatetime,
        ends_at: AwareDatetime,
        practitioner_id: str | UUID,
        client_id: str | UUID | NotGiven = NOT_GIVEN,
        max_attendees: int | NotGiven = NOT_GIVEN,
        notes: str | NotGiven = NOT_GIVEN,
        time_zone: str | NotGiven = NOT_GIVEN,
        repeat_rule: RepeatRule | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Appointment]:
        """Create an appointment

        Books an individual appointment (`type: individual`, with `client_id`) or a group appointment
        (`type: group`, with `max_attendees`). The practitioner's slot must be free. With `repeat_rule`,
        a recurring series is materialized: every occurrence is its own appointment sharing `series_id`;
        if any occurrence conflicts, nothing is created. The response is the (first) appointment, with
        `Location` and `ETag`. A client key may book only for itself.

        Args:
            type: `individual`: one client; `group`: up to `max_attendees` clients.
            starts_at: Start, with a time zone offset.
            ends_at: End, after `starts_at`, at most 24 hours later.
            practitioner_id: The practitioner.
            client_id: The client (individual appointments only).
            max_attendees: Seats (group appointments only).
            notes: Free-text notes.
            time_zone: IANA time zone for display.
            repeat_rule: How a recurring series repeats. Set on create only.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            "/appointments",
            body=make_body(
                AppointmentCreate,
                {
                    "type": type,
                    "starts_at": starts_at,
                    "ends_at": ends_at,
                    "practitioner_id": practitioner_id,
                    "client_id": client_id,
                    "max_attendees": max_attendees,
                    "notes": notes,
                    "time_zone": time_zone,
                    "repeat_rule": repeat_rule,
                },
            ),
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(Appointment))

    @validate_arguments
    async def get(
        self,
        appointment_id: str | UUID,
        *,
        show_deleted: bool | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Appointment]:
        """Get an appointment

        Reads one appointment, active or canceled. A soft-deleted appointment answers **410 Gone**
        (the problem carries `deleted_at` and `purge_at`) unless `show_deleted=true`, which returns it.
        A purged or unknown appointment answers 404. A client key never sees a canceled appointment (404).

        Args:
            appointment_id: The appointment's id.
            show_deleted: Return the record even if it is soft-deleted (instead of 410).
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/appointments/{path_param(appointment_id)}",
            query={"show_deleted": show_deleted},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(Appointment))

    @validate_arguments
    async def update(
        self,
        appointment_id: str | UUID,
        *,
        starts_at: AwareDatetime | NotGiven = NOT_GIVEN,
        ends_at: AwareDatetime | NotGiven = NOT_GIVEN,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        max_attendees: int | NotGiven = NOT_GIVEN,
        time_zone: str | NotGiven | None = NOT_GIVEN,
        status: Status | Literal["active", "canceled"] | NotGiven = NOT_GIVEN,
        cancellation: CancelRequest | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Appointment]:
        """Update an appointment

        Changes the mutable fields of an appointment: a JSON merge patch (RFC 7396), sent as
        `application/merge-patch+json` or `application/json`. Fields left out are kept; a field set
        to `null` is cleared. The body must be an object (`null` alone is a 400). Send `If-Match` with the `ETag` you read to avoid overwriting someone else's change (412 if it
        is stale). Moving the time re-checks the practitioner's slot. `status` cannot be set freely:
        `{"status": "canceled", "cancellation": {"reason_code": 30}}` is a cancel, as some systems
        do it, with the same body and the same rules as `POST /appointments/{appointment_id}/cancel`
        in `cancellation` (`reason_code` required; a reason that requires a note, such as 50
        *Other*, is 400 `note-required` without one), and nothing else beside it; it records the
        reason, note and message given there, nothing invented. `{"status": "active"}` on a
        canceled appointment is 409 `cannot-reactivate`. Canceled appointments are view-only.

        Args:
            appointment_id: The appointment's id.
            starts_at: New start.
            ends_at: New end, after the (new or current) `starts_at`, at most 24 hours later.
            practitioner_id: New practitioner.
            notes: New notes (null clears them).
            max_attendees: New number of seats (group appointments only).
            time_zone: New display time zone.
            status: `canceled` cancels the appointment, exactly as `POST .../cancel` does (final: attendees
                canceled, slot freed, notifications): send it with `cancellation`, whose reason, note
                and message are recorded. `active` on an active appointment changes nothing; on a
                canceled one it is 409 `cannot-reactivate`.
            cancellation: With `status: canceled` only: how and why, the body of `POST .../cancel` under its rules
                (`reason_code` required; a note where the reason requires one, else 400 `note-required`).
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "PATCH",
            f"/appointments/{path_param(appointment_id)}",
            body=make_body(
                AppointmentUpdate,
                {
                    "starts_at": starts_at,
                    "ends_at": ends_at,
                    "practitioner_id": practitioner_id,
                    "notes": notes,
                    "max_attendees": max_attendees,
                    "time_zone": time_zone,
                    "status": status,
                    "cancellation": cancellation,
                },
            ),
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(Appointment))

    @validate_arguments
    async def delete(
        self,
        appointment_id: str | UUID,
        *,
        notify: bool | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Appointment]:
        """Soft-delete an appointment

        Soft-deletes an appointment (active or canceled): it disappears from lists and reads answer
        410, but it is kept until `purge_at` (the deletion time plus the retention, 30 days by default)
        and can be restored until then. Its time no longer counts toward availability. Nobody is
        notified unless `notify=true`. Use **cancel**, not delete, when an appointment will not take
        place: delete is for records created in error.

        Args:
            appointment_id: The appointment's id.
            notify: Tell the attendees and the practitioner about the deletion.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "DELETE",
            f"/appointments/{path_param(appointment_id)}",
            query={"notify": notify},
            if_match=if_match,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(Appointment))

    @validate_arguments
    async def cancel(
        self,
        appointment_id: str | UUID,
        *,
        reason_code: int,
        note: str | NotGiven = NOT_GIVEN,
        message: str | NotGiven = NOT_GIVEN,
        notify: bool | NotGiven = NOT_GIVEN,
        apply_to_repeats: bool | NotGiven = NOT_GIVEN,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Appointment]:
        """Cancel an appointment

        Cancels an appointment that will not take place. The record is kept with status `canceled` and
        a `cancellation` (reason, internal note, message, who and when). All active attendees are
        canceled with it. The practitioner's slot and the clients' booking limits are freed, the synced
        calendar event is removed (a `calendar_sync` notification), and the attendees and practitioner
        are emailed unless `notify` is false. With `apply_to_repeats`, the following occurrences of the
        series that are still active and not ended are canceled too. A cancel cannot be undone.

        Args:
            appointment_id: The appointment's id.
            reason_code: A code from `GET /cancellation-reasons`.
            note: Internal note (not sent to attendees). Required by some reasons.
            message: Message to the attendees.
            notify: Email the attendees and the practitioner.
            apply_to_repeats: Also cancel the following occurrences of the series.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/cancel",
            body=make_body(
                CancelRequest,
                {
                    "reason_code": reason_code,
                    "note": note,
                    "message": message,
                    "notify": notify,
                    "apply_to_repeats": apply_to_repeats,
                },
            ),
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(Appointment))

    @validate_arguments
    async def restore(
        self,
        appointment_id: str | UUID,
        *,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[Appointment]:
        """Restore a soft-deleted appointment

        Brings a soft-deleted appointment back, as it was (its status does not change), as long as
        `purge_at` has not passed. An active appointment takes its slot again, so the slot and the
        client's booking limit are re-checked. Nobody is notified.

        Args:
            appointment_id: The appointment's id.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/restore",
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(Appointment))

    @validate_arguments
    async def purge(
        self,
        appointment_id: str | UUID,
        *,
        if_match: IfMatch | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[None]:
        """Purge a soft-deleted appointment

        Erases a soft-deleted appointment and its attendees permanently (admin keys only). It must be
        deleted first. Afterwards reads answer 404; the audit trail of the appointment survives.

        Args:
            appointment_id: The appointment's id.
            if_match: The `ETag` you read (or its version, or the model itself); if the resource changed since, `PreconditionFailedError` is raised and nothing changes.
            idempotency_key: Makes retries of this call safe; default: a new UUID per call, reused by the SDK's own retries.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "POST",
            f"/appointments/{path_param(appointment_id)}/purge",
            if_match=if_match,
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, parse_empty)

    @validate_arguments
    async def audit_events(
        self,
        appointment_id: str | UUID,
        *,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[AsyncPage[AuditEvent]]:
        """List the history of an appointment

        The audit events of one appointment and its attendees, oldest first. The history stays
        readable after the appointment is soft-deleted and after it is purged. Admin and api_client
        keys, and staff keys for their own practitioner.

        Args:
            appointment_id: The appointment's id.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/appointments/{path_param(appointment_id)}/audit-events",
            query={"page_size": page_size, "page_token": page_token},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(
            options, self._client._page_parser(options, AuditEventPage)
        )

    @validate_arguments
    async def notifications(
        self,
        appointment_id: str | UUID,
        *,
        page_size: Annotated[int, Field(ge=1, le=100)] | NotGiven = NOT_GIVEN,
        page_token: Annotated[str, Field(min_length=1, max_length=512)] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[AsyncPage[Notification]]:
        """List the notifications of an appointment

        What the server sent (or deliberately suppressed) because of changes to this appointment:
        emails to attendees and the practitioner, and calendar-sync updates. Makes `notify` observable.
        Readable while the appointment is soft-deleted; 404 after it is purged.

        Args:
            appointment_id: The appointment's id.
            page_size: Maximum number of items in the page.
            page_token: The `next_page_token` of the previous page. Other parameters must stay the same.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            f"/appointments/{path_param(appointment_id)}/notifications",
            query={"page_size": page_size, "page_token": page_token},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(
            options, self._client._page_parser(options, NotificationPage)
        )
