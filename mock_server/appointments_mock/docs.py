"""Interactive API docs served by the mock (owned by the docs/designer-workflow work).

`docs_routes(spec_path)` returns Starlette routes that app.py mounts at the root of the server:
``/docs`` (the interactive reference) and ``/openapi.yaml`` (the contract as written).
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse
from starlette.routing import BaseRoute, Route


def docs_routes(spec_path: Path) -> list[BaseRoute]:
    """Routes for the docs page and the raw spec."""

    async def spec(_: Request) -> FileResponse:
        return FileResponse(spec_path, media_type="application/yaml")

    async def page(_: Request) -> HTMLResponse:
        return HTMLResponse(
            "<!doctype html><title>Appointments API</title>"
            '<p>The contract: <a href="/openapi.yaml">openapi.yaml</a></p>'
        )

    return [Route("/openapi.yaml", spec), Route("/docs", page)]
