"""Shared helpers of the mock's HTTP tests (importable; ``conftest`` is not, several exist)."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import uvicorn

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """A uvicorn server in a thread on a free 127.0.0.1 port."""

    def __init__(self, app: Any) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            log_level="critical",
            access_log=False,
            lifespan="off",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the live server did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
