# Generated from openapi.yaml by `python -m codegen`. Do not edit: change the spec (or
# codegen/) and run `python -m codegen` again.

"""The models of the API: one class per component schema of openapi.yaml, same name."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AnyUrl, AwareDatetime, ConfigDict, Field

from appointments._base_model import APIModel, StrEnum


class Status(StrEnum):
    """
    Whether an appointment or attendee is live (`active`) or was canceled (`canceled`, final).
    """

    active = "active"
    canceled = "canceled"


class AppointmentType(StrEnum):
    """
    `individual`: one client; `group`: up to `max_attendees` clients.
    """

    individual = "individual"
    group = "group"


class DeletedFilter(StrEnum):
    """
    `exclude` soft-deleted records (default), `include` them, or list `only` them.
    """

    exclude = "exclude"
    include = "include"
    only = "only"


class AppointmentOrder(StrEnum):
    """
    Sort key and direction (`_desc` for newest first).
    """

    starts_at = "starts_at"
    starts_at_desc = "starts_at_desc"
    updated_at = "updated_at"
    updated_at_desc = "updated_at_desc"
    created_at = "created_at"
    created_at_desc = "created_at_desc"


class Attendance(StrEnum):
    """
    Whether the client came.
    """

    unknown = "unknown"
    arrived = "arrived"
    did_not_arrive = "did_not_arrive"


class LockReason(StrEnum):
    """
    Why a record is locked against changes.
    """

    invoiced = "invoiced"
    finalized = "finalized"
    legal_hold = "legal_hold"
    external = "external"


class ActorType(StrEnum):
    """
    The kind of actor that caused a change.
    """

    admin = "admin"
    api_client = "api_client"
    staff = "staff"
    client = "client"
    system = "system"


class ResourceType(StrEnum):
    """
    The kind of resource an audit event is about.
    """

    appointment = "appointment"
    attendee = "attendee"


class AuditAction(StrEnum):
    """
    What happened.
    """

    appointment_created = "appointment.created"
    appointment_updated = "appointment.updated"
    appointment_canceled = "appointment.canceled"
    appointment_deleted = "appointment.deleted"
    appointment_restored = "appointment.restored"
    appointment_purged = "appointment.purged"
    attendee_added = "attendee.added"
    attendee_updated = "attendee.updated"
    attendee_canceled = "attendee.canceled"
    attendee_deleted = "attendee.deleted"
    attendee_restored = "attendee.restored"


class NotificationChannel(StrEnum):
    """
    `email` to a person, or `calendar_sync` for the synced calendar event.
    """

    email = "email"
    calendar_sync = "calendar_sync"


class NotificationStatus(StrEnum):
    """
    `sent`, or `suppressed` because the caller asked for no notification.
    """

    sent = "sent"
    suppressed = "suppressed"


class NotificationEvent(StrEnum):
    """
    The change that caused the notification.
    """

    appointment_created = "appointment.created"
    appointment_updated = "appointment.updated"
    appointment_canceled = "appointment.canceled"
    appointment_deleted = "appointment.deleted"
    attendee_added = "attendee.added"
    attendee_canceled = "attendee.canceled"


class RecipientType(StrEnum):
    """
    Who receives a notification.
    """

    client = "client"
    practitioner = "practitioner"


class RepeatFrequency(StrEnum):
    """
    How often a series repeats.
    """

    daily = "daily"
    weekly = "weekly"
    monthly = "monthly"


class RepeatRule(APIModel):
    """
    How a recurring series repeats. Set on create only.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    frequency: RepeatFrequency
    interval: Annotated[
        int, Field(description="Repeat every `interval` days, weeks or months.", ge=1, le=100)
    ] = 1
    count: Annotated[
        int,
        Field(description="Number of occurrences in the series, including the first.", ge=2, le=52),
    ]


class Actor(APIModel):
    """
    Who made a change.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    type: ActorType
    id: Annotated[
        str | None,
        Field(
            description="The id of the actor (practitioner, client or key), null for the system."
        ),
    ]
    display_name: Annotated[str | None, Field(description="A human-readable name of the actor.")]


class AttendeeCounts(APIModel):
    """
    How many attendees an appointment has, by status (soft-deleted attendees are not counted).
    """

    model_config = ConfigDict(
        extra="allow",
    )
    total: Annotated[int, Field(description="Active plus canceled attendees.", ge=0)]
    active: Annotated[int, Field(description="Attendees who still attend.", ge=0)]
    canceled: Annotated[int, Field(description="Attendees whose seat was canceled.", ge=0)]


class Cancellation(APIModel):
    """
    What happened when a record was canceled. Null while it is active.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[
        UUID,
        Field(
            description="Shared by every record canceled in the same call (a series, the attendees of a group)."
        ),
    ]
    reason_code: Annotated[
        int,
        Field(description="The code of the cancellation reason (see `GET /cancellation-reasons`)."),
    ]
    reason_label: Annotated[
        str, Field(description="The label of the reason at the time of the cancel.")
    ]
    note: Annotated[str | None, Field(description="Internal note, never sent to attendees.")]
    message: Annotated[str | None, Field(description="Message sent to the attendees.")]
    canceled_at: Annotated[AwareDatetime, Field(description="When it was canceled.")]
    canceled_by: Actor
    notify: Annotated[bool, Field(description="Whether attendees and practitioner were emailed.")]
    apply_to_repeats: Annotated[
        bool,
        Field(description="Whether the following occurrences of the series were canceled too."),
    ]
    cascaded: Annotated[
        bool,
        Field(description="True on attendees canceled because their appointment was canceled."),
    ]


