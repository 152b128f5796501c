"""pytest fixtures for testing code against the appointments mock server.

Registered as the ``pytest11`` entry point ``appointments_mock``, so it is active wherever
``appointments-sdk`` is installed. Importing it costs nothing: the mock server (Connexion, uvicorn)
and the SDK are imported only when a test asks for a fixture below, so SDK-only installs and
unrelated test suites are not affected.

Fixtures:

* ``appointments_mock`` — function-scoped :class:`AppointmentsMock`: a fresh mock session (its own
  demo data, clock, journal and faults), ready SDK clients per role (sync and async), clock and
  fault control, journal assertions and the demo data's ids. Everything is torn down after the test.
* ``appointments_mock_server`` — session-scoped :class:`MockServer` that the handles share.
* ``webhook_receiver`` — ``appointments_mock.webhooks``, a :class:`WebhookReceiver`: a webhook
  endpoint of the test's session that records and verifies what it receives, waits for events
  (``wait_for("appointment.canceled", timeout=2)``) and answers a chosen status.

Where the server runs (``--appointments-mock=MODE``, ini ``appointments_mock``):

* ``inprocess`` (default): the ASGI app in this process, no port. Async clients use
  ``httpx2.ASGITransport``; sync clients run the app on an event loop in a background thread (an
  anyio blocking portal, as Starlette's ``TestClient`` does).
* ``socket``: uvicorn on a free 127.0.0.1 port in a background thread. One test can ask for it
  with ``@pytest.mark.appointments_mock(mode="socket")``.
* an external server: ``--appointments-mock-url=http://127.0.0.1:8080`` (ini ``appointments_mock_url``,
  env ``APPOINTMENTS_MOCK_URL``), e.g. one server shared by every xdist worker. Sessions keep the
  tests apart.

``--appointments-mock-seed`` (ini ``appointments_mock_seed``, default 0) seeds the servers the
plugin starts; for an external server, pass the seed it was started with so that
``appointments_mock.demo`` knows its ids.

``--appointments-mock-world=FILE`` (ini ``appointments_mock_world``, relative to the ini file) starts
every session from a world file instead of the demo data (as ``appointments-mock serve --world``);
one test can ask for its own with ``@pytest.mark.appointments_mock(world="file.yaml")`` (relative
to the test's file; a server per world file, shared by the tests that name it). The clients of
``appointments_mock`` then use the world's first API key of each role.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import re
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pytest

from appointments_mock._extra import missing_extra
from appointments_mock._threaded_server import ThreadedServer

if TYPE_CHECKING:
    import httpx2

    from appointments import AppointmentsClient, AsyncAppointmentsClient
    from appointments_mock.journal import JournalEntry
    from appointments_mock.world_file import WorldFile

__all__ = [
    "ROLE_KEYS",
    "AppointmentsMock",
    "Clock",
    "Demo",
    "Journal",
    "MockServer",
    "ReceivedWebhook",
    "WebhookReceiver",
]

Mode = Literal["inprocess", "socket", "external"]
Role = Literal["admin", "api_client", "staff", "client"]

ROLE_KEYS: dict[str, str] = {
    "admin": "demo-admin-key",
    "api_client": "demo-api-key",
    "staff": "demo-staff-key",
    "client": "demo-client-key",
}
"""The demo API key of each role (the same keys ``appointments-mock serve`` prints)."""

SESSION_HEADER = "X-Mock-Session"
_IN_PROCESS_URL = "http://appointments-mock"
_MODES = ("inprocess", "socket")
_URL_ENV = "APPOINTMENTS_MOCK_URL"
_UNSAFE_SESSION_CHARS = re.compile(r"[^A-Za-z0-9._:@/+=-]+")


# -- options ----------------------------------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("appointments-mock", "appointments mock server")
    group.addoption(
        "--appointments-mock",
        dest="appointments_mock_mode",
        choices=_MODES,
        default=None,
        help="where the plugin runs the mock: inprocess (default, no port) or socket (uvicorn).",
    )
    group.addoption(
        "--appointments-mock-url",
        dest="appointments_mock_url",
        default=None,
        help=f"use a mock server that is already running at this URL (env {_URL_ENV}).",
    )
    group.addoption(
        "--appointments-mock-seed",
        dest="appointments_mock_seed",
        type=int,
        default=None,
        help="seed of the ids the sessions draw (default 0).",
    )
    group.addoption(
        "--appointments-mock-snapshots",
        dest="appointments_mock_snapshots",
        default=None,
        metavar="DIR",
        help="save the mock session of each failing test there (a snapshot, for a bug report).",
    )
    group.addoption(
        "--appointments-mock-world",
        dest="appointments_mock_world",
        default=None,
        metavar="FILE",
        help="start every session from this world file (JSON or YAML) instead of the demo data.",
    )
    parser.addini("appointments_mock", "mock mode: inprocess or socket", default="inprocess")
    parser.addini("appointments_mock_url", "URL of an external mock server", default="")
    parser.addini("appointments_mock_seed", "seed of the ids the sessions draw", default="0")
    parser.addini(
        "appointments_mock_snapshots",
        "directory for the mock sessions of failing tests (relative to this file)",
        default="",
    )
    parser.addini(
        "appointments_mock_world",
        "world file the sessions start from (relative to this file)",
        default="",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        'appointments_mock(mode="socket", world="file.yaml"): run this test against the mock '
        "over a real socket, or from its own world file (relative to the test's file).",
    )


@dataclass(frozen=True)
class _Settings:
    mode: Mode
    url: str | None
    seed: int
    world: Path | None = None


def _settings(config: pytest.Config) -> _Settings:
    url = (
        config.getoption("appointments_mock_url")
        or str(config.getini("appointments_mock_url"))
        or os.environ.get(_URL_ENV, "")
    )
    seed = config.getoption("appointments_mock_seed")
    if seed is None:
        seed = int(str(config.getini("appointments_mock_seed")))
    world = _world_setting(config)
    if url:
        if world is not None:
            raise pytest.UsageError(
                "a world file is the server's own: start it with `appointments-mock serve "
                "--world FILE`, and drop the plugin's world setting with an external server"
            )
        return _Settings("external", url, seed)
    mode = config.getoption("appointments_mock_mode") or str(config.getini("appointments_mock"))
    if mode not in _MODES:
        raise pytest.UsageError(f"appointments_mock = {mode!r}: use one of {', '.join(_MODES)}")
    return _Settings("socket" if mode == "socket" else "inprocess", None, seed, world)


def _world_setting(config: pytest.Config) -> Path | None:
    """The world file of the option (relative to where pytest runs) or the ini (to the ini file)."""
    option = config.getoption("appointments_mock_world")
    if option:
        return Path(config.invocation_params.dir, option)
    ini = str(config.getini("appointments_mock_world"))
    if ini:
        base = config.inipath.parent if config.inipath is not None else config.rootpath
        return Path(base, ini)
    return None


def _load_world(path: Path) -> WorldFile:
    """A checked world file; a bad one fails with every problem, as ``serve --world`` does."""
    with _needs_mock_extra("appointments_mock world files"):
        from appointments_mock.world_file import WorldFileError, load_world

        try:
            return load_world(path)
        except WorldFileError as exc:
            raise pytest.UsageError(str(exc)) from None


# -- the server -------------------------------------------------------------------------------------


class MockServer:
    """A running mock server shared by a test session: where it is and how clients reach it."""

    def __init__(
        self, mode: Mode, url: str, seed: int, app: Any = None, world: WorldFile | None = None
    ) -> None:
        self.mode: Mode = mode
        self.url = url.rstrip("/").removesuffix("/v1")
        """The server's root, e.g. ``http://127.0.0.1:8080`` (the control API is under ``/_mock``)."""
        self.base_url = f"{self.url}/v1"
        """The API's base URL, for ``AppointmentsClient(base_url=...)``."""
        self.seed = seed
        self.app = app
        """The ASGI app when it runs in this process (``inprocess`` and ``socket``), else None."""
        self.world = world
        """The world file the sessions start from (None: the demo data)."""
        self.keys: dict[str, str] = dict(ROLE_KEYS)
        """The API key of each role: the demo's, or the world's first key of each role."""
        if world is not None:
            self.keys = {}
            for key, role in world.keys().items():
                self.keys.setdefault(role, key)
        self._resources = ExitStack()
        self._portal_lock = threading.Lock()
        self._portal: Any = None

    def transport(self) -> httpx2.BaseTransport | None:
        """A sync transport to the server (None: httpx2's default, over the network)."""
        if self.mode != "inprocess":
            return None
        return _transport_classes()[1](self.app, self._blocking_portal())  # type: ignore[call-arg]

    def async_transport(self) -> httpx2.AsyncBaseTransport:
        """An async transport to the server, for the event loop of the test that uses it."""
        import httpx2

        if self.mode == "inprocess":
            return _transport_classes()[0](app=self.app)  # type: ignore[call-arg]
        # No kept-alive connections: nothing is left bound to the test's event loop afterwards.
        return httpx2.AsyncHTTPTransport(limits=httpx2.Limits(max_keepalive_connections=0))

    def _blocking_portal(self) -> Any:
        with self._portal_lock:
            if self._portal is None:
                from anyio.from_thread import start_blocking_portal

                self._portal = self._resources.enter_context(start_blocking_portal())
            return self._portal

    def close(self) -> None:
        """Stop what the server started (its thread, its event loop)."""
        self._resources.close()

    def __repr__(self) -> str:
        return f"<MockServer {self.mode} {self.url}>"


