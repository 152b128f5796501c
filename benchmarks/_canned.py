"""A fast local server for the SDK benchmark: canned mock responses from a raw ASGI app.

``GET /v1/appointments/<id>`` answers one appointment, ``GET /v1/appointments`` a 20-item page;
both bodies are what the mock itself would send (same serializer), computed once at start-up, so
that the server costs next to nothing and the client's own cost shows.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import orjson
import uvicorn
from _world import big_world

from appointments_mock.domain.serialize import appointment_json


def make_app() -> Any:
    world = big_world(40)
    now = world.clock.now()
    items = [appointment_json(world, a, now) for a in list(world.appointments.values())[-20:]]
    one = orjson.dumps(items[0], option=orjson.OPT_UTC_Z)
    page = orjson.dumps(
        {"items": items, "next_page_token": "eyJvIjoyMH0", "total_size": 54},
        option=orjson.OPT_UTC_Z,
    )

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        body = page if scope["path"] == "/v1/appointments" else one
        headers = [(b"content-type", b"application/json"), (b"etag", b'"1"')]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    uvicorn.run(make_app(), host="127.0.0.1", port=args.port, access_log=False,
                log_level="warning", lifespan="off")  # fmt: skip


if __name__ == "__main__":
    main()
