"""Sending webhooks: the deliveries queued in each session's outbox, over HTTP, signed, retried.

One :class:`WebhookSender` per server. It runs as a task of the server's own event loop where
the server owns a loop that lasts as long as it does (``appointments-mock serve``, the pytest
plugin's socket mode: :meth:`WebhookSender.host_in_running_loop`), else on a thread of its own
with its own event loop (an app served in a test's loop, in-process). Either way an API call never
waits for a delivery: it only wakes the sender once its transaction committed. The
sender takes the due head of every endpoint's queue (``outbox.py``: one attempt in flight per
endpoint, so each receives its events in order), signs it as Standard Webhooks prescribe
(``webhook-id`` = the event id on every attempt, ``webhook-timestamp`` = the wall clock at
sending, ``webhook-signature`` = ``v1,`` + base64 HMAC-SHA256 of ``id.timestamp.body`` under each
valid secret), POSTs it with a timeout and no redirects, and hands the outcome to
``domain/webhooks.record_attempt`` (next attempt on the session clock, or done).

Retries are due on the session clock: a frozen clock sends nothing until it moves, and the
control API wakes the sender whenever a clock changes, so ``clock.advance(minutes=5)`` sends what
became due at once. Faults with ``target: webhooks`` apply here. Hosts mounted with
:meth:`WebhookSender.mount` (the pytest plugin's receivers) are served by an ``httpx2``
transport in this process, without a socket; every other URL goes over the network, through
``webhook_http.py`` (h11 over asyncio streams, connections kept alive per origin), which costs
the process a fraction of what a general-purpose client does per attempt.

The sender starts on the first queued delivery and ends by itself once nothing has been pending
for a few seconds.

Delivery gives way to the API. The sender shares the server's process, and under load an
attempt costs about half what a request costs, so a sender running beside a busy API takes a
large share of the process from it. On a thread of its own it also hands the interpreter's
lock back and forth with the API's thread, each time it wakes; in the server's loop an attempt is
one more task between requests, with nothing to hand over. And attempts wait for an idle API:
the front tells :class:`ApiActivity` when each request starts and ends, and once no request has
been in flight for ``WEBHOOK_IDLE_GAP_SECONDS`` (1 ms) the waiting attempts go, one at a time. Under load that
never lets up, an attempt waits at most ``WEBHOOK_BUSY_HOLD_SECONDS`` (one attempt per 0.1 s),
so deliveries fall behind during a burst, never stop, and catch up after it. An idle or lightly
used API gets its deliveries at once (1 ms after the response that caused them).
"""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import contextlib
import hashlib
import hmac
import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx2

from appointments_mock.domain.webhooks import record_attempt
from appointments_mock.limits import (
    WEBHOOK_BUSY_HOLD_SECONDS,
    WEBHOOK_IDLE_GAP_SECONDS,
    WEBHOOK_MAX_CONCURRENT_ATTEMPTS,
    WEBHOOK_RESPONSE_BYTES_READ,
)
from appointments_mock.outbox import DueAttempt, WebhookPolicy
from appointments_mock.webhook_http import Connections, DeliveryError

if TYPE_CHECKING:
    from appointments_mock.faults import Fault
    from appointments_mock.sessions import Session

logger = logging.getLogger("appointments_mock")

USER_AGENT = "appointments-mock-webhooks/1"
_IDLE_EXIT_SECONDS = 3.0
_MAX_WAIT_SECONDS = 1.0  # a running session clock is looked at again at least this often
# Deliveries made at one look while the API is idle (about half a millisecond of work, after
# which the sender looks again whether the API is still idle); while it is busy, one event's.
_SETTLE_IDLE = 64


def sign(secret: str, webhook_id: str, timestamp: int, body: bytes) -> str:
    """``v1,<base64 HMAC-SHA256>`` of ``<webhook_id>.<timestamp>.<body>`` under a ``whsec_`` secret."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = b"%s.%d.%s" % (webhook_id.encode("utf-8"), timestamp, body)
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode("ascii")


def signature_header(secrets: tuple[str, ...], webhook_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` value: one signature per secret, space-separated."""
    return " ".join(sign(secret, webhook_id, timestamp, body) for secret in secrets)