class Appointment(APIModel):
    """
    An individual or group appointment.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[UUID, Field(description="The appointment's id.")]
    type: AppointmentType
    status: Status
    starts_at: Annotated[AwareDatetime, Field(description="Start (UTC).")]
    ends_at: Annotated[AwareDatetime, Field(description="End (UTC), after `starts_at`.")]
    time_zone: Annotated[
        str | None, Field(description="IANA time zone for display (default the practitioner's).")
    ]
    practitioner_id: Annotated[UUID, Field(description="The practitioner.")]
    client_id: Annotated[
        UUID | None,
        Field(description="The client of an individual appointment; null for a group appointment."),
    ]
    max_attendees: Annotated[
        int | None,
        Field(
            description="Seats of a group appointment; null for an individual appointment.",
            ge=1,
            le=100,
        ),
    ]
    attendee_counts: AttendeeCounts
    notes: Annotated[str | None, Field(description="Free-text notes.", max_length=2000)]
    series_id: Annotated[
        UUID | None, Field(description="The recurring series this appointment belongs to.")
    ]
    repeat_rule: Annotated[
        RepeatRule | None, Field(description="The rule of the series this appointment belongs to.")
    ]
    cancellation: Annotated[
        Cancellation | None,
        Field(description="Set when the appointment is canceled; null while active."),
    ]
    locked: Annotated[
        bool, Field(description="Locked appointments cannot be changed, canceled or deleted.")
    ]
    lock_reason: Annotated[LockReason | None, Field(description="Why the appointment is locked.")]
    in_progress: Annotated[
        bool, Field(description="True between `starts_at` and `ends_at` (by the server's clock).")
    ]
    deleted_at: Annotated[
        AwareDatetime | None, Field(description="When it was soft-deleted; null if live.")
    ]
    purge_at: Annotated[
        AwareDatetime | None,
        Field(description="When a soft-deleted appointment will be erased for good; null if live."),
    ]
    created_at: Annotated[AwareDatetime, Field(description="When it was created.")]
    updated_at: Annotated[AwareDatetime, Field(description="When it last changed.")]
    version: Annotated[
        int,
        Field(
            description="Increases with every change; the `ETag` is this number in quotes.", ge=1
        ),
    ]


class AppointmentCreate(APIModel):
    """
    A new appointment. `client_id` is required for `individual`, `max_attendees` for `group`.

    """

    model_config = ConfigDict(
        extra="allow",
    )
    type: AppointmentType
    starts_at: Annotated[AwareDatetime, Field(description="Start, with a time zone offset.")]
    ends_at: Annotated[
        AwareDatetime, Field(description="End, after `starts_at`, at most 24 hours later.")
    ]
    practitioner_id: Annotated[UUID, Field(description="The practitioner.")]
    client_id: Annotated[
        UUID | None, Field(description="The client (individual appointments only).")
    ] = None
    max_attendees: Annotated[
        int | None, Field(description="Seats (group appointments only).", ge=1, le=100)
    ] = None
    notes: Annotated[str | None, Field(description="Free-text notes.", max_length=2000)] = None
    time_zone: Annotated[
        str | None, Field(description="IANA time zone for display.", max_length=64, min_length=1)
    ] = None
    repeat_rule: RepeatRule | None = None


class CancelRequest(APIModel):
    """
    How and why an appointment is canceled.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    reason_code: Annotated[
        int, Field(description="A code from `GET /cancellation-reasons`.", ge=1, le=9999)
    ]
    note: Annotated[
        str | None,
        Field(
            description="Internal note (not sent to attendees). Required by some reasons.",
            max_length=2000,
        ),
    ] = None
    message: Annotated[
        str | None, Field(description="Message to the attendees.", max_length=2000)
    ] = None
    notify: Annotated[bool, Field(description="Email the attendees and the practitioner.")] = True
    apply_to_repeats: Annotated[
        bool, Field(description="Also cancel the following occurrences of the series.")
    ] = False


class Attendee(APIModel):
    """
    A client attending an appointment.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[UUID, Field(description="The attendee's id.")]
    appointment_id: Annotated[UUID, Field(description="The appointment attended.")]
    client_id: Annotated[UUID, Field(description="The client.")]
    status: Status
    attendance: Attendance
    notes: Annotated[str | None, Field(description="Free-text notes.", max_length=2000)]
    cancellation: Annotated[
        Cancellation | None, Field(description="Set when the seat is canceled.")
    ]
    deleted_at: Annotated[AwareDatetime | None, Field(description="When it was soft-deleted.")]
    purge_at: Annotated[
        AwareDatetime | None, Field(description="When a soft-deleted attendee will be erased.")
    ]
    created_at: Annotated[AwareDatetime, Field(description="When it was added.")]
    updated_at: Annotated[AwareDatetime, Field(description="When it last changed.")]
    version: Annotated[
        int,
        Field(
            description="Increases with every change; the `ETag` is this number in quotes.", ge=1
        ),
    ]


class AttendeeCreate(APIModel):
    """
    A client to add to a group appointment.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    client_id: Annotated[UUID, Field(description="The client.")]
    notes: Annotated[str | None, Field(description="Free-text notes.", max_length=2000)] = None


class AttendeeUpdate(APIModel):
    """
    A JSON merge patch of an attendee.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    attendance: Attendance | None = None
    notes: Annotated[
        str | None, Field(description="New notes (null clears them).", max_length=2000)
    ] = None


class AttendeeCancelRequest(APIModel):
    """
    How and why one seat is canceled.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    reason_code: Annotated[
        int, Field(description="A code from `GET /cancellation-reasons`.", ge=1, le=9999)
    ]
    note: Annotated[str | None, Field(description="Internal note.", max_length=2000)] = None
    message: Annotated[str | None, Field(description="Message to the client.", max_length=2000)] = (
        None
    )
    notify: Annotated[bool, Field(description="Email the client.")] = True


