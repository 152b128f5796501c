"""Print what the Schemathesis run did: cases per phase, and how often each check ran."""

from __future__ import annotations

import pytest

from tests.schemathesis._counts import CASES, CHECKS


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not CASES:
        return
    write = terminalreporter.write_line
    terminalreporter.section("schemathesis: cases per phase")
    for phase in ("examples", "coverage", "fuzzing", "stateful"):
        by_mode = {mode: n for (name, mode), n in CASES.items() if name == phase}
        if by_mode:
            detail = ", ".join(f"{mode} {n}" for mode, n in sorted(by_mode.items()))
            write(f"{phase:<10} {sum(by_mode.values()):>6}  ({detail})")
    write(f"{'total':<10} {sum(CASES.values()):>6}")
    terminalreporter.section("schemathesis: checks run")
    for name, n in sorted(CHECKS.items()):
        write(f"{name:<30} {n:>6}")
