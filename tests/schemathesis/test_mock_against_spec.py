"""Schemathesis against the mock server, in-process: every operation, every phase, every check.

Phases: ``examples`` (the spec's examples), ``coverage`` (boundary values, positive and negative,
deterministic), ``fuzzing`` (Hypothesis, positive and negative, ``max-examples`` bounded) in
``test_operation``; ``stateful`` (sequences that follow the spec's ``links``) in
``TestStatefulWorkflows``. All checks, a fixed seed, no example database: a run is reproducible.

Every case runs in a fresh mock session (``X-Mock-Session``), so no case sees another's changes;
a stateful scenario keeps one session from its first step to its last. Session clocks are frozen at
one instant, so the mock answers alike on every run. Counts per phase are printed
in the terminal summary (see ``conftest.py``).

What the schema cannot say (which ids exist, that ``ends_at`` follows ``starts_at``, that a page
token is only valid if the server issued it) is supplied by the ``map_case`` hook for
*positive* cases only, so that ``positive_data_acceptance`` keeps its full strength; negative cases
are left as generated. The one check disabled for some operations is ``use_after_free``, see
``_SOFT_DELETE_READS``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import anyio
import httpx
import hypothesis
import schemathesis
from schemathesis import Case, GenerationMode
from schemathesis.checks import CheckResult

from appointments_mock.app import create_app
from appointments_mock.clock import Clock
from appointments_mock.domain.reasons import REASONS
from appointments_mock.domain.values import EARLIEST, LATEST, integer
from appointments_mock.seed import CLIENTS, DEMO_CLIENT_ID, DEMO_PRACTITIONER_ID, new_world
from appointments_mock.store import World
from tests.schemathesis._counts import record_case, record_checks

SEED = 20300304
FUZZING_EXAMPLES = 15
STATEFUL_SCENARIOS = 40
STATEFUL_MAX_STEPS = 8
ADMIN_KEY = "demo-admin-key"
MAX_RESPONSE_SECONDS = 5.0

# Reads that must keep answering 2xx after `DELETE /appointments/{appointment_id}`, by design:
# a DELETE is a *soft* delete. `appointments.get` answers 410 for a deleted appointment, but 200
# with `?show_deleted=true` (the check ignores the query); the audit trail and the notifications of
# an appointment survive its deletion (and even its purge). `use_after_free` flags any 2xx on the
# same or a child path after a 2xx DELETE, so it is disabled for these operations only.
_SOFT_DELETE_READS = [
    "appointments.get",
    "appointments.audit_events",
    "appointments.notifications",
]

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": SEED,
        "auth": {"openapi": {"bearerAuth": {"bearer": ADMIN_KEY}}},
        "generation": {"mode": "all", "database": "none"},
        # Every check; `max_response_time` needs a limit to run: generous, it only catches a hang.
        "checks": {
            "enabled": True,
            "max_response_time": MAX_RESPONSE_SECONDS,
            # A valid request about a soft-deleted appointment or attendee is answered 410 Gone,
            # the same kind of state answer as 404 and 409 (which the check already accepts);
            # `status_code_conformance` still requires every 410 to be documented.
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "3xx", "401", "403", "404", "409", "410", "429", "5xx"]
            },
        },
        "phases": {
            "examples": {"enabled": True},
            "coverage": {"enabled": True},
            # No steering by the mock's answers (they carry request ids and the session's "now"):
            # the same seed then gives the same cases on every run.
            "fuzzing": {
                "enabled": True,
                "generation": {"max-examples": FUZZING_EXAMPLES},
                "error-feedback": {"enabled": False},
                "extra-data-sources": {"responses": False},
            },
            "stateful": {"enabled": True, "max-steps": STATEFUL_MAX_STEPS},
        },
        "operations": [
            {
                "include-operation-id": _SOFT_DELETE_READS,
                "checks": {"use_after_free": {"enabled": False}},
            }
        ],
    }
)

# Every session starts at the same frozen instant: the demo data (relative to "now") and every
# time rule (in progress, ended, availability) then answer the same on every run.
FROZEN_AT = datetime(2030, 3, 4, 9, 0, tzinfo=UTC)


def _world_at_a_fixed_time(*, seed: int, retention_days: int) -> World:
    return new_world(seed=seed, retention_days=retention_days, clock=Clock(frozen_at=FROZEN_AT))


APP = create_app(seed=0, validate_responses=True, world_factory=_world_at_a_fixed_time)
schema = schemathesis.openapi.from_path("openapi.yaml", config=CONFIG)
schema.app = APP


def _new_session() -> dict[str, str]:
    return {"X-Mock-Session": f"st-{uuid.uuid4().hex}"}


# -- the rules the schema cannot express, for positive cases --------------------------------------

_KNOWN_CLIENTS = [c.id for c in CLIENTS]
_ACTIVE_REASONS = {code for code, reason in REASONS.items() if reason.active}


def _instant(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


_IN_RANGE = "2030-03-04T09:00:00+00:00"
_WEEK = timedelta(days=7)


def _keep_in_range(container: dict[str, Any]) -> None:
    """Instants the rules accept: EARLIEST .. LATEST in UTC (400 otherwise)."""
    for name, value in list(container.items()):
        if not isinstance(value, str):
            continue
        instant = _instant(value)
        if instant is None or instant.tzinfo is None:
            continue
        try:
            utc = instant.astimezone(UTC)
        except OverflowError:
            utc = None
        if utc is None or not EARLIEST <= utc <= LATEST - _WEEK:
            container[name] = _IN_RANGE


def _fix_times(body: dict[str, Any]) -> None:
    start, end = _instant(body.get("starts_at")), _instant(body.get("ends_at"))
    if (
        start is not None
        and start.tzinfo is not None
        and (end is None or not start < end <= start + timedelta(hours=24))
    ):
        body["ends_at"] = (start + timedelta(minutes=30)).isoformat()


_NOBODY = "00000000-0000-4000-8000-000000000000"


@schema.hook
def map_case(context: schemathesis.HookContext, case: Case) -> Case:
    """Make a positive case obey the documented rules that JSON Schema cannot express."""
    if case.meta is None or case.meta.generation.mode is not GenerationMode.POSITIVE:
        return case
    operation_id = case.operation.definition.raw.get("operationId")
    if isinstance(case.path_parameters, dict):
        # A link (the spec's, or one Schemathesis infers from response fields) may take an id
        # from a response where it is null (a group appointment's `client_id`, a notification's
        # `attendee_id`): the path then names nothing at all (400), which no valid case does.
        # A demo id where there is one, else an id nothing has (404, a valid answer).
        known = {"client_id": DEMO_CLIENT_ID, "practitioner_id": DEMO_PRACTITIONER_ID}
        for name, value in case.path_parameters.items():
            if value in (None, "None"):
                case.path_parameters[name] = known.get(name, _NOBODY)
    if isinstance(case.query, dict):
        # Page tokens are opaque and issued by the server: a made-up one is 400 invalid-page-token.
        case.query.pop("page_token", None)
        _keep_in_range(case.query)
        if operation_id == "availability.list":
            case.query["practitioner_id"] = DEMO_PRACTITIONER_ID  # an unknown one is 400
            start = _instant(case.query.get("from"))
            if start is not None and start.tzinfo is not None:
                # `to` after `from`, at most 31 days later (400 window-too-large otherwise).
                case.query["to"] = (start + _WEEK).isoformat()
        if operation_id in ("reports.appointments", "reports.practitioner_activity"):
            if operation_id == "reports.practitioner_activity":
                case.query["practitioner_id"] = DEMO_PRACTITIONER_ID  # an unknown one is 400
            start = _instant(case.query.get("from"))
            if start is not None and start.tzinfo is not None:
                # `to` after `from`, at most 366 days later (400 window-too-large otherwise).
                case.query["to"] = (start + _WEEK).isoformat()
    if case.headers is not None:
        # An ETag is issued by the server: a made-up `If-Match` is 412 precondition-failed.
        for name in [n for n in case.headers if n.lower() == "if-match"]:
            del case.headers[name]
        # An Idempotency-Key names one logical request: reused for another one it is 422.
        for name in [n for n in case.headers if n.lower() == "idempotency-key"]:
            case.headers[name] = str(uuid.uuid4())
    body = case.body
    if not isinstance(body, dict):
        return case
    # References must exist (400 "unknown practitioner" / "unknown client" otherwise).
    if "practitioner_id" in body:
        body["practitioner_id"] = DEMO_PRACTITIONER_ID
    if "client_id" in body and body["client_id"] not in _KNOWN_CLIENTS:
        body["client_id"] = DEMO_CLIENT_ID
    if "reason_code" in body:
        # An active code of GET /cancellation-reasons (400 invalid-cancellation-reason), and a
        # note for the codes that require one (400 note-required).
        if integer(body["reason_code"]) not in _ACTIVE_REASONS:
            body["reason_code"] = 10
        if REASONS[integer(body["reason_code"]) or 10].requires_note:
            body["note"] = "Required by this reason."
    if "time_zone" in body and body["time_zone"] is not None:
        body["time_zone"] = "Europe/Berlin"  # an IANA name (400 otherwise)
    _keep_in_range(body)
    if operation_id == "appointments.update" and ("starts_at" in body) != ("ends_at" in body):
        # A lone new start or end must still fall on the right side of the stored other end,
        # which a generated case cannot know: move both or neither.
        body.pop("starts_at", None)
        body.pop("ends_at", None)
    if "starts_at" in body or "ends_at" in body:
        _fix_times(body)
    if operation_id in ("webhook_endpoints.create", "webhook_endpoints.update") and "url" in body:
        body["url"] = "http://127.0.0.1:9/hooks"  # loopback only (400 at /url otherwise)
    if operation_id == "appointments.create":
        # `client_id` only for individual appointments, `max_attendees` only for groups.
        body["practitioner_id"] = DEMO_PRACTITIONER_ID
        if body.get("type") == "group":
            body.pop("client_id", None)
            body.setdefault("max_attendees", 4)
        else:
            body.pop("max_attendees", None)
            body.setdefault("client_id", DEMO_CLIENT_ID)
    return case


@schema.hook
def after_validate(
    context: schemathesis.HookContext,
    case: Case,
    response: schemathesis.Response,
    results: list[CheckResult],
) -> None:
    record_checks(results)


# -- phases: examples, coverage, fuzzing ----------------------------------------------------------


@schema.parametrize()
def test_operation(case: Case) -> None:
    record_case(case)
    case.call_and_validate(headers=_new_session())


# -- phase: stateful ------------------------------------------------------------------------------


class StatefulWorkflows(schema.as_state_machine()):  # type: ignore[misc]
    """Sequences that follow the spec's links (create -> get/cancel/delete, attendees ...)."""

    def setup(self) -> None:
        self.session = _new_session()

    def before_call(self, case: Case) -> None:
        # Values taken from earlier responses are filled in after generation (e.g. a `client_id`
        # in the body of a group appointment): apply the documented rules once more, last.
        map_case(None, case)

    def get_call_kwargs(self, case: Case) -> dict[str, Any]:
        record_case(case, phase="stateful")
        return {"headers": self.session}


