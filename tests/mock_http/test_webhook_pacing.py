"""Webhook delivery gives way to the API (``webhooks.py``): an attempt that becomes due while a
request is in flight waits until the API has been idle for a moment, and under load that never
lets up it still goes after ``hold`` seconds, so deliveries fall behind but never stop.

A real server on 127.0.0.1 and a real receiver; a request kept in flight by a ``delay`` fault
of another session stands for a busy API.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx2
import pytest

from appointments_mock._threaded_server import ThreadedServer
from appointments_mock.app import create_app, webhooks_of
from appointments_mock.seed import new_world
from appointments_mock.webhooks import ApiActivity, WebhookSender
from tests.webhook_receiver import Receiver

ADMIN = {"Authorization": "Bearer demo-admin-key"}


@pytest.fixture(params=["server-loop", "own-thread"])
def served(request: pytest.FixtureRequest) -> Iterator[tuple[str, WebhookSender]]:
    """A served mock whose sender runs in the server's loop (as ``serve`` runs it) or on a
    thread of its own (as with an app served in-process)."""
    app = create_app()
    sender = webhooks_of(app)
    hosted = sender.host_in_running_loop if request.param == "server-loop" else None
    with ThreadedServer(app, name="pacing-mock", log_level="critical", on_started=hosted) as server:
        yield server.url, sender


def _subscribe(http: httpx2.Client, session: str, url: str) -> None:
    made = http.post(
        "/v1/webhook-endpoints",
        json={"url": url, "events": ["appointment.updated"]},
        headers={"X-Mock-Session": session},
    )
    assert made.status_code == 201, made.text


def _busy_for(http: httpx2.Client, seconds: float) -> threading.Thread:
    """Keep one request of another session in flight for ``seconds``."""
    headers = {"X-Mock-Session": "busy"}
    queued = http.post("/_mock/faults", json={"kind": "delay", "delay_ms": int(seconds * 1000)},
                       headers=headers)  # fmt: skip
    assert queued.status_code == 201, queued.text
    thread = threading.Thread(target=http.get, args=("/v1/clients",), kwargs={"headers": headers})
    thread.start()
    return thread


def _update(http: httpx2.Client, session: str, appointment_id: str, notes: str) -> None:
    changed = http.patch(f"/v1/appointments/{appointment_id}", json={"notes": notes},
                         headers={"X-Mock-Session": session})  # fmt: skip
    assert changed.status_code == 200, changed.text


def _an_appointment(http: httpx2.Client, session: str) -> str:
    """The demo data's upcoming appointment (the same id in every session of seed 0)."""
    return new_world(seed=0).labels["upcoming"]


def test_an_attempt_waits_for_the_request_in_flight_to_end(
    served: tuple[str, WebhookSender],
) -> None:
    url, sender = served
    sender.activity = ApiActivity(hold=30.0)  # only the API going idle can release it
    with Receiver() as receiver, httpx2.Client(base_url=url, headers=ADMIN, timeout=30) as http:
        _subscribe(http, "hooks", receiver.url)
        appointment_id = _an_appointment(http, "hooks")
        busy = _busy_for(http, 1.5)
        _update(http, "hooks", appointment_id, "first")
        receiver.quiet(0, seconds=0.6)  # the delayed request is still in flight
        assert sender.held == 1
        busy.join(10)
        (delivery,) = receiver.wait(1, timeout=5)
    assert b'"first"' in delivery.body


def test_under_load_that_never_lets_up_attempts_still_go_in_order(
    served: tuple[str, WebhookSender],
) -> None:
    url, sender = served
    sender.activity = ApiActivity(hold=0.2)
    with Receiver() as receiver, httpx2.Client(base_url=url, headers=ADMIN, timeout=30) as http:
        _subscribe(http, "hooks", receiver.url)
        appointment_id = _an_appointment(http, "hooks")
        busy = _busy_for(http, 3.0)
        for n in range(3):
            _update(http, "hooks", appointment_id, f"n{n}")
        arrived = receiver.wait(3, timeout=2.5)  # before the delayed request ends
        assert busy.is_alive(), "the API must have been busy all along"
        busy.join(10)
    assert [b'"n%d"' % n in d.body for n, d in enumerate(arrived)] == [True] * 3
    assert sender.held >= 3