@contextlib.contextmanager
def _needs_mock_extra(what: str) -> Iterator[None]:
    """Fail with "install appointments-sdk[mock]" where an SDK-only install lacks a dependency."""
    try:
        yield
    except ModuleNotFoundError as exc:
        message = missing_extra(exc, what)
        if message is None:
            raise
        # `pytest.fail`, without the ModuleNotFoundError chained to it in the report
        raise pytest.fail.Exception(message, pytrace=False) from None


def _start(settings: _Settings, world: WorldFile | None = None) -> MockServer:
    if settings.mode == "external":
        assert settings.url is not None
        server = MockServer("external", settings.url, settings.seed)
        _check_health(server)
        return server
    if world is None and settings.world is not None:
        world = _load_world(settings.world)
    from appointments_mock._quiet_import import quiet_connexion_import

    with (
        _needs_mock_extra(f"The appointments mock ({settings.mode} mode)"),
        quiet_connexion_import(),
    ):
        from appointments_mock.app import create_app

        app = create_app(seed=settings.seed, world=world)
    if settings.mode == "inprocess":
        return MockServer("inprocess", _IN_PROCESS_URL, settings.seed, app, world)
    return _serve_on_socket(app, settings.seed, world)


def _serve_on_socket(app: Any, seed: int, world: WorldFile | None = None) -> MockServer:
    with _needs_mock_extra("The appointments mock (socket mode)"):
        from appointments_mock.app import webhooks_of

        # Webhooks go from the server's loop, which lasts as long as it does (webhooks.py).
        sender = webhooks_of(app)
        running = ThreadedServer(
            app, name="appointments-mock", on_started=sender.host_in_running_loop
        ).start()
    server = MockServer("socket", running.url, seed, app, world)
    server._resources.callback(running.stop)
    return server


