"""The conformance kit discriminates: the mock scores 100 %, broken servers fail the right rules.

* the mock over a socket, every key, its control API: every scenario passes, nothing skipped;
* without the control API: the time-travel scenario is skipped, not failed, and the run leaves
  nothing of its own behind;
* Prism's static mock of the same spec: the stateful rules fail, the rules it can keep pass
  (pinned below);
* two broken variants of the mock -- a cancel that deletes the record, canceled appointments
  visible to clients -- each caught by the rule it breaks.
"""

from __future__ import annotations

import json
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from appointments_conformance import SCENARIOS, Target, run, scores
from appointments_conformance.cli import main
from appointments_conformance.runner import Outcome, find_control
from appointments_mock._request import current_world
from appointments_mock._threaded_server import ThreadedServer
from appointments_mock.app import create_app
from appointments_mock.domain import guards
from appointments_mock.handlers import appointments as real_appointments
from tests._prism import Prism, prism_available

KEYS = {
    "admin": "demo-admin-key",
    "api_client": "demo-api-key",
    "staff": "demo-staff-key",
    "client": "demo-client-key",
}


def _run(url: str, *, control: bool = True, keys: dict[str, str] = KEYS) -> list[Outcome]:
    base = f"{url}/v1"
    target = Target(base, dict(keys), control_url=find_control(base) if control else None)
    try:
        return run(target)
    finally:
        target.close()


def _verdicts(outcomes: list[Outcome]) -> dict[str, str]:
    return {o.scenario.id: o.verdict for o in outcomes}


@pytest.fixture(scope="module")
def mock() -> Iterator[ThreadedServer]:
    with ThreadedServer(create_app(), name="conformance-mock") as server:
        yield server


def test_the_mock_scores_100_percent(mock: ThreadedServer) -> None:
    outcomes = _run(mock.url)
    failed = {o.scenario.id: o.message for o in outcomes if o.verdict != "passed"}
    assert failed == {}
    by_group, overall = scores(outcomes)
    assert overall.percent == 100.0
    assert len(by_group) >= 9
    assert len(outcomes) == len(SCENARIOS) >= 25


def test_without_the_control_api_time_travel_is_skipped_and_the_run_cleans_up(
    mock: ThreadedServer,
) -> None:
    outcomes = _run(mock.url, control=False)
    verdicts = _verdicts(outcomes)
    assert verdicts["delete.retention-purges"] == "skipped"
    assert {v for k, v in verdicts.items() if k != "delete.retention-purges"} == {"passed"}
    with httpx.Client(
        base_url=f"{mock.url}/v1", headers={"Authorization": "Bearer demo-admin-key"}
    ) as c:
        left = c.get("/appointments", params={"starts_after": "2089-01-01T00:00:00Z",
                                               "status": ["active", "canceled"],
                                               "deleted": "include", "page_size": 100})  # fmt: skip
    assert left.json()["items"] == []  # deleted and purged: only what the run itself made


def test_a_missing_role_skips_its_scenarios(mock: ThreadedServer) -> None:
    verdicts = _verdicts(_run(mock.url, keys={"admin": KEYS["admin"]}))
    assert verdicts["visibility.client-never-sees-canceled"] == "skipped"
    assert verdicts["visibility.staff-see-their-practitioner"] == "skipped"
    assert verdicts["cancel.keeps-the-record"] == "passed"


# -- broken variants ----------------------------------------------------------------------------


@pytest.fixture
def cancel_deletes() -> Iterator[ThreadedServer]:
    """A mock whose cancel erases the appointment instead of keeping it."""

    async def cancel(**kwargs: Any) -> Any:
        response = await real_appointments.cancel(**kwargs)
        world = current_world()
        world.remove_appointment(world.appointments[kwargs["appointment_id"]])
        return response

    cancel.__wrapped__ = real_appointments.cancel  # type: ignore[attr-defined]
    name = "conformance_broken_cancel"
    package = types.ModuleType(name)
    package.__path__ = []
    sys.modules[name] = package
    for tag in ("appointments", "attendees", "audit_events", "availability",
                "cancellation_reasons", "clients", "practitioners"):  # fmt: skip
        real = __import__(f"appointments_mock.handlers.{tag}", fromlist=["x"])
        module = types.ModuleType(f"{name}.{tag}")
        module.__dict__.update({k: v for k, v in vars(real).items() if not k.startswith("__")})
        sys.modules[module.__name__] = module
        setattr(package, tag, module)
    sys.modules[f"{name}.appointments"].cancel = cancel  # type: ignore[attr-defined]
    try:
        with ThreadedServer(create_app(handlers_package=name), name="broken-cancel") as server:
            yield server
    finally:
        for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[module]