TestStatefulWorkflows = StatefulWorkflows.TestCase
TestStatefulWorkflows.settings = hypothesis.settings(
    TestStatefulWorkflows.settings,
    max_examples=STATEFUL_SCENARIOS,
    stateful_step_count=STATEFUL_MAX_STEPS,
    derandomize=True,  # the scenarios are the same on every run
    database=None,
)


# -- the exclusion is exactly as wide as documented -----------------------------------------------


def test_use_after_free_is_off_only_for_the_reads_that_survive_a_soft_delete() -> None:
    disabled = sorted(
        operation.definition.raw["operationId"]
        for operation in (result.ok() for result in schema.get_all_operations())
        if not CONFIG.projects.get_default()
        .checks_config_for(operation=operation, phase=None)
        .use_after_free.enabled
    )
    assert disabled == sorted(_SOFT_DELETE_READS)


def test_the_reads_excluded_from_use_after_free_do_answer_after_a_delete() -> None:
    session = {"Authorization": f"Bearer {ADMIN_KEY}", **_new_session()}
    body = {
        "type": "group",
        "starts_at": "2031-01-06T10:00:00Z",
        "ends_at": "2031-01-06T11:00:00Z",
        "practitioner_id": DEMO_PRACTITIONER_ID,
        "max_attendees": 4,
    }

    async def scenario() -> dict[str, int]:
        transport = httpx.ASGITransport(app=APP)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://mock/v1", headers=session
        ) as http:
            created = (await http.post("/appointments", json=body)).json()
            path = f"/appointments/{created['id']}"
            assert (await http.delete(path)).status_code == 200
            return {
                "get": (await http.get(path)).status_code,
                "get_show_deleted": (
                    await http.get(path, params={"show_deleted": "true"})
                ).status_code,
                "audit_events": (await http.get(f"{path}/audit-events")).status_code,
                "notifications": (await http.get(f"{path}/notifications")).status_code,
            }

    assert anyio.run(scenario) == {
        "get": 410,
        "get_show_deleted": 200,
        "audit_events": 200,
        "notifications": 200,
    }
