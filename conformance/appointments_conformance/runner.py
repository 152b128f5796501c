"""Running the scenarios against a target: discovery, one outcome each, scores, the cleanup."""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

import httpx2

from appointments import APIError, PermissionDeniedError
from appointments_conformance.kit import (
    BudgetExceeded,
    Context,
    Exchange,
    RuleBroken,
    Skip,
    Target,
    World,
)
from appointments_conformance.scenarios import SCENARIOS, Scenario

Verdict = Literal["passed", "failed", "skipped"]


@dataclass
class Outcome:
    """How one scenario went."""

    scenario: Scenario
    verdict: Verdict
    message: str = ""
    exchange: Exchange | None = None
    seconds: float = 0.0


def find_control(base_url: str, timeout: float = 5.0) -> str | None:
    """The mock's control API next to ``base_url``, if the target has one."""
    parts = urlsplit(base_url)
    control = f"{parts.scheme}://{parts.netloc}/_mock"
    try:
        response = httpx2.get(f"{control}/health", timeout=timeout)
        ok = response.status_code == 200 and response.json().get("status") == "ok"
    except (httpx2.HTTPError, ValueError, AttributeError):
        return None
    return control if ok else None


def discover(target: Target) -> World:
    """The reference data the scenarios book with (needs the admin key)."""
    admin = target.client("admin")
    practitioners = [str(p.id) for p in admin.practitioners.list() if p.active]
    everyone = list(admin.clients.list())
    own = (
        [str(c.id) for c in target.client("client").clients.list()]
        if "client" in target.keys
        else []
    )
    # Clients without a booking limit book the run's appointments, so that no limit runs out;
    # a target short of reference data still runs (what it cannot book fails, as it should).
    free = [str(c.id) for c in everyone if c.booking_limit is None and str(c.id) not in own]
    others = [str(c.id) for c in everyone if str(c.id) not in own]
    candidates = [*free, *(c for c in others if c not in free), *own]
    filler = str(uuid.UUID(int=0, version=4))
    booker = candidates[0] if candidates else filler
    other = next((c for c in candidates if c != booker), filler)
    world = World(
        practitioner_id=practitioners[0] if practitioners else filler,
        client_id=own[0] if own else booker,
        booker_id=booker,
        other_client_id=other,
    )
    if "staff" in target.keys:  # the practitioner the staff key may book: the one it accepts
        start, end = target.slot(0)
        for practitioner_id in practitioners:
            try:
                probe = target.client("staff").appointments.create(
                    type="group", starts_at=start, ends_at=end, practitioner_id=practitioner_id,
                    max_attendees=1, notes=target.tag,
                )  # fmt: skip
            except PermissionDeniedError:
                continue
            world.practitioner_id = practitioner_id
            world.created.append(str(probe.id))
            target.client("admin").appointments.delete(probe.id)
            break
    return world


def run_one(scenario: Scenario, target: Target, world: World) -> Outcome:
    """One scenario: passed, failed (with the exchange that showed it) or skipped."""
    started = time.perf_counter()
    target.last = None
    missing = [role for role in scenario.roles if role not in target.keys]
    try:
        if missing:
            raise Skip(f"needs --key {', '.join(missing)}")
        if scenario.needs_control and target.control_url is None:
            raise Skip("needs the mock's control API (time travel)")
        scenario.run(Context(target, world))
    except Skip as skip:
        return Outcome(scenario, "skipped", str(skip), seconds=time.perf_counter() - started)
    except (RuleBroken, APIError, AssertionError) as broken:
        message = str(broken) or type(broken).__name__
        return Outcome(scenario, "failed", message, target.last, time.perf_counter() - started)
    except BudgetExceeded:
        raise
    except Exception as exc:  # an answer the scenario could not read is a broken rule too
        message = f"the server's answer broke the scenario: {type(exc).__name__}: {exc}"
        return Outcome(scenario, "failed", message, target.last, time.perf_counter() - started)
    return Outcome(scenario, "passed", seconds=time.perf_counter() - started)


def run(
    target: Target,
    scenarios: Sequence[Scenario] = SCENARIOS,
    progress: Callable[[int, int, Outcome], None] | None = None,
) -> list[Outcome]:
    """Every scenario in order, then the cleanup of what the run created."""
    world = discover(target)
    outcomes: list[Outcome] = []
    try:
        for index, scenario in enumerate(scenarios, 1):
            try:
                outcome = run_one(scenario, target, world)
            except BudgetExceeded as exc:
                outcome = Outcome(scenario, "skipped", str(exc))
            outcomes.append(outcome)
            if progress is not None:
                progress(index, len(scenarios), outcome)
    finally:
        cleanup(target, world)
        if target.control_url is not None:  # the run's own mock session is not needed any more
            target.control("DELETE", "/session")
    return outcomes


def cleanup(target: Target, world: World) -> int:
    """Delete and purge what the run created (and nothing else); how many went."""
    admin = target.client("admin")
    target.budget += 3 * len(world.created)  # the cleanup is never refused for budget
    removed = 0
    for appointment_id in world.created:
        with contextlib.suppress(APIError):  # deleted already: the purge may still work
            admin.appointments.delete(appointment_id)
        try:
            admin.appointments.purge(appointment_id)
            removed += 1
        except APIError:
            continue
    return removed


@dataclass(frozen=True)
class Score:
    """Passed and failed scenarios of a group (skipped ones do not count)."""

    passed: int
    failed: int
    skipped: int

    @property
    def percent(self) -> float:
        ran = self.passed + self.failed
        return 100.0 * self.passed / ran if ran else 100.0


def scores(outcomes: Sequence[Outcome]) -> tuple[dict[str, Score], Score]:
    """The score of each rule group, and overall."""
    groups: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        groups.setdefault(outcome.scenario.group, []).append(outcome)

    def score(items: Sequence[Outcome]) -> Score:
        return Score(
            sum(o.verdict == "passed" for o in items),
            sum(o.verdict == "failed" for o in items),
            sum(o.verdict == "skipped" for o in items),
        )

    return {group: score(items) for group, items in groups.items()}, score(outcomes)