class ApiActivity:
    """How busy the API is, as the front tells it; calls waiters once the API is idle.

    The front calls :meth:`request_started` and :meth:`request_finished` around every request, in
    the API's event loop. Any thread may ask :meth:`idle` or register a callback with
    :meth:`when_idle`: it is called (in the API's loop) once no request has been in flight for
    ``gap`` seconds, or at once where no API loop runs any more. An attempt waits for that at
    most ``hold`` seconds.
    """

    def __init__(
        self, gap: float = WEBHOOK_IDLE_GAP_SECONDS, hold: float = WEBHOOK_BUSY_HOLD_SECONDS
    ) -> None:
        self.gap = gap
        self.hold = hold
        self.in_flight = 0
        self.started = 0
        """Requests started so far."""
        self.last_finished = 0.0
        """``time.perf_counter()`` when the latest request ended (0: none yet)."""
        self._lock = threading.Lock()
        self._waiters: list[Callable[[], None]] = []
        self._loop: asyncio.AbstractEventLoop | None = None  # the API's, at the latest start
        self._armed = False  # a check is scheduled in the API's loop

    # the API's side, in its event loop ------------------------------------------------------------

    def request_started(self) -> None:
        """A request began."""
        self.in_flight += 1
        self.started += 1
        with contextlib.suppress(RuntimeError):  # no asyncio loop (another async library)
            self._loop = asyncio.get_running_loop()

    def request_finished(self) -> None:
        """A request ended (its response sent, or it failed)."""
        self.in_flight -= 1
        self.last_finished = time.perf_counter()
        if not self.in_flight and self._waiters and not self._armed:
            self._arm()

    def _arm(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._release()
            return
        self._armed = True
        loop.call_later(self.gap, self._check, self.started)

    def _arm_if_quiet(self) -> None:
        if not self.in_flight and not self._armed:
            self._arm()

    def _check(self, started: int) -> None:
        self._armed = False
        if self.in_flight:
            return  # the end of the request in flight arms again
        if self.started != started:  # requests came and went: a whole gap after the last one
            self._arm()
            return
        self._release()

    def _release(self) -> None:
        with self._lock:
            waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            waiter()

    # any thread ---------------------------------------------------------------------------------

    def idle(self) -> bool:
        """Whether no request is in flight and none ended in the last ``gap`` seconds."""
        return not self.in_flight and time.perf_counter() - self.last_finished >= self.gap

    def when_idle(self, waiter: Callable[[], None]) -> None:
        """Call ``waiter`` once the API is idle (see the class docstring)."""
        with self._lock:
            self._waiters.append(waiter)
        loop = self._loop
        if loop is None:
            self._release()
            return
        try:
            loop.call_soon_threadsafe(self._arm_if_quiet)
        except RuntimeError:  # the API's loop has closed: nothing is in flight there
            self._release()

    def forget(self, waiter: Callable[[], None]) -> None:
        """Take back a waiter that has not been called (it stopped waiting)."""
        with self._lock, contextlib.suppress(ValueError):
            self._waiters.remove(waiter)


def _running_in(loop: asyncio.AbstractEventLoop | None) -> bool:
    """Whether the calling thread runs ``loop`` (False without a loop)."""
    try:
        return loop is not None and asyncio.get_running_loop() is loop
    except RuntimeError:
        return False


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class _Mounts(httpx2.AsyncBaseTransport):
    """The hosts mounted in this process (the only requests the sender's httpx2 client makes)."""

    def __init__(self, mounts: dict[str, httpx2.AsyncBaseTransport]) -> None:
        self._mounts = mounts

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        transport = self._mounts.get(request.url.host)
        if transport is None:  # unmounted meanwhile: as if nobody listened
            raise httpx2.ConnectError(f"{request.url.host} is not mounted any more")
        return await transport.handle_async_request(request)


class WebhookSender:
    """Delivers the webhooks of every session of one server (see the module docstring)."""

    def __init__(
        self, policy: WebhookPolicy, is_live: Callable[[Session], bool] = lambda _: True
    ) -> None:
        self.policy = policy
        self._is_live = is_live  # False for a session reset or forgotten since: stop sending
        self._lock = threading.Lock()
        self._sessions: dict[int, Session] = {}  # sessions with pending deliveries
        self._flying: dict[tuple[int, str], Session] = {}  # attempts started, not yet recorded
        self._woken: dict[int, int] = {}  # wake-ups per session, so none is lost
        self._mounts: dict[str, httpx2.AsyncBaseTransport] = {}
        self._host: asyncio.AbstractEventLoop | None = None  # the server's loop, when it hosts
        self._runner: object | None = None  # the running sender's token (None: not running)
        self._handle: threading.Thread | concurrent.futures.Future[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._event: asyncio.Event | None = None
        self._stop = False
        self.attempts = 0
        """Attempts made since the server started (for benchmarks and tests)."""
        self.held = 0
        """Attempts that waited for an idle API (for benchmarks and tests)."""
        self.activity = ApiActivity()
        """How busy the API is (the front reports every request to it)."""
        self._gate: asyncio.Lock | None = None
        self._signalled = False  # a wake-up is on its way to the sender's loop
        self._connections = Connections()  # the running loop's (made anew in ``_run``)

    # wiring ------------------------------------------------------------------------------------

    def attach(self, session: Session) -> None:
        """Make ``session``'s world queue for this sender (called once per new session)."""
        outbox = session.world.outbox
        outbox.policy = self.policy
        outbox.notify = lambda: self.wake(session)

    def mount(self, host: str, transport: httpx2.AsyncBaseTransport) -> None:
        """Serve ``http(s)://<host>/...`` with ``transport`` in this process (and allow the host)."""
        self._mounts[host.lower()] = transport
        self.policy.in_process_hosts.add(host.lower())

    def unmount(self, host: str) -> None:
        """Forget a mounted host."""
        self._mounts.pop(host.lower(), None)
        self.policy.in_process_hosts.discard(host.lower())

    def host_in_running_loop(self) -> None:
        """Send from the running event loop from now on, instead of from a thread of its own.

        For a server that owns its loop for as long as it serves (``serve`` calls it once it
        listens): there an attempt is one more task between requests, and costs the API no more
        than its own processor time. Once that loop has closed, the sender starts on a thread
        of its own again.
        """
        with self._lock:
            self._host = asyncio.get_running_loop()

    def wake(self, session: Session | None = None) -> None:
        """Look at ``session``'s outbox (or at every session with work) as soon as possible."""
        with self._lock:
            if session is not None:
                if not session.world.outbox.busy() and id(session) not in self._sessions:
                    return
                key = id(session)
                self._sessions[key] = session
                self._woken[key] = self._woken.get(key, 0) + 1
            if self._stop:
                return
            if self._runner is None:
                self._loop = self._event = None
                self._signalled = False
                self._start()
                return
            loop, event = self._loop, self._event
        if loop is not None and event is not None:
            if loop.is_closed():  # a wake-up signalled there may never have been seen
                self._abandon(loop)
                self.wake()
                return
            with self._lock:
                if self._signalled:  # one wake-up waits already: every request need not add one
                    return
                self._signalled = True
            try:
                loop.call_soon_threadsafe(self._woken_up, event)
            except RuntimeError:  # that loop has closed: whatever ran there has ended
                self._abandon(loop)
                self.wake()

    def _abandon(self, loop: asyncio.AbstractEventLoop) -> None:
        """Forget a sender whose loop has closed: its own thread's, about to end anyway, or a
        hosting loop closed without cancelling the sender's task, which can never run again.
        The next wake-up starts a sender afresh (a late ``_ended`` of the old one is a no-op)."""
        with self._lock:
            self._signalled = False
            stranded: list[tuple[tuple[int, str], Session]] = []
            if self._loop is loop:
                self._runner = self._handle = None
                self._loop = self._event = None
                stranded = list(self._flying.items())  # the old sender's: it can never end them
            if self._host is loop:
                self._host = None
        for (_, delivery_id), session in stranded:
            self._land(session, delivery_id)

    def _woken_up(self, event: asyncio.Event) -> None:
        with self._lock:
            self._signalled = False
        event.set()

    def close(self) -> None:
        """Stop sending (what is pending stays pending); waits for the sender briefly (unless
        called from the loop that hosts it, which it cannot wait in)."""
        with self._lock:
            self._stop = True
            handle, loop, event = self._handle, self._loop, self._event
        if loop is not None and event is not None:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(event.set)
        if isinstance(handle, threading.Thread):
            handle.join(timeout=5)
        elif handle is not None and not _running_in(loop):
            with contextlib.suppress(Exception):
                handle.result(timeout=5)

    # the sender: a task of the server's loop, or a thread of its own ----------------------------

    def _start(self) -> None:
        """Start the sender (``self._lock`` held): in the hosting loop if it still runs."""
        token = self._runner = object()
        host = self._host
        if host is not None and host.is_running():
            try:
                self._handle = asyncio.run_coroutine_threadsafe(self._hosted(token), host)
                return
            except RuntimeError:  # that loop has just closed
                pass
        self._host = None  # the server's loop has ended: a thread of its own from now on
        thread = threading.Thread(
            target=self._main, args=(token,), name="appointments-mock-webhooks", daemon=True
        )
        self._handle = thread
        thread.start()

    def _main(self, token: object) -> None:
        try:
            asyncio.run(self._run())
        except Exception:  # pragma: no cover - a bug; the next wake-up starts a new thread
            logger.exception("the webhook sender stopped")
        finally:
            self._ended(token)

    async def _hosted(self, token: object) -> None:
        try:
            await self._run()
        except asyncio.CancelledError:  # the loop is ending (the server stopped)
            with self._lock:
                self._host = None  # what is still pending goes from a thread of its own
            raise
        except Exception:  # pragma: no cover - a bug; the next wake-up starts it again
            logger.exception("the webhook sender stopped")
        finally:
            self._ended(token)

    def _ended(self, token: object) -> None:
        with self._lock:
            if self._runner is token:
                self._runner = self._handle = None
                self._loop = self._event = None
                self._signalled = False
            pending = bool(self._sessions) and not self._stop
        if pending:
            self.wake()  # work arrived while the sender was ending

    async def _run(self) -> None:
        event = asyncio.Event()
        self._gate = asyncio.Lock()
        with self._lock:
            self._loop, self._event = asyncio.get_running_loop(), event
        tasks: set[asyncio.Task[None]] = set()
        limit = asyncio.Semaphore(WEBHOOK_MAX_CONCURRENT_ATTEMPTS)
        idle_since: float | None = None
        timeout = httpx2.Timeout(self.policy.timeout)
        connections = Connections()
        async with httpx2.AsyncClient(
            transport=_Mounts(self._mounts), timeout=timeout, trust_env=False
        ) as client:
            self._connections = connections
            try:
                while not self._stop:
                    event.clear()
                    wait = self._dispatch(client, tasks, limit)
                    if tasks or self._sessions:
                        idle_since = None
                    elif idle_since is None:
                        idle_since = time.monotonic()
                    elif time.monotonic() - idle_since > _IDLE_EXIT_SECONDS and not self._sessions:
                        break  # ``_ended`` lets the next wake-up start the sender again
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(event.wait(), timeout=wait)
                for task in list(tasks):
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
            finally:
                connections.close()

    def _dispatch(
        self, client: httpx2.AsyncClient, tasks: set[asyncio.Task[None]], limit: asyncio.Semaphore
    ) -> float:
        """Start every due attempt; the seconds until the sender should look again."""
        wait = _MAX_WAIT_SECONDS
        with self._lock:
            watched = [
                (key, session, self._woken.get(key, 0)) for key, session in self._sessions.items()
            ]
        for key, session, woken in watched:
            if not self._is_live(session):
                with self._lock:
                    self._sessions.pop(key, None)
                    self._woken.pop(key, None)
                continue
            world = session.world
            with world.lock:
                now = world.clock.now()
                outbox = world.outbox
                if outbox.events_waiting():  # make their deliveries: some if idle, else one's
                    idle = self.activity.idle()
                    outbox.settle(_SETTLE_IDLE if idle else 1)
                    if outbox.events_waiting():
                        wait = 0.0 if idle else min(wait, self.activity.hold)
                due = outbox.due(now, settle=False)
                busy = outbox.busy()
                next_due = outbox.next_due()
                frozen = world.clock.frozen
            with self._lock:
                self._flying.update(((key, item.delivery_id), session) for item in due)
            for item in due:
                task = asyncio.create_task(self._attempt(client, session, item, limit))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
            if next_due is not None and not frozen:
                wait = min(wait, max(0.0, (next_due - now).total_seconds()))
            if not busy:
                with self._lock:
                    if self._woken.get(key, 0) == woken:  # no wake-up since it was looked at
                        self._sessions.pop(key, None)
                        self._woken.pop(key, None)
        return wait

    async def _attempt(
        self,
        client: httpx2.AsyncClient,
        session: Session,
        item: DueAttempt,
        limit: asyncio.Semaphore,
    ) -> None:
        try:
            async with limit:
                if self.activity.idle() or self._gate is None:
                    await self._attempt_now(client, session, item)
                    return
                async with self._gate:  # the API is busy: wait for it to be idle, one at a time
                    self.held += 1
                    await self._until_api_idle()
                    await self._attempt_now(client, session, item)
        finally:  # cancelled (the loop is ending) before its outcome was recorded: due again
            self._land(session, item.delivery_id)

    def _land(self, session: Session, delivery_id: str) -> None:
        """Forget an attempt in flight; if its outcome was not recorded, release its delivery
        (so the next sender, on whichever loop, sends it again) and wake the sender."""
        with self._lock:
            if self._flying.pop((id(session), delivery_id), None) is None:
                return  # recorded (or released) already
        with session.world.lock:
            session.world.outbox.release(delivery_id)
        self.wake(session)

    async def _until_api_idle(self) -> None:
        """Return once the API is idle, or after ``activity.hold`` seconds at most."""
        if self.activity.idle():
            return
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[None] = loop.create_future()

        def wake() -> None:  # in the API's loop
            with contextlib.suppress(RuntimeError):  # the sender's loop ended meanwhile
                loop.call_soon_threadsafe(_resolve, ready)

        self.activity.when_idle(wake)
        try:
            await asyncio.wait_for(ready, self.activity.hold)
        except TimeoutError:
            self.activity.forget(wake)

    async def _attempt_now(
        self, client: httpx2.AsyncClient, session: Session, item: DueAttempt
    ) -> None:
        fault = session.delivery_faults.take(item.event_type)
        if fault is not None and fault.delay_ms:
            await asyncio.sleep(fault.delay_ms / 1000)
        stamp = int(time.time())
        signature = signature_header(item.secrets, item.event_id, stamp, item.body)
        if fault is not None and fault.kind == "corrupt":
            signature = (
                "v1," + base64.b64encode(hashlib.sha256(signature.encode()).digest()).decode()
            )
        headers = {
            "content-type": "application/json",
            "user-agent": USER_AGENT,
            "webhook-id": item.event_id,
            "webhook-timestamp": str(stamp),
            "webhook-signature": signature,
        }
        started = time.perf_counter()
        status, error = await self._send(client, item, headers, fault)
        duration_ms = (time.perf_counter() - started) * 1000
        self.attempts += 1
        try:
            record_attempt(
                session.world, item.delivery_id, status=status, error=error, duration_ms=duration_ms
            )
        except Exception:  # pragma: no cover - a bug must not stop the sender
            logger.exception("recording a webhook attempt failed")
        with self._lock:
            self._flying.pop((id(session), item.delivery_id), None)  # its outcome is recorded
        self._journal(session, item, headers, status, fault, duration_ms)
        event = self._event
        if event is not None:
            event.set()  # the endpoint's next delivery may be due now

    async def _send(
        self,
        client: httpx2.AsyncClient,
        item: DueAttempt,
        headers: dict[str, str],
        fault: Fault | None,
    ) -> tuple[int | None, str | None]:
        """The receiver's status (None without an answer) and the error, if any."""
        if fault is not None and fault.kind == "status":
            return fault.status, f"status {fault.status} (fault)"
        if fault is not None and fault.kind == "drop":
            return None, "connection-error (fault)"
        try:
            async with asyncio.timeout(self.policy.timeout):
                if urlsplit(item.url).hostname not in self._mounts:
                    status = await self._connections.post(
                        item.url,
                        list(headers.items()),
                        item.body,
                        max_read=WEBHOOK_RESPONSE_BYTES_READ,
                    )
                else:
                    status = await self._send_mounted(client, item, headers)
        except (TimeoutError, httpx2.TimeoutException):
            return None, "timeout"
        except (DeliveryError, httpx2.HTTPError):
            return None, "connection-error"
        except Exception:  # an in-process receiver that raised, an unusable URL
            logger.debug("a webhook attempt failed", exc_info=True)
            return None, "connection-error"
        return status, None if 200 <= status < 300 else f"status {status}"

    @staticmethod
    async def _send_mounted(
        client: httpx2.AsyncClient, item: DueAttempt, headers: dict[str, str]
    ) -> int:
        """POST to a host mounted in this process (no socket)."""
        async with client.stream("POST", item.url, content=item.body, headers=headers) as response:
            read = 0
            # A response an in-process transport built from bytes was read already.
            if not response.is_stream_consumed:
                async for chunk in response.aiter_raw():
                    read += len(chunk)
                    if read > WEBHOOK_RESPONSE_BYTES_READ:
                        break
            return response.status_code

    @staticmethod
    def _journal(
        session: Session,
        item: DueAttempt,
        headers: dict[str, str],
        status: int | None,
        fault: Fault | None,
        duration_ms: float,
    ) -> None:
        journal = session.journal
        recorded = tuple((k, v) for k, v in headers.items() if k != "webhook-signature")
        journal.record_raw(
            (
                journal.next_seq(),
                datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                item.event_type,
                "POST",
                item.url,
                "",
                status or 0,
                item.event_id,
                recorded,
                item.body,
                len(item.body),
                f"webhooks:{fault.label()}" if fault is not None else None,
                False,
                round(duration_ms, 3),
                "webhook",
                None,  # webhooks authenticate by their signature, not to the mock
                None,
                None,
            )
        )

    def describe(self) -> dict[str, Any]:
        """For health checks and tests: whether the sender runs (and in the server's loop),
        attempts made, sessions with work."""
        with self._lock:
            return {
                "running": self._runner is not None,
                "hosted": self._host is not None,
                "attempts": self.attempts,
                "sessions": len(self._sessions),
            }
