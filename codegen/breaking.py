"""The breaking-change gate: compare `openapi.yaml` with a released version and report in SDK terms.

    python -m codegen.breaking [--base REF | --base-file FILE] [--spec FILE]
        [--fail-on breaking|warning] [--accepted FILE] [--no-empirical]
        [--format text|json|markdown]                                  (also step 5 of `check`)

The base is the spec at `--base REF` (read with `git show REF:openapi.yaml`), by default the latest
git tag reachable from HEAD, else the first commit that has the spec. Two verdicts are reported:

1. the document comparison (`codegen/_diff.py`): every finding names a rule of the catalogue
   (`codegen/rules.yaml`, docs in `codegen/RULES.md`), which gives its level (breaking / warning /
   info), with a JSON pointer into the new spec (into the base for removals), a message and the SDK
   symbols it affects;
2. the empirical verdict (`codegen/empirical.py`): the SDK generated from the base spec calls each
   of its operations against the head mock, in-process; a rejected call or a response its models
   cannot parse is breaking too (and a `verdicts-disagree` warning when the document comparison
   found nothing breaking for that operation).

Findings listed in `accepted-changes.yaml` (rule id + pointer + reason; `--accepted` for another
file) are shown as accepted and do not fail the gate; an entry that matches nothing is reported as
stale. The gate fails on any other finding at or above `--fail-on` (default: breaking), unless
`info.version`'s MAJOR number was raised relative to the base.

Why a checker of our own: we looked for a maintained tool first (Node 20 and Python 3.11 here).
oasdiff has no PyPI or npm package; `@pb33f/openapi-changes` and `@useoptic/optic` do not run on
Node 20; `openapi-diff` 0.24.1 (npm) rejects OpenAPI 3.1 ("Swagger Parser only supports versions
3.0.0 ... 3.0.3"); `swagger-diff` (npm) is for Swagger 2.0 and `@azure/oad` for Azure's Swagger 2.0
specs (neither tried); `@redocly/cli` has no diff. `api-smart-diff` 1.0.6 (npm) runs and resolves
`$ref`s, but on this spec it classified a new operation security requirement that needs an extra
scope as a non-breaking annotation, reported enum values added to responses as breaking (we want a warning),
and its paths point into the dereferenced document, not into `openapi.yaml`; it knows nothing of SDK
symbols. The PyPI packages with matching names are small recent projects and were not evaluated.
So the rules we need are written here, in plain Python with no Node step; oasdiff's rule list and
test data were the map of cases (the nearest oasdiff rule of each of ours is in rules.yaml).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from codegen._diff import SpecDiff
from codegen._findings import Change
from codegen._report import render, render_json, render_markdown, render_text
from codegen.accepted import DEFAULT_NAME, AcceptedChangesError, apply_accepted, load_accepted
from codegen.rules import Level, level_rank
from codegen.spec import parse_yaml

if TYPE_CHECKING:
    from codegen.empirical import EmpiricalVerdict

__all__ = [
    "BaseNotFound",
    "Report",
    "compare",
    "default_base_ref",
    "load_base",
    "main",
    "render",
    "render_json",
    "render_markdown",
    "render_text",
    "run",
]

ROOT = Path(__file__).resolve().parents[1]
SPEC_NAME = "openapi.yaml"
FAIL_ON: tuple[Level, ...] = ("breaking", "warning")


class BaseNotFound(Exception):
    """The base version of the spec could not be read."""


@dataclass(frozen=True)
class Report:
    """The changes from a base spec to the new one, and the gate's verdict."""

    base_ref: str
    base_version: str
    head_version: str
    changes: tuple[Change, ...] = field(default_factory=tuple)
    fail_on: Level = "breaking"
    empirical: EmpiricalVerdict | None = None

    def _at(self, level: Level) -> list[Change]:
        return [c for c in self.changes if c.level == level]

    @property
    def breaking(self) -> list[Change]:
        return self._at("breaking")

    @property
    def warnings(self) -> list[Change]:
        return self._at("warning")

    @property
    def accepted(self) -> list[Change]:
        return [c for c in self.changes if c.accepted]

    @property
    def blocking(self) -> list[Change]:
        """Findings at or above `fail_on` that no accepted-changes entry covers."""
        limit = level_rank(self.fail_on)
        return [c for c in self.changes if not c.accepted and level_rank(c.level) <= limit]

    @property
    def major_raised(self) -> bool:
        """Whether the new MAJOR version is higher than the base's (then breaking changes pass)."""
        return _major(self.head_version) > _major(self.base_version)

    @property
    def passed(self) -> bool:
        return not self.blocking or self.major_raised

    def verdict(self) -> str:
        """One line: what the gate decided and why."""
        accepted = len(self.accepted)
        counts = (
            f"{len(self.breaking)} breaking, {len(self.warnings)} warning(s), "
            f"{len(self.changes) - len(self.breaking) - len(self.warnings)} other change(s)"
            + (f", {accepted} accepted" if accepted else "")
        )
        versions = f"{self.base_version} ({self.base_ref}) -> {self.head_version}"
        level = "breaking changes" if self.fail_on == "breaking" else "breaking changes or warnings"
        if not self.blocking:
            return f"no {level} left to release: {counts}; {versions}"
        if self.major_raised:
            return f"{counts}; allowed because the MAJOR version was raised: {versions}"
        return (
            f"{counts}; raise the MAJOR version of info.version, or accept them in "
            f"{DEFAULT_NAME}, to release them: {versions}"
        )


