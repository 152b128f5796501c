"""The demo data every new mock session starts from: the world file ``demo_world.yaml``.

Times there are relative to the session clock's now rounded down to the hour, so "past" and
"future" hold whenever a session starts. Reference data (practitioners, clients) have fixed ids;
the ids of appointments and everything else come from the session's seeded random generator. The
history is replayed through the domain rules themselves (``world_build.py``), so it is consistent
(audit, notifications, counts).

Demo API keys: ``demo-admin-key`` (admin), ``demo-api-key`` (api_client), ``demo-staff-key``
(staff of Dr. Ada Lovelace, ``DEMO_PRACTITIONER_ID``) and ``demo-client-key`` (Grace Hopper,
``DEMO_CLIENT_ID``, who has upcoming, past and canceled appointments). Each has a signing key
for signed requests (RFC 9421, ``hmac-sha256``): key id ``demo-<role>-signing``, secret
``demo-<role>-signing-secret`` (``DEMO_SIGNING_KEYS``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from appointments_mock.clock import Clock
from appointments_mock.domain.context import Actor
from appointments_mock.store import Client, Practitioner, World
from appointments_mock.world_build import client_from_json, practitioner_from_json
from appointments_mock.world_file import WorldFile, load_world

DEMO_WORLD_PATH = Path(__file__).with_name("demo_world.yaml")

DEMO_PRACTITIONER_ID = "3f2a7c4e-1b5d-4e8f-9a6b-0c1d2e3f4a5b"  # Dr. Ada Lovelace
DEMO_CLIENT_ID = "9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e"  # Grace Hopper

DEMO_KEYS = {
    "demo-admin-key": "admin",
    "demo-api-key": "api_client",
    "demo-staff-key": "staff",
    "demo-client-key": "client",
}


DEMO_SIGNING_KEYS = {
    "demo-admin-signing": ("demo-admin-signing-secret", "demo-admin-key"),
    "demo-api-signing": ("demo-api-signing-secret", "demo-api-key"),
    "demo-staff-signing": ("demo-staff-signing-secret", "demo-staff-key"),
    "demo-client-signing": ("demo-client-signing-secret", "demo-client-key"),
}
"""Signing key id -> (secret, the API key whose role and actor it signs for)."""


@cache
def demo_world() -> WorldFile:
    """The demo world file, checked (once per process)."""
    return load_world(DEMO_WORLD_PATH)


def _reference() -> tuple[tuple[Practitioner, ...], tuple[Client, ...]]:
    document = demo_world().document
    return (
        tuple(practitioner_from_json(p) for p in document["practitioners"]),
        tuple(client_from_json(c) for c in document["clients"]),
    )


PRACTITIONERS, CLIENTS = _reference()
"""The demo practitioners and clients (Dr. Ada Lovelace and Grace Hopper first)."""


def demo_actors() -> dict[str, Actor]:
    """The actors of the fixed demo API keys."""
    return dict(new_world().api_keys)


def new_world(*, seed: int = 0, retention_days: int = 30, clock: Clock | None = None) -> World:
    """A world with the demo data, built deterministically from ``seed``."""
    built: World = demo_world().build(seed=seed, retention_days=retention_days, clock=clock)
    return built