def _check_health(server: MockServer) -> None:
    import httpx2

    try:
        response = httpx2.get(f"{server.url}/_mock/health", timeout=5)
        response.raise_for_status()
    except httpx2.HTTPError as exc:
        raise pytest.UsageError(
            f"no appointments mock server answers at {server.url} ({exc}); start one with "
            "`appointments-mock serve` or drop --appointments-mock-url"
        ) from exc


@functools.cache
def _transport_classes() -> tuple[type[httpx2.AsyncBaseTransport], type[httpx2.BaseTransport]]:
    """The in-process transports, defined on first use so that importing the plugin is free."""
    import asyncio

    import httpx2

    class ASGITransport(httpx2.ASGITransport):
        """``httpx2.ASGITransport`` that behaves as the mock does over a socket: a ``drop``
        fault is a disconnect, and the client's read timeout is honoured.

        The timeout is the request's own (``request.extensions["timeout"]``, where httpx2 and
        the SDK put a call's ``timeout=``). When it runs out, the caller gets ``ReadTimeout``
        while the app goes on handling the request to its end, as a server does after its
        client gave up: a delayed write still happens, and a retry with the same
        ``Idempotency-Key`` sees it as over a socket (409 while it runs, then the replay).
        """

        def __init__(self, app: Any) -> None:
            super().__init__(app=app)
            self._handling: set[asyncio.Future[httpx2.Response]] = set()

        async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
            timeout = _read_timeout(request)
            if timeout is None or not _on_asyncio():  # (under trio: no limit, as before)
                return await self._handle(request)
            handling = asyncio.ensure_future(self._handle(request))
            self._handling.add(handling)  # kept until done: a task nobody holds may be collected
            handling.add_done_callback(self._handling.discard)
            try:
                return await asyncio.wait_for(asyncio.shield(handling), timeout)
            except TimeoutError:
                # Nobody will read its answer; fetch its outcome so none is reported as lost.
                handling.add_done_callback(_forget)
                raise httpx2.ReadTimeout(
                    f"no response within the read timeout ({timeout:g} s)", request=request
                ) from None

        async def _handle(self, request: httpx2.Request) -> httpx2.Response:
            try:
                return await super().handle_async_request(request)
            except ConnectionResetError as exc:  # the mock's in-process `drop`
                raise httpx2.RemoteProtocolError(
                    "Server disconnected without sending a response.", request=request
                ) from exc

        async def aclose(self) -> None:
            """Let requests the caller gave up on finish, as a server would."""
            if self._handling:
                await asyncio.wait(set(self._handling))
            await super().aclose()

    class PortalTransport(httpx2.BaseTransport):
        """A sync transport: the ASGI app runs on the event loop of an anyio blocking portal
        (a background thread), the way Starlette's ``TestClient`` does it. Timeouts are
        enforced there by ``ASGITransport``."""

        def __init__(self, app: Any, portal: Any) -> None:
            self._asgi = ASGITransport(app=app)
            self._portal = portal

        def handle_request(self, request: httpx2.Request) -> httpx2.Response:
            response: httpx2.Response = self._portal.call(self._send, request, request.read())
            return response

        async def _send(self, request: httpx2.Request, body: bytes) -> httpx2.Response:
            forwarded = httpx2.Request(
                request.method,
                request.url,
                headers=request.headers,
                content=body,
                extensions=request.extensions,  # the timeout, among others
            )
            response = await self._asgi.handle_async_request(forwarded)
            content = await response.aread()
            return httpx2.Response(
                response.status_code, headers=response.headers, content=content, request=request
            )

    return ASGITransport, PortalTransport


def _read_timeout(request: Any) -> float | None:
    """The request's read timeout in seconds (None: no limit), from its ``timeout`` extension."""
    timeout = request.extensions.get("timeout")
    read = timeout.get("read") if isinstance(timeout, dict) else None
    return float(read) if isinstance(read, int | float) else None


def _on_asyncio() -> bool:
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _forget(handling: Any) -> None:
    if not handling.cancelled():
        handling.exception()


# -- webhooks -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReceivedWebhook:
    """One request the receiver got (every attempt, also the ones it refused)."""

    headers: dict[str, str]
    """The request headers, names in lower case (``webhook-id``, ``webhook-signature``, ...)."""
    body: bytes
    status: int
    """What the receiver answered."""
    received_at: datetime
    event: Any
    """The event, verified and parsed by the SDK (``client.webhooks.unwrap``); None if it failed."""
    error: str | None
    """Why verification failed (``WebhookVerificationError.reason``), else None."""

    @property
    def webhook_id(self) -> str:
        """The ``webhook-id`` header: the event's id, the same on every attempt."""
        return self.headers.get("webhook-id", "")

    @property
    def type(self) -> str | None:
        """The event type, if the body could be read."""
        return getattr(self.event, "type", None)


