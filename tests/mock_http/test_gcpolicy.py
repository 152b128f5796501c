"""The served mock's collector policy: full collections only when idle, requests untouched."""

from __future__ import annotations

import asyncio
import gc
from typing import Any

from appointments_mock.gcpolicy import IdleCollector, raise_full_threshold


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def _echo(scope: Any, receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 204, "headers": [(b"x-path", b"p")]})
    await send({"type": "http.response.body", "body": scope["path"].encode()})


def _run(wrapper: IdleCollector, path: str = "/x") -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:  # pragma: no cover - _echo does not read
        return {"type": "http.request", "body": b"", "more_body": False}

    async def main() -> None:
        await wrapper({"type": "http", "path": path}, receive, send)

    asyncio.run(main())
    return sent


def test_the_wrapped_app_answers_as_without_the_wrapper() -> None:
    calls: list[int] = []
    wrapper = IdleCollector(_echo, collect=lambda: calls.append(1))
    assert _run(wrapper, "/a/b") == [
        {"type": "http.response.start", "status": 204, "headers": [(b"x-path", b"p")]},
        {"type": "http.response.body", "body": b"/a/b"},
    ]


def test_collects_only_when_idle_and_after_some_request() -> None:
    clock = _Clock()
    calls: list[int] = []
    wrapper = IdleCollector(_echo, idle_seconds=0.5, clock=clock, collect=lambda: calls.append(1))
    assert not wrapper.collect_if_idle()  # nothing handled yet
    _run(wrapper)
    clock.now += 0.2
    assert not wrapper.collect_if_idle()  # a request came 0.2 s ago: busy
    clock.now += 0.4
    assert wrapper.collect_if_idle()
    assert calls == [1]
    clock.now += 10
    assert not wrapper.collect_if_idle()  # nothing new since the last collection
    _run(wrapper)
    clock.now += 1
    assert wrapper.collect_if_idle()
    assert calls == [1, 1]
    assert wrapper.collections == 2


def test_never_collects_while_a_request_is_in_flight() -> None:
    clock = _Clock()
    calls: list[int] = []
    seen: list[bool] = []

    async def slow(scope: Any, receive: Any, send: Any) -> None:
        clock.now += 5  # a long request: no activity recorded while it runs
        seen.append(wrapper.collect_if_idle())

    wrapper = IdleCollector(slow, idle_seconds=0.5, clock=clock, collect=lambda: calls.append(1))
    wrapper._handled = 1  # a request finished earlier
    _run(wrapper)
    assert seen == [False]
    assert calls == []


def test_the_timer_collects_once_the_server_is_idle() -> None:
    calls: list[int] = []
    wrapper = IdleCollector(_echo, idle_seconds=0.01, collect=lambda: calls.append(1))

    async def main() -> None:
        async def send(message: dict[str, Any]) -> None:
            pass

        await wrapper({"type": "http", "path": "/"}, None, send)
        await asyncio.sleep(0.2)

    asyncio.run(main())
    assert calls == [1]


def test_raise_full_threshold_raises_only_the_third_threshold() -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        raise_full_threshold(100)
        assert gc.get_threshold() == (700, 10, 100)
        raise_full_threshold(50)  # never lowered
        assert gc.get_threshold() == (700, 10, 100)
    finally:
        gc.set_threshold(*before)