def test_a_cancel_that_deletes_the_record_is_caught(cancel_deletes: ThreadedServer) -> None:
    verdicts = _verdicts(_run(cancel_deletes.url))
    assert verdicts["cancel.keeps-the-record"] == "failed"
    assert verdicts["cancel.is-final"] == "failed"
    assert verdicts["problems.shape"] == "passed"  # it does not fail everything


def test_canceled_appointments_visible_to_clients_are_caught(
    mock: ThreadedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        guards, "sees_appointment",
        lambda world, actor, appt: actor.type != "staff"
        or appt.practitioner_id == actor.practitioner_id,
    )  # fmt: skip
    verdicts = _verdicts(_run(mock.url))
    assert verdicts["visibility.client-never-sees-canceled"] == "failed"
    assert verdicts["visibility.hidden-is-404-not-403"] == "failed"
    assert verdicts["cancel.keeps-the-record"] == "passed"


# -- Prism's static mock ------------------------------------------------------------------------

# What a static mock answering from examples can keep; every other rule needs state.
PRISM_PASSES = {"guards.authentication-first"}


@pytest.mark.prism
@pytest.mark.skipif(not prism_available(), reason="needs Node 20 and npx")
def test_prism_static_mock_fails_the_stateful_rules() -> None:
    with Prism.mock() as prism:
        target = Target(prism.url, dict(KEYS))
        try:
            outcomes = run(target)
        finally:
            target.close()
    verdicts = _verdicts(outcomes)
    passed = {k for k, v in verdicts.items() if v == "passed"}
    assert passed == PRISM_PASSES
    for stateful in ("cancel.keeps-the-record", "delete.is-soft", "idempotency.replays",
                     "guards.stale-if-match-is-412", "visibility.client-never-sees-canceled"):  # fmt: skip
        assert verdicts[stateful] == "failed"


# -- the command ---------------------------------------------------------------------------------


def test_the_command_writes_every_report_and_exits_by_the_score(
    mock: ThreadedServer, tmp_path: Path
) -> None:
    keys = [a for role, key in KEYS.items() for a in ("--key", f"{role}={key}")]
    reports = ["--junit", str(tmp_path / "r.xml"), "--json", str(tmp_path / "r.json"),
               "--markdown", str(tmp_path / "r.md")]  # fmt: skip
    assert main(["--base-url", f"{mock.url}/v1", *keys, *reports]) == 0
    assert json.loads((tmp_path / "r.json").read_text())["score"] == 100.0
    assert "<testsuites" in (tmp_path / "r.xml").read_text()
    assert "| cancel | 100.0 % |" in (tmp_path / "r.md").read_text()
    assert main(["--base-url", f"{mock.url}/v1", "--key", "client=demo-client-key"]) == 2


def test_the_command_fails_below_the_minimum_score(cancel_deletes: ThreadedServer) -> None:
    keys = [a for role, key in KEYS.items() for a in ("--key", f"{role}={key}")]
    assert main(["--base-url", f"{cancel_deletes.url}/v1", *keys]) == 1
    assert main(["--base-url", f"{cancel_deletes.url}/v1", *keys, "--min-score", "50"]) == 0


def test_a_dry_run_sends_nothing() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "appointments_conformance", "--base-url", "http://127.0.0.1:9/v1",
         "--dry-run"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "cancel.keeps-the-record" in done.stdout
    assert f"{len(SCENARIOS)} scenarios" in done.stdout


def test_the_request_budget_stops_the_run_and_the_rest_is_skipped(mock: ThreadedServer) -> None:
    target = Target(f"{mock.url}/v1", dict(KEYS), budget=20)
    try:
        outcomes = run(target)
    finally:
        target.close()
    verdicts = [o.verdict for o in outcomes]
    assert "skipped" in verdicts
    assert any("budget" in o.message for o in outcomes if o.verdict == "skipped")
    assert target.sent <= 20 + 3 * 30  # the budget, plus the cleanup it never refuses


def test_the_kit_needs_the_sdk_and_not_the_mock() -> None:
    code = ("import sys; sys.modules.update(dict.fromkeys(['appointments_mock', 'connexion', "
            "'uvicorn', 'starlette'])); import appointments_conformance.cli")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
