"""`examples/webhook_receiver.py` against the mock over a socket: a cancel reaches it signed, it
verifies and handles it once, and refuses a forged delivery."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from appointments import Webhooks
from appointments_mock.pytest_plugin import AppointmentsMock

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))
import webhook_receiver as example


@pytest.fixture
def server() -> Iterator[tuple[example.ThreadingHTTPServer, example.CanceledAppointments]]:
    handled = example.CanceledAppointments()
    webhooks = Webhooks()  # its secret is set once the endpoint exists
    httpd = example.make_server("127.0.0.1", 0, webhooks, handled)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    httpd.webhooks = webhooks  # type: ignore[attr-defined]
    try:
        yield httpd, handled
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.mark.appointments_mock(mode="socket")
def test_the_example_receiver_handles_a_cancel(
    appointments_mock: AppointmentsMock,
    server: tuple[example.ThreadingHTTPServer, example.CanceledAppointments],
) -> None:
    httpd, handled = server
    url = f"http://127.0.0.1:{httpd.server_port}/webhooks"
    client = appointments_mock.client("admin")
    endpoint = client.webhook_endpoints.create(url=url, events=["appointment.canceled"])
    httpd.webhooks.secret = endpoint.secret  # type: ignore[attr-defined]
    appointment = appointments_mock.demo.appointments["upcoming"]
    client.appointments.cancel(appointment, reason_code=10)

    deadline = time.monotonic() + 5
    while not handled.canceled and time.monotonic() < deadline:
        time.sleep(0.02)
    (event,) = handled.canceled
    assert str(event.data.id) == appointment
    assert event.data.status == "canceled"
    while time.monotonic() < deadline:  # the mock records the attempt once it has the answer
        (delivery,) = client.webhook_endpoints.deliveries(endpoint.id)
        if delivery.status != "pending":
            break
        time.sleep(0.02)
    assert delivery.status == "succeeded"
    assert delivery.attempts[0].response_status == 204

    forged = httpx.post(url, content=b"{}", headers={"webhook-id": "x", "webhook-timestamp": "1"})
    assert forged.status_code == 400
    assert timedelta(0) <= delivery.attempts[0].attempted_at - event.occurred_at
