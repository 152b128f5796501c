"""How the mock is served over a socket: uvicorn with bounded connections (``limits.py``).

``appointments-mock serve`` and the test server (``_threaded_server.py``, the pytest plugin's
socket mode) both build their ``uvicorn.Config`` here, so they share the same limits, and both
run it as a :class:`Server`, which calls back in the server's loop once it listens:

* ``timeout_keep_alive`` closes a kept-alive connection idle between requests;
* ``limit_concurrency`` answers 503 beyond that many connections and requests at once;
* a **request-head timeout**: uvicorn has none (each byte received restarts its clock), so a
  client sending its headers a byte at a time ("slowloris") would hold a connection for ever.
  :class:`HeadTimeoutProtocol` wraps uvicorn's own HTTP protocol and closes a connection that
  has not sent a complete request head (up to the blank line) within ``HEADER_TIMEOUT_SECONDS``
  of connecting, or of the previous response.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import uvicorn
from uvicorn.protocols.http.auto import AutoHTTPProtocol

from appointments_mock.limits import HEADER_TIMEOUT_SECONDS, KEEP_ALIVE_SECONDS, MAX_CONNECTIONS

logger = logging.getLogger("appointments_mock")

_END_OF_HEAD = b"\r\n\r\n"


class _Transport:
    """The connection's transport as the HTTP protocol sees it, noting when a response goes out."""

    def __init__(self, transport: Any, on_write: Any) -> None:
        self._transport = transport
        self._on_write = on_write

    def write(self, data: bytes) -> None:
        self._on_write()
        self._transport.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class HeadTimeoutProtocol(asyncio.Protocol):
    """uvicorn's HTTP protocol, closed if a request head takes longer than ``head_timeout``."""

    head_timeout: float = HEADER_TIMEOUT_SECONDS

    def __init__(self, **kwargs: Any) -> None:
        self._inner: asyncio.Protocol = AutoHTTPProtocol(**kwargs)
        self._loop = kwargs.get("_loop") or asyncio.get_running_loop()
        self._transport: Any = None
        self._timer: asyncio.TimerHandle | None = None
        self._waiting = True  # for a request head (from connecting, or after a response)
        self._answered = False
        self._tail = b""

    # the deadline ------------------------------------------------------------------------------

    def _arm(self) -> None:
        self._disarm()
        self._timer = self._loop.call_later(self.head_timeout, self._expire)

    def _disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _expire(self) -> None:
        self._timer = None
        if self._waiting and self._transport is not None and not self._transport.is_closing():
            logger.debug("closing a connection that sent no request head in %ss", self.head_timeout)
            self._transport.close()

    def _responded(self) -> None:
        self._answered = True

    # asyncio.Protocol ------------------------------------------------------------------------------

    def connection_made(self, transport: Any) -> None:  # uvloop's transports are not asyncio's
        self._transport = transport
        self._arm()
        self._inner.connection_made(_Transport(transport, self._responded))  # type: ignore[arg-type]

    def data_received(self, data: bytes) -> None:
        if not self._waiting and self._answered:  # the next request on a kept-alive connection
            self._waiting, self._answered, self._tail = True, False, b""
            self._arm()
        if self._waiting:
            seen = self._tail + data
            if _END_OF_HEAD in seen:
                self._waiting = False
                self._disarm()
            else:
                self._tail = seen[-(len(_END_OF_HEAD) - 1) :]
        self._inner.data_received(data)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        self._inner.connection_lost(exc)

    def eof_received(self) -> bool | None:
        return self._inner.eof_received()

    def pause_writing(self) -> None:
        self._inner.pause_writing()

    def resume_writing(self) -> None:
        self._inner.resume_writing()


def head_timeout_protocol(seconds: float) -> type[asyncio.Protocol]:
    """The protocol class for ``uvicorn.Config(http=...)`` with a head timeout of ``seconds``."""
    return type("HeadTimeoutProtocol", (HeadTimeoutProtocol,), {"head_timeout": seconds})


def uvicorn_config(
    app: Any,
    *,
    host: str,
    port: int,
    log_level: str,
    header_timeout: float = HEADER_TIMEOUT_SECONDS,
    keep_alive: int = KEEP_ALIVE_SECONDS,
    max_connections: int = MAX_CONNECTIONS,
) -> uvicorn.Config:
    """The server settings ``serve`` and the test server share."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=head_timeout_protocol(header_timeout),
        log_level=log_level,
        access_log=False,
        lifespan="off",
        workers=1,
        timeout_keep_alive=keep_alive,
        limit_concurrency=max_connections,
    )


class Server(uvicorn.Server):
    """uvicorn's server, calling ``on_started(self)`` in its event loop once it listens (where
    ``serve`` prints its banner and the webhook sender makes that loop its home)."""

    def __init__(
        self, config: uvicorn.Config, on_started: Callable[[Server], None] | None = None
    ) -> None:
        super().__init__(config)
        self.on_started = on_started

    async def startup(self, sockets: Any = None) -> None:
        """uvicorn's start-up, then ``on_started`` (if the sockets were bound)."""
        await super().startup(sockets)
        if self.started and self.on_started is not None:
            self.on_started(self)