class WebhookReceiver:
    """A webhook endpoint of this test's session that records what it receives.

    Registered through the API on first use (``appointments_mock.webhooks`` or the
    ``webhook_receiver`` fixture), subscribed to every event. In the plugin's ``inprocess`` mode
    deliveries reach it without a socket; otherwise it listens on a free 127.0.0.1 port. Every
    request is verified with the endpoint's secret by the SDK; it answers 204, a status chosen
    with :meth:`respond_with`, or 400 to a request that fails verification.
    """

    def __init__(self, mock: AppointmentsMock) -> None:
        self._mock = mock
        self._condition = threading.Condition()
        self._answers: list[int] = []
        self.requests: list[ReceivedWebhook] = []
        """Every attempt received, oldest first."""
        self._server: ThreadedServer | None = None
        self._host: str | None = None
        server = mock.server
        if server.mode == "inprocess":
            from appointments_mock.app import webhooks_of

            self._host = f"receiver-{uuid.uuid4().hex[:12]}.appointments-mock.invalid"
            webhooks_of(server.app).mount(self._host, _receiver_transport(self))
            url = f"http://{self._host}/webhooks"
        else:

            async def app(scope: Any, receive: Any, send: Any) -> None:  # uvicorn: a function
                await self._asgi(scope, receive, send)

            self._server = ThreadedServer(app, name="appointments-mock-receiver").start()
            url = f"{self._server.url}/webhooks"
        endpoint = mock.client("admin").webhook_endpoints.create(
            url=url, description=f"pytest receiver of {mock.session}"
        )
        self.endpoint_id = str(endpoint.id)
        self.url = url
        self.secrets: list[str] = [endpoint.secret]
        """The secrets it verifies with: the endpoint's, and the previous one after a rotation."""

    @property
    def secret(self) -> str:
        """The endpoint's current ``whsec_`` secret."""
        return self.secrets[0]

    # what it answers ------------------------------------------------------------------------

    def respond_with(self, status: int, *, times: int = 1) -> None:
        """Answer the next ``times`` deliveries with ``status`` (e.g. 500 to exercise retries)."""
        with self._condition:
            self._answers += [status] * times

    def handle(self, headers: dict[str, str], body: bytes) -> int:
        """Record one request and choose its answer (the transport and the server call this)."""
        from appointments import Webhooks, WebhookVerificationError

        lowered = {k.lower(): v for k, v in headers.items()}
        event: Any = None
        error: str | None = None
        try:
            event = Webhooks(self.secrets).unwrap(body, lowered)
        except WebhookVerificationError as exc:
            error = exc.reason
        with self._condition:
            if error is not None:
                status = 400
            elif self._answers:
                status = self._answers.pop(0)
            else:
                status = 204
            self.requests.append(
                ReceivedWebhook(lowered, body, status, datetime.now(UTC), event, error)
            )
            self._condition.notify_all()
        return status

    # what it got ------------------------------------------------------------------------------

    @property
    def attempts(self) -> list[ReceivedWebhook]:
        """Every request received (also refused and failed ones), oldest first."""
        with self._condition:
            return list(self.requests)

    @property
    def events(self) -> list[Any]:
        """The events it accepted (answered 2xx), in the order they came."""
        with self._condition:
            return [r.event for r in self.requests if 200 <= r.status < 300]

    def wait_for(self, event_type: str | None = None, *, timeout: float = 5.0) -> Any:
        """The first accepted event of ``event_type`` (any type: None), waiting up to ``timeout``
        seconds for it; fails the test with what was received if none comes."""
        __tracebackhide__ = True
        return self._wait(lambda r: 200 <= r.status < 300 and _is(r, event_type), timeout).event

    def wait_for_attempts(
        self, count: int, *, event_type: str | None = None, timeout: float = 5.0
    ) -> list[ReceivedWebhook]:
        """Wait until ``count`` attempts (of ``event_type``) arrived; returns them."""
        __tracebackhide__ = True
        deadline = time.monotonic() + timeout
        with self._condition:
            while True:
                found = [r for r in self.requests if _is(r, event_type)]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"expected {count} webhook attempts"
                        f"{'' if event_type is None else f' of {event_type}'} within {timeout} s, "
                        f"got {len(found)}.\n{self.describe()}"
                    )
                self._condition.wait(left)

    def _wait(self, accept: Any, timeout: float) -> ReceivedWebhook:
        __tracebackhide__ = True
        deadline = time.monotonic() + timeout
        with self._condition:
            while True:
                for received in self.requests:
                    if accept(received):
                        return received
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no such webhook within {timeout} s.\n{self.describe()}")
                self._condition.wait(left)

    def describe(self) -> str:
        """What was received, one request per line (used in assertion messages)."""
        with self._condition:
            lines = [f"webhook receiver {self.url} ({len(self.requests)} requests):"]
            for r in self.requests:
                what = r.type or "?"
                extra = f"  [refused: {r.error}]" if r.error else ""
                lines.append(f"  {r.webhook_id}  {what:<22} -> {r.status}{extra}")
            return "\n".join(lines)

    def clear(self) -> None:
        """Forget what was received (queued answers stay)."""
        with self._condition:
            self.requests.clear()

    # the endpoint -----------------------------------------------------------------------------

    def deliveries(self) -> list[Any]:
        """The endpoint's deliveries as the API lists them (newest first, with their attempts)."""
        client = self._mock.client("admin")
        return list(client.webhook_endpoints.deliveries(self.endpoint_id))

    def rotate_secret(self, *, grace_period_seconds: int = 86400) -> str:
        """Rotate the endpoint's secret; the receiver verifies with the new and the old one."""
        client = self._mock.client("admin")
        rotated = client.webhook_endpoints.rotate_secret(
            self.endpoint_id, grace_period_seconds=grace_period_seconds
        )
        with self._condition:
            self.secrets = [rotated.secret, self.secrets[0]]
        return rotated.secret

    def fail(self, status: int = 500, *, times: int = 1, event_type: str = "*") -> dict[str, Any]:
        """Make the session's next ``times`` deliveries fail as if answered ``status`` (a fault of
        the mock: nothing is sent)."""
        fault: dict[str, Any] = self._mock._control.call(
            "POST",
            "/faults",
            json={
                "kind": "status",
                "target": "webhooks",
                "operation_id": event_type,
                "status": status,
                "times": times,
            },
        )
        return fault

    async def _asgi(self, scope: Any, receive: Any, send: Any) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        status = self.handle(headers, body)
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    def close(self) -> None:
        """Stop receiving (the server, or the in-process mount)."""
        if self._server is not None:
            self._server.stop()
        if self._host is not None:
            from appointments_mock.app import webhooks_of

            webhooks_of(self._mock.server.app).unmount(self._host)

    def __repr__(self) -> str:
        return f"<WebhookReceiver {self.url} requests={len(self.requests)}>"


