"""``/_mock`` (the URL ``serve`` prints) answers an index of the control API, and its spec is served.

The index lists every operation of ``control_openapi.yaml`` (read here independently of the mock),
every link in it works, and the spec served at ``/_mock/openapi.yaml`` and ``.json`` is that file.
All of it stands behind the control plane's checks like any other control route.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

import appointments_mock
from appointments_mock._threaded_server import ThreadedServer
from appointments_mock.app import create_app
from appointments_mock.cli import banner
from appointments_mock.control_access import TOKEN_HEADER, ControlAccess
from codegen.spec import parse_yaml
from tests.mock_http.test_errors import assert_problem

pytestmark = pytest.mark.anyio
CONTROL_SPEC = Path(appointments_mock.__file__).parent / "control_openapi.yaml"
METHODS = ("get", "put", "post", "delete", "patch")


def _spec() -> dict[str, Any]:
    document: dict[str, Any] = parse_yaml(CONTROL_SPEC.read_text(encoding="utf-8"))
    return document


def _operations() -> set[tuple[str, str, str]]:
    """(METHOD, /_mock path, operationId) of every operation in the control spec."""
    return {
        (method.upper(), "/_mock" + path, op["operationId"])
        for path, item in _spec()["paths"].items()
        for method, op in item.items()
        if method in METHODS
    }


@pytest.mark.parametrize("path", ["/_mock", "/_mock/"])
async def test_the_control_root_answers_an_index_of_every_control_operation(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    index = response.json()
    listed = {(r["method"], r["path"], r["operation_id"]) for r in index["routes"]}
    assert listed == _operations()
    assert all(r["summary"] for r in index["routes"])
    assert index["spec"] == {"yaml": "/_mock/openapi.yaml", "json": "/_mock/openapi.json"}
    assert index["api"] == {"base_url": "http://mock/v1", "docs": "/docs", "spec": "/openapi.yaml"}
    assert index["session_header"] == "X-Mock-Session"


async def test_every_get_link_of_the_index_answers(client: httpx.AsyncClient) -> None:
    index = (await client.get("/_mock")).json()
    links = [r["path"] for r in index["routes"] if r["method"] == "GET" and "{" not in r["path"]]
    links += [*index["spec"].values(), index["api"]["docs"], index["api"]["spec"]]
    assert "/_mock/health" in links
    for link in links:
        response = await client.get(link)
        assert response.status_code == 200, (link, response.text)


async def test_the_control_spec_is_served_as_written_in_yaml_and_json(
    client: httpx.AsyncClient,
) -> None:
    as_yaml = await client.get("/_mock/openapi.yaml")
    assert as_yaml.status_code == 200
    assert as_yaml.headers["content-type"].startswith("application/yaml")
    assert as_yaml.content == CONTROL_SPEC.read_bytes()
    as_json = await client.get("/_mock/openapi.json")
    assert as_json.status_code == 200
    assert as_json.headers["content-type"].startswith("application/json")
    assert as_json.json() == _spec()


def test_the_control_spec_describes_the_index_and_itself() -> None:
    ids = {operation_id for _, _, operation_id in _operations()}
    assert {"control.index", "control.openapi_yaml", "control.openapi_json"} <= ids
    assert ("GET", "/_mock/", "control.index") in _operations()


@pytest.mark.parametrize(
    "path", ["/_mock", "/_mock/", "/_mock/openapi.yaml", "/_mock/openapi.json"]
)
@pytest.mark.parametrize(
    "headers",
    [{"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}],
    ids=["foreign origin", "cross-site fetch"],
)
async def test_the_index_and_spec_refuse_cross_origin_browser_requests(
    client: httpx.AsyncClient, path: str, headers: dict[str, str]
) -> None:
    response = await client.get(path, headers=headers)
    assert_problem(response, 403, "cross-origin-control")


@pytest.mark.parametrize(
    "path", ["/_mock", "/_mock/", "/_mock/openapi.yaml", "/_mock/openapi.json"]
)
async def test_the_index_and_spec_need_the_control_token_when_set(path: str) -> None:
    app = create_app(control_access=ControlAccess(token="s3cret"))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://m") as c:
        assert_problem(await c.get(path), 401, "control-token-required")
        assert (await c.get(path, headers={TOKEN_HEADER: "s3cret"})).status_code == 200


@pytest.mark.parametrize("path", ["/_mock", "/_mock/openapi.json"])
async def test_the_index_and_spec_answer_loopback_host_names_only(path: str) -> None:
    app = create_app(control_access=ControlAccess(loopback_hosts_only=True))
    transport = httpx.ASGITransport(app=app)
    for host, status in [("127.0.0.1:8080", 200), ("evil.example", 403)]:
        async with httpx.AsyncClient(transport=transport, base_url=f"http://{host}") as c:
            assert (await c.get(path)).status_code == status, host


async def test_the_index_creates_no_session(client: httpx.AsyncClient) -> None:
    name = "never-used-by-the-index"
    await client.get("/_mock", headers={"X-Mock-Session": name})
    await client.get("/_mock/openapi.json", headers={"X-Mock-Session": name})
    sessions = (await client.get("/_mock/sessions")).json()["items"]
    assert name not in [s["name"] for s in sessions]


def test_the_control_url_serve_prints_answers_over_a_socket() -> None:
    with ThreadedServer(create_app(), name="control-index", log_level="critical") as server:
        text = banner(server.url, seed=0, retention_days=30, validate_responses=True)
        found = re.search(r"Control:\s+(\S+)", text)
        assert found is not None, text
        response = httpx.get(found.group(1), timeout=10)
        root = server.url
    assert response.status_code == 200, response.text
    index = json.loads(response.text)
    assert index["spec"]["yaml"] == "/_mock/openapi.yaml"
    assert index["api"]["base_url"] == f"{root}/v1"


def test_the_control_spec_is_valid_openapi_3_1() -> None:
    from openapi_spec_validator import validate

    validate(_spec())  # raises on an invalid document


BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


async def test_a_browser_gets_the_index_as_a_page_of_links(client: httpx.AsyncClient) -> None:
    response = await client.get("/_mock", headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    for method, path, operation_id in _operations():
        assert operation_id in page
        if method == "GET" and "{" not in path:
            assert f'<a href="{path}">' in page, path
    for link in ("/_mock/openapi.yaml", "/_mock/openapi.json", "/docs", "http://mock/v1"):
        assert f'href="{link}"' in page, link


@pytest.mark.parametrize("accept", [None, "*/*", "application/json", "application/json, text/html"])
async def test_other_clients_get_the_index_as_json(
    client: httpx.AsyncClient, accept: str | None
) -> None:
    headers = {"Accept": accept} if accept else {}
    response = await client.get("/_mock", headers=headers)
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["spec"]["json"] == "/_mock/openapi.json"
