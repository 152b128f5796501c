"""What a scenario works with: one SDK client per role, the exchanges it made, its own data.

A :class:`Target` is the server under test: its base URL, a key per role, and its control API if
it offers the mock's (then the run gets a session of its own and may move the clock). Every
request goes through one ``httpx2.Client`` whose hooks count it against the request budget and keep
the last exchange, so that a failure can show the request and the response that broke the rule.

Safety: the kit books only in the far future (years 2090 and later, at a time derived from the
run id, so runs do not collide), tags what it creates in ``notes``, soft-deletes it at the end,
and purges only what it created.
"""

from __future__ import annotations

import contextlib
import hashlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx2

from appointments import APIStatusError, AppointmentsClient
from appointments.models import Appointment

ROLES = ("admin", "api_client", "staff", "client")
SESSION_HEADER = "X-Mock-Session"


class RuleBroken(AssertionError):
    """A scenario found the server breaking its rule."""


class Skip(Exception):
    """A scenario cannot run against this target (a role's key or the control API is missing)."""


class BudgetExceeded(RuntimeError):
    """The run sent as many requests as it was allowed."""


@dataclass
class Exchange:
    """One request and its response, as a failure report shows them."""

    method: str
    url: str
    request_body: str
    status: int
    response_body: str

    def describe(self) -> str:
        sent = f"{self.method} {self.url}" + (
            f"\n  {self.request_body}" if self.request_body else ""
        )
        return f"{sent}\n-> {self.status} {self.response_body}"


def _text(content: bytes, limit: int = 600) -> str:
    text = content.decode("utf-8", "replace")
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Target:
    """The server under test."""

    base_url: str
    keys: dict[str, str]
    budget: int = 2_000
    timeout: float = 10.0
    control_url: str | None = None  # the mock's control API, if the target has one
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:10])
    sent: int = 0
    last: Exchange | None = None
    _http: httpx2.Client | None = None
    _clients: dict[str, AppointmentsClient] = field(default_factory=dict)

    # the transport -----------------------------------------------------------------------------

    @property
    def headers(self) -> dict[str, str]:
        """Headers every request carries (a session of the run's own on a mock)."""
        return {SESSION_HEADER: f"conformance-{self.run_id}"} if self.control_url else {}

    def http(self) -> httpx2.Client:
        """The one HTTP client of the run (budget and exchange hooks)."""
        if self._http is None:
            self._http = httpx2.Client(
                timeout=self.timeout,
                headers=self.headers,
                event_hooks={"request": [self._count], "response": [self._keep]},
            )
        return self._http

    def _count(self, request: httpx2.Request) -> None:
        if self.sent >= self.budget:
            raise BudgetExceeded(f"the request budget of {self.budget} is used up")
        self.sent += 1

    def _keep(self, response: httpx2.Response) -> None:
        response.read()
        request = response.request
        self.last = Exchange(
            request.method,
            str(request.url),
            _text(request.content),
            response.status_code,
            _text(response.content),
        )

    def client(self, role: str) -> AppointmentsClient:
        """The SDK client of ``role`` (``Skip`` if the run has no key for it)."""
        key = self.keys.get(role)
        if key is None:
            raise Skip(f"no --key {role}=... was given")
        if role not in self._clients:
            self._clients[role] = AppointmentsClient(
                api_key=key, base_url=self.base_url, http_client=self.http(), max_retries=2
            )
        return self._clients[role]

    def raw(
        self, method: str, path: str, role: str | None = "admin", **kwargs: Any
    ) -> httpx2.Response:
        """A plain request to the API (for what the SDK hides: headers, problem bodies)."""
        headers = dict(kwargs.pop("headers", {}))
        if role is not None:
            key = self.keys.get(role)
            if key is None:
                raise Skip(f"no --key {role}=... was given")
            headers["Authorization"] = f"Bearer {key}"
        return self.http().request(method, self.base_url + path, headers=headers, **kwargs)

    def control(self, method: str, path: str, **kwargs: Any) -> httpx2.Response:
        """A request to the mock's control API (``Skip`` on a target without one)."""
        if self.control_url is None:
            raise Skip("the target has no mock control API (time travel, faults)")
        response = self.http().request(method, self.control_url + path, **kwargs)
        response.raise_for_status()
        return response

    def close(self) -> None:
        """Release the connections."""
        if self._http is not None:
            self._http.close()

    # the run's own data ----------------------------------------------------------------------------

    @property
    def tag(self) -> str:
        """What the kit writes into ``notes`` of everything it books."""
        return f"conformance-kit run {self.run_id}"

    def slot(self, n: int, minutes: int = 30) -> tuple[datetime, datetime]:
        """The ``n``-th slot of this run: far in the future, on a weekday at 10:00 UTC + n hours."""
        seed = int(hashlib.sha256(self.run_id.encode()).hexdigest()[:8], 16)
        day = datetime(2090, 1, 2, 10, 0, tzinfo=UTC) + timedelta(days=7 * (seed % 2_000))
        start = day + timedelta(hours=n % 8, days=n // 8)
        return start, start + timedelta(minutes=minutes)


@dataclass
class World:
    """What the run learned of the target's reference data and what it created there."""

    practitioner_id: str  # one the staff key may book (else any active one)
    client_id: str  # the client key's own client (else a client without a booking limit)
    booker_id: str  # a client without a booking limit, for whom the run books by default
    other_client_id: str  # another such client (not the client key's)
    created: list[str] = field(default_factory=list)  # appointment ids, for the cleanup
    slots_used: int = 0


@dataclass
class Context:
    """A scenario's view: the target, what the run learned, and helpers to book and check."""

    target: Target
    world: World

    def next_slot(self, minutes: int = 30) -> tuple[datetime, datetime]:
        """A slot nobody else in this run uses."""
        self.world.slots_used += 1
        return self.target.slot(self.world.slots_used, minutes)

    def book(self, role: str = "admin", **body: Any) -> Appointment:
        """An individual appointment (or ``type="group"``) for the run, tagged, remembered."""
        start, end = self.next_slot()
        kind = body.pop("type", "individual")
        arguments: dict[str, Any] = {
            "type": kind,
            "starts_at": start,
            "ends_at": end,
            "practitioner_id": self.world.practitioner_id,
            "notes": self.target.tag,
            **body,
        }
        if kind == "individual":
            arguments.setdefault("client_id", self.world.booker_id)
        else:
            arguments.setdefault("max_attendees", 3)
        booked = self.target.client(role).appointments.create(**arguments)
        self.world.created.append(str(booked.id))
        return booked

    def expect(self, condition: bool, rule: str) -> None:
        """Fail the scenario with ``rule`` unless ``condition`` holds."""
        if not condition:
            raise RuleBroken(rule)

    @contextlib.contextmanager
    def refused(self, status: int, code: str | None = None) -> Iterator[list[APIStatusError]]:
        """The block must raise the SDK's error for ``status`` (and problem ``code``)."""
        caught: list[APIStatusError] = []
        try:
            yield caught
        except APIStatusError as error:
            caught.append(error)
            got = f"{error.status_code} {error.code}"
            self.expect(error.status_code == status, f"expected {status} {code or ''}, got {got}")
            if code is not None:
                self.expect(error.code == code, f"expected code {code}, got {got}")
            return
        raise RuleBroken(f"expected {status} {code or ''}, but the request succeeded")
