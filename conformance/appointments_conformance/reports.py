"""The run's results: a terminal summary, JUnit XML (for CI), JSON and Markdown (for a PR)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from appointments_conformance.runner import Outcome, scores

_MARK = {"passed": "✓", "failed": "✗", "skipped": "-"}


def summary(outcomes: Sequence[Outcome], base_url: str) -> str:
    """Each failure with its rule and exchange, then a score per rule group and overall."""
    by_group, overall = scores(outcomes)
    lines: list[str] = []
    for outcome in outcomes:
        if outcome.verdict == "failed":
            lines += [f"✗ {outcome.scenario.id}: {outcome.scenario.rule}", f"  {outcome.message}"]
            if outcome.exchange is not None:
                lines += [f"  {line}" for line in outcome.exchange.describe().splitlines()]
    lines.append(f"Conformance of {base_url}:")
    for group, score in sorted(by_group.items()):
        skipped = f", {score.skipped} skipped" if score.skipped else ""
        lines.append(f"  {group:<14} {score.percent:5.1f} %  ({score.passed}/"
                     f"{score.passed + score.failed}{skipped})")  # fmt: skip
    lines.append(
        f"  {'overall':<14} {overall.percent:5.1f} %  ({overall.passed}/"
        f"{overall.passed + overall.failed}, {overall.skipped} skipped)"
    )
    return "\n".join(lines)


def junit(outcomes: Sequence[Outcome]) -> str:
    """JUnit XML: a test suite per rule group, a test case per scenario."""
    root = ET.Element("testsuites", name="appointments-conformance")
    by_group: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        by_group.setdefault(outcome.scenario.group, []).append(outcome)
    for group, items in by_group.items():
        suite = ET.SubElement(
            root,
            "testsuite",
            name=group,
            tests=str(len(items)),
            failures=str(sum(o.verdict == "failed" for o in items)),
            skipped=str(sum(o.verdict == "skipped" for o in items)),
        )
        for outcome in items:
            case = ET.SubElement(suite, "testcase", classname=group, name=outcome.scenario.id,
                                 time=f"{outcome.seconds:.3f}")  # fmt: skip
            if outcome.verdict == "failed":
                failure = ET.SubElement(case, "failure", message=outcome.message)
                failure.text = "\n".join(
                    [
                        outcome.scenario.rule,
                        *([outcome.exchange.describe()] if outcome.exchange else []),
                    ]
                )
            elif outcome.verdict == "skipped":
                ET.SubElement(case, "skipped", message=outcome.message)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


def as_json(outcomes: Sequence[Outcome], base_url: str) -> str:
    """Every outcome, the scores per group and overall."""
    by_group, overall = scores(outcomes)
    return json.dumps(
        {
            "base_url": base_url,
            "score": round(overall.percent, 2),
            "groups": {
                g: {
                    "score": round(s.percent, 2),
                    "passed": s.passed,
                    "failed": s.failed,
                    "skipped": s.skipped,
                }
                for g, s in sorted(by_group.items())
            },
            "scenarios": [
                {
                    "id": o.scenario.id,
                    "group": o.scenario.group,
                    "rule": o.scenario.rule,
                    "verdict": o.verdict,
                    "message": o.message,
                    "exchange": o.exchange.describe() if o.exchange else None,
                    "seconds": round(o.seconds, 4),
                }
                for o in outcomes
            ],
        },
        indent=2,
        ensure_ascii=False,
    )


def markdown(outcomes: Sequence[Outcome], base_url: str) -> str:
    """A table per group for a pull request, failures with their exchanges."""
    by_group, overall = scores(outcomes)
    lines = [f"## Conformance of `{base_url}`: {overall.percent:.1f} %", "",
             "| rule group | score | passed | failed | skipped |", "|---|---|---|---|---|"]  # fmt: skip
    for group, score in sorted(by_group.items()):
        lines.append(f"| {group} | {score.percent:.1f} % | {score.passed} | {score.failed} | "
                     f"{score.skipped} |")  # fmt: skip
    lines += ["", "| scenario | rule | result |", "|---|---|---|"]
    for outcome in outcomes:
        lines.append(f"| `{outcome.scenario.id}` | {outcome.scenario.rule} | "
                     f"{_MARK[outcome.verdict]} {outcome.message} |")  # fmt: skip
    for outcome in outcomes:
        if outcome.verdict == "failed" and outcome.exchange is not None:
            lines += [
                "",
                f"**{outcome.scenario.id}**",
                "",
                "```",
                outcome.exchange.describe(),
                "```",
            ]
    return "\n".join(lines) + "\n"
