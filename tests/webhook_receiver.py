"""A small webhook receiver on a free 127.0.0.1 port for the repository's tests: it records every
request and answers from a queue of statuses (204 once the queue is empty)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from appointments_mock._threaded_server import ThreadedServer


@dataclass
class Received:
    """One request the receiver got."""

    headers: dict[str, str]
    body: bytes
    status: int
    at: float = field(default_factory=time.monotonic)


class Receiver:
    """``with Receiver() as rx: ... rx.url ... rx.wait(2)``"""

    def __init__(self, answers: list[int] | None = None) -> None:
        self.answers = list(answers or [])
        self.received: list[Received] = []
        self._condition = threading.Condition()

        async def app(scope: Any, receive: Any, send: Any) -> None:  # uvicorn wants a function
            await self._app(scope, receive, send)

        self._server = ThreadedServer(app, name="test-webhook-receiver")

    @property
    def url(self) -> str:
        """Where to send webhooks."""
        return f"{self._server.url}/hooks"

    async def _app(self, scope: Any, receive: Any, send: Any) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        with self._condition:
            status = self.answers.pop(0) if self.answers else 204
            headers = {k.decode(): v.decode() for k, v in scope["headers"]}
            self.received.append(Received(headers, body, status))
            self._condition.notify_all()
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    def wait(self, count: int, timeout: float = 5.0) -> list[Received]:
        """The first ``count`` requests, waiting up to ``timeout`` seconds for them."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while len(self.received) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{len(self.received)} of {count} webhooks arrived")
                self._condition.wait(left)
            return list(self.received[:count])

    def quiet(self, count: int, seconds: float = 0.3) -> None:
        """Fail if more than ``count`` requests arrive within ``seconds``."""
        time.sleep(seconds)
        with self._condition:
            assert len(self.received) == count, [r.status for r in self.received]

    def __enter__(self) -> Receiver:
        self._server.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.stop()
