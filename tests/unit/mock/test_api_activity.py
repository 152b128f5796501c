"""How the webhook sender learns that the API is idle (``webhooks.ApiActivity``): the front
reports each request's start and end in the API's event loop; a waiter, registered from another
thread, is called once no request has been in flight for the gap, and never while requests keep
coming."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable

from appointments_mock.webhooks import ApiActivity

GAP = 0.02


class ApiLoop:
    """An event loop in a thread of its own, standing for the API's."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()

    def run(self, call: Callable[[], None]) -> None:
        """Run ``call()`` in the loop and wait for it."""
        done = threading.Event()

        def step() -> None:
            call()
            done.set()

        self.loop.call_soon_threadsafe(step)
        assert done.wait(5)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)
        self.loop.close()


def test_idle_only_once_no_request_was_in_flight_for_the_gap() -> None:
    activity, api = ApiActivity(gap=GAP), ApiLoop()
    try:
        assert activity.idle(), "no request ever: idle"
        api.run(activity.request_started)
        assert not activity.idle()
        just_after: list[bool] = []
        api.run(lambda: (activity.request_finished(), just_after.append(activity.idle())))
        assert just_after == [False], "a request just ended"
        time.sleep(GAP * 1.5)
        assert activity.idle()
    finally:
        api.close()


def test_a_waiter_is_called_a_gap_after_the_last_request_ends() -> None:
    activity, api = ApiActivity(gap=GAP), ApiLoop()
    called, at = threading.Event(), []

    def mark() -> None:
        at.append(time.perf_counter())
        called.set()

    try:
        api.run(activity.request_started)
        activity.when_idle(mark)
        assert not called.wait(GAP * 3), "called while a request is in flight"
        ended: list[float] = []  # taken in the API's loop: the test's thread may lag behind it
        api.run(lambda: (ended.append(time.perf_counter()), activity.request_finished()))
        assert called.wait(5)
        assert at[0] - ended[0] >= GAP * 0.9
    finally:
        api.close()


def test_requests_that_keep_coming_hold_a_waiter_back() -> None:
    gap = 0.25  # wide enough that a test thread lagging on a busy machine stays inside it
    activity, api = ApiActivity(gap=gap), ApiLoop()
    called = threading.Event()
    try:
        api.run(activity.request_started)
        activity.when_idle(called.set)
        for _ in range(10):  # requests closer together than the gap, never two in flight
            api.run(activity.request_finished)
            time.sleep(gap / 8)
            api.run(activity.request_started)
        assert not called.is_set()
        api.run(activity.request_finished)
        assert called.wait(5)
    finally:
        api.close()


def test_a_waiter_is_called_at_once_without_an_api_loop() -> None:
    activity = ApiActivity(gap=GAP)
    called = threading.Event()
    activity.when_idle(called.set)  # no request ever came
    assert called.is_set()

    api = ApiLoop()
    api.run(activity.request_started)
    api.run(activity.request_finished)
    api.close()  # the API's loop is gone (an in-process test's loop, say)
    again = threading.Event()
    activity.when_idle(again.set)
    assert again.is_set()


def test_a_waiter_taken_back_is_not_called() -> None:
    activity, api = ApiActivity(gap=GAP), ApiLoop()
    called = threading.Event()
    try:
        api.run(activity.request_started)
        activity.when_idle(called.set)
        activity.forget(called.set)
        api.run(activity.request_finished)
        assert not called.wait(GAP * 5)
    finally:
        api.close()


def test_a_waiter_registered_while_idle_is_called_after_the_gap() -> None:
    activity, api = ApiActivity(gap=GAP), ApiLoop()
    called = threading.Event()
    try:
        api.run(activity.request_started)
        api.run(activity.request_finished)
        activity.when_idle(called.set)  # nothing in flight: the API's loop checks after the gap
        assert called.wait(5)
    finally:
        api.close()
