"""Webhook delivery gives way to the API (``webhooks.py``): an attempt that becomes due while a
request is in flight waits until the API has been idle for a moment, and under load that never
lets up it still goes after ``hold`` seconds, so deliveries fall behind but never stop.

A real server on 127.0.0.1 and a real receiver; a request kept in flight by a ``delay`` fault
of another session stands for a busy API.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable, Iterator

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


def _busy_for(http: httpx2.Client, sender: WebhookSender, seconds: float) -> threading.Thread:
    """Keep one request of another session in flight for ``seconds``; return once the server
    has it (a thread's request can otherwise reach the server after the test's next one)."""
    headers = {"X-Mock-Session": "busy"}
    queued = http.post("/_mock/faults", json={"kind": "delay", "delay_ms": int(seconds * 1000)},
                       headers=headers)  # fmt: skip
    assert queued.status_code == 201, queued.text
    thread = threading.Thread(target=http.get, args=("/v1/clients",), kwargs={"headers": headers})
    thread.start()
    _until(lambda: sender.activity.in_flight > 0)
    return thread


def _update(http: httpx2.Client, session: str, appointment_id: str, notes: str) -> None:
    changed = http.patch(f"/v1/appointments/{appointment_id}", json={"notes": notes},
                         headers={"X-Mock-Session": session})  # fmt: skip
    assert changed.status_code == 200, changed.text


def _until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition did not come true in time"
        time.sleep(0.01)


def _sender_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "appointments-mock-webhooks"]


def _an_appointment() -> str:
    """The demo data's upcoming appointment (the same id in every session of seed 0)."""
    return new_world(seed=0).labels["upcoming"]


def test_an_attempt_waits_for_the_request_in_flight_to_end(
    served: tuple[str, WebhookSender],
) -> None:
    url, sender = served
    sender.activity = ApiActivity(hold=30.0)  # only the API going idle can release it
    with Receiver() as receiver, httpx2.Client(base_url=url, headers=ADMIN, timeout=30) as http:
        _subscribe(http, "hooks", receiver.url)
        appointment_id = _an_appointment()
        busy = _busy_for(http, sender, 1.5)
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
        appointment_id = _an_appointment()
        busy = _busy_for(http, sender, 3.0)
        for n in range(3):
            _update(http, "hooks", appointment_id, f"n{n}")
        arrived = receiver.wait(3, timeout=2.5)  # before the delayed request ends
        assert busy.is_alive(), "the API must have been busy all along"
        busy.join(10)
    assert [b'"n%d"' % n in d.body for n, d in enumerate(arrived)] == [True] * 3
    assert sender.held >= 3


def test_once_the_servers_loop_has_ended_deliveries_go_from_a_thread_of_their_own() -> None:
    app = create_app()
    sender = webhooks_of(app)
    appointment_id = _an_appointment()

    def serve(hosting: bool) -> tuple[ThreadedServer, httpx2.Client]:
        hook = sender.host_in_running_loop if hosting else None
        server = ThreadedServer(app, name="mock", log_level="critical", on_started=hook).start()
        return server, httpx2.Client(base_url=server.url, headers=ADMIN, timeout=30)

    with Receiver() as receiver:
        first, http = serve(hosting=True)
        with first, http:
            _subscribe(http, "hooks", receiver.url)
            _update(http, "hooks", appointment_id, "hosted")
            receiver.wait(1, timeout=5)
            assert sender.describe()["hosted"] is True
            _until(lambda: sender.describe()["sessions"] == 0)  # its outcome recorded
        second, http = serve(hosting=False)  # the same app, by a server that does not host it
        with second, http:
            others = set(_sender_threads())  # other apps' senders of this process, ending idle
            _update(http, "hooks", appointment_id, "threaded")
            receiver.wait(2, timeout=5)
            assert sender.describe()["hosted"] is False
            (thread,) = (t for t in _sender_threads() if t not in others)
            sender.close()
            assert not thread.is_alive()
    hosted, threaded = receiver.received
    assert (b'"hosted"' in hosted.body, b'"threaded"' in threaded.body) == (True, True)


def test_a_hosting_loop_that_closes_under_a_running_sender_does_not_strand_deliveries() -> None:
    """A loop stopped and closed without cancelling its tasks (not how uvicorn ends, but how an
    embedding application may): the sender's task there never ends, and the next delivery
    must still go, from a thread of its own."""
    app = create_app()
    sender = webhooks_of(app)
    loop = asyncio.new_event_loop()
    runner = threading.Thread(target=loop.run_forever, daemon=True)
    runner.start()

    async def host() -> None:
        sender.host_in_running_loop()

    asyncio.run_coroutine_threadsafe(host(), loop).result(timeout=5)
    with Receiver() as receiver, ThreadedServer(app, name="mock", log_level="critical") as served:
        with httpx2.Client(base_url=served.url, headers=ADMIN, timeout=30) as http:
            _subscribe(http, "hooks", receiver.url)
            appointment_id = _an_appointment()
            _update(http, "hooks", appointment_id, "hosted")
            receiver.wait(1, timeout=5)
            assert (sender.describe()["running"], sender.describe()["hosted"]) == (True, True)
            _until(lambda: sender.describe()["sessions"] == 0)  # its outcome recorded
            loop.call_soon_threadsafe(loop.stop)
            runner.join(timeout=5)
            loop.close()  # the sender's task is left pending, never to run again
            _update(http, "hooks", appointment_id, "after")
            deliveries = receiver.wait(2, timeout=5)
            assert sender.describe()["hosted"] is False
            receiver.quiet(2)
        sender.close()
    assert (b'"hosted"' in deliveries[0].body, b'"after"' in deliveries[1].body) == (True, True)


def test_an_attempt_cut_short_by_the_server_stopping_is_sent_again_from_a_thread() -> None:
    """uvicorn cancels what runs in its loop as it stops: an attempt on its way then (here held
    by a ``delay`` fault of the deliveries) never reports, and its delivery must not stay in
    flight for ever: it goes again, as the same event (its ``webhook-id`` is the event's id)."""
    app = create_app()
    sender = webhooks_of(app)
    appointment_id = _an_appointment()
    hosted = ThreadedServer(app, name="mock", log_level="critical",
                            on_started=sender.host_in_running_loop)  # fmt: skip
    with Receiver() as receiver:
        with hosted, httpx2.Client(base_url=hosted.url, headers=ADMIN, timeout=30) as http:
            _subscribe(http, "hooks", receiver.url)
            delay = {"kind": "delay", "delay_ms": 3000, "target": "webhooks"}
            queued = http.post("/_mock/faults", json=delay, headers={"X-Mock-Session": "hooks"})
            assert queued.status_code == 201, queued.text
            _update(http, "hooks", appointment_id, "cut short")
            receiver.quiet(0, seconds=0.3)  # the attempt waits out its fault
        (delivery,) = receiver.wait(1, timeout=5)  # the server has stopped: from a thread now
        assert sender.describe()["hosted"] is False
        sender.close()
    assert b'"cut short"' in delivery.body
    assert delivery.headers["webhook-id"] == json.loads(delivery.body)["id"]
