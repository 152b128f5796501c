"""The same contract with `AsyncAppointmentsClient`: the main life cycle, paging and a fault."""

from __future__ import annotations

from datetime import timedelta
from typing import Literal
from uuid import UUID

import pytest

from appointments import (
    Appointment,
    AsyncAppointmentsClient,
    ConflictError,
    GoneError,
    NotFoundError,
    PreconditionFailedError,
)
from tests.contract._support import ADA, EDSGER, GRACE, Api, at

pytestmark = pytest.mark.anyio
BOTH: list[Literal["active", "canceled"]] = ["active", "canceled"]


async def _book(
    client: AsyncAppointmentsClient, hour: float, client_id: UUID = EDSGER
) -> Appointment:
    start = at(0, hour)
    return await client.appointments.create(
        type="individual",
        starts_at=start,
        ends_at=start + timedelta(minutes=30),
        practitioner_id=ADA,
        client_id=client_id,
    )


async def test_async_life_cycle_cancel_delete_restore_purge(api: Api) -> None:
    async with api.async_client() as admin:
        raw = await admin.with_raw_response.appointments.create(
            type="individual",
            starts_at=at(0, 9),
            ends_at=at(0, 9.5),
            practitioner_id=ADA,
            client_id=GRACE,
        )
        booked = raw.parse()
        assert raw.status_code == 201
        assert raw.etag == f'"{booked.version}"'
        with pytest.raises(PreconditionFailedError):
            await admin.appointments.update(booked.id, notes="x", if_match=booked.version + 1)

        canceled = await admin.appointments.cancel(
            booked.id, reason_code=30, note="Fever.", message="Get well.", if_match=booked
        )
        assert canceled.status == "canceled"
        assert canceled.cancellation is not None
        assert canceled.cancellation.reason_label == "Sick"
        with pytest.raises(ConflictError) as again:
            await admin.appointments.cancel(booked.id, reason_code=30)
        assert again.value.code == "already-canceled"
        assert [
            a.id async for a in admin.appointments.list(status=["canceled"], starts_after=at(0, 0))
        ] == [booked.id]
        assert (await admin.appointments.list(starts_after=at(0, 0))).items == []

        deleted = await admin.appointments.delete(booked.id)
        with pytest.raises(GoneError) as gone:
            await admin.appointments.get(booked.id)
        assert gone.value.purge_at == deleted.purge_at
        restored = await admin.appointments.restore(booked.id)
        assert (restored.status, restored.deleted_at) == ("canceled", None)
        await admin.appointments.delete(booked.id)
        await admin.appointments.purge(booked.id)
        with pytest.raises(NotFoundError):
            await admin.appointments.get(booked.id, show_deleted=True)

        actions = [e.action async for e in admin.appointments.audit_events(booked.id)]
        assert actions == [
            "appointment.created",
            "attendee.added",
            "appointment.canceled",
            "attendee.canceled",
            "appointment.deleted",
            "appointment.restored",
            "appointment.deleted",
            "appointment.purged",
        ]


async def test_async_iteration_fetches_every_page(api: Api) -> None:
    async with api.async_client() as admin:
        for hour in range(9, 14):
            await _book(admin, hour)

        page = await admin.appointments.list(
            starts_after=at(0, 0), page_size=2, order_by="starts_at"
        )
        assert (len(page.items), page.total_size) == (2, 5)
        starts = [
            a.starts_at async for a in admin.appointments.list(starts_after=at(0, 0), page_size=2)
        ]

    assert starts == [at(0, hour) for hour in range(9, 14)]
    assert len(api.control.journal("appointments.list")) == 1 + 3


async def test_async_retries_503_and_429_with_one_idempotency_key(api: Api) -> None:
    api.control.fault("status", "appointments.create", status=503)
    api.control.fault("status", "appointments.create", status=429, retry_after=1)

    async with api.async_client() as admin:
        raw = await admin.with_raw_response.appointments.create(
            type="group",
            starts_at=at(0, 10),
            ends_at=at(0, 11),
            practitioner_id=ADA,
            max_attendees=4,
        )

    assert raw.status_code == 201
    assert api.sleeps == [1.0, 1.0]
    attempts = api.control.journal("appointments.create")
    assert [a["status"] for a in attempts] == [503, 429, 201]
    assert len({a["request_headers"]["idempotency-key"] for a in attempts}) == 1


async def test_async_409_is_not_retried(api: Api) -> None:
    api.control.fault("status", "appointments.cancel", status=409, times=2)
    async with api.async_client() as admin:
        booked = await _book(admin, 9)
        with pytest.raises(ConflictError):
            await admin.appointments.cancel(booked.id, reason_code=30)

    assert api.sleeps == []
    assert [a["status"] for a in api.control.journal("appointments.cancel")] == [409]
