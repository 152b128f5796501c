"""Typical use of the public API, type-checked with `mypy --strict` by test_typing_sdk.py.

Not collected as a test and never run: it only has to type-check.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import httpx2

from appointments import (
    NOT_GIVEN,
    APIConnectionError,
    Appointment,
    AppointmentsClient,
    AsyncAppointmentsClient,
    AsyncPage,
    AuditEvent,
    ConflictError,
    GoneError,
    HTTPResponse,
    PreconditionFailedError,
    RawResponse,
    RepeatFrequency,
    RepeatRule,
    Status,
    SyncPage,
    Timeout,
)


def sync_usage() -> None:
    start = datetime(2030, 3, 4, 9, tzinfo=UTC)
    with AppointmentsClient(api_key="key", timeout=httpx.Timeout(10.0, connect=2.0)) as client:
        created: Appointment = client.appointments.create(
            type="group",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            practitioner_id="3f2a7c4e-1b5d-4e8f-9a6b-0c1d2e3f4a5b",
            max_attendees=8,
            repeat_rule=RepeatRule(frequency=RepeatFrequency.weekly, count=4),
            idempotency_key="booking-1",
        )
        page: SyncPage[Appointment] = client.appointments.list(
            status=[Status.active, "canceled"], deleted="include", starts_after=start, page_size=50
        )
        first: list[Appointment] = page.items
        token: str | None = page.next_page_token
        total: int = page.total_size
        for appointment in page:
            version: int = appointment.version
            print(appointment.id, appointment.status.value, version, first, token, total)
        try:
            canceled = client.appointments.cancel(
                created.id, reason_code=10, note="called", notify=False, if_match=created
            )
            client.appointments.update(canceled.id, notes=None, if_match=canceled.version)
            client.appointments.delete(canceled.id, if_match='"3"')
        except (ConflictError, PreconditionFailedError) as error:
            print(error.code, error.errors, error.request_id, error.status_code)
        try:
            client.appointments.get(created.id)
        except GoneError as gone:
            print(gone.deleted_at, gone.purge_at)
        restored: Appointment = client.appointments.restore(created.id, idempotency_key=NOT_GIVEN)
        nothing: None = client.appointments.purge(restored.id)
        print(nothing)
        raw: RawResponse[Appointment] = client.with_raw_response.appointments.get(created.id)
        etag: str | None = raw.etag
        parsed: Appointment = raw.parse()
        events: SyncPage[AuditEvent] = client.appointments.audit_events(parsed.id)
        print(etag, list(events))
        fast = client.with_options(timeout=2.0, max_retries=0)
        reasons = fast.cancellation_reasons.list(extra_headers={"X-Request-Id": "r1"})
        print([reason.code for reason in reasons.items])
        slots = client.availability.list(
            from_=start, to=start + timedelta(days=7), duration_minutes=30
        )
        print([slot.starts_at for slot in slots])


async def async_usage() -> None:
    async with AsyncAppointmentsClient(api_key="key") as client:
        page: AsyncPage[Appointment] = await client.appointments.list(status=["active"])
        async for appointment in page:
            print(appointment.id)
        async for appointment in client.appointments.list(deleted="only"):
            restored: Appointment = await client.appointments.restore(appointment.id)
            print(restored.deleted_at)
        got: Appointment = await client.appointments.get("7d1f5a4e-8c2b-4f7e-9a31-2b6c1d0e9f10")
        raw = await client.appointments.with_raw_response.cancel(got.id, reason_code=20)
        print(raw.status_code, raw.headers.get("Idempotent-Replayed"), raw.parse().cancellation)


def client_families() -> None:
    # httpx2 is the default family; a legacy httpx client and timeout are accepted as well.
    timeouts: list[Timeout] = [5.0, httpx2.Timeout(5.0), httpx.Timeout(5.0)]
    with httpx2.Client() as modern, httpx.Client() as legacy:
        for http in (modern, legacy):
            client = AppointmentsClient(api_key="key", http_client=http, timeout=timeouts[1])
            raw = client.with_raw_response.practitioners.list()
            response: HTTPResponse = raw.http_response
            print(response.status_code, raw.headers.get("ETag"))
            try:
                client.practitioners.list(timeout=timeouts[2])
            except APIConnectionError as error:
                method: str = error.method
                url: str = error.url
                print(method, url, error.request.url.path)
    AsyncAppointmentsClient(api_key="key", http_client=httpx2.AsyncClient())
    AsyncAppointmentsClient(api_key="key", http_client=httpx.AsyncClient())