class CancellationReason(APIModel):
    """
    One coded cancellation reason.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    code: Annotated[int, Field(description="The code sent as `reason_code`.")]
    key: Annotated[str, Field(description="A stable snake_case identifier.")]
    label: Annotated[str, Field(description="Human-readable label.")]
    active: Annotated[
        bool,
        Field(description="Inactive reasons are kept on old records but rejected on new cancels."),
    ]
    requires_note: Annotated[
        bool, Field(description="Cancels with this reason must carry a `note`.")
    ]


class CancellationReasonList(APIModel):
    """
    The whole catalogue of cancellation reasons.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[CancellationReason], Field(description="The reasons, by code.")]


class FieldChange(APIModel):
    """
    One changed field.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    field: Annotated[str, Field(description="The field's name.")]
    old_value: Annotated[Any, Field(description="The value before (any JSON value).")]
    new_value: Annotated[Any, Field(description="The value after (any JSON value).")]


class AuditEvent(APIModel):
    """
    One change, recorded for good.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[UUID, Field(description="The event's id.")]
    occurred_at: Annotated[AwareDatetime, Field(description="When it happened.")]
    action: AuditAction
    actor: Actor
    resource_type: ResourceType
    resource_id: Annotated[UUID, Field(description="The appointment or attendee changed.")]
    appointment_id: Annotated[
        UUID, Field(description="The appointment concerned (also for attendee events).")
    ]
    changes: Annotated[list[FieldChange], Field(description="The fields that changed.")]
    request_id: Annotated[str | None, Field(description="The request that caused the change.")]


class Recipient(APIModel):
    """
    Who a notification is for.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    type: RecipientType
    id: Annotated[UUID, Field(description="The client or practitioner.")]
    address: Annotated[str | None, Field(description="The email address or calendar used.")]


class Notification(APIModel):
    """
    One message or calendar update caused by a change.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[UUID, Field(description="The notification's id.")]
    appointment_id: Annotated[UUID, Field(description="The appointment concerned.")]
    attendee_id: Annotated[UUID | None, Field(description="The attendee concerned, if any.")]
    event: NotificationEvent
    channel: NotificationChannel
    recipient: Recipient
    status: NotificationStatus
    created_at: Annotated[AwareDatetime, Field(description="When it was sent or suppressed.")]


class AvailabilitySlot(APIModel):
    """
    A free slot of a practitioner.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    practitioner_id: Annotated[UUID, Field(description="The practitioner.")]
    starts_at: Annotated[AwareDatetime, Field(description="Start (UTC).")]
    ends_at: Annotated[AwareDatetime, Field(description="End (UTC).")]


class WorkingHours(APIModel):
    """
    A weekly working period in the practitioner's time zone.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    weekday: Annotated[int, Field(description="ISO weekday, 1 = Monday.", ge=1, le=7)]
    start: Annotated[
        str,
        Field(description="Local start time, HH:MM.", pattern="^([01][0-9]|2[0-3]):[0-5][0-9]$"),
    ]
    end: Annotated[
        str,
        Field(
            description="Local end time, HH:MM, after `start`.",
            pattern="^([01][0-9]|2[0-4]):[0-5][0-9]$",
        ),
    ]


class Practitioner(APIModel):
    """
    A practitioner.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[UUID, Field(description="The practitioner's id.")]
    display_name: Annotated[str, Field(description="Name shown to clients.")]
    email: Annotated[str | None, Field(description="Email address.")]
    time_zone: Annotated[str, Field(description="IANA time zone of the working hours.")]
    active: Annotated[bool, Field(description="Inactive practitioners take no new bookings.")]
    working_hours: Annotated[list[WorkingHours], Field(description="Weekly working periods.")]
    calendar_url: Annotated[
        AnyUrl | None,
        Field(
            description="The practitioner's calendar feed to subscribe to (`.../calendar.ics?token=...`); null\nfor callers who may not read it (client keys, other practitioners' staff). Revocable.\n"
        ),
    ]


class Client(APIModel):
    """
    A client.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[UUID, Field(description="The client's id.")]
    given_name: Annotated[str, Field(description="Given name.")]
    family_name: Annotated[str, Field(description="Family name.")]
    email: Annotated[str | None, Field(description="Email address.")]
    phone: Annotated[str | None, Field(description="Phone number.")]
    time_zone: Annotated[str | None, Field(description="IANA time zone.")]
    booking_limit: Annotated[
        int | None,
        Field(
            description="Most upcoming active appointments the client may hold at once; null for no limit.",
            ge=1,
        ),
    ]
    calendar_url: Annotated[
        AnyUrl | None,
        Field(
            description="The client's calendar feed to subscribe to (`.../calendar.ics?token=...`); null for\nstaff keys. Revocable.\n"
        ),
    ]


class ReportDimension(StrEnum):
    """
    A dimension an appointment report groups by.
    """

    status = "status"
    type = "type"
    practitioner_id = "practitioner_id"
    reason_code = "reason_code"
    day = "day"


