"""The rule catalogue: well formed, documented from the data, and every rule proven by a spec pair.

`test_each_rule_on_its_spec_pairs` is the test per rule: for every rule of the document comparison,
the reference cases (tests/spec/breaking_cases/cases.yaml) that name it in `finds` must produce it,
at that JSON pointer, with the level the catalogue gives it. The rules of the empirical verdict and
of the gate itself have their own tests (test_empirical.py, test_accepted.py).
"""

from __future__ import annotations

import functools

import pytest

from codegen import rules
from codegen._diff import SpecDiff
from codegen._findings import Change
from tests.spec.breaking_cases import Case, load_cases

CASES = load_cases()
OWN_TESTS = {"empirical", "gate"}  # areas tested in test_empirical.py and test_accepted.py
DOCUMENT_RULES = sorted(r.id for r in rules.catalogue().values() if r.area not in OWN_TESTS)


def _cases_naming(rule_id: str) -> list[Case]:
    return [c for c in CASES if any(found == rule_id for found, _ in c.finds)]


def _row(**overrides: object) -> dict[str, object]:
    row: dict[str, object] = {
        "id": "x-removed",
        "level": "breaking",
        "direction": "request",
        "area": "schema",
        "meaning": "m",
        "example": "e",
        "oasdiff": "o",
    }
    row.update(overrides)
    return row


def test_the_catalogue_has_a_level_direction_meaning_and_example_for_every_rule() -> None:
    catalogue = rules.catalogue()
    assert len(catalogue) >= 100
    for rule in catalogue.values():
        assert rule.level in rules.LEVELS
        assert rule.direction in rules.DIRECTIONS
        assert rule.meaning
        assert rule.example
        assert rule.oasdiff


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([_row(), _row()], "duplicate id"),
        ([_row(level="fatal")], "bad level or direction"),
        ([_row(area="elsewhere")], "unknown area"),
        ([_row(meaning="")], "missing ['meaning']"),
        ([_row(severity="breaking")], "unknown ['severity']"),
    ],
)
def test_a_malformed_catalogue_is_refused(rows: list[dict[str, object]], message: str) -> None:
    with pytest.raises(rules.CatalogueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        rules.parse_catalogue(rows)


def test_rules_md_is_generated_from_the_catalogue() -> None:
    assert rules.DOC.read_text(encoding="utf-8") == rules.render_markdown(), (
        "codegen/RULES.md is stale: run `python -m codegen.rules --write`"
    )


def test_the_generated_doc_lists_every_rule_and_the_policy_differences() -> None:
    text = rules.render_markdown()
    for rule in rules.catalogue().values():
        assert f"| `{rule.id}` | {rule.level} |" in text
    policies = [r for r in rules.catalogue().values() if r.policy]
    assert {"operation-renamed", "security-tightened", "parameter-removed"} <= {
        r.id for r in policies
    }
    for rule in policies:
        assert f"- `{rule.id}` ({rule.level}; oasdiff:" in text


def test_the_readme_points_at_the_catalogue_the_accepted_changes_and_the_policy() -> None:
    readme = (rules.CATALOGUE.parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- evolving:start -->", 1)[1].split("<!-- evolving:end -->", 1)[0]
    for needle in ("codegen/RULES.md", "codegen/rules.yaml", "accepted-changes.yaml", "oasdiff"):
        assert needle in section
    for option in ("--fail-on", "--accepted", "--no-empirical"):
        assert option in section


def test_every_rule_of_the_comparison_has_a_spec_pair_in_the_reference_set() -> None:
    untested = [rule_id for rule_id in DOCUMENT_RULES if not _cases_naming(rule_id)]
    assert untested == []


def test_every_finding_a_case_expects_names_a_catalogued_rule() -> None:
    unknown = {f for c in CASES for f, _ in (*c.finds, *c.absent)} - set(rules.catalogue())
    assert unknown == set()


@functools.cache
def _findings(case_id: str) -> dict[tuple[str, str], Change]:
    # Several rules share a case: compare each pair once per session.
    base, head = next(c for c in CASES if c.id == case_id).documents()
    return {(c.rule, c.pointer): c for c in SpecDiff(base, head).changes()}


@pytest.mark.parametrize("rule_id", DOCUMENT_RULES)
def test_each_rule_on_its_spec_pairs(rule_id: str) -> None:
    level = rules.rule(rule_id).level
    for case in _cases_naming(rule_id):
        found = _findings(case.id)
        for expected in (f for f in case.finds if f[0] == rule_id):
            assert expected in found, f"{case.id}: {expected} not in {sorted(found)}"
            change = found[expected]
            assert change.level == level
            assert change.message
            # A security scheme no operation uses has no SDK symbol to name.
            unused_scheme = rules.rule(rule_id).area == "security" and not change.symbols
            assert change.symbols or unused_scheme, f"{case.id}: {rule_id} names no SDK symbol"
