"""The pieces the contract tests share: a live mock server, its control API, the contract guard.

The contract tests drive the real SDK against the real mock over a socket, directly or through
Stoplight Prism's validating proxy. `Api` is one test's view: its own mock session, SDK clients per
role (with the guard on their connection pool and the retry sleep recorded, not slept) and the
control API. Everything here is test plumbing; the scenarios live in `test_contract_*.py`.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from appointments import AppointmentsClient, AsyncAppointmentsClient
from appointments_mock._threaded_server import ThreadedServer
from appointments_mock.app import create_app
from appointments_mock.pytest_plugin import ROLE_KEYS, Clock, _Control
from appointments_mock.seed import CLIENTS, PRACTITIONERS
from appointments_mock.sessions import SESSION_HEADER

__all__ = [
    "ADA",
    "ALAN",
    "DEMO_KEYS",
    "EDSGER",
    "GRACE",
    "KATHERINE",
    "MARGARET",
    "Api",
    "ContractGuard",
    "Control",
    "Route",
    "at",
    "contract_violations",
    "new_session_name",
    "start_mock",
    "wait_until_up",
]

# The seeded reference data (fixed ids in every mock session).
ADA, ALAN, KATHERINE = (uuid.UUID(p.id) for p in PRACTITIONERS)
GRACE, MARGARET, EDSGER = (uuid.UUID(c.id) for c in CLIENTS[:3])
DEMO_KEYS = ROLE_KEYS  # role -> demo key; staff is Dr. Ada Lovelace, client is Grace Hopper

# The tests book their own appointments in March 2031, far from the demo data (which sits around
# the session clock's "now"), inside Dr. Lovelace's working hours (Mon-Fri 09:00-17:00 Berlin,
# UTC+1 until the end of March).
_MONDAY = datetime(2031, 3, 3, tzinfo=UTC)


def at(day: int, hour: float) -> datetime:
    """`hour` o'clock UTC on the `day`-th day after Monday 3 March 2031."""
    return _MONDAY + timedelta(days=day, hours=hour)


def new_session_name(prefix: str = "contract") -> str:
    """A mock session name no other test uses."""
    return f"{prefix}-{uuid.uuid4().hex[:16]}"


def wait_until_up(url: str, timeout: float) -> None:
    """Wait until something answers HTTP at `url`."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing answers at {url} after {timeout:.0f} s") from None
            time.sleep(0.2)


def start_mock() -> ThreadedServer:
    """The mock server (response validation on) under uvicorn, in a thread, on a free port."""
    app = create_app(validate_responses=True)
    return ThreadedServer(app, name="contract-mock", log_level="critical").start()


class Control:
    """The mock's control API (`/_mock`), always called on the mock itself, for one session.

    Built on the pytest plugin's own control calls and clock; the journal and the faults stay the
    control API's JSON (dicts), since the scenarios assert on the wire format.
    """

    def __init__(self, mock_url: str, session: str) -> None:
        self.session = session
        self._http = httpx.Client(base_url=mock_url, timeout=10)
        self._control = _Control(self._http, session)
        self.clock = Clock(self._control)

    def fault(self, kind: str, operation_id: str = "*", **fields: Any) -> dict[str, Any]:
        """Queue a fault for the next matching requests of this session."""
        fault: dict[str, Any] = self._control.call(
            "POST", "/faults", {"kind": kind, "operation_id": operation_id, **fields}
        )
        return fault

    def reset(self) -> None:
        """Fresh seed data, clock, journal, faults and idempotency keys for the session."""
        self._control.call("POST", "/reset")

    def faults(self) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = self._control.call("GET", "/faults")["items"]
        return items

    def journal(self, operation_id: str | None = None) -> list[dict[str, Any]]:
        """What the session's public API was asked, oldest first."""
        page = self._control.call("GET", "/journal", operation_id=operation_id)
        items: list[dict[str, Any]] = page["items"]
        return items

    def freeze(self, when: datetime) -> None:
        """Stop the session clock at `when`."""
        self.clock.freeze(when)

    def advance(self, **amounts: float) -> None:
        """Move the session clock forward (`days=`, `hours=`, `minutes=`, `seconds=`)."""
        self.clock.advance(**amounts)

    def lock(self, appointment_id: object, reason: str = "invoiced") -> None:
        self._control.call("POST", f"/appointments/{appointment_id}/lock", {"reason": reason})

    def forget(self) -> None:
        """Delete the session on the server."""
        self._http.delete("/_mock/session", headers={SESSION_HEADER: self.session})

    def close(self) -> None:
        self._http.close()


