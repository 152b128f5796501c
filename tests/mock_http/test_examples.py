"""Design first: an operation is served the moment it is in the spec, from its examples.

An operation without a handler answers its documented success example (authenticated, validated,
journaled, checked, marked ``X-Mock-Source: example``); any request may ask for a documented
answer with ``Prefer: code=...`` / ``example=...``, which wins over the rules and changes nothing.
The end-to-end test adds an operation to a copy of the spec, builds the SDK from that copy and
calls the new operation through it, with no hand edit anywhere.
"""

from __future__ import annotations

import copy
import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from appointments_mock import spec as _spec
from appointments_mock.app import create_app, example_operations_of, session_of
from appointments_mock.cli import banner
from tests.mock_http._support import ADMIN, PRACTITIONER_ID
from tests.mock_http.test_errors import assert_problem
from tests.world_state import assert_unchanged, snapshot

pytestmark = pytest.mark.anyio

PRACTITIONER_GET: dict[str, Any] = {
    "get": {
        "operationId": "practitioners.get",
        "x-roles": {"admin": "any", "api_client": "any", "staff": "any", "client": "any"},
        "tags": ["practitioners"],
        "summary": "Get a practitioner",
        "description": "One practitioner, with their time zone and weekly working hours.",
        "parameters": [
            {
                "name": "practitioner_id",
                "in": "path",
                "required": True,
                "description": "The practitioner's id.",
                "schema": {"type": "string", "format": "uuid"},
            }
        ],
        "responses": {
            "200": {
                "description": "The practitioner.",
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/Practitioner"},
                        "examples": {
                            "ada": {
                                "summary": "Dr. Ada Lovelace",
                                "value": {
                                    "id": PRACTITIONER_ID,
                                    "display_name": "Dr. Ada Lovelace",
                                    "email": "ada@example.com",
                                    "time_zone": "Europe/Berlin",
                                    "active": True,
                                    "working_hours": [
                                        {"weekday": 1, "start": "09:00", "end": "17:00"}
                                    ],
                                    "calendar_url": None,
                                },
                            }
                        },
                    }
                },
            },
            "401": {"$ref": "#/components/responses/Unauthorized"},
            "404": {"$ref": "#/components/responses/NotFound"},
        },
    }
}


def _spec_with(tmp_path: Path, paths: dict[str, Any]) -> Path:
    spec = copy.deepcopy(_spec.load_spec(_spec.spec_path()))
    spec["paths"].update(paths)
    target = tmp_path / "openapi.yaml"
    target.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def designed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working copy of the spec with ``practitioners.get`` added (no handler exists)."""
    return _spec_with(
        tmp_path_factory.mktemp("designed"),
        {"/practitioners/{practitioner_id}": PRACTITIONER_GET},
    )


@pytest.fixture(scope="module")
def designed_app(designed: Path) -> Any:
    return create_app(spec_path=designed)


async def _client(app: Any, **headers: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://mock", headers=headers
    )


async def test_an_operation_without_a_handler_is_served_from_its_example(
    designed_app: Any,
) -> None:
    assert example_operations_of(designed_app) == ["practitioners.get"]
    async with await _client(designed_app, **ADMIN, **{"X-Mock-Session": "designed"}) as c:
        got = await c.get(f"/v1/practitioners/{PRACTITIONER_ID}")
        assert got.status_code == 200, got.text
        assert got.headers["x-mock-source"] == "example"
        assert got.json()["display_name"] == "Dr. Ada Lovelace"
        assert_problem(await c.get("/v1/practitioners/not-a-uuid"), 400, "validation-error")
        health = (await c.get("/_mock/health")).json()
        assert health["example_operations"] == ["practitioners.get"]
        journal = await c.get("/_mock/journal", params={"operation_id": "practitioners.get"})
        assert [e["status"] for e in journal.json()["items"]] == [200, 400]
    async with await _client(designed_app) as anonymous:
        assert_problem(await anonymous.get(f"/v1/practitioners/{PRACTITIONER_ID}"), 401,
                       "unauthenticated")  # fmt: skip


async def test_a_preference_picks_a_documented_answer_of_an_operation_without_rules(
    designed_app: Any,
) -> None:
    async with await _client(designed_app, **ADMIN) as c:
        missing = await c.get(
            f"/v1/practitioners/{PRACTITIONER_ID}", headers={"Prefer": "code=404"}
        )
        problem = assert_problem(missing, 404, "not-found")
        assert problem["instance"] == f"/v1/practitioners/{PRACTITIONER_ID}"
        assert missing.headers["preference-applied"] == "code=404"


async def test_an_operation_with_neither_rules_nor_a_success_example_is_501(
    tmp_path: Path,
) -> None:
    bare = copy.deepcopy(PRACTITIONER_GET)
    del bare["get"]["responses"]["200"]["content"]["application/json"]["examples"]
    app = create_app(spec_path=_spec_with(tmp_path, {"/practitioners/{practitioner_id}": bare}))
    async with await _client(app, **ADMIN) as c:
        response = await c.get(f"/v1/practitioners/{PRACTITIONER_ID}")
    assert_problem(response, 501, "not-implemented")


async def test_a_preference_wins_over_the_rules_and_changes_nothing(
    app: Any, client: httpx.AsyncClient, session_name: str
) -> None:
    world = session_of(app, session_name).world
    upcoming = world.labels["upcoming"]
    before = snapshot(world)
    canceled = await client.post(
        f"/v1/appointments/{upcoming}/cancel",
        json={"reason_code": 30},
        headers={"Prefer": "code=200"},
    )
    assert canceled.status_code == 200, canceled.text
    assert canceled.headers["x-mock-source"] == "example"
    assert canceled.json()["status"] == "canceled"  # the documented example...
    assert_unchanged(before, world)  # ...and the appointment itself is untouched
    gone = await client.get(f"/v1/appointments/{upcoming}", headers={"Prefer": "code=410"})
    problem = assert_problem(gone, 410, "appointment-deleted")
    assert problem["request_id"] == gone.headers["x-request-id"]
    real = await client.get(f"/v1/appointments/{upcoming}")
    assert real.status_code == 200
    assert "x-mock-source" not in real.headers


async def test_a_preference_is_judged_after_authentication_and_validation(
    app: Any, client: httpx.AsyncClient
) -> None:
    prefer = {"Prefer": "code=404"}
    invalid = await client.get("/v1/appointments/not-a-uuid", headers=prefer)
    assert_problem(invalid, 400, "validation-error")
    async with await _client(app) as anonymous:
        assert_problem(await anonymous.get("/v1/appointments", headers=prefer), 401,
                       "unauthenticated")  # fmt: skip


async def test_a_preference_for_an_undocumented_answer_is_400(client: httpx.AsyncClient) -> None:
    for prefer in ("code=418", "example=no-such-example", "code=200, example=not_found"):
        response = await client.get("/v1/cancellation-reasons", headers={"Prefer": prefer})
        problem = assert_problem(response, 400, "validation-error")
        assert problem["errors"][0]["header"] == "Prefer"
        assert "documented: 200" in problem["errors"][0]["detail"]


async def test_other_preferences_are_ignored(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/v1/cancellation-reasons", headers={"Prefer": "return=minimal, respond-async"}
    )
    assert response.status_code == 200
    assert "x-mock-source" not in response.headers


def test_serve_names_the_operations_it_serves_from_examples() -> None:
    text = banner("http://127.0.0.1:1", seed=0, retention_days=30, validate_responses=True,
                  example_operations=["practitioners.get"])  # fmt: skip
    assert "From examples (no rules yet): practitioners.get" in text


_THROUGH_THE_SDK = """
import asyncio, json, sys
from pathlib import Path

