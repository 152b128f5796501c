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

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

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

    return [
        Route("/openapi.yaml", spec, methods=["GET", "HEAD"], name="openapi_yaml"),
        Route("/docs", docs, methods=["GET", "HEAD"], name="docs"),
        Mount("/docs/assets", app=StaticFiles(directory=ASSETS_DIR), name="docs_assets"),
    ]