PRISM_ERROR_TYPE = "https://stoplight.io/prism/errors#"


def contract_violations(response: httpx.Response) -> list[str]:
    """What is wrong with a response the SDK received (nothing, when all is well).

    * `sl-violations`: Prism's validating proxy found the request or response off contract;
    * a Prism error document (`--errors` turns a violation into Prism's own 500);
    * no `X-Request-Id`: the mock sets it on every response, so an answer without it came from
      Prism itself (e.g. its 500 "FetchError" when the upstream hangs up), not from the mock.
    """
    found = []
    header = response.headers.get("sl-violations")
    if header:
        found.append(f"sl-violations: {header}")
    if PRISM_ERROR_TYPE.encode() in response.content:
        found.append(f"Prism's violation error: {response.text[:500]}")
    if "x-request-id" not in response.headers:
        found.append(f"not answered by the mock: {response.status_code} {response.text[:300]}")
    return found


@dataclass
class ContractGuard:
    """httpx response hooks that fail a test as soon as a response breaks the contract.

    With `prism proxy --errors`, a violation turns the response into Prism's own 500 with an
    `sl-violations` header. The SDK would retry a 500 and might then succeed, so the check runs on
    every response, each attempt included, and raises at once; `seen` keeps a record for the
    end-of-test check in case a test swallowed the error.
    """

    seen: list[str] = field(default_factory=list)

    def _check(self, response: httpx.Response) -> None:
        found = contract_violations(response)
        if found:
            request = response.request
            self.seen.append(f"{request.method} {request.url}: {'; '.join(found)}")
            raise AssertionError(f"contract violation on {request.method} {request.url}: {found}")

    def hook(self, response: httpx.Response) -> None:
        response.read()
        self._check(response)

    async def async_hook(self, response: httpx.Response) -> None:
        await response.aread()
        self._check(response)

    def event_hooks(self) -> dict[str, list[Callable[[httpx.Response], None]]]:
        return {"response": [self.hook]}

    def async_event_hooks(self) -> dict[str, list[Callable[[httpx.Response], Awaitable[None]]]]:
        return {"response": [self.async_hook]}


@dataclass(frozen=True)
class Route:
    """How the SDK reaches the mock: `direct`, or through `prism` (validating proxy)."""

    name: str
    base_url: str
    mock_url: str


class Api:
    """One test's own mock session: SDK clients per role, the control API, recorded retry sleeps."""

    def __init__(self, route: Route, http: httpx.Client, guard: ContractGuard) -> None:
        self.route = route
        self.session = new_session_name()
        self.headers = {SESSION_HEADER: self.session}
        self.control = Control(route.mock_url, self.session)
        self.guard = guard
        self.sleeps: list[float] = []
        """The delays the SDK asked to wait before its retries (nothing is really slept)."""
        self._http = http
        self._clients: dict[tuple[str, int], AppointmentsClient] = {}

    def client(self, role: str = "admin", *, max_retries: int = 2) -> AppointmentsClient:
        """A sync client with the demo key of `role`, on this test's session."""
        key = (role, max_retries)
        if key not in self._clients:
            client = AppointmentsClient(
                api_key=DEMO_KEYS[role],
                base_url=self.route.base_url,
                max_retries=max_retries,
                default_headers=self.headers,
                http_client=self._http,
            )
            client._sleep = self.sleeps.append
            self._clients[key] = client
        return self._clients[key]

    @property
    def admin(self) -> AppointmentsClient:
        return self.client("admin")

    @asynccontextmanager
    async def async_client(
        self, role: str = "admin", *, max_retries: int = 2
    ) -> AsyncIterator[AsyncAppointmentsClient]:
        """An async client with the demo key of `role`, on this test's session."""

        async def record_sleep(seconds: float) -> None:
            self.sleeps.append(seconds)

        async with httpx.AsyncClient(event_hooks=self.guard.async_event_hooks()) as http:
            client = AsyncAppointmentsClient(
                api_key=DEMO_KEYS[role],
                base_url=self.route.base_url,
                max_retries=max_retries,
                default_headers=self.headers,
                http_client=http,
            )
            client._sleep = record_sleep
            yield client
