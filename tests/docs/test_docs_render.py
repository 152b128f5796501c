"""The interactive docs render the OpenAPI 3.1 contract in a real (headless) browser.

Starts only the docs routes (`docs_routes`) under uvicorn on a free 127.0.0.1 port, loads `/docs` in
Debian's headless Chromium and checks that every operation is rendered and no error box is shown.
A screenshot goes to `.artifacts/docs.png` for CI. Chromium is required: without it this test fails
(`scripts/test` installs it on CI).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette

from appointments_mock.docs import docs_routes
from codegen.spec import parse_yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "openapi.yaml"
ARTIFACTS = ROOT / ".artifacts"
# Flags that keep Chromium off the network (closed here) and out of the user's profile.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--virtual-time-budget=20000",  # let Swagger UI fetch and render the spec before the dump
]


def _chromium() -> str:
    found = (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not found:
        pytest.fail(
            "headless Chromium is required for the docs test and was not found: "
            "install it (`apt-get install -y chromium`) or set CHROMIUM=/path/to/chromium",
            pytrace=False,
        )
    return found


def _browse(url: str, *extra: str) -> str:
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        done = subprocess.run(
            [_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, url],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def docs_url() -> Iterator[str]:
    app = Starlette(routes=docs_routes(SPEC))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the docs server did not start"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_docs_serve_the_raw_spec_and_the_vendored_assets(docs_url: str) -> None:
    spec = httpx.get(f"{docs_url}/openapi.yaml")
    assert spec.status_code == 200
    assert spec.text == SPEC.read_text(encoding="utf-8")
    page = httpx.get(f"{docs_url}/docs")
    assert page.status_code == 200
    assert 'src="docs/assets/swagger-ui-bundle.js"' in page.text
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        response = httpx.get(f"{docs_url}/docs/assets/{asset}")
        assert response.status_code == 200
        assert len(response.content) > 100_000


def test_docs_answer_a_missing_asset_with_404_and_redirect_a_trailing_slash(docs_url: str) -> None:
    assert httpx.get(f"{docs_url}/docs/assets/missing.js").status_code == 404
    slash = httpx.get(f"{docs_url}/docs/")
    assert slash.status_code == 308
    assert httpx.get(f"{docs_url}/docs/", follow_redirects=True).url.path == "/docs"


def test_docs_render_every_operation_of_the_3_1_spec_in_a_browser(docs_url: str) -> None:
    dom = _browse(f"{docs_url}/docs", "--dump-dom")
    assert "Unable to render this definition" not in dom
    assert "errors-wrapper" not in dom, "Swagger UI shows an error box"
    assert "OAS 3.1" in dom
    assert "Cancel an appointment" in dom
    spec = parse_yaml(SPEC.read_text(encoding="utf-8"))
    operation_ids = {
        op["operationId"]
        for item in spec["paths"].values()
        for op in item.values()
        if isinstance(op, dict) and "operationId" in op
    }
    missing = sorted(op_id for op_id in operation_ids if f">{op_id}<" not in dom)
    assert not missing, f"operations not rendered: {missing}"

    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / "docs.png"
    screenshot.unlink(missing_ok=True)
    _browse(f"{docs_url}/docs", "--window-size=1280,2200", f"--screenshot={screenshot}")
    assert screenshot.stat().st_size > 10_000
