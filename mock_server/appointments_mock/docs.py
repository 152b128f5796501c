"""Interactive API docs served by the mock: Swagger UI 5, which renders OpenAPI 3.1, offline.

`docs_routes(spec_path)` returns Starlette routes that app.py mounts at the root of the server:

    /docs                  the interactive reference (Swagger UI 5)
    /docs/assets/...       Swagger UI's script and stylesheet, shipped as package data
    /openapi.yaml          the contract as written (not Connexion's rewritten copy)

Connexion's bundled Swagger UI is 4.x and shows "Unable to render this definition" for 3.1, hence
this page. The assets are the unmodified `swagger-ui-dist` files in `static/swagger-ui/` (version in
`static/swagger-ui/VERSION`), so the docs work without network access. The page uses relative URLs
so that it also works when the routes are mounted under a prefix.
"""

from __future__ import annotations

import html
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

ASSETS_DIR = Path(__file__).parent / "static" / "swagger-ui"

_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title}</title>
  <link rel="stylesheet" href="docs/assets/swagger-ui.css">
  <style>body {{ margin: 0; }}</style>
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="docs/assets/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({{
      url: "openapi.yaml",
      dom_id: "#swagger-ui",
      deepLinking: true,
      displayOperationId: true,
      displayRequestDuration: true,
      filter: true,
      persistAuthorization: true,
      tryItOutEnabled: false,
      validatorUrl: null,
      presets: [SwaggerUIBundle.presets.apis],
      layout: "BaseLayout"
    }});
  </script>
</body>
</html>
"""


class _Assets(StaticFiles):
    """StaticFiles that answers a missing file with a 404 response instead of raising.

    The mock's front door calls these routes directly, outside Starlette's exception middleware,
    where a raised HTTPException would become a 500.
    """

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            return await super().get_response(path, scope)
        except HTTPException as exc:
            return PlainTextResponse(exc.detail, status_code=exc.status_code, headers=exc.headers)


def docs_page(title: str = "Appointments API") -> str:
    """The HTML of the docs page; it loads `openapi.yaml` and the assets relative to itself."""
    return _PAGE.format(title=html.escape(title))


def docs_routes(spec_path: Path) -> list[BaseRoute]:
    """Routes for the docs page, its assets and the raw spec."""
    page = docs_page()

    async def spec(_: Request) -> FileResponse:
        return FileResponse(spec_path, media_type="application/yaml")

    async def docs(_: Request) -> HTMLResponse:
        return HTMLResponse(page)

    async def docs_slash(_: Request) -> RedirectResponse:
        # Relative, so that it also works under a prefix; the page's relative URLs need `/docs`.
        return RedirectResponse("../docs", status_code=308)

    return [
        Route("/openapi.yaml", spec, methods=["GET", "HEAD"], name="openapi_yaml"),
        Route("/docs", docs, methods=["GET", "HEAD"], name="docs"),
        Route("/docs/", docs_slash, methods=["GET", "HEAD"], name="docs_slash"),
        Mount("/docs/assets", app=_Assets(directory=ASSETS_DIR), name="docs_assets"),
    ]