def _is(received: ReceivedWebhook, event_type: str | None) -> bool:
    return event_type is None or received.type == event_type


def _receiver_transport(receiver: WebhookReceiver) -> Any:
    import httpx2

    class ReceiverTransport(httpx2.AsyncBaseTransport):
        """Deliveries to the receiver, handed over in this process (no socket)."""

        async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
            body = await request.aread()
            status = receiver.handle(dict(request.headers), body)
            return httpx2.Response(status, request=request)

    return ReceiverTransport()


# -- the handle -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Demo:
    """The ids of the demo data every new session starts with (``appointments_mock/seed.py``)."""

    practitioner_id: str
    """Dr. Ada Lovelace, whose staff key is ``demo-staff-key``."""
    client_id: str
    """Grace Hopper, whose client key is ``demo-client-key``."""
    practitioner_ids: tuple[str, ...]
    client_ids: tuple[str, ...]
    appointments: dict[str, str] = field(default_factory=dict)
    """Named demo appointments: ``upcoming``, ``past``, ``canceled``, ``deleted``, ``locked``,
    ``in_progress``, ``group``, ``series`` ... (ids depend on the seed)."""
    keys: dict[str, str] = field(default_factory=lambda: dict(ROLE_KEYS))


_demo_cache: dict[int, Demo] = {}


def _world_demo(server: MockServer) -> Demo:
    """The ids of a world file's data (what ``Demo`` says of the demo data, for that world)."""
    assert server.world is not None
    world = server.world.build(seed=server.seed)
    actors = {server.keys[role]: world.api_keys[server.keys[role]] for role in server.keys}
    staff = next((a.practitioner_id for a in actors.values() if a.type == "staff"), None)
    client = next((a.client_id for a in actors.values() if a.type == "client"), None)
    return Demo(
        practitioner_id=staff or next(iter(world.practitioners), ""),
        client_id=client or next(iter(world.clients), ""),
        practitioner_ids=tuple(world.practitioners),
        client_ids=tuple(world.clients),
        appointments=dict(world.labels),
        keys=dict(server.keys),
    )


def _demo(seed: int) -> Demo:
    """The demo ids for ``seed``: the seed data is deterministic, so a local copy knows them."""
    if seed not in _demo_cache:
        with _needs_mock_extra("appointments_mock.demo"):
            from appointments_mock import seed as demo_seed

        world = demo_seed.new_world(seed=seed)
        _demo_cache[seed] = Demo(
            practitioner_id=demo_seed.DEMO_PRACTITIONER_ID,
            client_id=demo_seed.DEMO_CLIENT_ID,
            practitioner_ids=tuple(p.id for p in demo_seed.PRACTITIONERS),
            client_ids=tuple(c.id for c in demo_seed.CLIENTS),
            appointments=dict(world.labels),
        )
    return _demo_cache[seed]


class _Control:
    """Calls to the control API (``/_mock``) for one session."""

    def __init__(self, http: httpx2.Client, session: str) -> None:
        self._http = http
        self.session = session

    def send(self, method: str, path: str, json: Any = None) -> httpx2.Response:
        """The raw response of a control call (for callers that read its problems)."""
        return self._http.request(
            method, f"/_mock{path}", json=json, headers={SESSION_HEADER: self.session}
        )

    def call(self, method: str, path: str, json: Any = None, **params: Any) -> Any:
        response = self._http.request(
            method,
            f"/_mock{path}",
            json=json,
            params={k: v for k, v in params.items() if v is not None},
            headers={SESSION_HEADER: self.session},
        )
        if response.is_error:
            raise RuntimeError(
                f"mock control call {method} /_mock{path} failed: "
                f"{response.status_code} {response.text}"
            )
        return response.json() if response.content else None


