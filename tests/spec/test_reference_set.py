"""The reference set (tests/spec/breaking_cases): the targets of issue 12 on spec pairs of our own.

Every case's verdict was written down before the checker ran on it. The targets: at least 150
cases, no breaking change missed, at most 2 % of the cases falsely breaking, no crash; the second,
empirical verdict (each base's SDK against the example mock of each head) never finds a break the
rules miss and never breaks a case expected not to break. `python -m tests.spec.breaking_cases
--empirical` prints the same figures.
"""

from __future__ import annotations

import pytest

from tests.spec.breaking_cases.figures import Figures, add_empirical, evaluate


@pytest.fixture(scope="module")
def figures() -> Figures:
    return evaluate()


def _ids(outcomes: object) -> list[str]:
    return [o.case.id for o in outcomes]  # type: ignore[attr-defined]


def test_the_reference_set_has_at_least_150_cases_covering_every_class(figures: Figures) -> None:
    assert figures.cases >= 150
    classes = {o.case.klass for o in figures.outcomes}
    assert {
        "nullable",
        "composition",
        "response-widening",
        "response-headers",
        "additional-properties",
        "json-schema-2020-12",
        "matching",
        "severity",
        "webhooks",
        "extensible-enum",
        "deprecated",
        "security-schemes",
    } <= classes
    assert {o.case.expect for o in figures.outcomes} == {"breaking", "warning", "info", "none"}


def test_no_case_crashes_the_checker(figures: Figures) -> None:
    assert _ids(figures.crashes) == [], figures.render()


def test_no_breaking_change_is_missed(figures: Figures) -> None:
    assert _ids(figures.missed_breaking) == [], figures.render()


def test_at_most_two_percent_of_the_cases_are_falsely_breaking(figures: Figures) -> None:
    assert len(figures.false_breaking) <= 0.02 * figures.cases, figures.render()


def test_the_verdicts_agree_with_the_written_ones(figures: Figures) -> None:
    # Not a target of the issue; a floor so that a regression in warnings and infos shows too.
    assert len(figures.exact) >= 0.95 * figures.cases, figures.render()


def test_every_expected_finding_is_reported_and_no_excluded_one(figures: Figures) -> None:
    assert _ids(figures.finding_mismatches) == [], figures.render()


def test_the_empirical_verdict_agrees_with_the_rules(figures: Figures) -> None:
    add_empirical(list(figures.outcomes))  # the same outcomes, now with the empirical verdict
    result = figures
    probed = [o for o in result.outcomes if o.empirical is not None and not o.empirical.skipped]
    breaks = [o for o in probed if o.empirical_break]
    # Only a base that codegen cannot turn into an SDK is left out (an operation without an
    # operationId, a request body that is not a $ref).
    skipped = {o.case.id: o.empirical.skipped for o in result.outcomes if o not in probed}  # type: ignore[union-attr]
    assert all(r.startswith("codegen cannot build") for r in skipped.values()), skipped
    assert len(probed) >= 0.95 * result.cases
    assert len(breaks) >= 10, "the probe should catch breaks a call can see"
    assert _ids(result.empirical_disagreements) == [], result.render()
    assert _ids(result.empirical_false_breaking) == [], result.render()
