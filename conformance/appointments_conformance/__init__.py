"""The Appointments API's rules as runnable scenarios, to score any implementation of the API.

    appointments-conformance --base-url URL --key admin=KEY [--key client=KEY ...]

The scenarios (``scenarios.SCENARIOS``) run through the SDK against the server at ``URL``; see
``cli.py`` for the options and the README's "Verifying a real server".
"""

from __future__ import annotations

from appointments_conformance.kit import Target
from appointments_conformance.runner import Outcome, Score, run, scores
from appointments_conformance.scenarios import SCENARIOS, Scenario

__all__ = ["SCENARIOS", "Outcome", "Scenario", "Score", "Target", "run", "scores"]
