"""The breaking-change gate: compare `openapi.yaml` with a released version and report in SDK terms.

    python -m codegen.breaking [--base REF] [--format text|json|markdown]   (also step 5 of `check`)

The base is the spec at `--base REF` (read with `git show REF:openapi.yaml`), by default the latest
git tag reachable from HEAD, else the first commit that has the spec. Each change has a severity
(breaking / warning / info), a JSON pointer into the new spec (into the base for removals), a message
and the SDK symbols it affects. The gate fails on a breaking change unless `info.version`'s MAJOR
number was raised relative to the base. The rules are in `codegen/_diff.py` (operations, parameters,
bodies, security) and `codegen/_diff_schema.py` (schemas, by direction).

Why a checker of our own: we looked for a maintained tool first (Node 20 and Python 3.11 here).
oasdiff has no PyPI or npm package; `@pb33f/openapi-changes` and `@useoptic/optic` do not run on
Node 20; `openapi-diff` 0.24.1 (npm) rejects OpenAPI 3.1 ("Swagger Parser only supports versions
3.0.0 ... 3.0.3"); `swagger-diff` (npm) is for Swagger 2.0 and `@azure/oad` for Azure's Swagger 2.0
specs (neither tried); `@redocly/cli` has no diff. `api-smart-diff` 1.0.6 (npm) runs and resolves
`$ref`s, but on this spec it classified a new operation security requirement that needs an extra
scope as a non-breaking annotation, reported enum values added to responses as breaking (we want a warning),
and its paths point into the dereferenced document, not into `openapi.yaml`; it knows nothing of SDK
symbols. The PyPI packages with matching names are small recent projects and were not evaluated.
So the rules we need are written here, in plain Python with no Node step.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from codegen._diff import Change, SpecDiff

ROOT = Path(__file__).resolve().parents[1]
SPEC_NAME = "openapi.yaml"


class BaseNotFound(Exception):
    """The base version of the spec could not be read."""


@dataclass(frozen=True)
class Report:
    """The changes from a base spec to the new one, and the gate's verdict."""

    base_ref: str
    base_version: str
    head_version: str
    changes: tuple[Change, ...] = field(default_factory=tuple)

    @property
    def breaking(self) -> list[Change]:
        return [c for c in self.changes if c.severity == "breaking"]

    @property
    def warnings(self) -> list[Change]:
        return [c for c in self.changes if c.severity == "warning"]

    @property
    def major_raised(self) -> bool:
        """Whether the new MAJOR version is higher than the base's (then breaking changes pass)."""
        return _major(self.head_version) > _major(self.base_version)

    @property
    def passed(self) -> bool:
        return not self.breaking or self.major_raised

    def verdict(self) -> str:
        """One line: what the gate decided and why."""
        counts = f"{len(self.breaking)} breaking, {len(self.warnings)} warning(s), " + (
            f"{len(self.changes) - len(self.breaking) - len(self.warnings)} other change(s)"
        )
        versions = f"{self.base_version} ({self.base_ref}) -> {self.head_version}"
        if not self.breaking:
            return f"no breaking changes: {counts}; {versions}"
        if self.major_raised:
            return f"{counts}; allowed because the MAJOR version was raised: {versions}"
        return f"{counts}; raise the MAJOR version of info.version to release them: {versions}"


def _major(version: str) -> int:
    head = version.strip().lstrip("v").split(".", 1)[0]
    return int(head) if head.isdigit() else 0


def compare(base: dict[str, Any], head: dict[str, Any], base_ref: str = "base") -> Report:
    """Compare two parsed OpenAPI documents."""
    return Report(
        base_ref=base_ref,
        base_version=str((base.get("info") or {}).get("version", "0")),
        head_version=str((head.get("info") or {}).get("version", "0")),
        changes=tuple(SpecDiff(base, head).changes()),
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
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise BaseNotFound(f"{spec_name} at {ref!r} is not a YAML mapping")
    return data


def load_spec(path: Path) -> dict[str, Any]:
    """A spec file from disk."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path} is not a YAML mapping")
    return data


def run(
    spec_path: Path | None = None,
    base_ref: str | None = None,
    base_path: Path | None = None,
    root: Path = ROOT,
) -> Report | None:
    """Compare the spec with its base (a file, a git ref, or the default ref); None if there is none."""
    spec_path = spec_path or root / SPEC_NAME
    head = load_spec(spec_path)
    if base_path is not None:
        return compare(load_spec(base_path), head, str(base_path))
    ref = base_ref or default_base_ref(root)
    if ref is None:
        return None
    return compare(load_base(ref, root), head, ref)


# -- rendering -------------------------------------------------------------------------------------


def _short_symbols(symbols: tuple[str, ...]) -> str:
    # The async client mirrors the sync one; naming both on every line only adds noise in text.
    shown = [s for s in symbols if not s.startswith("AsyncAppointmentsClient.")]
    if len(shown) < len(symbols):
        shown.append("(and the same AsyncAppointmentsClient methods)")
    return ", ".join(shown)


def render_text(report: Report) -> str:
    """Readable report, most severe first."""
    lines = [f"Compared with {report.base_ref} (version {report.base_version})."]
    for change in report.changes:
        lines.append(f"[{change.severity}] {change.kind}: {change.message}")
        lines.append(f"    at {change.pointer}")
        if change.symbols:
            lines.append(f"    SDK: {_short_symbols(change.symbols)}")
    lines.append(("PASS: " if report.passed else "FAIL: ") + report.verdict())
    return "\n".join(lines)


def render_markdown(report: Report, heading: str | None = None) -> str:
    """A CHANGELOG.md section: `## [version]` with Breaking / Warnings / Other changes."""
    title = heading or f"## [{report.head_version}] - unreleased"
    out = [title, "", f"Compared with {report.base_ref} (version {report.base_version}).", ""]
    groups = (("breaking", "Breaking changes"), ("warning", "Warnings"), ("info", "Other changes"))
    for severity, name in groups:
        items = [c for c in report.changes if c.severity == severity]
        if not items:
            continue
        out += [f"### {name}", ""]
        for c in items:
            symbols = f" SDK: {', '.join(f'`{s}`' for s in c.symbols)}." if c.symbols else ""
            out.append(f"- {c.message} (`{c.kind}` at `{c.pointer}`).{symbols}")
        out.append("")
    if not report.changes:
        out += ["No changes to the contract.", ""]
    return "\n".join(out)


def render_json(report: Report) -> str:
    """Machine-readable report."""
    payload = {
        "base_ref": report.base_ref,
        "base_version": report.base_version,
        "head_version": report.head_version,
        "passed": report.passed,
        "major_raised": report.major_raised,
        "changes": [asdict(c) for c in report.changes],
    }
    return json.dumps(payload, indent=2)


def render(report: Report, fmt: str) -> str:
    """The report in one of the formats `text`, `json`, `markdown`."""
    if fmt == "json":
        return render_json(report)
    if fmt == "markdown":
        return render_markdown(report)
    return render_text(report)


def main(argv: list[str] | None = None) -> int:
    """CLI: exit 1 on breaking changes without a MAJOR version raise, 2 if the base is unreadable."""
    parser = argparse.ArgumentParser(
        prog="python -m codegen.breaking", description=__doc__.split("\n")[0]
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
    args = parser.parse_args(argv)
    try:
        report = run(args.spec, args.base, args.base_file)
    except BaseNotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if report is None:
        print("No base version of the spec in git yet: nothing to compare.")
        return 0
    print(render(report, args.format))
    return 0 if report.passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