class AppointmentReportRow(APIModel):
    """
    The count of one group; the dimensions not grouped by are null.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    status: Annotated[
        Status | None,
        Field(description="The status of the group (null unless grouped by `status`)."),
    ]
    type: Annotated[
        AppointmentType | None,
        Field(description="The type of the group (null unless grouped by `type`)."),
    ]
    practitioner_id: Annotated[
        UUID | None,
        Field(
            description="The practitioner of the group (null unless grouped by `practitioner_id`)."
        ),
    ]
    reason_code: Annotated[
        int | None,
        Field(
            description="The cancellation reason of the group (null unless grouped by `reason_code`, and for active appointments)."
        ),
    ]
    day: Annotated[
        date | None,
        Field(
            description="The local date of the start in the practitioner's time zone (null unless grouped by `day`)."
        ),
    ]
    count: Annotated[int, Field(description="Appointments in the group.", ge=0)]


class AppointmentReport(APIModel):
    """
    Appointment counts over a period, as asked for.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    from_: Annotated[
        AwareDatetime, Field(alias="from", description="Start of the period (inclusive).")
    ]
    to: Annotated[AwareDatetime, Field(description="End of the period (exclusive).")]
    group_by: Annotated[
        list[ReportDimension], Field(description="The dimensions grouped by, in order.")
    ]
    status: Annotated[list[Status], Field(description="The statuses counted.")]
    deleted: DeletedFilter
    type: Annotated[AppointmentType | None, Field(description="The type counted, null for both.")]
    practitioner_id: Annotated[
        UUID | None,
        Field(description="The practitioner counted, null for every practitioner the caller sees."),
    ]
    rows: Annotated[
        list[AppointmentReportRow],
        Field(description="One row per group with appointments, ordered by the grouped values."),
    ]
    total: Annotated[
        int, Field(description="All appointments counted (the sum of the rows).", ge=0)
    ]


class PractitionerActivityRow(APIModel):
    """
    What one practitioner did in the period. Canceled appointments and attendees never count.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    practitioner_id: Annotated[UUID, Field(description="The practitioner.")]
    display_name: Annotated[str, Field(description="The practitioner's name.")]
    appointments_held: Annotated[
        int, Field(description="Live, active appointments starting in the period.", ge=0)
    ]
    booked_minutes: Annotated[
        int, Field(description="The total length of those appointments, in minutes.", ge=0)
    ]
    attendees: Annotated[int, Field(description="Their active, live attendees.", ge=0)]
    no_shows: Annotated[
        int, Field(description="Those attendees with `attendance` `did_not_arrive`.", ge=0)
    ]
    working_minutes: Annotated[
        int, Field(description="Working hours in the period, in minutes.", ge=0)
    ]
    free_minutes: Annotated[
        int,
        Field(
            description="Working minutes in the period not taken by a live, active appointment.",
            ge=0,
        ),
    ]


class PractitionerActivityReport(APIModel):
    """
    Practitioner activity over a period.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    from_: Annotated[
        AwareDatetime, Field(alias="from", description="Start of the period (inclusive).")
    ]
    to: Annotated[AwareDatetime, Field(description="End of the period (exclusive).")]
    practitioner_id: Annotated[
        UUID | None,
        Field(
            description="The practitioner asked for, null for every practitioner the caller sees."
        ),
    ]
    rows: Annotated[
        list[PractitionerActivityRow],
        Field(description="One row per practitioner, by display name."),
    ]


class AppointmentPage(APIModel):
    """
    One page of appointments.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[Appointment], Field(description="The appointments of this page.")]
    next_page_token: Annotated[
        str | None,
        Field(description="Pass as `page_token` for the next page; null on the last page."),
    ]
    total_size: Annotated[int, Field(description="Number of matching items over all pages.", ge=0)]


class AttendeePage(APIModel):
    """
    One page of attendees.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[Attendee], Field(description="The attendees of this page.")]
    next_page_token: Annotated[
        str | None,
        Field(description="Pass as `page_token` for the next page; null on the last page."),
    ]
    total_size: Annotated[int, Field(description="Number of matching items over all pages.", ge=0)]


class AuditEventPage(APIModel):
    """
    One page of audit events.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[AuditEvent], Field(description="The events of this page.")]
    next_page_token: Annotated[
        str | None,
        Field(description="Pass as `page_token` for the next page; null on the last page."),
    ]
    total_size: Annotated[int, Field(description="Number of matching items over all pages.", ge=0)]


class NotificationPage(APIModel):
    """
    One page of notifications.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[Notification], Field(description="The notifications of this page.")]
    next_page_token: Annotated[
        str | None,
        Field(description="Pass as `page_token` for the next page; null on the last page."),
    ]
    total_size: Annotated[int, Field(description="Number of matching items over all pages.", ge=0)]


class AvailabilitySlotPage(APIModel):
    """
    One page of free slots.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[AvailabilitySlot], Field(description="The slots of this page.")]
    next_page_token: Annotated[
        str | None,
        Field(description="Pass as `page_token` for the next page; null on the last page."),
    ]
    total_size: Annotated[int, Field(description="Number of matching items over all pages.", ge=0)]


class PractitionerPage(APIModel):
    """
    One page of practitioners.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[Practitioner], Field(description="The practitioners of this page.")]
    next_page_token: Annotated[
        str | None,
        Field(description="Pass as `page_token` for the next page; null on the last page."),
    ]
    total_size: Annotated[int, Field(description="Number of matching items over all pages.", ge=0)]


class ClientPage(APIModel):
    """
    One page of clients.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[list[Client], Field(description="The clients of this page.")]
    next_page_token: Annotated[
        str | None,
        Field(description="Pass as `page_token` for the next page; null on the last page."),
    ]
    total_size: Annotated[int, Field(description="Number of matching items over all pages.", ge=0)]


class FieldError(APIModel):
    """
    One invalid part of a request. Exactly one of `pointer`, `parameter` or `header` is set.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    detail: Annotated[str, Field(description="What is wrong.")]
    pointer: Annotated[
        str | None,
        Field(
            description="JSON Pointer (RFC 6901) to the invalid part of the body; empty for the whole body."
        ),
    ] = None
    parameter: Annotated[str | None, Field(description="The invalid query or path parameter.")] = (
        None
    )
    header: Annotated[str | None, Field(description="The invalid request header.")] = None


