"""Serve an ASGI app with uvicorn in a background thread, on a free loopback port.

    with ThreadedServer(create_app()) as server:
        httpx2.get(f"{server.url}/_mock/health")

The one way the pytest plugin (``socket`` mode) and the repository's own tests run the mock over a
real socket, with the same connection limits as ``appointments-mock serve`` (``serving.py``).
uvicorn binds port 0, so the kernel picks the port and nothing can take it between choosing and
binding. uvicorn is imported by :meth:`ThreadedServer.start`, not here: the pytest
plugin imports this module and must stay free to import.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import uvicorn

__all__ = ["HOST", "ThreadedServer"]

HOST = "127.0.0.1"


class ThreadedServer:
    """One uvicorn server on a daemon thread: :meth:`start` returns once it accepts connections,
    :meth:`stop` once its thread has ended."""

    def __init__(
        self,
        app: Any,
        *,
        name: str = "appointments-mock",
        log_level: str = "warning",
        start_timeout: float = 15.0,
        stop_timeout: float = 10.0,
        header_timeout: float | None = None,
        on_started: Callable[[], None] | None = None,
    ) -> None:
        self.app = app
        """The ASGI app served (lifespan events are not sent: the mock has none)."""
        self.name = name
        """The thread's name, as seen in tracebacks and thread dumps."""
        self._log_level = log_level
        self._start_timeout = start_timeout
        self._stop_timeout = stop_timeout
        self._header_timeout = header_timeout
        self._on_started = on_started  # called in the server's event loop once it listens
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._port: int | None = None

    @property
    def port(self) -> int:
        """The port the server listens on (known once started)."""
        if self._port is None:
            raise RuntimeError(f"{self!r} is not running")
        return self._port

    @property
    def url(self) -> str:
        """The server's root, e.g. ``http://127.0.0.1:53127`` (no trailing slash, no ``/v1``)."""
        return f"http://{HOST}:{self.port}"

    def start(self) -> ThreadedServer:
        """Start serving and wait until the socket listens; returns the server itself."""
        from appointments_mock.limits import HEADER_TIMEOUT_SECONDS
        from appointments_mock.serving import Server, uvicorn_config

        if self._thread is not None:
            raise RuntimeError(f"{self!r} was started already")
        config = uvicorn_config(
            self.app,
            host=HOST,
            port=0,
            log_level=self._log_level,
            header_timeout=self._header_timeout or HEADER_TIMEOUT_SECONDS,
        )
        on_started = self._on_started
        server = Server(config, None if on_started is None else lambda _: on_started())
        thread = threading.Thread(target=server.run, name=self.name, daemon=True)
        self._server, self._thread = server, thread
        thread.start()
        deadline = time.monotonic() + self._start_timeout
        # `started` is set once the listening socket is bound: from then on connections are
        # accepted, so there is no need to poll over HTTP.
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{self.name}: the server did not start")
            time.sleep(0.01)
        self._port = int(server.servers[0].sockets[0].getsockname()[1])
        return self

    def stop(self) -> None:
        """Ask the server to exit and wait for its thread (a no-op when it is not running)."""
        if self._server is None or self._thread is None:
            return
        self._server.should_exit = True
        # The thread is a daemon: should the server hang, it cannot keep the interpreter alive.
        self._thread.join(timeout=self._stop_timeout)
        self._server = self._thread = None
        self._port = None

    def __enter__(self) -> ThreadedServer:
        """Start the server (unless it runs already); it stops when the block ends."""
        return self if self._thread is not None else self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        where = self.url if self._port is not None else "not running"
        return f"<ThreadedServer {self.name} {where}>"