def _parse_instant(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


class Clock:
    """The session clock: every time rule of the mock (in progress, retention, ...) reads it."""

    def __init__(self, control: _Control) -> None:
        self._control = control

    def now(self) -> datetime:
        """The session's current time."""
        return _parse_instant(self._control.call("GET", "/clock")["now"])

    def state(self) -> dict[str, Any]:
        """``{"mode": "real" | "offset" | "frozen", "now": ..., "offset_seconds": ...}``."""
        state: dict[str, Any] = self._control.call("GET", "/clock")
        return state

    def freeze(self, at: datetime | str | None = None) -> datetime:
        """Stop time, at ``at`` (an aware datetime or RFC 3339 string) or now; returns now."""
        body: dict[str, str] = {}
        if isinstance(at, datetime):
            if at.tzinfo is None:
                raise ValueError("freeze(at=...) needs a timezone-aware datetime")
            body["at"] = at.isoformat()
        elif at is not None:
            body["at"] = at
        return _parse_instant(self._control.call("POST", "/clock/freeze", json=body)["now"])

    def advance(
        self, *, days: float = 0, hours: float = 0, minutes: float = 0, seconds: float = 0
    ) -> datetime:
        """Move time forward (negative: back) by the sum of the amounts; returns the new now."""
        amounts = {"days": days, "hours": hours, "minutes": minutes, "seconds": seconds}
        body = {unit: n for unit, n in amounts.items() if n} or {"seconds": 0}
        return _parse_instant(self._control.call("POST", "/clock/advance", json=body)["now"])

    def resume(self) -> datetime:
        """Real time again (time moved so far stays moved); returns now."""
        return _parse_instant(self._control.call("POST", "/clock/resume")["now"])


class Journal:
    """What the mock was asked in this session, oldest first, for assertions."""

    def __init__(self, control: _Control) -> None:
        self._control = control

    def entries(self, operation_id: str | None = None) -> list[JournalEntry]:
        """Every handled request (of ``operation_id`` only, if given)."""
        with _needs_mock_extra("appointments_mock.journal"):
            from appointments_mock.journal import JournalEntry

        page = self._control.call("GET", "/journal", operation_id=operation_id)
        return [JournalEntry(**item) for item in page["items"]]

    def calls(self, operation_id: str, *, status: int | None = None) -> list[JournalEntry]:
        """The requests to ``operation_id`` (with this response ``status``, if given)."""
        return [
            entry
            for entry in self.entries(operation_id)
            if status is None or entry.status == status
        ]

    def assert_called(
        self, operation_id: str, times: int | None = None, *, status: int | None = None
    ) -> list[JournalEntry]:
        """Fail unless ``operation_id`` was called (exactly ``times`` times); returns the calls."""
        __tracebackhide__ = True
        calls = self.calls(operation_id, status=status)
        if (times is None and calls) or len(calls) == times:
            return calls
        what = operation_id if status is None else f"{operation_id} with status {status}"
        expected = "at least once" if times is None else _times(times)
        raise AssertionError(
            f"expected {what} to be called {expected}, but it was called {_times(len(calls))}.\n"
            + self.describe()
        )

    def assert_not_called(self, operation_id: str) -> None:
        """Fail if ``operation_id`` was called."""
        __tracebackhide__ = True
        self.assert_called(operation_id, 0)

    def clear(self) -> None:
        """Forget every entry so far."""
        self._control.call("DELETE", "/journal")

    def describe(self) -> str:
        """The journal as text, one request per line (used in assertion messages)."""
        entries = self.entries()
        lines = [f"journal of mock session {self._control.session!r} ({len(entries)} requests):"]
        for entry in entries:
            status = str(entry.status) if entry.status else "dropped"
            extra = f"  [fault {entry.fault}]" if entry.fault else ""
            if entry.idempotent_replayed:
                extra += "  [replayed]"
            lines.append(
                f"  {entry.seq:>3}. {entry.operation_id or '-':<28} "
                f"{entry.method} {entry.path} -> {status}{extra}"
            )
        return "\n".join(lines)


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


class AppointmentsMock:
    """One test's mock session: clients, clock, faults, journal, demo ids (see the module doc)."""

    def __init__(self, server: MockServer, session: str) -> None:
        import httpx2

        self.server = server
        self.session = session
        """The name of this test's mock session (sent as ``X-Mock-Session``)."""
        self.base_url = server.base_url
        self._closers = ExitStack()
        self._async_http: list[httpx2.AsyncClient] = []
        self._clients: dict[str, AppointmentsClient] = {}
        self._async_clients: dict[str, AsyncAppointmentsClient] = {}
        control_http = self._closers.enter_context(
            httpx2.Client(base_url=server.url, transport=server.transport(), timeout=30)
        )
        self._control = _Control(control_http, session)
        self.clock = Clock(self._control)
        self.journal = Journal(self._control)

    # clients

    def headers(self, role: Role = "admin") -> dict[str, str]:
        """``Authorization`` and ``X-Mock-Session`` for a raw request as ``role``."""
        return {"Authorization": f"Bearer {self.key(role)}", SESSION_HEADER: self.session}

    def key(self, role: Role = "admin") -> str:
        """The API key of ``role`` this session's clients use (the demo's, or the world's)."""
        return _key(role, self.server.keys)

    def client(self, role: Role = "admin", **options: Any) -> AppointmentsClient:
        """A sync SDK client with the demo key of ``role`` (the same one each call, unless
        ``options`` such as ``max_retries=0`` or ``timeout=2`` are given)."""
        from appointments import AppointmentsClient

        if not options and role in self._clients:
            return self._clients[role]
        made = AppointmentsClient(
            api_key=self.key(role),
            base_url=self.base_url,
            default_headers={SESSION_HEADER: self.session},
            http_client=self.http(role),
            **options,
        )
        if not options:
            self._clients[role] = made
        return made

    def async_client(self, role: Role = "admin", **options: Any) -> AsyncAppointmentsClient:
        """An async SDK client with the demo key of ``role``, for this test's event loop."""
        from appointments import AsyncAppointmentsClient

        if not options and role in self._async_clients:
            return self._async_clients[role]
        made = AsyncAppointmentsClient(
            api_key=self.key(role),
            base_url=self.base_url,
            default_headers={SESSION_HEADER: self.session},
            http_client=self.async_http(role),
            **options,
        )
        if not options:
            self._async_clients[role] = made
        return made

    def http(self, role: Role = "admin") -> httpx2.Client:
        """A plain ``httpx2.Client`` on the API's base URL, as ``role``, in this session."""
        import httpx2

        return self._closers.enter_context(
            httpx2.Client(
                base_url=self.base_url,
                headers=self.headers(role),
                transport=self.server.transport(),
                timeout=30,
            )
        )

    def async_http(self, role: Role = "admin") -> httpx2.AsyncClient:
        """A plain ``httpx2.AsyncClient`` on the API's base URL, as ``role``, in this session."""
        import httpx2

        made = httpx2.AsyncClient(
            base_url=self.base_url,
            headers=self.headers(role),
            transport=self.server.async_transport(),
            timeout=30,
        )
        self._async_http.append(made)
        return made

    # demo data

    @cached_property
    def demo(self) -> Demo:
        """The ids of the demo data this session started with (a copy: yours to change)."""
        demo = (
            _world_demo(self.server) if self.server.world is not None else _demo(self.server.seed)
        )
        return dataclasses.replace(demo, appointments=dict(demo.appointments), keys=dict(demo.keys))

    # faults

    def fail(
        self,
        operation_id: str = "*",
        *,
        status: int = 503,
        times: int = 1,
        retry_after: int | None = 0,
        delay_ms: int = 0,
    ) -> dict[str, Any]:
        """Answer the next ``times`` calls of ``operation_id`` with ``status`` (a problem).

        ``retry_after`` is sent as ``Retry-After`` (default 0, so that the SDK's retries do not
        sleep; None: the mock's default, 1 s for 429 and 503).
        """
        body: dict[str, Any] = {"kind": "status", "operation_id": operation_id, "status": status}
        if retry_after is not None:
            body["retry_after"] = retry_after
        return self._fault(body, times, delay_ms)

    def delay(self, operation_id: str = "*", *, ms: int, times: int = 1) -> dict[str, Any]:
        """Handle the next ``times`` calls of ``operation_id`` normally, ``ms`` milliseconds late."""
        return self._fault({"kind": "delay", "operation_id": operation_id}, times, ms)

    def drop(
        self,
        operation_id: str = "*",
        *,
        times: int = 1,
        after_handler: bool = False,
        delay_ms: int = 0,
    ) -> dict[str, Any]:
        """Close the connection without an answer, before the operation runs or (with
        ``after_handler``) after it ran, so the change happened but the caller never hears."""
        body = {"kind": "drop", "operation_id": operation_id, "after_handler": after_handler}
        return self._fault(body, times, delay_ms)

    def corrupt(self, operation_id: str = "*", *, times: int = 1) -> dict[str, Any]:
        """Break the contract of the next responses (an undocumented ``status`` value)."""
        return self._fault({"kind": "corrupt", "operation_id": operation_id}, times, 0)

    def faults(self) -> list[dict[str, Any]]:
        """The queued faults, with how many applications each has left."""
        items: list[dict[str, Any]] = self._control.call("GET", "/faults")["items"]
        return items

    def clear_faults(self) -> None:
        """Remove every queued fault."""
        self._control.call("DELETE", "/faults")

    def _fault(self, body: dict[str, Any], times: int, delay_ms: int) -> dict[str, Any]:
        fault: dict[str, Any] = self._control.call(
            "POST", "/faults", json={**body, "times": times, "delay_ms": delay_ms}
        )
        return fault

    # the session

    def lock(self, appointment_id: str | uuid.UUID, reason: str = "invoiced") -> None:
        """Lock an appointment (it can then neither change nor be deleted); ``appointment_id``
        as the SDK's models carry it (a UUID) or as a string."""
        self._control.call("POST", f"/appointments/{appointment_id}/lock", json={"reason": reason})

    def unlock(self, appointment_id: str | uuid.UUID) -> None:
        """Unlock an appointment."""
        self._control.call("POST", f"/appointments/{appointment_id}/unlock")

    def reset(self) -> None:
        """Start the session afresh: demo data, clock, journal, faults, idempotency keys."""
        self._control.call("POST", "/reset")

    # snapshots

    def snapshot(self) -> dict[str, Any]:
        """The session as one document (``GET /_mock/snapshot``): a world file with its clock,
        audit trail, notifications, idempotency keys and counters; ``restore`` takes it back."""
        document: dict[str, Any] = self._control.call("GET", "/snapshot")
        return document

    def restore(self, document: dict[str, Any]) -> None:
        """Replace the session with a snapshot's state (all or nothing); a bad document raises
        ``ValueError`` listing every problem by JSON Pointer."""
        response = self._control.send("PUT", "/snapshot", document)
        if response.status_code == 400:
            problem = response.json()
            errors = problem.get("errors") or [{"pointer": "", "detail": problem.get("detail")}]
            lines = [f"  {e.get('pointer') or '/'}: {e.get('detail')}" for e in errors]
            raise ValueError("the snapshot was refused:\n" + "\n".join(lines))
        if response.is_error:
            raise RuntimeError(
                f"mock control call PUT /_mock/snapshot failed: {response.status_code} {response.text}"
            )

    # webhooks

    @cached_property
    def webhooks(self) -> WebhookReceiver:
        """A webhook endpoint of this session that records what it receives (registered now)."""
        with _needs_mock_extra("The webhook receiver (webhook_receiver)"):
            receiver = WebhookReceiver(self)
        self._closers.callback(receiver.close)
        return receiver

    def close(self) -> None:
        """Close every client and forget the session on the server."""
        with contextlib.suppress(Exception):  # the server may be gone already: nothing to forget
            self._control.call("DELETE", "/session")
        # Async clients hold no pooled connections (see MockServer.async_transport), so dropping
        # them is enough; closing would need the test's event loop, which has ended.
        self._async_http.clear()
        self._closers.close()

    def __repr__(self) -> str:
        return f"<AppointmentsMock session={self.session!r} {self.server.mode} {self.server.url}>"


def _key(role: str, keys: dict[str, str] = ROLE_KEYS) -> str:
    if role not in ROLE_KEYS:
        raise ValueError(f"unknown role {role!r}: use one of {', '.join(ROLE_KEYS)}")
    try:
        return keys[role]
    except KeyError:
        raise ValueError(f"the world file has no API key of role {role!r}") from None


def _session_name(nodeid: str) -> str:
    test = _UNSAFE_SESSION_CHARS.sub("-", nodeid.rsplit("::", 1)[-1]).strip("-")[:80]
    return f"pytest-{uuid.uuid4().hex[:12]}-{test}".rstrip("-")


# -- fixtures ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def appointments_mock_server(pytestconfig: pytest.Config) -> Iterator[MockServer]:
    """The mock server of this test session (mode from ``--appointments-mock``/``-url``)."""
    server = _start(_settings(pytestconfig))
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def appointments_mock_socket_server(
    pytestconfig: pytest.Config, appointments_mock_server: MockServer
) -> Iterator[MockServer]:
    """A mock server on a real socket (the default one, if it already is on a socket)."""
    if appointments_mock_server.mode != "inprocess":
        yield appointments_mock_server
        return
    server = _serve_on_socket(
        appointments_mock_server.app, appointments_mock_server.seed, appointments_mock_server.world
    )
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def webhook_receiver(appointments_mock: AppointmentsMock) -> WebhookReceiver:
    """A webhook endpoint of the test's mock session that records what it receives
    (``appointments_mock.webhooks``)."""
    return appointments_mock.webhooks


@pytest.fixture(scope="session")
def appointments_mock_world_servers(
    pytestconfig: pytest.Config,
) -> Iterator[dict[tuple[Path, str], MockServer]]:
    """The servers started for ``@pytest.mark.appointments_mock(world=...)``, by file and mode."""
    servers: dict[tuple[Path, str], MockServer] = {}
    try:
        yield servers
    finally:
        for server in servers.values():
            server.close()


def _world_server(request: pytest.FixtureRequest, world: Any, mode: str | None) -> MockServer:
    """The server of a test's own world file (started on first use, then shared)."""
    settings = _settings(request.config)
    if settings.mode == "external":
        raise pytest.UsageError(
            "@pytest.mark.appointments_mock(world=...) needs a server the plugin starts, not "
            "--appointments-mock-url"
        )
    path = Path(request.path.parent, str(world)).resolve()
    wanted = "socket" if mode == "socket" else settings.mode
    servers: dict[tuple[Path, str], MockServer] = request.getfixturevalue(
        "appointments_mock_world_servers"
    )
    if (path, wanted) not in servers:
        try:
            loaded = _load_world(path)
        except pytest.UsageError as exc:
            raise pytest.fail.Exception(str(exc), pytrace=False) from None
        mode_of: Mode = "socket" if wanted == "socket" else "inprocess"
        servers[path, wanted] = _start(_Settings(mode_of, None, settings.seed, None), loaded)
    return servers[path, wanted]


@pytest.fixture
def appointments_mock(request: pytest.FixtureRequest) -> Iterator[AppointmentsMock]:
    """This test's own mock session, with clients, clock, faults, journal and demo ids."""
    marker = request.node.get_closest_marker("appointments_mock")
    mode = marker.kwargs.get("mode") if marker is not None else None
    world = marker.kwargs.get("world") if marker is not None else None
    if mode not in (None, "socket"):
        raise pytest.UsageError(f'@pytest.mark.appointments_mock(mode={mode!r}): use mode="socket"')
    server: MockServer
    if world is not None:
        server = _world_server(request, world, mode)
    else:
        fixture = (
            "appointments_mock_socket_server" if mode == "socket" else "appointments_mock_server"
        )
        server = request.getfixturevalue(fixture)
    handle = AppointmentsMock(server, _session_name(request.node.nodeid))
    try:
        yield handle
        _save_if_failed(request, handle)
    finally:
        handle.close()


_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()
_SAVED = pytest.StashKey[list[Path]]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


def _snapshots_dir(config: pytest.Config) -> Path | None:
    option = config.getoption("appointments_mock_snapshots")
    if option:
        return Path(config.invocation_params.dir, option)
    ini = str(config.getini("appointments_mock_snapshots"))
    if ini:
        base = config.inipath.parent if config.inipath is not None else config.rootpath
        return Path(base, ini)
    return None


def _save_if_failed(request: pytest.FixtureRequest, handle: AppointmentsMock) -> None:
    """Write the session of a failed test to ``--appointments-mock-snapshots`` (if set)."""
    folder = _snapshots_dir(request.config)
    reports = request.node.stash.get(_REPORTS, {})
    if folder is None or not any(r.failed for r in reports.values()):
        return
    import json

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (re.sub(r"[/:]", "-", handle.session) + ".json")
    path.write_text(json.dumps(handle.snapshot(), indent=1) + "\n", encoding="utf-8")
    request.config.stash.setdefault(_SAVED, []).append(path)
    request.node.user_properties.append(("appointments_mock_snapshot", str(path)))


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    saved = config.stash.get(_SAVED, [])
    if saved:
        terminalreporter.section("appointments mock snapshots")
        for path in saved:
            terminalreporter.write_line(f"saved the session of a failed test: {path}")