class Problem(APIModel):
    """
    An error (RFC 9457 problem details) with a stable `code`.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    type: Annotated[str, Field(description="Identifies the problem type, `/problems/<code>`.")]
    title: Annotated[
        str, Field(description="Short summary, the same for every occurrence of the type.")
    ]
    status: Annotated[int, Field(description="The HTTP status code.", ge=100, le=599)]
    detail: Annotated[str | None, Field(description="What went wrong this time.")] = None
    instance: Annotated[str | None, Field(description="The request path that failed.")] = None
    code: Annotated[
        str, Field(description="Stable machine-readable slug, e.g. `already-canceled`.")
    ]
    request_id: Annotated[
        str | None, Field(description="The id of the failed request (also in `X-Request-Id`).")
    ] = None
    errors: Annotated[
        list[FieldError] | None, Field(description="Every validation error of the request.")
    ] = None
    deleted_at: Annotated[
        AwareDatetime | None,
        Field(description="For `*-deleted` problems, when the record was soft-deleted."),
    ] = None
    purge_at: Annotated[
        AwareDatetime | None,
        Field(description="For `*-deleted` problems, when the record will be erased."),
    ] = None
    current_etag: Annotated[
        str | None, Field(description="For `precondition-failed`, the current `ETag`.")
    ] = None
    conflicting_appointment_ids: Annotated[
        list[UUID] | None,
        Field(
            description="For `slot-conflict`, the overlapping appointments (only those the caller may see)."
        ),
    ] = None
    retry_after_seconds: Annotated[
        int | None, Field(description="For `rate-limited`, the same value as `Retry-After`.", ge=0)
    ] = None


class AppointmentCreatedEvent(APIModel):
    """
    The `appointment.created` webhook event: An appointment was booked (each occurrence of a series is one event). Sent for the audit action `appointment.created`.

    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[
        UUID,
        Field(
            description="The event's id, also sent as `webhook-id` (the same on every attempt) and the id of its audit event."
        ),
    ]
    type: Annotated[Literal["appointment.created"], Field(description="The event type.")]
    occurred_at: Annotated[
        AwareDatetime,
        Field(description="When the change happened (the session clock, in the mock)."),
    ]
    actor: Actor
    request_id: Annotated[
        str | None,
        Field(
            description="The request that caused the change; null for changes the system made (a retention purge)."
        ),
    ]
    data: Annotated[
        Appointment,
        Field(
            description="The appointment as `GET /appointments/{appointment_id}?show_deleted=true` returned it when the change was committed."
        ),
    ]


class AppointmentUpdatedEvent(APIModel):
    """
    The `appointment.updated` webhook event: An appointment changed (its time, practitioner, notes, seats, lock, or its attendees' counts). Sent for the audit action `appointment.updated`.

    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[
        UUID,
        Field(
            description="The event's id, also sent as `webhook-id` (the same on every attempt) and the id of its audit event."
        ),
    ]
    type: Annotated[Literal["appointment.updated"], Field(description="The event type.")]
    occurred_at: Annotated[
        AwareDatetime,
        Field(description="When the change happened (the session clock, in the mock)."),
    ]
    actor: Actor
    request_id: Annotated[
        str | None,
        Field(
            description="The request that caused the change; null for changes the system made (a retention purge)."
        ),
    ]
    data: Annotated[
        Appointment,
        Field(
            description="The appointment as `GET /appointments/{appointment_id}?show_deleted=true` returned it when the change was committed."
        ),
    ]


class AppointmentCanceledEvent(APIModel):
    """
    The `appointment.canceled` webhook event: An appointment was canceled (final): `data.cancellation` says why, by whom and when. Sent for the audit action `appointment.canceled`.

    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[
        UUID,
        Field(
            description="The event's id, also sent as `webhook-id` (the same on every attempt) and the id of its audit event."
        ),
    ]
    type: Annotated[Literal["appointment.canceled"], Field(description="The event type.")]
    occurred_at: Annotated[
        AwareDatetime,
        Field(description="When the change happened (the session clock, in the mock)."),
    ]
    actor: Actor
    request_id: Annotated[
        str | None,
        Field(
            description="The request that caused the change; null for changes the system made (a retention purge)."
        ),
    ]
    data: Annotated[
        Appointment,
        Field(
            description="The appointment as `GET /appointments/{appointment_id}?show_deleted=true` returned it when the change was committed."
        ),
    ]


class AppointmentDeletedEvent(APIModel):
    """
    The `appointment.deleted` webhook event: An appointment was soft-deleted: hidden until `data.purge_at`, restorable until then. Sent for the audit action `appointment.deleted`.

    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[
        UUID,
        Field(
            description="The event's id, also sent as `webhook-id` (the same on every attempt) and the id of its audit event."
        ),
    ]
    type: Annotated[Literal["appointment.deleted"], Field(description="The event type.")]
    occurred_at: Annotated[
        AwareDatetime,
        Field(description="When the change happened (the session clock, in the mock)."),
    ]
    actor: Actor
    request_id: Annotated[
        str | None,
        Field(
            description="The request that caused the change; null for changes the system made (a retention purge)."
        ),
    ]
    data: Annotated[
        Appointment,
        Field(
            description="The appointment as `GET /appointments/{appointment_id}?show_deleted=true` returned it when the change was committed."
        ),
    ]


class AppointmentRestoredEvent(APIModel):
    """
    The `appointment.restored` webhook event: A soft-deleted appointment was restored, as it was. Sent for the audit action `appointment.restored`.

    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[
        UUID,
        Field(
            description="The event's id, also sent as `webhook-id` (the same on every attempt) and the id of its audit event."
        ),
    ]
    type: Annotated[Literal["appointment.restored"], Field(description="The event type.")]
    occurred_at: Annotated[
        AwareDatetime,
        Field(description="When the change happened (the session clock, in the mock)."),
    ]
    actor: Actor
    request_id: Annotated[
        str | None,
        Field(
            description="The request that caused the change; null for changes the system made (a retention purge)."
        ),
    ]
    data: Annotated[
        Appointment,
        Field(
            description="The appointment as `GET /appointments/{appointment_id}?show_deleted=true` returned it when the change was committed."
        ),
    ]


