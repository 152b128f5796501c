"""A user's test module annotated with the pytest plugin's types, checked with `mypy --strict` by
test_typing_plugin.py from a project of its own (no mypy settings of this repository).

Never collected as a test here, never run: it only has to type-check.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from appointments import Appointment, AppointmentsClient, AsyncAppointmentsClient, SyncPage
from appointments_mock.pytest_plugin import (
    ROLE_KEYS,
    AppointmentsMock,
    Clock,
    Demo,
    Journal,
    MockServer,
    ReceivedWebhook,
    WebhookReceiver,
)


def helper_books_for(mock: AppointmentsMock, clock: Clock, demo: Demo) -> Appointment:
    now: datetime = clock.freeze()
    client: AppointmentsClient = mock.client("staff", max_retries=0)
    return client.appointments.create(
        type="individual",
        starts_at=now,
        ends_at=now,
        practitioner_id=demo.practitioner_id,
        client_id=demo.client_ids[0],
    )


def test_typed(appointments_mock: AppointmentsMock, appointments_mock_server: MockServer) -> None:
    booked = helper_books_for(appointments_mock, appointments_mock.clock, appointments_mock.demo)
    page: SyncPage[Appointment] = appointments_mock.client().appointments.list(status=["active"])
    journal: Journal = appointments_mock.journal
    calls = journal.assert_called("appointments.create", times=1, status=201)
    status: int = calls[0].status
    appointments_mock.fail("appointments.cancel", status=503, times=2, retry_after=0)
    appointments_mock.delay("appointments.get", ms=100)
    appointments_mock.lock(booked.id)
    base_url: str = appointments_mock_server.base_url
    key: str = ROLE_KEYS["admin"]
    headers: dict[str, str] = appointments_mock.headers("client")
    print(page.total_size, status, base_url, key, headers)


def test_webhooks(webhook_receiver: WebhookReceiver) -> None:
    webhook_receiver.respond_with(500, times=2)
    received: list[ReceivedWebhook] = webhook_receiver.wait_for_attempts(
        2, event_type="appointment.canceled", timeout=2
    )
    first: ReceivedWebhook = received[0]
    webhook_id: str = first.webhook_id
    body: bytes = first.body
    secret: str = webhook_receiver.rotate_secret(grace_period_seconds=60)
    print(webhook_id, body, secret, webhook_receiver.secret)


@pytest.mark.anyio
async def test_async(appointments_mock: AppointmentsMock) -> None:
    client: AsyncAppointmentsClient = appointments_mock.async_client("client")
    got: Appointment = await client.appointments.get(
        appointments_mock.demo.appointments["upcoming"]
    )
    print(got.status)
