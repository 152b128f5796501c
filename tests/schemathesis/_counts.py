"""What the Schemathesis run did, for the terminal summary (``conftest.py`` prints it).

Cases per phase and generation mode, and how often each check ran (a check that never ran cannot
have found anything, so the summary shows that every one of them did).
"""

from __future__ import annotations

from collections import Counter

from schemathesis import Case
from schemathesis.checks import CheckResult

CASES: Counter[tuple[str, str]] = Counter()
CHECKS: Counter[str] = Counter()


def record_case(case: Case, *, phase: str | None = None) -> None:
    """Count ``case`` under its phase and generation mode (positive / negative)."""
    meta = case.meta
    name = phase or (meta.phase.name.value if meta is not None else "explicit")
    mode = meta.generation.mode.value if meta is not None else "positive"
    CASES[(name, mode)] += 1


def record_checks(results: list[CheckResult]) -> None:
    """Count every check that ran on a response."""
    CHECKS.update(result.name for result in results)
