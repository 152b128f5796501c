"""When the served mock runs the cyclic garbage collector's full passes: while it is idle.

A session's world only grows: every write appends audit events, field changes, notifications and
cancellations, which live as long as the session. None of them can be part of a garbage cycle,
but all of them are tracked by the collector, and a full pass walks all of them. With 100,000
appointments and a few thousand writes per second, full passes took 45 to 230 ms each and came
every few seconds, which made them the p99 latency of a write under load.

:class:`IdleCollector` wraps the ASGI app of ``appointments-mock serve``:

* the third collection threshold is raised (:func:`raise_full_threshold`), so that under a
  sustained load a full pass comes after a hundred young-generation passes instead of ten
  (young passes, which free almost all of a request's garbage, are unchanged);
* a full pass (``gc.collect()``) runs once no request has been in flight for ``idle_seconds``
  and at least one request was handled since the last one.

So garbage cycles are still collected -- when idle, or under a long sustained load by the
collector's own schedule -- and a burst of requests is not stopped by them. The in-process test
servers (``pytest_plugin``) do not use it: their process belongs to the test run.
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Callable
from typing import Any

FULL_THRESHOLD = 100  # young-generation passes between two full passes (CPython's default: 10)
IDLE_SECONDS = 0.5


def raise_full_threshold(full: int = FULL_THRESHOLD) -> None:
    """Raise the collector's third threshold to ``full`` (never lower it)."""
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, max(old, full))


class IdleCollector:
    """An ASGI wrapper that runs a full collection when no request has come for a while."""

    def __init__(
        self,
        app: Any,
        *,
        idle_seconds: float = IDLE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        collect: Callable[[], object] = gc.collect,
    ) -> None:
        self.app = app
        self.idle_seconds = idle_seconds
        self._clock = clock
        self._collect = collect
        self._in_flight = 0
        self._handled = 0  # requests finished since the last full collection
        self._last_activity = clock()
        self._scheduled = False
        self.collections = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self._in_flight += 1
        if not self._scheduled:
            self._scheduled = True
            asyncio.get_running_loop().call_later(self.idle_seconds, self.tick)
        try:
            await self.app(scope, receive, send)
        finally:
            self._in_flight -= 1
            self._handled += 1
            self._last_activity = self._clock()

    def tick(self) -> None:
        """Collect if idle and something happened since the last collection; check again later."""
        self.collect_if_idle()
        asyncio.get_running_loop().call_later(self.idle_seconds, self.tick)

    def collect_if_idle(self) -> bool:
        """One full collection if no request is in flight and none came for ``idle_seconds``."""
        if self._in_flight or not self._handled:
            return False
        if self._clock() - self._last_activity < self.idle_seconds:
            return False
        self._collect()
        self._handled = 0
        self.collections += 1
        return True