class AttendeeCreatedEvent(APIModel):
    """
    The `attendee.created` webhook event: A client was booked into an appointment (also the one attendee of a new individual appointment). Sent for the audit action `attendee.added`.

    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[
        UUID,
        Field(
            description="The event's id, also sent as `webhook-id` (the same on every attempt) and the id of its audit event."
        ),
    ]
    type: Annotated[Literal["attendee.created"], Field(description="The event type.")]
    occurred_at: Annotated[
        AwareDatetime,
        Field(description="When the change happened (the session clock, in the mock)."),
    ]
    actor: Actor
    request_id: Annotated[
        str | None,
        Field(
            description="The request that caused the change; null for changes the system made (a retention purge)."
        ),
    ]
    data: Annotated[
        Attendee,
        Field(
            description="The attendee as `GET .../attendees/{attendee_id}?show_deleted=true` returned it when the change was committed."
        ),
    ]


class AttendeeUpdatedEvent(APIModel):
    """
    The `attendee.updated` webhook event: An attendee changed (its notes or attendance). Sent for the audit action `attendee.updated`.

    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[
        UUID,
        Field(
            description="The event's id, also sent as `webhook-id` (the same on every attempt) and the id of its audit event."
        ),
    ]
    type: Annotated[Literal["attendee.updated"], Field(description="The event type.")]
    occurred_at: Annotated[
        AwareDatetime,
        Field(description="When the change happened (the session clock, in the mock)."),
    ]
    actor: Actor
    request_id: Annotated[
        str | None,
        Field(
            description="The request that caused the change; null for changes the system made (a retention purge)."
        ),
    ]
    data: Annotated[
        Attendee,
        Field(
            description="The attendee as `GET .../attendees/{attendee_id}?show_deleted=true` returned it when the change was committed."
        ),
    ]


class AttendeeCanceledEvent(APIModel):
    """
    The `attendee.canceled` webhook event: An attendee's seat was canceled, on its own or because its appointment was canceled (`data.cancellation.cascaded`). Sent for the audit action `attendee.canceled`.

    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[
        UUID,
        Field(
            description="The event's id, also sent as `webhook-id` (the same on every attempt) and the id of its audit event."
        ),
    ]
    type: Annotated[Literal["attendee.canceled"], Field(description="The event type.")]
    occurred_at: Annotated[
        AwareDatetime,
        Field(description="When the change happened (the session clock, in the mock)."),
    ]
    actor: Actor
    request_id: Annotated[
        str | None,
        Field(
            description="The request that caused the change; null for changes the system made (a retention purge)."
        ),
    ]
    data: Annotated[
        Attendee,
        Field(
            description="The attendee as `GET .../attendees/{attendee_id}?show_deleted=true` returned it when the change was committed."
        ),
    ]


class AttendeeDeletedEvent(APIModel):
    """
    The `attendee.deleted` webhook event: An attendee was soft-deleted. Sent for the audit action `attendee.deleted`.

    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[
        UUID,
        Field(
            description="The event's id, also sent as `webhook-id` (the same on every attempt) and the id of its audit event."
        ),
    ]
    type: Annotated[Literal["attendee.deleted"], Field(description="The event type.")]
    occurred_at: Annotated[
        AwareDatetime,
        Field(description="When the change happened (the session clock, in the mock)."),
    ]
    actor: Actor
    request_id: Annotated[
        str | None,
        Field(
            description="The request that caused the change; null for changes the system made (a retention purge)."
        ),
    ]
    data: Annotated[
        Attendee,
        Field(
            description="The attendee as `GET .../attendees/{attendee_id}?show_deleted=true` returned it when the change was committed."
        ),
    ]


class AttendeeRestoredEvent(APIModel):
    """
    The `attendee.restored` webhook event: A soft-deleted attendee was restored. Sent for the audit action `attendee.restored`.

    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[
        UUID,
        Field(
            description="The event's id, also sent as `webhook-id` (the same on every attempt) and the id of its audit event."
        ),
    ]
    type: Annotated[Literal["attendee.restored"], Field(description="The event type.")]
    occurred_at: Annotated[
        AwareDatetime,
        Field(description="When the change happened (the session clock, in the mock)."),
    ]
    actor: Actor
    request_id: Annotated[
        str | None,
        Field(
            description="The request that caused the change; null for changes the system made (a retention purge)."
        ),
    ]
    data: Annotated[
        Attendee,
        Field(
            description="The attendee as `GET .../attendees/{attendee_id}?show_deleted=true` returned it when the change was committed."
        ),
    ]


class PurgedAppointment(APIModel):
    """
    What survives a purged appointment (the `data` of `appointment.purged`).
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[UUID, Field(description="The purged appointment's id (reads now answer 404).")]
    practitioner_id: Annotated[UUID, Field(description="The practitioner it belonged to.")]
    purged_at: Annotated[AwareDatetime, Field(description="When it was erased.")]
    audit_events: Annotated[
        str,
        Field(
            description="Where its audit trail is still readable (`GET /appointments/{appointment_id}/audit-events`)."
        ),
    ]


class WebhookEventType(StrEnum):
    """
    The type of a webhook event (named like the audit actions; `attendee.created` is sent for `attendee.added`).
    """

    appointment_created = "appointment.created"
    appointment_updated = "appointment.updated"
    appointment_canceled = "appointment.canceled"
    appointment_deleted = "appointment.deleted"
    appointment_restored = "appointment.restored"
    appointment_purged = "appointment.purged"
    attendee_created = "attendee.created"
    attendee_updated = "attendee.updated"
    attendee_canceled = "attendee.canceled"
    attendee_deleted = "attendee.deleted"
    attendee_restored = "attendee.restored"