import httpx
from appointments import AsyncAppointmentsClient
from appointments_mock.app import create_app


async def main() -> None:
    app = create_app(spec_path=Path(sys.argv[1]))
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mock/v1")
    async with AsyncAppointmentsClient(
        api_key="demo-admin-key", base_url="http://mock/v1", http_client=http
    ) as client:
        practitioner = await client.practitioners.get(sys.argv[2])
    print(json.dumps({"type": type(practitioner).__name__, "module": type(practitioner).__module__,
                      "display_name": practitioner.display_name,
                      "sdk": __import__("appointments").__file__}))


asyncio.run(main())
"""


def test_a_new_operation_works_through_the_regenerated_sdk_with_no_hand_edit(
    designed: Path, tmp_path: Path
) -> None:
    from codegen._sdk_build import build_sdk
    from codegen.spec import parse_yaml

    sdk_dir = build_sdk(parse_yaml(designed.read_text(encoding="utf-8")))
    script = tmp_path / "through_the_sdk.py"
    script.write_text(textwrap.dedent(_THROUGH_THE_SDK), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(designed), PRACTITIONER_ID],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PYTHONPATH": str(sdk_dir), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["type"] == "Practitioner"
    assert result["display_name"] == "Dr. Ada Lovelace"
    assert result["sdk"].startswith(str(sdk_dir))  # the regenerated SDK, not the repository's


def test_the_gate_lists_operations_served_from_examples_and_fails_on_none(
    designed: Path, tmp_path: Path
) -> None:
    from codegen.check import check_mock

    warned = check_mock(designed)
    assert warned.ok
    assert warned.data["mock_coverage"]["practitioners.get"] == "examples"
    assert any(d.startswith("[warning] practitioners.get") for d in warned.details)
    bare = copy.deepcopy(PRACTITIONER_GET)
    del bare["get"]["responses"]["200"]["content"]["application/json"]["examples"]
    failed = check_mock(_spec_with(tmp_path, {"/practitioners/{practitioner_id}": bare}))
    assert not failed.ok
    assert any(d.startswith("[error] practitioners.get") for d in failed.details)
    assert check_mock().ok  # openapi.yaml: every operation has rules


def test_serve_with_a_working_copy_of_the_spec_serves_and_names_the_new_operation(
    designed: Path,
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "appointments_mock", "serve", "--port", str(port),
         "--spec", str(designed)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        assert process.stdout is not None
        lines: list[str] = []
        deadline = time.monotonic() + 30
        while not any("Press Ctrl-C" in line for line in lines):
            assert time.monotonic() < deadline, lines
            line = process.stdout.readline()
            assert line, process.stderr.read() if process.stderr else ""
            lines.append(line)
        assert any("From examples (no rules yet): practitioners.get" in line for line in lines)
        got = httpx.get(f"http://127.0.0.1:{port}/v1/practitioners/{PRACTITIONER_ID}",
                        headers=ADMIN, timeout=10)  # fmt: skip
        assert got.status_code == 200
        assert got.headers["x-mock-source"] == "example"
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=15)