def _major(version: str) -> int:
    head = version.strip().lstrip("v").split(".", 1)[0]
    return int(head) if head.isdigit() else 0


def compare(
    base: dict[str, Any],
    head: dict[str, Any],
    base_ref: str = "base",
    *,
    accepted: Path | None = None,
    fail_on: Level = "breaking",
    empirical: EmpiricalVerdict | None = None,
) -> Report:
    """Compare two parsed OpenAPI documents (and fold in an empirical verdict, if given)."""
    changes = SpecDiff(base, head).changes()
    if empirical is not None:
        changes += empirical.findings(changes)
    entries = load_accepted(accepted) if accepted is not None else []
    return Report(
        base_ref=base_ref,
        base_version=str((base.get("info") or {}).get("version", "0")),
        head_version=str((head.get("info") or {}).get("version", "0")),
        changes=tuple(apply_accepted(changes, entries)),
        fail_on=fail_on,
        empirical=empirical,
    )


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def default_base_ref(root: Path = ROOT, spec_name: str = SPEC_NAME) -> str | None:
    """The latest tag reachable from HEAD that has the spec, else the first commit that has it."""
    tag = (_git(root, "describe", "--tags", "--abbrev=0") or "").strip()
    if tag and _git(root, "cat-file", "-e", f"{tag}:{spec_name}") is not None:
        return tag
    first = (_git(root, "log", "--diff-filter=A", "--format=%H", "--", spec_name) or "").split()
    return first[-1] if first else None


def load_base(ref: str, root: Path = ROOT, spec_name: str = SPEC_NAME) -> dict[str, Any]:
    """The spec as it is at a git ref."""
    text = _git(root, "show", f"{ref}:{spec_name}")
    if text is None:
        raise BaseNotFound(
            f"cannot read {spec_name} at {ref!r} (git show {ref}:{spec_name} failed)"
        )
    data = parse_yaml(text)
    if not isinstance(data, dict):
        raise BaseNotFound(f"{spec_name} at {ref!r} is not a YAML mapping")
    return data


def load_spec(path: Path) -> dict[str, Any]:
    """A spec file from disk."""
    data = parse_yaml(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path} is not a YAML mapping")
    return data


def run(
    spec_path: Path | None = None,
    base_ref: str | None = None,
    base_path: Path | None = None,
    root: Path = ROOT,
    *,
    accepted: Path | None = None,
    fail_on: Level = "breaking",
    empirical: bool = False,
) -> Report | None:
    """Compare the spec with its base (a file, a git ref, or the default ref); None if there is none.

    `accepted` defaults to the `accepted-changes.yaml` next to the spec (for `openapi.yaml`, the
    one at the repository root).
    """
    spec_path = spec_path or root / SPEC_NAME
    head = load_spec(spec_path)
    if base_path is not None:
        base, ref = load_spec(base_path), str(base_path)
    else:
        found = base_ref or default_base_ref(root)
        if found is None:
            return None
        base, ref = load_base(found, root), found
    verdict = None
    if empirical:
        from codegen.empirical import empirical_verdict  # the probe needs the mock: import late

        verdict = empirical_verdict(base, head, spec_path)
    return compare(
        base,
        head,
        ref,
        accepted=accepted if accepted is not None else spec_path.parent / DEFAULT_NAME,
        fail_on=fail_on,
        empirical=verdict,
    )


def add_gate_arguments(parser: argparse.ArgumentParser) -> None:
    """The options `check` and `codegen.breaking` share."""
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="breaking",
        help="fail on breaking changes only (default), or on warnings too",
    )
    parser.add_argument(
        "--accepted",
        type=Path,
        default=None,
        help=f"the accepted-changes file (default: the {DEFAULT_NAME} next to the spec)",
    )
    parser.add_argument(
        "--no-empirical",
        action="store_true",
        help="skip the empirical verdict (the base SDK against the head mock)",
    )


def main(argv: list[str] | None = None) -> int:
    """CLI: exit 1 when the gate fails, 2 if the base or the accepted-changes file is unreadable."""
    parser = argparse.ArgumentParser(
        prog="python -m codegen.breaking", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument(
        "--base", help="git ref of the base spec (default: latest tag, else first commit)"
    )
    parser.add_argument(
        "--base-file", type=Path, help="compare with this spec file instead of a git ref"
    )
    parser.add_argument(
        "--spec", type=Path, default=ROOT / SPEC_NAME, help="the new spec (default: openapi.yaml)"
    )
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    add_gate_arguments(parser)
    args = parser.parse_args(argv)
    try:
        report = run(
            args.spec,
            args.base,
            args.base_file,
            accepted=args.accepted,
            fail_on=args.fail_on,
            empirical=not args.no_empirical,
        )
    except (BaseNotFound, AcceptedChangesError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if report is None:
        print("No base version of the spec in git yet: nothing to compare.")
        return 0
    print(render(report, args.format))
    return 0 if report.passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
