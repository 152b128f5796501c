"""The rule catalogue of the breaking-change gate: `codegen/rules.yaml`, read and checked once.

    python -m codegen.rules            # print the catalogue as Markdown
    python -m codegen.rules --write    # write it to codegen/RULES.md (a test fails when it is stale)

The comparison code names a rule by id (`rule("response-property-removed")`) and takes its level
from here, so the level of a rule is changed in one place, the table, and the docs follow.
"""

from __future__ import annotations

import argparse
import functools
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

from codegen.spec import parse_yaml

Level = Literal["breaking", "warning", "info"]
Direction = Literal["request", "response", "none"]

LEVELS: tuple[Level, ...] = ("breaking", "warning", "info")
DIRECTIONS: tuple[Direction, ...] = ("request", "response", "none")
AREAS = (
    "operations",
    "parameters",
    "request-body",
    "responses",
    "headers",
    "schema",
    "security",
    "webhooks",
    "lifecycle",
    "empirical",
    "gate",
)
CATALOGUE = Path(__file__).with_name("rules.yaml")
DOC = Path(__file__).with_name("RULES.md")
_FIELDS = ("id", "level", "direction", "area", "meaning", "example", "oasdiff")


@dataclass(frozen=True)
class Rule:
    """One row of the catalogue."""

    id: str
    level: Level
    direction: Direction
    area: str
    meaning: str
    example: str
    oasdiff: str
    policy: str = ""


class CatalogueError(ValueError):
    """rules.yaml is malformed: a missing field, an unknown level, a duplicate id."""


def parse_catalogue(rows: Any) -> dict[str, Rule]:
    """Rules by id, in catalogue order; raises `CatalogueError` on any malformed row."""
    if not isinstance(rows, list):
        raise CatalogueError("the catalogue must be a YAML list of rules")
    rules: dict[str, Rule] = {}
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            raise CatalogueError(f"row {index} is not a mapping")
        missing = [name for name in _FIELDS if not str(row.get(name) or "").strip()]
        unknown = set(row) - {*_FIELDS, "policy"}
        if missing or unknown:
            raise CatalogueError(
                f"row {index} ({row.get('id')}): missing {missing}, unknown {sorted(unknown)}"
            )
        if row["level"] not in LEVELS or row["direction"] not in DIRECTIONS:
            raise CatalogueError(f"{row['id']}: bad level or direction")
        if row["area"] not in AREAS:
            raise CatalogueError(f"{row['id']}: unknown area {row['area']!r}")
        if row["id"] in rules:
            raise CatalogueError(f"{row['id']}: duplicate id")
        rules[row["id"]] = Rule(
            id=str(row["id"]),
            level=cast(Level, row["level"]),
            direction=cast(Direction, row["direction"]),
            area=str(row["area"]),
            meaning=str(row["meaning"]).strip(),
            example=str(row["example"]).strip(),
            oasdiff=str(row["oasdiff"]).strip(),
            policy=str(row.get("policy") or "").strip(),
        )
    return rules


@functools.cache
def catalogue() -> dict[str, Rule]:
    """Every rule, by id, in the order of rules.yaml."""
    return parse_catalogue(parse_yaml(CATALOGUE.read_text(encoding="utf-8")))


def rule(rule_id: str) -> Rule:
    """One rule; a `KeyError` means the code names a rule the catalogue lacks (a bug)."""
    return catalogue()[rule_id]


def level_rank(level: Level) -> int:
    """0 for breaking, 1 for warning, 2 for info: lower is more severe."""
    return LEVELS.index(level)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(rules: dict[str, Rule] | None = None) -> str:
    """The catalogue as a Markdown document: a table per area, then the policy differences."""
    rules = rules if rules is not None else catalogue()
    counts = {level: sum(r.level == level for r in rules.values()) for level in LEVELS}
    lines = [
        "# Rules of the breaking-change gate",
        "",
        "Generated from [`rules.yaml`](rules.yaml) by `python -m codegen.rules --write`; edit the",
        "table, not this file. Every finding of `python -m codegen check` names one of these ids;",
        "[`accepted-changes.yaml`](../accepted-changes.yaml) accepts a finding by id and JSON pointer.",
        "",
        f"{len(rules)} rules: {counts['breaking']} breaking, {counts['warning']} warning, "
        f"{counts['info']} info. *Request* rules judge what a client sends (narrowing breaks),",
        "*response* rules what it reads, webhook payloads included (widening breaks).",
        "",
        "How schemas are read before the rules apply: `type: [T, 'null']`, `anyOf: [T, null]` and",
        "an enum with `null` are one nullable `T`, and everything inside is compared; `allOf` is",
        "judged by its merged effect (a branch that adds a required property or narrows a type is",
        "reported by those rules, one that only adds optional properties or annotations is not",
        "breaking); `oneOf`/`anyOf` branches are paired by `$ref`, `title` or shape, never by",
        "position, and a plain schema is a composition of one branch; values written as `const`",
        "branches count as an enum; header names and HTTP schemes compare case-insensitively; a",
        "path parameter is matched by its position in the path. A finding is reported once per rule",
        "and JSON pointer, at the component when a shared schema changed, with every SDK method",
        "that reaches it.",
        "",
    ]
    for area in AREAS:
        rows = [r for r in rules.values() if r.area == area]
        if not rows:
            continue
        lines += [
            f"## {area}",
            "",
            "| id | level | direction | meaning for an SDK user | example |",
        ]
        lines.append("|---|---|---|---|---|")
        for r in rows:
            lines.append(
                f"| `{r.id}` | {r.level} | {r.direction} | {_cell(r.meaning)} | {_cell(r.example)} |"
            )
        lines.append("")
    lines += [
        "## Differences from oasdiff",
        "",
        "Where this project judges deliberately differently from oasdiff (the nearest oasdiff rule",
        "of every row is in `rules.yaml`):",
        "",
    ]
    for r in rules.values():
        if r.policy:
            lines.append(f"- `{r.id}` ({r.level}; oasdiff: {r.oasdiff}): {r.policy}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Print the catalogue as Markdown, or write it to RULES.md."""
    parser = argparse.ArgumentParser(prog="python -m codegen.rules", description=__doc__)
    parser.add_argument("--write", action="store_true", help=f"write {DOC.name}")
    args = parser.parse_args(argv)
    text = render_markdown()
    if args.write:
        DOC.write_text(text, encoding="utf-8")
        print(f"wrote {DOC}")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
