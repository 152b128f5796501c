"""Stand-ins for the domain side, to test the HTTP layer on its own.

``FakeWorld`` has just what the HTTP layer touches (keys, clock, lock); ``fake_handlers()`` installs
a handlers package whose operations answer from a small in-memory dict, so that faults, idempotency,
sessions and validation can be tested without depending on the rules.
"""

from __future__ import annotations

import sys
import threading
import types
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from starlette.responses import Response

from appointments_mock._request import current_call, current_world, reply
from appointments_mock.clock import Clock
from appointments_mock.domain.context import Actor
from appointments_mock.errors import ProblemError
from appointments_mock.outbox import Outbox

KEYS = {
    "demo-admin-key": Actor("admin", "admin-1", "Admin"),
    "demo-api-key": Actor("api_client", "api-1", "API client"),
    "demo-staff-key": Actor("staff", "staff-1", "Staff", practitioner_id="p-1"),
    "demo-client-key": Actor("client", "client-1", "Client", client_id="c-1"),
}
PACKAGE = "mock_fakes_handlers"


class FakeWorld:
    def __init__(self, **_: Any) -> None:
        self.clock = Clock()
        self.lock = threading.RLock()
        self.created: list[dict[str, Any]] = []
        self.locked: dict[str, str | None] = {}
        self.calls: list[str] = []
        self.outbox = Outbox(lambda _step: None)  # no webhooks: nothing is ever queued

    def actor_for_key(self, key: str) -> Actor | None:
        return KEYS.get(key)

    @contextmanager
    def atomic(self) -> Iterator[None]:
        # The fake's state is a few lists the tests read; it has nothing to undo.
        with self.lock:
            yield

    def set_locked(self, appointment_id: str, locked: bool, reason: str | None = None) -> None:
        self.locked[appointment_id] = reason if locked else None


def _generic(name: str) -> Any:
    async def handler(**kwargs: Any) -> Response:
        current_world().calls.append(name)  # type: ignore[attr-defined]
        call = current_call()
        return reply({"operation": name, "actor": call.actor.type, "kwargs": sorted(kwargs)})

    return handler


async def _create(body: dict[str, Any]) -> Response:
    world = current_world()
    call = current_call()
    item = {"id": str(uuid.uuid4()), "by": call.actor.type, **body}
    world.created.append(item)  # type: ignore[attr-defined]
    return reply(item, 201, {"Location": f"/v1/appointments/{item['id']}", "ETag": '"1"'})


async def _reasons() -> Response:
    return reply({"items": "not a list"})  # breaks the contract on purpose


async def _boom(**_: Any) -> Response:
    raise RuntimeError("secret internal detail")


async def _conflict(**_: Any) -> Response:
    raise ProblemError(409, "already-canceled", "Already canceled", "It was canceled.")


OVERRIDES = {
    "appointments.create": _create,
    "cancellation_reasons.list": _reasons,
    "practitioners.list": _boom,
    "appointments.cancel": _conflict,
}


def fake_handlers(operation_ids: list[str]) -> str:
    """Install the fake handlers package for these operationIds; returns its name."""
    package = types.ModuleType(PACKAGE)
    package.__path__ = []
    sys.modules[PACKAGE] = package
    for operation_id in operation_ids:
        tag, verb = operation_id.split(".")
        module = sys.modules.get(f"{PACKAGE}.{tag}")
        if module is None:
            module = types.ModuleType(f"{PACKAGE}.{tag}")
            sys.modules[f"{PACKAGE}.{tag}"] = module
            setattr(package, tag, module)
        setattr(module, verb, OVERRIDES.get(operation_id) or _generic(operation_id))
    return PACKAGE
