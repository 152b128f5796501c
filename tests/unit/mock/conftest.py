"""Fixtures for the mock's rules, exercised directly (no HTTP).

* ``world``: the demo world on a clock frozen at ``NOW`` (Monday 2030-03-04 06:00 UTC);
* ``api``: calls as a demo key (``api.call("client")``), booking shortcuts, moving the clock;
* ``fails``: runs a domain call that must raise one problem, checks its status, code, that the
  code is one the spec lists for the operation, and that the problem validates;
* ``check``: validates produced JSON against a schema of ``openapi.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from mock_rules_support import NOW, Api, Fails, problem_codes, validate

from appointments_mock.clock import Clock
from appointments_mock.errors import ProblemError
from appointments_mock.seed import new_world
from appointments_mock.store import World


@pytest.fixture
def world() -> World:
    """The demo world on a clock frozen at NOW."""
    return new_world(clock=Clock(frozen_at=NOW))


@pytest.fixture
def api(world: World) -> Api:
    """Shortcuts over ``world``."""
    return Api(world)


@pytest.fixture
def fails() -> Fails:
    """``fails(status, code, op, fn, *args, **kwargs)``: the call must raise exactly that problem."""

    def run(
        status: int, code: str, op: str, fn: Callable[..., Any], /, *args: Any, **kwargs: Any
    ) -> ProblemError:
        with pytest.raises(ProblemError) as info:
            fn(*args, **kwargs)
        error = info.value
        assert (error.status, error.code) == (status, code), (
            f"{error.status} {error.code}: {error.detail}"
        )
        assert code in problem_codes(op).get(status, frozenset()), (
            f"{op} does not list {status} {code}"
        )
        validate(
            "Problem",
            {
                "type": f"/problems/{code}",
                "title": error.title,
                "status": error.status,
                "detail": error.detail,
                "code": error.code,
                **error.extra,
            },
        )
        return error

    return run


@pytest.fixture
def check() -> Callable[[str, Any], None]:
    """``check(schema_name, data)``: data validates against the spec's schema."""
    return validate