class WebhookDisabledReason(StrEnum):
    """
    Why an endpoint is disabled.
    """

    manual = "manual"
    failing = "failing"


class WebhookEndpointCreate(APIModel):
    """
    A new webhook endpoint.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    url: Annotated[
        AnyUrl,
        Field(
            description="An `http` or `https` URL. Loopback hosts are allowed; other hosts only if the server allows them (the mock's `serve --webhook-allow-host`)."
        ),
    ]
    events: Annotated[
        list[WebhookEventType] | None,
        Field(
            description="The event types to receive; omitted or null for every type.",
            max_length=50,
            min_length=1,
        ),
    ] = None
    description: Annotated[
        str | None, Field(description="What the endpoint is for.", max_length=500)
    ] = None
    enabled: Annotated[bool, Field(description="Create it disabled (no events until enabled).")] = (
        True
    )


class WebhookEndpointUpdate(APIModel):
    """
    A JSON merge patch of a webhook endpoint; only the fields sent change.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    url: Annotated[
        AnyUrl | None, Field(description="A new URL (the same host rules as on create).")
    ] = None
    events: Annotated[
        list[WebhookEventType] | None,
        Field(
            description="The event types to receive; null for every type.",
            max_length=50,
            min_length=1,
        ),
    ] = None
    description: Annotated[
        str | None, Field(description="What the endpoint is for.", max_length=500)
    ] = None
    enabled: Annotated[
        bool | None,
        Field(
            description="Enable (also an endpoint disabled for failing; its queued deliveries go at once) or disable it."
        ),
    ] = None


class WebhookSecretRotation(APIModel):
    """
    How to rotate an endpoint's secret.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    grace_period_seconds: Annotated[
        int,
        Field(
            description="How long deliveries are signed with the old secret too (both signatures in `webhook-signature`); 0 ends the old secret at once.",
            ge=0,
            le=604800,
        ),
    ] = 86400


class WebhookDeliveryStatus(StrEnum):
    """
    `pending` (queued or waiting for its next attempt), `succeeded` (a 2xx answer) or `failed` (every attempt failed, or the endpoint was deleted).
    """

    pending = "pending"
    succeeded = "succeeded"
    failed = "failed"


class WebhookAttempt(APIModel):
    """
    One attempt to deliver an event.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    number: Annotated[int, Field(description="1 for the first attempt.", ge=1)]
    attempted_at: Annotated[
        AwareDatetime, Field(description="When it was made (the session clock, in the mock).")
    ]
    response_status: Annotated[
        int | None, Field(description="The receiver's HTTP status; null if there was no answer.")
    ]
    error: Annotated[
        str | None,
        Field(
            description="Why it failed without an answer (`timeout`, `connection-error`), or a non-2xx status; null on success."
        ),
    ]
    duration_ms: Annotated[float, Field(description="How long the attempt took.", ge=0.0)]


class WebhookDelivery(APIModel):
    """
    One event on its way to one endpoint, with its attempts.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[UUID, Field(description="The delivery's id (for redeliver).")]
    endpoint_id: Annotated[UUID, Field(description="The endpoint.")]
    event_id: Annotated[
        UUID, Field(description="The event's id, sent as `webhook-id` on every attempt.")
    ]
    event_type: WebhookEventType
    status: WebhookDeliveryStatus
    attempt_count: Annotated[int, Field(description="Attempts made so far.", ge=0)]
    next_attempt_at: Annotated[
        AwareDatetime | None,
        Field(description="When the next attempt is due; null once it succeeded or failed."),
    ]
    created_at: Annotated[
        AwareDatetime, Field(description="When the event was queued for this endpoint.")
    ]
    attempts: Annotated[
        list[WebhookAttempt], Field(description="The attempts, oldest first (the last 20).")
    ]


class WebhookDeliveryPage(APIModel):
    """
    One page of an endpoint's deliveries.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[
        list[WebhookDelivery], Field(description="The deliveries of this page, newest first.")
    ]
    next_page_token: Annotated[
        str | None,
        Field(description="Pass as `page_token` for the next page; null on the last page."),
    ]
    total_size: Annotated[int, Field(description="Number of matching items over all pages.", ge=0)]


class AppointmentUpdate(APIModel):
    """
    A JSON merge patch of an appointment. Only the fields sent are changed. `status: canceled`
    is a cancel: it must come with `cancellation` (the body of `POST .../cancel`, under the
    same rules) and nothing else; `cancellation` comes only with it.

    """

    model_config = ConfigDict(
        extra="allow",
    )
    starts_at: Annotated[AwareDatetime | None, Field(description="New start.")] = None
    ends_at: Annotated[
        AwareDatetime | None,
        Field(
            description="New end, after the (new or current) `starts_at`, at most 24 hours later."
        ),
    ] = None
    practitioner_id: Annotated[UUID | None, Field(description="New practitioner.")] = None
    notes: Annotated[
        str | None, Field(description="New notes (null clears them).", max_length=2000)
    ] = None
    max_attendees: Annotated[
        int | None,
        Field(description="New number of seats (group appointments only).", ge=1, le=100),
    ] = None
    time_zone: Annotated[str | None, Field(description="New display time zone.", max_length=64)] = (
        None
    )
    status: Annotated[
        Status | None,
        Field(
            description="`canceled` cancels the appointment, exactly as `POST .../cancel` does (final: attendees\ncanceled, slot freed, notifications): send it with `cancellation`, whose reason, note\nand message are recorded. `active` on an active appointment changes nothing; on a\ncanceled one it is 409 `cannot-reactivate`.\n"
        ),
    ] = None
    cancellation: Annotated[
        CancelRequest | None,
        Field(
            description="With `status: canceled` only: how and why, the body of `POST .../cancel` under its rules\n(`reason_code` required; a note where the reason requires one, else 400 `note-required`).\n"
        ),
    ] = None


