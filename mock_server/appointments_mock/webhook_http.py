"""The HTTP of webhook attempts: one POST, over connections kept alive per origin, with h11.

An attempt costs the mock's process little this way (h11, the HTTP/1.1 state machine uvicorn and
httpcore are built on, over asyncio streams): the sender shares the process with the API, and
under load every microsecond it spends is one the API does not get. What an attempt needs is
small and fixed: a POST with a ``Content-Length`` body, no redirects (a receiver's 3xx is its
answer), no cookies, no proxies, and of the response only its status, with at most
``max_read`` bytes of its body read (a longer body closes the connection instead).

Connections are reused when the receiver keeps them alive; one reused connection that turns out
to be closed before it sent a byte of its answer (the receiver dropped it while idle) is
replaced once by a fresh one, which is what HTTP clients do for idempotent requests; a receiver
identifies a repeated event by its ``webhook-id`` anyway.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import h11

_IDLE_PER_ORIGIN = 8
_READ_CHUNK = 65536

Origin = tuple[str, str, int]  # scheme, host, port


class DeliveryError(Exception):
    """An attempt got no answer: the connection failed or the answer was not HTTP."""


@dataclass
class _Connection:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    h11: h11.Connection = field(default_factory=lambda: h11.Connection(h11.CLIENT))
    reused: bool = False

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.writer.close()


class Connections:
    """Idle connections per origin, and the POST of one attempt (one event loop's)."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self._tls = tls
        self._idle: dict[Origin, list[_Connection]] = {}

    async def post(
        self, url: str, headers: list[tuple[str, str]], body: bytes, *, max_read: int
    ) -> int:
        """POST ``body`` to ``url``; the response's status. Raises :class:`DeliveryError`."""
        parts = urlsplit(url)
        try:
            port = parts.port
        except ValueError as error:
            raise DeliveryError(f"bad port in {url!r}") from error
        scheme, host = parts.scheme, parts.hostname or ""
        origin = (scheme, host, port or (443 if scheme == "https" else 80))
        default_port = port is None or port == (443 if scheme == "https" else 80)
        authority = host if default_port else f"{host}:{port}"
        if ":" in host and not default_port:
            authority = f"[{host}]:{port}"
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request = h11.Request(
            method="POST",
            target=target,
            headers=[("host", authority), ("content-length", str(len(body))), *headers],
        )
        connection = self._idle_connection(origin)
        if connection is not None:
            try:
                return await self._exchange(origin, connection, request, body, max_read)
            except _StaleConnection:
                pass  # closed while idle, before answering: once more on a fresh connection
        connection = await self._open(origin)
        try:
            return await self._exchange(origin, connection, request, body, max_read)
        except _StaleConnection as error:
            raise DeliveryError("the connection closed before an answer") from error

    def close(self) -> None:
        """Close every idle connection."""
        for idle in self._idle.values():
            for connection in idle:
                connection.close()
        self._idle.clear()

    def _idle_connection(self, origin: Origin) -> _Connection | None:
        idle = self._idle.get(origin)
        while idle:
            connection = idle.pop()
            if not connection.reader.at_eof():
                connection.reused = True
                return connection
            connection.close()
        return None

    async def _open(self, origin: Origin) -> _Connection:
        scheme, host, port = origin
        tls = None
        if scheme == "https":
            tls = self._tls or ssl.create_default_context()
        try:
            reader, writer = await asyncio.open_connection(
                host, port, ssl=tls, server_hostname=host if tls is not None else None
            )
        except (OSError, ssl.SSLError) as error:
            raise DeliveryError(f"cannot connect: {error}") from error
        return _Connection(reader, writer)

    async def _exchange(
        self,
        origin: Origin,
        connection: _Connection,
        request: h11.Request,
        body: bytes,
        max_read: int,
    ) -> int:
        conn = connection.h11
        status: int | None = None
        try:
            connection.writer.write(
                conn.send(request) + conn.send(h11.Data(data=body)) + conn.send(h11.EndOfMessage())
            )
            await connection.writer.drain()
            read = 0
            while True:
                event = conn.next_event()
                if event is h11.NEED_DATA:
                    data = await connection.reader.read(_READ_CHUNK)
                    if not data and status is None and connection.reused:
                        raise _StaleConnection
                    conn.receive_data(data)
                    continue
                if isinstance(event, h11.Response):
                    status = event.status_code
                elif isinstance(event, h11.Data):
                    read += len(event.data)
                    if read > max_read:  # enough: the status is all an attempt needs
                        connection.close()
                        return _answered(status)
                elif isinstance(event, h11.EndOfMessage):
                    break
                elif isinstance(event, h11.ConnectionClosed):
                    raise DeliveryError("the connection closed mid-answer")
        except (_StaleConnection, DeliveryError):
            connection.close()
            raise
        except (OSError, ssl.SSLError) as error:
            connection.close()
            if connection.reused and status is None:
                raise _StaleConnection from error
            raise DeliveryError(f"connection error: {error}") from error
        except h11.ProtocolError as error:
            connection.close()
            raise DeliveryError(f"not an HTTP/1.1 answer: {error}") from error
        except BaseException:  # cancelled (a timeout): the connection's state is unknown
            connection.close()
            raise
        if conn.our_state is h11.DONE and conn.their_state is h11.DONE:
            conn.start_next_cycle()
            idle = self._idle.setdefault(origin, [])
            if len(idle) < _IDLE_PER_ORIGIN:
                connection.reused = False
                idle.append(connection)
                return _answered(status)
        connection.close()
        return _answered(status)


class _StaleConnection(Exception):
    """A reused connection was closed before any byte of the answer."""


def _answered(status: int | None) -> int:
    if status is None:  # pragma: no cover - h11 yields a Response before Data or the end
        raise DeliveryError("no status line")
    return status
