"""Who is calling and when: the only request facts the rules need (no HTTP in here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

ActorType = Literal["admin", "api_client", "staff", "client", "system"]


@dataclass(frozen=True, slots=True)
class Actor:
    """The caller, resolved from its API key (or ``system`` for automatic changes)."""

    type: ActorType
    id: str | None
    display_name: str | None
    practitioner_id: str | None = None  # set for staff keys: the practitioner they act for
    client_id: str | None = None  # set for client keys: the client they are

    def to_json(self) -> dict[str, Any]:
        """The public ``Actor`` shape of the spec."""
        return {"type": self.type, "id": self.id, "display_name": self.display_name}


SYSTEM = Actor(type="system", id=None, display_name="System")


@dataclass(frozen=True, slots=True)
class Call:
    """One request as the rules see it: the actor, the session clock's now, the request id, If-Match."""

    actor: Actor
    now: datetime  # timezone-aware UTC, read from the session clock
    request_id: str | None = None
    if_match: str | None = None
    base_url: str = ""  # the API's absolute base URL as the caller reached it (for calendar_url)
    session: str = (
        "default"  # the mock session: a calendar_url names it (calendar clients send no headers)
    )
