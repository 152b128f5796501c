# Generated from openapi.yaml by `python -m codegen`. Do not edit: change the spec (or
# codegen/) and run `python -m codegen` again.
"""The `reports` operations, sync and async."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Annotated, Literal
from uuid import UUID

from pydantic import AwareDatetime, Field

from appointments._arguments import validate_arguments
from appointments._base_client import (
    AsyncAPIClient,
    RequestOptions,
    SyncAPIClient,
    model_parser,
    parse_text,
)
from appointments._response import RawResponse
from appointments._types import NOT_GIVEN, Headers, NotGiven, Timeout
from appointments.models import (
    AppointmentReport,
    AppointmentType,
    DeletedFilter,
    PractitionerActivityReport,
    ReportDimension,
    Status,
)

__all__ = [
    "AsyncReportsResource",
    "AsyncReportsResourceWithRawResponse",
    "ReportsResource",
    "ReportsResourceWithRawResponse",
]


class ReportsResource:
    """Counts and activity over a period, computed from the same records as the lists. Canceled appointments are left out unless asked for."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> ReportsResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) to `.parse()`."""
        return ReportsResourceWithRawResponse(self._client)

    @validate_arguments
    def appointments(
        self,
        *,
        from_: AwareDatetime,
        to: AwareDatetime,
        group_by: ReportDimension
        | Literal["status", "type", "practitioner_id", "reason_code", "day"]
        | Annotated[
            Sequence[
                ReportDimension | Literal["status", "type", "practitioner_id", "reason_code", "day"]
            ],
            Field(max_length=5),
        ]
        | NotGiven = NOT_GIVEN,
        status: Status
        | Literal["active", "canceled"]
        | Annotated[Sequence[Status | Literal["active", "canceled"]], Field(min_length=1)]
        | NotGiven = NOT_GIVEN,
        deleted: DeletedFilter | Literal["exclude", "include", "only"] | NotGiven = NOT_GIVEN,
        type: AppointmentType | Literal["individual", "group"] | NotGiven = NOT_GIVEN,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AppointmentReport:
        """Count appointments

        Counts the appointments that start in the period (`from` inclusive, `to` exclusive, at most
        366 days), grouped by any of `status`, `type`, `practitioner_id`, `reason_code` (of the
        cancellation; null for active appointments) and `day` (the local date of the start in the
        practitioner's time zone), in the order given. Like the lists: only **active** appointments
        unless `status` says otherwise (repeat it for both), soft-deleted ones excluded unless
        `deleted` says otherwise, staff keys count their own practitioner's appointments only. The
        counts are those of `appointments.list` with the same filters and
        `starts_after`/`starts_before`.

        One row per group that has appointments, in the order of the grouped values; without
        `group_by`, one row with the total. With `Accept: text/csv`, the same rows as CSV
        (RFC 4180): a header line with the grouped columns and `count`, empty cells for null.

        Args:
            from_: Start of the period (inclusive).
            to: End of the period (exclusive), after `from` and at most 366 days later.
            group_by: Dimensions to group by, in order; repeat the parameter for several
                (`group_by=practitioner_id&group_by=day`). Default: no grouping (one row).
            status: Only records with one of these statuses. Repeat the parameter for several
                (`status=active&status=canceled`). Default: `active` only.
            deleted: Whether soft-deleted records are excluded (default), included, or the only ones listed.
            type: Only appointments of this type.
            practitioner_id: Only appointments with this practitioner.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/reports/appointments",
            query={
                "from": from_,
                "to": to,
                "group_by": group_by,
                "status": status,
                "deleted": deleted,
                "type": type,
                "practitioner_id": practitioner_id,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, AppointmentReport)

    @validate_arguments
    def appointments_csv(
        self,
        *,
        from_: AwareDatetime,
        to: AwareDatetime,
        group_by: ReportDimension
        | Literal["status", "type", "practitioner_id", "reason_code", "day"]
        | Annotated[
            Sequence[
                ReportDimension | Literal["status", "type", "practitioner_id", "reason_code", "day"]
            ],
            Field(max_length=5),
        ]
        | NotGiven = NOT_GIVEN,
        status: Status
        | Literal["active", "canceled"]
        | Annotated[Sequence[Status | Literal["active", "canceled"]], Field(min_length=1)]
        | NotGiven = NOT_GIVEN,
        deleted: DeletedFilter | Literal["exclude", "include", "only"] | NotGiven = NOT_GIVEN,
        type: AppointmentType | Literal["individual", "group"] | NotGiven = NOT_GIVEN,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> str:
        """Count appointments, as `text/csv` text.

        The same request as `appointments`, asking for `Accept: text/csv`; returns the body as a string.

        Counts the appointments that start in the period (`from` inclusive, `to` exclusive, at most
        366 days), grouped by any of `status`, `type`, `practitioner_id`, `reason_code` (of the
        cancellation; null for active appointments) and `day` (the local date of the start in the
        practitioner's time zone), in the order given. Like the lists: only **active** appointments
        unless `status` says otherwise (repeat it for both), soft-deleted ones excluded unless
        `deleted` says otherwise, staff keys count their own practitioner's appointments only. The
        counts are those of `appointments.list` with the same filters and
        `starts_after`/`starts_before`.

        One row per group that has appointments, in the order of the grouped values; without
        `group_by`, one row with the total. With `Accept: text/csv`, the same rows as CSV
        (RFC 4180): a header line with the grouped columns and `count`, empty cells for null.

        Args:
            from_: Start of the period (inclusive).
            to: End of the period (exclusive), after `from` and at most 366 days later.
            group_by: Dimensions to group by, in order; repeat the parameter for several
                (`group_by=practitioner_id&group_by=day`). Default: no grouping (one row).
            status: Only records with one of these statuses. Repeat the parameter for several
                (`status=active&status=canceled`). Default: `active` only.
            deleted: Whether soft-deleted records are excluded (default), included, or the only ones listed.
            type: Only appointments of this type.
            practitioner_id: Only appointments with this practitioner.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/reports/appointments",
            query={
                "from": from_,
                "to": to,
                "group_by": group_by,
                "status": status,
                "deleted": deleted,
                "type": type,
                "practitioner_id": practitioner_id,
            },
            accept="text/csv",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_text(options)

    @validate_arguments
    def practitioner_activity(
        self,
        *,
        from_: AwareDatetime,
        to: AwareDatetime,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> PractitionerActivityReport:
        """Report practitioner activity

        Per practitioner, in the period (`from` inclusive, `to` exclusive, at most 366 days):
        the appointments held (live, active appointments starting in the period), their booked
        minutes, their active attendees and no-shows (attendees with `attendance: did_not_arrive`),
        the working minutes (working hours in the practitioner's time zone) and the free minutes
        (working minutes not taken by a live, active appointment, as availability counts them).
        **Canceled appointments and canceled attendees never count**; soft-deleted ones neither.
        Minutes are whole minutes, rounded down. Staff keys see their own practitioner only.
        With `Accept: text/csv`, the same rows as CSV (RFC 4180) with a header line.

        Args:
            from_: Start of the period (inclusive).
            to: End of the period (exclusive), after `from` and at most 366 days later.
            practitioner_id: Only this practitioner (default all).
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/reports/practitioner-activity",
            query={"from": from_, "to": to, "practitioner_id": practitioner_id},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request(options, PractitionerActivityReport)

    @validate_arguments
    def practitioner_activity_csv(
        self,
        *,
        from_: AwareDatetime,
        to: AwareDatetime,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> str:
        """Report practitioner activity, as `text/csv` text.

        The same request as `practitioner_activity`, asking for `Accept: text/csv`; returns the body as a string.

        Per practitioner, in the period (`from` inclusive, `to` exclusive, at most 366 days):
        the appointments held (live, active appointments starting in the period), their booked
        minutes, their active attendees and no-shows (attendees with `attendance: did_not_arrive`),
        the working minutes (working hours in the practitioner's time zone) and the free minutes
        (working minutes not taken by a live, active appointment, as availability counts them).
        **Canceled appointments and canceled attendees never count**; soft-deleted ones neither.
        Minutes are whole minutes, rounded down. Staff keys see their own practitioner only.
        With `Accept: text/csv`, the same rows as CSV (RFC 4180) with a header line.

        Args:
            from_: Start of the period (inclusive).
            to: End of the period (exclusive), after `from` and at most 366 days later.
            practitioner_id: Only this practitioner (default all).
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/reports/practitioner-activity",
            query={"from": from_, "to": to, "practitioner_id": practitioner_id},
            accept="text/csv",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_text(options)


class ReportsResourceWithRawResponse:
    """Counts and activity over a period, computed from the same records as the lists. Canceled appointments are left out unless asked for.

    Each method returns a `RawResponse` (status, headers) whose `.parse()` gives the result.
    """

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @validate_arguments
    def appointments(
        self,
        *,
        from_: AwareDatetime,
        to: AwareDatetime,
        group_by: ReportDimension
        | Literal["status", "type", "practitioner_id", "reason_code", "day"]
        | Annotated[
            Sequence[
                ReportDimension | Literal["status", "type", "practitioner_id", "reason_code", "day"]
            ],
            Field(max_length=5),
        ]
        | NotGiven = NOT_GIVEN,
        status: Status
        | Literal["active", "canceled"]
        | Annotated[Sequence[Status | Literal["active", "canceled"]], Field(min_length=1)]
        | NotGiven = NOT_GIVEN,
        deleted: DeletedFilter | Literal["exclude", "include", "only"] | NotGiven = NOT_GIVEN,
        type: AppointmentType | Literal["individual", "group"] | NotGiven = NOT_GIVEN,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[AppointmentReport]:
        """Count appointments

        Counts the appointments that start in the period (`from` inclusive, `to` exclusive, at most
        366 days), grouped by any of `status`, `type`, `practitioner_id`, `reason_code` (of the
        cancellation; null for active appointments) and `day` (the local date of the start in the
        practitioner's time zone), in the order given. Like the lists: only **active** appointments
        unless `status` says otherwise (repeat it for both), soft-deleted ones excluded unless
        `deleted` says otherwise, staff keys count their own practitioner's appointments only. The
        counts are those of `appointments.list` with the same filters and
        `starts_after`/`starts_before`.

        One row per group that has appointments, in the order of the grouped values; without
        `group_by`, one row with the total. With `Accept: text/csv`, the same rows as CSV
        (RFC 4180): a header line with the grouped columns and `count`, empty cells for null.

        Args:
            from_: Start of the period (inclusive).
            to: End of the period (exclusive), after `from` and at most 366 days later.
            group_by: Dimensions to group by, in order; repeat the parameter for several
                (`group_by=practitioner_id&group_by=day`). Default: no grouping (one row).
            status: Only records with one of these statuses. Repeat the parameter for several
                (`status=active&status=canceled`). Default: `active` only.
            deleted: Whether soft-deleted records are excluded (default), included, or the only ones listed.
            type: Only appointments of this type.
            practitioner_id: Only appointments with this practitioner.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/reports/appointments",
            query={
                "from": from_,
                "to": to,
                "group_by": group_by,
                "status": status,
                "deleted": deleted,
                "type": type,
                "practitioner_id": practitioner_id,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(AppointmentReport))

    @validate_arguments
    def appointments_csv(
        self,
        *,
        from_: AwareDatetime,
        to: AwareDatetime,
        group_by: ReportDimension
        | Literal["status", "type", "practitioner_id", "reason_code", "day"]
        | Annotated[
            Sequence[
                ReportDimension | Literal["status", "type", "practitioner_id", "reason_code", "day"]
            ],
            Field(max_length=5),
        ]
        | NotGiven = NOT_GIVEN,
        status: Status
        | Literal["active", "canceled"]
        | Annotated[Sequence[Status | Literal["active", "canceled"]], Field(min_length=1)]
        | NotGiven = NOT_GIVEN,
        deleted: DeletedFilter | Literal["exclude", "include", "only"] | NotGiven = NOT_GIVEN,
        type: AppointmentType | Literal["individual", "group"] | NotGiven = NOT_GIVEN,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[str]:
        """Count appointments, as `text/csv` text.

        The same request as `appointments`, asking for `Accept: text/csv`; returns the body as a string.

        Counts the appointments that start in the period (`from` inclusive, `to` exclusive, at most
        366 days), grouped by any of `status`, `type`, `practitioner_id`, `reason_code` (of the
        cancellation; null for active appointments) and `day` (the local date of the start in the
        practitioner's time zone), in the order given. Like the lists: only **active** appointments
        unless `status` says otherwise (repeat it for both), soft-deleted ones excluded unless
        `deleted` says otherwise, staff keys count their own practitioner's appointments only. The
        counts are those of `appointments.list` with the same filters and
        `starts_after`/`starts_before`.

        One row per group that has appointments, in the order of the grouped values; without
        `group_by`, one row with the total. With `Accept: text/csv`, the same rows as CSV
        (RFC 4180): a header line with the grouped columns and `count`, empty cells for null.

        Args:
            from_: Start of the period (inclusive).
            to: End of the period (exclusive), after `from` and at most 366 days later.
            group_by: Dimensions to group by, in order; repeat the parameter for several
                (`group_by=practitioner_id&group_by=day`). Default: no grouping (one row).
            status: Only records with one of these statuses. Repeat the parameter for several
                (`status=active&status=canceled`). Default: `active` only.
            deleted: Whether soft-deleted records are excluded (default), included, or the only ones listed.
            type: Only appointments of this type.
            practitioner_id: Only appointments with this practitioner.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/reports/appointments",
            query={
                "from": from_,
                "to": to,
                "group_by": group_by,
                "status": status,
                "deleted": deleted,
                "type": type,
                "practitioner_id": practitioner_id,
            },
            accept="text/csv",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, parse_text)

    @validate_arguments
    def practitioner_activity(
        self,
        *,
        from_: AwareDatetime,
        to: AwareDatetime,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[PractitionerActivityReport]:
        """Report practitioner activity

        Per practitioner, in the period (`from` inclusive, `to` exclusive, at most 366 days):
        the appointments held (live, active appointments starting in the period), their booked
        minutes, their active attendees and no-shows (attendees with `attendance: did_not_arrive`),
        the working minutes (working hours in the practitioner's time zone) and the free minutes
        (working minutes not taken by a live, active appointment, as availability counts them).
        **Canceled appointments and canceled attendees never count**; soft-deleted ones neither.
        Minutes are whole minutes, rounded down. Staff keys see their own practitioner only.
        With `Accept: text/csv`, the same rows as CSV (RFC 4180) with a header line.

        Args:
            from_: Start of the period (inclusive).
            to: End of the period (exclusive), after `from` and at most 366 days later.
            practitioner_id: Only this practitioner (default all).
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/reports/practitioner-activity",
            query={"from": from_, "to": to, "practitioner_id": practitioner_id},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, model_parser(PractitionerActivityReport))

    @validate_arguments
    def practitioner_activity_csv(
        self,
        *,
        from_: AwareDatetime,
        to: AwareDatetime,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[str]:
        """Report practitioner activity, as `text/csv` text.

        The same request as `practitioner_activity`, asking for `Accept: text/csv`; returns the body as a string.

        Per practitioner, in the period (`from` inclusive, `to` exclusive, at most 366 days):
        the appointments held (live, active appointments starting in the period), their booked
        minutes, their active attendees and no-shows (attendees with `attendance: did_not_arrive`),
        the working minutes (working hours in the practitioner's time zone) and the free minutes
        (working minutes not taken by a live, active appointment, as availability counts them).
        **Canceled appointments and canceled attendees never count**; soft-deleted ones neither.
        Minutes are whole minutes, rounded down. Staff keys see their own practitioner only.
        With `Accept: text/csv`, the same rows as CSV (RFC 4180) with a header line.

        Args:
            from_: Start of the period (inclusive).
            to: End of the period (exclusive), after `from` and at most 366 days later.
            practitioner_id: Only this practitioner (default all).
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/reports/practitioner-activity",
            query={"from": from_, "to": to, "practitioner_id": practitioner_id},
            accept="text/csv",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return self._client._request_raw(options, parse_text)


class AsyncReportsResource:
    """Counts and activity over a period, computed from the same records as the lists. Canceled appointments are left out unless asked for."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncReportsResourceWithRawResponse:
        """The same methods, returning the raw response (status, headers) to `.parse()`."""
        return AsyncReportsResourceWithRawResponse(self._client)

    @validate_arguments
    async def appointments(
        self,
        *,
        from_: AwareDatetime,
        to: AwareDatetime,
        group_by: ReportDimension
        | Literal["status", "type", "practitioner_id", "reason_code", "day"]
        | Annotated[
            Sequence[
                ReportDimension | Literal["status", "type", "practitioner_id", "reason_code", "day"]
            ],
            Field(max_length=5),
        ]
        | NotGiven = NOT_GIVEN,
        status: Status
        | Literal["active", "canceled"]
        | Annotated[Sequence[Status | Literal["active", "canceled"]], Field(min_length=1)]
        | NotGiven = NOT_GIVEN,
        deleted: DeletedFilter | Literal["exclude", "include", "only"] | NotGiven = NOT_GIVEN,
        type: AppointmentType | Literal["individual", "group"] | NotGiven = NOT_GIVEN,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AppointmentReport:
        """Count appointments

        Counts the appointments that start in the period (`from` inclusive, `to` exclusive, at most
        366 days), grouped by any of `status`, `type`, `practitioner_id`, `reason_code` (of the
        cancellation; null for active appointments) and `day` (the local date of the start in the
        practitioner's time zone), in the order given. Like the lists: only **active** appointments
        unless `status` says otherwise (repeat it for both), soft-deleted ones excluded unless
        `deleted` says otherwise, staff keys count their own practitioner's appointments only. The
        counts are those of `appointments.list` with the same filters and
        `starts_after`/`starts_before`.

        One row per group that has appointments, in the order of the grouped values; without
        `group_by`, one row with the total. With `Accept: text/csv`, the same rows as CSV
        (RFC 4180): a header line with the grouped columns and `count`, empty cells for null.

        Args:
            from_: Start of the period (inclusive).
            to: End of the period (exclusive), after `from` and at most 366 days later.
            group_by: Dimensions to group by, in order; repeat the parameter for several
                (`group_by=practitioner_id&group_by=day`). Default: no grouping (one row).
            status: Only records with one of these statuses. Repeat the parameter for several
                (`status=active&status=canceled`). Default: `active` only.
            deleted: Whether soft-deleted records are excluded (default), included, or the only ones listed.
            type: Only appointments of this type.
            practitioner_id: Only appointments with this practitioner.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/reports/appointments",
            query={
                "from": from_,
                "to": to,
                "group_by": group_by,
                "status": status,
                "deleted": deleted,
                "type": type,
                "practitioner_id": practitioner_id,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, AppointmentReport)

    @validate_arguments
    async def appointments_csv(
        self,
        *,
        from_: AwareDatetime,
        to: AwareDatetime,
        group_by: ReportDimension
        | Literal["status", "type", "practitioner_id", "reason_code", "day"]
        | Annotated[
            Sequence[
                ReportDimension | Literal["status", "type", "practitioner_id", "reason_code", "day"]
            ],
            Field(max_length=5),
        ]
        | NotGiven = NOT_GIVEN,
        status: Status
        | Literal["active", "canceled"]
        | Annotated[Sequence[Status | Literal["active", "canceled"]], Field(min_length=1)]
        | NotGiven = NOT_GIVEN,
        deleted: DeletedFilter | Literal["exclude", "include", "only"] | NotGiven = NOT_GIVEN,
        type: AppointmentType | Literal["individual", "group"] | NotGiven = NOT_GIVEN,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> str:
        """Count appointments, as `text/csv` text.

        The same request as `appointments`, asking for `Accept: text/csv`; returns the body as a string.

        Counts the appointments that start in the period (`from` inclusive, `to` exclusive, at most
        366 days), grouped by any of `status`, `type`, `practitioner_id`, `reason_code` (of the
        cancellation; null for active appointments) and `day` (the local date of the start in the
        practitioner's time zone), in the order given. Like the lists: only **active** appointments
        unless `status` says otherwise (repeat it for both), soft-deleted ones excluded unless
        `deleted` says otherwise, staff keys count their own practitioner's appointments only. The
        counts are those of `appointments.list` with the same filters and
        `starts_after`/`starts_before`.

        One row per group that has appointments, in the order of the grouped values; without
        `group_by`, one row with the total. With `Accept: text/csv`, the same rows as CSV
        (RFC 4180): a header line with the grouped columns and `count`, empty cells for null.

        Args:
            from_: Start of the period (inclusive).
            to: End of the period (exclusive), after `from` and at most 366 days later.
            group_by: Dimensions to group by, in order; repeat the parameter for several
                (`group_by=practitioner_id&group_by=day`). Default: no grouping (one row).
            status: Only records with one of these statuses. Repeat the parameter for several
                (`status=active&status=canceled`). Default: `active` only.
            deleted: Whether soft-deleted records are excluded (default), included, or the only ones listed.
            type: Only appointments of this type.
            practitioner_id: Only appointments with this practitioner.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/reports/appointments",
            query={
                "from": from_,
                "to": to,
                "group_by": group_by,
                "status": status,
                "deleted": deleted,
                "type": type,
                "practitioner_id": practitioner_id,
            },
            accept="text/csv",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_text(options)

    @validate_arguments
    async def practitioner_activity(
        self,
        *,
        from_: AwareDatetime,
        to: AwareDatetime,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> PractitionerActivityReport:
        """Report practitioner activity

        Per practitioner, in the period (`from` inclusive, `to` exclusive, at most 366 days):
        the appointments held (live, active appointments starting in the period), their booked
        minutes, their active attendees and no-shows (attendees with `attendance: did_not_arrive`),
        the working minutes (working hours in the practitioner's time zone) and the free minutes
        (working minutes not taken by a live, active appointment, as availability counts them).
        **Canceled appointments and canceled attendees never count**; soft-deleted ones neither.
        Minutes are whole minutes, rounded down. Staff keys see their own practitioner only.
        With `Accept: text/csv`, the same rows as CSV (RFC 4180) with a header line.

        Args:
            from_: Start of the period (inclusive).
            to: End of the period (exclusive), after `from` and at most 366 days later.
            practitioner_id: Only this practitioner (default all).
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/reports/practitioner-activity",
            query={"from": from_, "to": to, "practitioner_id": practitioner_id},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request(options, PractitionerActivityReport)

    @validate_arguments
    async def practitioner_activity_csv(
        self,
        *,
        from_: AwareDatetime,
        to: AwareDatetime,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> str:
        """Report practitioner activity, as `text/csv` text.

        The same request as `practitioner_activity`, asking for `Accept: text/csv`; returns the body as a string.

        Per practitioner, in the period (`from` inclusive, `to` exclusive, at most 366 days):
        the appointments held (live, active appointments starting in the period), their booked
        minutes, their active attendees and no-shows (attendees with `attendance: did_not_arrive`),
        the working minutes (working hours in the practitioner's time zone) and the free minutes
        (working minutes not taken by a live, active appointment, as availability counts them).
        **Canceled appointments and canceled attendees never count**; soft-deleted ones neither.
        Minutes are whole minutes, rounded down. Staff keys see their own practitioner only.
        With `Accept: text/csv`, the same rows as CSV (RFC 4180) with a header line.

        Args:
            from_: Start of the period (inclusive).
            to: End of the period (exclusive), after `from` and at most 366 days later.
            practitioner_id: Only this practitioner (default all).
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/reports/practitioner-activity",
            query={"from": from_, "to": to, "practitioner_id": practitioner_id},
            accept="text/csv",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_text(options)


class AsyncReportsResourceWithRawResponse:
    """Counts and activity over a period, computed from the same records as the lists. Canceled appointments are left out unless asked for.

    Each method returns a `RawResponse` (status, headers) whose `.parse()` gives the result.
    """

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @validate_arguments
    async def appointments(
        self,
        *,
        from_: AwareDatetime,
        to: AwareDatetime,
        group_by: ReportDimension
        | Literal["status", "type", "practitioner_id", "reason_code", "day"]
        | Annotated[
            Sequence[
                ReportDimension | Literal["status", "type", "practitioner_id", "reason_code", "day"]
            ],
            Field(max_length=5),
        ]
        | NotGiven = NOT_GIVEN,
        status: Status
        | Literal["active", "canceled"]
        | Annotated[Sequence[Status | Literal["active", "canceled"]], Field(min_length=1)]
        | NotGiven = NOT_GIVEN,
        deleted: DeletedFilter | Literal["exclude", "include", "only"] | NotGiven = NOT_GIVEN,
        type: AppointmentType | Literal["individual", "group"] | NotGiven = NOT_GIVEN,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[AppointmentReport]:
        """Count appointments

        Counts the appointments that start in the period (`from` inclusive, `to` exclusive, at most
        366 days), grouped by any of `status`, `type`, `practitioner_id`, `reason_code` (of the
        cancellation; null for active appointments) and `day` (the local date of the start in the
        practitioner's time zone), in the order given. Like the lists: only **active** appointments
        unless `status` says otherwise (repeat it for both), soft-deleted ones excluded unless
        `deleted` says otherwise, staff keys count their own practitioner's appointments only. The
        counts are those of `appointments.list` with the same filters and
        `starts_after`/`starts_before`.

        One row per group that has appointments, in the order of the grouped values; without
        `group_by`, one row with the total. With `Accept: text/csv`, the same rows as CSV
        (RFC 4180): a header line with the grouped columns and `count`, empty cells for null.

        Args:
            from_: Start of the period (inclusive).
            to: End of the period (exclusive), after `from` and at most 366 days later.
            group_by: Dimensions to group by, in order; repeat the parameter for several
                (`group_by=practitioner_id&group_by=day`). Default: no grouping (one row).
            status: Only records with one of these statuses. Repeat the parameter for several
                (`status=active&status=canceled`). Default: `active` only.
            deleted: Whether soft-deleted records are excluded (default), included, or the only ones listed.
            type: Only appointments of this type.
            practitioner_id: Only appointments with this practitioner.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/reports/appointments",
            query={
                "from": from_,
                "to": to,
                "group_by": group_by,
                "status": status,
                "deleted": deleted,
                "type": type,
                "practitioner_id": practitioner_id,
            },
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(AppointmentReport))

    @validate_arguments
    async def appointments_csv(
        self,
        *,
        from_: AwareDatetime,
        to: AwareDatetime,
        group_by: ReportDimension
        | Literal["status", "type", "practitioner_id", "reason_code", "day"]
        | Annotated[
            Sequence[
                ReportDimension | Literal["status", "type", "practitioner_id", "reason_code", "day"]
            ],
            Field(max_length=5),
        ]
        | NotGiven = NOT_GIVEN,
        status: Status
        | Literal["active", "canceled"]
        | Annotated[Sequence[Status | Literal["active", "canceled"]], Field(min_length=1)]
        | NotGiven = NOT_GIVEN,
        deleted: DeletedFilter | Literal["exclude", "include", "only"] | NotGiven = NOT_GIVEN,
        type: AppointmentType | Literal["individual", "group"] | NotGiven = NOT_GIVEN,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[str]:
        """Count appointments, as `text/csv` text.

        The same request as `appointments`, asking for `Accept: text/csv`; returns the body as a string.

        Counts the appointments that start in the period (`from` inclusive, `to` exclusive, at most
        366 days), grouped by any of `status`, `type`, `practitioner_id`, `reason_code` (of the
        cancellation; null for active appointments) and `day` (the local date of the start in the
        practitioner's time zone), in the order given. Like the lists: only **active** appointments
        unless `status` says otherwise (repeat it for both), soft-deleted ones excluded unless
        `deleted` says otherwise, staff keys count their own practitioner's appointments only. The
        counts are those of `appointments.list` with the same filters and
        `starts_after`/`starts_before`.

        One row per group that has appointments, in the order of the grouped values; without
        `group_by`, one row with the total. With `Accept: text/csv`, the same rows as CSV
        (RFC 4180): a header line with the grouped columns and `count`, empty cells for null.

        Args:
            from_: Start of the period (inclusive).
            to: End of the period (exclusive), after `from` and at most 366 days later.
            group_by: Dimensions to group by, in order; repeat the parameter for several
                (`group_by=practitioner_id&group_by=day`). Default: no grouping (one row).
            status: Only records with one of these statuses. Repeat the parameter for several
                (`status=active&status=canceled`). Default: `active` only.
            deleted: Whether soft-deleted records are excluded (default), included, or the only ones listed.
            type: Only appointments of this type.
            practitioner_id: Only appointments with this practitioner.
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/reports/appointments",
            query={
                "from": from_,
                "to": to,
                "group_by": group_by,
                "status": status,
                "deleted": deleted,
                "type": type,
                "practitioner_id": practitioner_id,
            },
            accept="text/csv",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, parse_text)

    @validate_arguments
    async def practitioner_activity(
        self,
        *,
        from_: AwareDatetime,
        to: AwareDatetime,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[PractitionerActivityReport]:
        """Report practitioner activity

        Per practitioner, in the period (`from` inclusive, `to` exclusive, at most 366 days):
        the appointments held (live, active appointments starting in the period), their booked
        minutes, their active attendees and no-shows (attendees with `attendance: did_not_arrive`),
        the working minutes (working hours in the practitioner's time zone) and the free minutes
        (working minutes not taken by a live, active appointment, as availability counts them).
        **Canceled appointments and canceled attendees never count**; soft-deleted ones neither.
        Minutes are whole minutes, rounded down. Staff keys see their own practitioner only.
        With `Accept: text/csv`, the same rows as CSV (RFC 4180) with a header line.

        Args:
            from_: Start of the period (inclusive).
            to: End of the period (exclusive), after `from` and at most 366 days later.
            practitioner_id: Only this practitioner (default all).
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/reports/practitioner-activity",
            query={"from": from_, "to": to, "practitioner_id": practitioner_id},
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, model_parser(PractitionerActivityReport))

    @validate_arguments
    async def practitioner_activity_csv(
        self,
        *,
        from_: AwareDatetime,
        to: AwareDatetime,
        practitioner_id: str | UUID | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[str]:
        """Report practitioner activity, as `text/csv` text.

        The same request as `practitioner_activity`, asking for `Accept: text/csv`; returns the body as a string.

        Per practitioner, in the period (`from` inclusive, `to` exclusive, at most 366 days):
        the appointments held (live, active appointments starting in the period), their booked
        minutes, their active attendees and no-shows (attendees with `attendance: did_not_arrive`),
        the working minutes (working hours in the practitioner's time zone) and the free minutes
        (working minutes not taken by a live, active appointment, as availability counts them).
        **Canceled appointments and canceled attendees never count**; soft-deleted ones neither.
        Minutes are whole minutes, rounded down. Staff keys see their own practitioner only.
        With `Accept: text/csv`, the same rows as CSV (RFC 4180) with a header line.

        Args:
            from_: Start of the period (inclusive).
            to: End of the period (exclusive), after `from` and at most 366 days later.
            practitioner_id: Only this practitioner (default all).
            extra_headers: Headers to add to this request.
            timeout: Timeout of this call (seconds or an `httpx2.Timeout`), instead of the client's.
        """
        options = RequestOptions.build(
            "GET",
            "/reports/practitioner-activity",
            query={"from": from_, "to": to, "practitioner_id": practitioner_id},
            accept="text/csv",
            extra_headers=extra_headers,
            timeout=timeout,
        )
        return await self._client._request_raw(options, parse_text)
