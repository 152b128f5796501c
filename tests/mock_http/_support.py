"""Shared helpers of the mock's HTTP tests (importable; ``conftest`` is not, several exist)."""

from __future__ import annotations

from typing import Any

ADMIN = {"Authorization": "Bearer demo-admin-key"}
PRACTITIONER_ID = "3f2a7c4e-1b5d-4e8f-9a6b-0c1d2e3f4a5b"  # Dr. Ada Lovelace, seeded
CLIENT_ID = "9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e"  # Grace Hopper, seeded


def group_body(
    start: str = "2031-01-06T10:00:00Z", end: str = "2031-01-06T11:00:00Z"
) -> dict[str, Any]:
    """A valid group appointment for the seeded practitioner."""
    return {
        "type": "group",
        "starts_at": start,
        "ends_at": end,
        "practitioner_id": PRACTITIONER_ID,
        "max_attendees": 4,
    }