class AppointmentPurgedEvent(APIModel):
    """
    The `appointment.purged` webhook event: A soft-deleted appointment was erased for good (by an admin, or when its retention ran out); its audit trail survives. Sent for the audit action `appointment.purged`.

    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[
        UUID,
        Field(
            description="The event's id, also sent as `webhook-id` (the same on every attempt) and the id of its audit event."
        ),
    ]
    type: Annotated[Literal["appointment.purged"], Field(description="The event type.")]
    occurred_at: Annotated[
        AwareDatetime,
        Field(description="When the change happened (the session clock, in the mock)."),
    ]
    actor: Actor
    request_id: Annotated[
        str | None,
        Field(
            description="The request that caused the change; null for changes the system made (a retention purge)."
        ),
    ]
    data: Annotated[
        PurgedAppointment,
        Field(
            description="What is left of the appointment (its id, and where its audit trail is)."
        ),
    ]


class WebhookEndpoint(APIModel):
    """
    A URL that receives the API's events, signed with its secret (Standard Webhooks).
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[UUID, Field(description="The endpoint's id.")]
    url: Annotated[AnyUrl, Field(description="Where events are POSTed.")]
    description: Annotated[str | None, Field(description="What the endpoint is for.")]
    events: Annotated[
        list[WebhookEventType] | None,
        Field(
            description="The event types it receives; null for every type, including types added later."
        ),
    ]
    enabled: Annotated[
        bool,
        Field(
            description="Whether events are sent to it. A disabled endpoint gets no new events; what was queued waits until it is enabled again."
        ),
    ]
    disabled_reason: Annotated[
        WebhookDisabledReason | None,
        Field(
            description="`manual` (disabled through an update) or `failing` (every attempt failed for too long); null while enabled."
        ),
    ]
    failing_since: Annotated[
        AwareDatetime | None,
        Field(
            description="The first failed attempt since the last successful one; null while deliveries succeed."
        ),
    ]
    secret_rotated_at: Annotated[
        AwareDatetime | None, Field(description="When the secret was last rotated; null if never.")
    ]
    previous_secret_expires_at: Annotated[
        AwareDatetime | None,
        Field(
            description="Until when deliveries are also signed with the previous secret; null outside a grace period."
        ),
    ]
    created_at: Annotated[AwareDatetime, Field(description="When it was created.")]
    updated_at: Annotated[AwareDatetime, Field(description="When it last changed.")]
    version: Annotated[
        int,
        Field(
            description="Increases with every change; the `ETag` is this number in quotes.", ge=1
        ),
    ]


class WebhookEndpointWithSecret(WebhookEndpoint):
    """
    An endpoint with its signing secret, returned only when it is created or its secret is rotated.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    secret: Annotated[
        str,
        Field(
            description="The signing secret (`whsec_` and base64 of 32 random bytes). It is shown only here; keep it safe.",
            pattern="^whsec_[A-Za-z0-9+/]+={0,2}$",
        ),
    ]


class WebhookEndpointPage(APIModel):
    """
    One page of webhook endpoints.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    items: Annotated[
        list[WebhookEndpoint], Field(description="The endpoints of this page, oldest first.")
    ]
    next_page_token: Annotated[
        str | None,
        Field(description="Pass as `page_token` for the next page; null on the last page."),
    ]
    total_size: Annotated[int, Field(description="Number of matching items over all pages.", ge=0)]


__all__ = [
    "Actor",
    "ActorType",
    "Appointment",
    "AppointmentCanceledEvent",
    "AppointmentCreate",
    "AppointmentCreatedEvent",
    "AppointmentDeletedEvent",
    "AppointmentOrder",
    "AppointmentPage",
    "AppointmentPurgedEvent",
    "AppointmentReport",
    "AppointmentReportRow",
    "AppointmentRestoredEvent",
    "AppointmentType",
    "AppointmentUpdate",
    "AppointmentUpdatedEvent",
    "Attendance",
    "Attendee",
    "AttendeeCancelRequest",
    "AttendeeCanceledEvent",
    "AttendeeCounts",
    "AttendeeCreate",
    "AttendeeCreatedEvent",
    "AttendeeDeletedEvent",
    "AttendeePage",
    "AttendeeRestoredEvent",
    "AttendeeUpdate",
    "AttendeeUpdatedEvent",
    "AuditAction",
    "AuditEvent",
    "AuditEventPage",
    "AvailabilitySlot",
    "AvailabilitySlotPage",
    "CancelRequest",
    "Cancellation",
    "CancellationReason",
    "CancellationReasonList",
    "Client",
    "ClientPage",
    "DeletedFilter",
    "FieldChange",
    "FieldError",
    "LockReason",
    "Notification",
    "NotificationChannel",
    "NotificationEvent",
    "NotificationPage",
    "NotificationStatus",
    "Practitioner",
    "PractitionerActivityReport",
    "PractitionerActivityRow",
    "PractitionerPage",
    "Problem",
    "PurgedAppointment",
    "Recipient",
    "RecipientType",
    "RepeatFrequency",
    "RepeatRule",
    "ReportDimension",
    "ResourceType",
    "Status",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookDeliveryPage",
    "WebhookDeliveryStatus",
    "WebhookDisabledReason",
    "WebhookEndpoint",
    "WebhookEndpointCreate",
    "WebhookEndpointPage",
    "WebhookEndpointUpdate",
    "WebhookEndpointWithSecret",
    "WebhookEventType",
    "WebhookSecretRotation",
    "WorkingHours",
]
