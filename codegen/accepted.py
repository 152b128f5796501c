"""`accepted-changes.yaml`: deliberate changes a designer ships without raising the MAJOR version.

    accepted:
      - rule: request-constraint-added                   # a rule id of codegen/rules.yaml
        pointer: /components/schemas/AppointmentUpdate/if  # the finding's JSON pointer, exactly
        reason: The mock always rejected ...               # why it is safe; reviewed in the PR

An entry matches the finding with the same rule id and pointer; the finding stays in the report,
marked accepted with its reason, and no longer fails the gate. An entry that matches nothing is
reported as `accepted-change-stale` (a warning), so the file is emptied once the change is released
and the base moves past it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from codegen._findings import Change
from codegen.rules import catalogue, rule
from codegen.spec import parse_yaml

DEFAULT_NAME = "accepted-changes.yaml"


class AcceptedChangesError(ValueError):
    """The accepted-changes file is malformed."""


@dataclass(frozen=True)
class Acceptance:
    """One entry of the file."""

    rule: str
    pointer: str
    reason: str


def parse_accepted(data: Any, source: str = DEFAULT_NAME) -> list[Acceptance]:
    """The entries of a parsed file; raises `AcceptedChangesError` on a malformed one."""
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("accepted") or [], list):
        raise AcceptedChangesError(f"{source}: expected a mapping with an `accepted` list")
    entries = []
    for i, row in enumerate(data.get("accepted") or []):
        if not isinstance(row, dict):
            raise AcceptedChangesError(f"{source}: entry {i} is not a mapping")
        rule_id, pointer, reason = (
            str(row.get(k) or "").strip() for k in ("rule", "pointer", "reason")
        )
        if rule_id not in catalogue():
            raise AcceptedChangesError(f"{source}: entry {i}: unknown rule {rule_id!r}")
        if not pointer.startswith("/"):
            raise AcceptedChangesError(f"{source}: entry {i}: `pointer` must be a JSON pointer")
        if not reason:
            raise AcceptedChangesError(f"{source}: entry {i}: a `reason` is required")
        entries.append(Acceptance(rule_id, pointer, reason))
    return entries


def load_accepted(path: Path) -> list[Acceptance]:
    """The entries of the file at `path`; none if it does not exist."""
    if not path.exists():
        return []
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise AcceptedChangesError(f"{path.name}: not valid YAML: {exc}") from exc
    return parse_accepted(data, path.name)


def apply_accepted(changes: list[Change], entries: list[Acceptance]) -> list[Change]:
    """The changes with matching ones marked accepted, plus one finding per stale entry."""
    by_key = {(e.rule, e.pointer): e for e in entries}
    used: set[tuple[str, str]] = set()
    out = []
    for change in changes:
        entry = by_key.get((change.rule, change.pointer))
        if entry is not None:
            used.add((entry.rule, entry.pointer))
            change = replace(change, accepted=entry.reason)
        out.append(change)
    stale = rule("accepted-change-stale")
    for entry in entries:
        if (entry.rule, entry.pointer) not in used:
            out.append(
                Change(
                    stale.id,
                    stale.level,
                    entry.pointer,
                    f"The accepted `{entry.rule}` at this pointer matches no finding; remove the "
                    "entry from accepted-changes.yaml.",
                    (),
                )
            )
    return out
