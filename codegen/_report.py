"""The gate's report as text (a terminal), Markdown (a CHANGELOG section) or JSON (machines)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from codegen.rules import rule

if TYPE_CHECKING:
    from codegen.breaking import Report


def _short_symbols(symbols: tuple[str, ...]) -> str:
    # The async client mirrors the sync one; naming both on every line only adds noise in text.
    shown = [s for s in symbols if not s.startswith("AsyncAppointmentsClient.")]
    if len(shown) < len(symbols):
        shown.append("(and the same AsyncAppointmentsClient methods)")
    return ", ".join(shown)


def render_text(report: Report) -> str:
    """Readable report, most severe first; accepted findings say why they were accepted."""
    lines = [f"Compared with {report.base_ref} (version {report.base_version})."]
    for change in report.changes:
        tag = f"{change.level}, accepted" if change.accepted else change.level
        lines.append(f"[{tag}] {change.rule}: {change.message}")
        lines.append(f"    at {change.pointer}")
        if change.symbols:
            lines.append(f"    SDK: {_short_symbols(change.symbols)}")
        if change.accepted:
            lines.append(f"    accepted: {change.accepted}")
    if report.empirical is not None:
        lines.append(f"Empirical verdict: {report.empirical.summary()}")
    lines.append(("PASS: " if report.passed else "FAIL: ") + report.verdict())
    return "\n".join(lines)


def render_markdown(report: Report, heading: str | None = None) -> str:
    """A CHANGELOG.md section: `## [version]` with Breaking / Warnings / Other changes."""
    title = heading or f"## [{report.head_version}] - unreleased"
    out = [title, "", f"Compared with {report.base_ref} (version {report.base_version}).", ""]
    groups = (("breaking", "Breaking changes"), ("warning", "Warnings"), ("info", "Other changes"))
    # A stale acceptance is about the gate's own file, not about the contract.
    contract = [c for c in report.changes if rule(c.rule).area != "gate"]
    for level, name in groups:
        items = [c for c in contract if c.level == level]
        if not items:
            continue
        out += [f"### {name}", ""]
        for c in items:
            symbols = f" SDK: {', '.join(f'`{s}`' for s in c.symbols)}." if c.symbols else ""
            accepted = f" Accepted: {c.accepted}" if c.accepted else ""
            out.append(f"- {c.message} (`{c.rule}` at `{c.pointer}`).{symbols}{accepted}")
        out.append("")
    if not contract:
        out += ["No changes to the contract.", ""]
    return "\n".join(out)


def report_payload(report: Report) -> dict[str, Any]:
    """The report as plain data."""
    return {
        "base_ref": report.base_ref,
        "base_version": report.base_version,
        "head_version": report.head_version,
        "fail_on": report.fail_on,
        "passed": report.passed,
        "major_raised": report.major_raised,
        "blocking": len(report.blocking),
        "changes": [asdict(c) for c in report.changes],
        "empirical": report.empirical.payload() if report.empirical is not None else None,
    }


def render_json(report: Report) -> str:
    """Machine-readable report."""
    return json.dumps(report_payload(report), indent=2)


def render(report: Report, fmt: str) -> str:
    """The report in one of the formats `text`, `json`, `markdown`."""
    if fmt == "json":
        return render_json(report)
    if fmt == "markdown":
        return render_markdown(report)
    return render_text(report)
