"""`python -m codegen check`: every check an API designer needs before a spec change lands.

    python -m codegen check [--base REF] [--format text|json|markdown] [--skip STEP ...]
        [--fail-on breaking|warning] [--accepted FILE] [--no-empirical]

Steps, in order, each reported with a ✓/✗ line and its details:

1. `validate`  the spec is a valid OpenAPI 3.1 document (openapi-spec-validator);
2. `lint`      Spectral (pinned in package.json) with the house rules in `.spectral.yaml` (on a
               Node outside the tested lines of `codegen/node_tools.py`, a notice on stderr);
3. `examples`  every example validates against its schema (JSON Schema 2020-12, formats checked);
4. `codegen`   the generated SDK code is current (`python -m codegen --check`);
5. `breaking`  the breaking-change gate against the base version (`codegen/breaking.py`): the
               document comparison by the rules of `codegen/rules.yaml`, the empirical verdict
               (the base spec's SDK against the head mock), `accepted-changes.yaml`;
6. `mock`      the mock serves every operation: by its rules (a handler in
               `mock_server/appointments_mock/handlers/`), or from its examples (listed, a warning
               that passes), never not at all (an operation with neither is an error).

The command exits 0 only if every step that ran passed. Each step is a function returning a
`StepResult`, so tests and other tools can run one on its own.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from codegen import breaking, node_tools
from codegen._examples import validate_examples
from codegen.accepted import AcceptedChangesError
from codegen.rules import Level
from codegen.spec import parse_yaml

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "openapi.yaml"
RULESET = ROOT / ".spectral.yaml"
SPECTRAL_VERSION = "6.16.3"  # keep equal to package.json
STEPS = ("validate", "lint", "examples", "codegen", "breaking", "mock")
_SPECTRAL_SEVERITY = {0: "error", 1: "warning", 2: "info", 3: "hint"}


@dataclass(frozen=True)
class StepResult:
    """The outcome of one step: a one-line summary and the details behind it."""

    name: str
    title: str
    ok: bool
    summary: str
    details: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)


def _load(spec_path: Path) -> dict[str, Any]:
    data = parse_yaml(spec_path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{spec_path.name} is not a YAML mapping")
    return data


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


# -- 1. OpenAPI 3.1 validation ---------------------------------------------------------------------


def validate_spec(spec_path: Path = SPEC) -> StepResult:
    """Step 1: the document is valid OpenAPI 3.1."""
    from openapi_spec_validator import OpenAPIV31SpecValidator

    title = "OpenAPI 3.1 validation"
    try:
        document = _load(spec_path)
    except (OSError, yaml.YAMLError, ValueError) as exc:
        return StepResult("validate", title, False, f"cannot read {_rel(spec_path)}", (str(exc),))
    version = str(document.get("openapi", ""))
    if not version.startswith("3.1."):
        return StepResult("validate", title, False, f"`openapi: {version}` is not 3.1.x")
    errors = []
    for error in OpenAPIV31SpecValidator(document).iter_errors():
        where = "/".join(str(p) for p in getattr(error, "path", ())) or "(root)"
        errors.append(f"{where}: {str(error.message).splitlines()[0]}")
    if errors:
        return StepResult("validate", title, False, f"{len(errors)} error(s)", tuple(errors))
    return StepResult("validate", title, True, f"{_rel(spec_path)} is valid OpenAPI {version}")


# -- 2. lint -----------------------------------------------------------------------------------------


class LinterUnavailable(RuntimeError):
    """Spectral could not be found or installed."""


def spectral_command(root: Path = ROOT) -> list[str]:
    """The pinned Spectral CLI: `node_modules/.bin/spectral`, installed with `npm ci` if missing."""
    node_tools.warn_if_untested()
    local = root / "node_modules" / ".bin" / "spectral"
    if local.exists():
        return [str(local)]
    npm = shutil.which("npm")
    if npm is None:
        raise LinterUnavailable(
            "npm is not installed; install Node 22 (or 20, 24) and run `npm ci`"
        )
    # One `npm ci` at a time per checkout: parallel test workers may all get here at once.
    key = hashlib.sha256(str(root).encode()).hexdigest()[:12]
    lock_path = Path(tempfile.gettempdir()) / f"appointments-sdk-npm-ci-{key}.lock"
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not local.exists():
            done = subprocess.run(
                [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
                cwd=root,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0 or not local.exists():
                tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
                raise LinterUnavailable("`npm ci` failed: " + " | ".join(tail))
    return [str(local)]


def run_spectral(
    spec_path: Path, ruleset: Path = RULESET, root: Path = ROOT
) -> list[dict[str, Any]]:
    """Spectral's findings for a spec: dicts with code, message, severity, path, line."""
    command = [
        *spectral_command(root),
        "lint",
        "--ruleset",
        str(ruleset),
        "--format",
        "json",
        "--quiet",
        str(spec_path),
    ]
    env = dict(os.environ, NO_COLOR="1")
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False, env=env)
    out = done.stdout.strip()
    start = out.find("[")
    try:
        raw = json.loads(out[start:]) if start >= 0 else None
    except json.JSONDecodeError:
        raw = None
    if not isinstance(raw, list):
        raise LinterUnavailable(
            f"Spectral failed (exit {done.returncode}): {(done.stderr or out).strip()[:500]}"
        )
    findings = []
    for item in raw:
        findings.append(
            {
                "code": str(item.get("code")),
                "message": str(item.get("message")),
                "severity": _SPECTRAL_SEVERITY.get(int(item.get("severity", 0)), "error"),
                "path": "/".join(str(p) for p in item.get("path", [])),
                "line": int(((item.get("range") or {}).get("start") or {}).get("line", 0)) + 1,
            }
        )
    return sorted(findings, key=lambda f: (f["line"], f["code"]))


def lint(spec_path: Path = SPEC, ruleset: Path = RULESET, root: Path = ROOT) -> StepResult:
    """Step 2: Spectral with the house rules; errors fail, warnings are shown."""
    title = f"Lint (Spectral {SPECTRAL_VERSION}, {_rel(ruleset)})"
    try:
        findings = run_spectral(spec_path, ruleset, root)
    except LinterUnavailable as exc:
        return StepResult("lint", title, False, "the linter could not run", (str(exc),))
    errors = [f for f in findings if f["severity"] == "error"]
    others = [f for f in findings if f["severity"] != "error"]
    details = tuple(
        f"{_rel(spec_path)}:{f['line']} {f['severity']} {f['code']}: {f['message']}"
        for f in findings
    )
    summary = f"{len(errors)} error(s), {len(others)} warning(s)/hint(s)"
    return StepResult("lint", title, not errors, summary, details, {"findings": findings})


# -- 3. examples -------------------------------------------------------------------------------------


def check_examples(spec_path: Path = SPEC) -> StepResult:
    """Step 3: every example validates against its schema."""
    title = "Examples match their schemas (JSON Schema 2020-12)"
    result = validate_examples(_load(spec_path))
    if result.problems:
        return StepResult(
            "examples",
            title,
            False,
            f"{len(result.problems)} problem(s) in {result.checked} examples",
            result.problems,
        )
    return StepResult("examples", title, True, f"{result.checked} examples valid")


# -- 4. generated code -------------------------------------------------------------------------------


def check_generated_code(root: Path = ROOT) -> StepResult:
    """Step 4: `python -m codegen --check` reports no drift."""
    title = "Generated code is current (python -m codegen --check)"
    if not (root / "codegen" / "__main__.py").exists():
        return StepResult(
            "codegen", title, False, "codegen is missing: there is no codegen/__main__.py yet"
        )
    done = subprocess.run(
        [sys.executable, "-m", "codegen", "--check"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    output = tuple(
        line for line in (done.stdout + done.stderr).strip().splitlines() if line.strip()
    )
    if done.returncode == 0:
        return StepResult("codegen", title, True, "no drift", output[-5:])
    return StepResult(
        "codegen", title, False, f"drift or error (exit {done.returncode})", output[-30:]
    )


# -- 5. breaking changes -----------------------------------------------------------------------------


def check_breaking(
    spec_path: Path = SPEC,
    base: str | None = None,
    root: Path = ROOT,
    *,
    fail_on: Level = "breaking",
    accepted: Path | None = None,
    empirical: bool = True,
) -> StepResult:
    """Step 5: the breaking-change gate against `base` (default: latest tag, else first commit)."""
    title = "Breaking changes"
    try:
        report = breaking.run(
            spec_path, base, root=root, accepted=accepted, fail_on=fail_on, empirical=empirical
        )
    except breaking.BaseNotFound as exc:
        return StepResult("breaking", title + f" vs {base}", False, str(exc))
    except AcceptedChangesError as exc:
        return StepResult("breaking", title, False, str(exc))
    if report is None:
        return StepResult(
            "breaking", title, True, "no base version of the spec in git yet: nothing to compare"
        )
    title = f"{title} vs {report.base_ref[:12]} (version {report.base_version})"
    details = tuple(breaking.render_text(report).splitlines()[1:-1])
    return StepResult(
        "breaking",
        title,
        report.passed,
        report.verdict(),
        details,
        {
            "report": json.loads(breaking.render_json(report)),
            "markdown": breaking.render_markdown(report),
        },
    )


# -- 6. the mock serves every operation ------------------------------------------------------------


def check_mock(spec_path: Path = SPEC) -> StepResult:
    """Step 6: every operation has rules in the mock, or at least a success example to serve."""
    import warnings

    from appointments_mock.app import coverage_of, create_app

    title = "The mock serves every operation"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # Connexion's imports, not ours
        coverage = coverage_of(create_app(spec_path=spec_path, validate_responses=False))
    from_examples = [op for op, how in coverage.items() if how == "examples"]
    served_not = [op for op, how in coverage.items() if how == "none"]
    details = tuple(
        [
            f"[error] {op}: no handler in the mock and no 2xx example to serve (501)"
            for op in served_not
        ]
        + [
            f"[warning] {op}: served from its examples only; write its rules in "
            f"mock_server/appointments_mock/handlers/{op.split('.')[0]}.py and domain/"
            for op in from_examples
        ]
    )
    rules = len(coverage) - len(from_examples) - len(served_not)
    summary = f"{rules} by their rules, {len(from_examples)} from examples only"
    if served_not:
        summary += f", {len(served_not)} not at all"
    return StepResult("mock", title, not served_not, summary, details, {"mock_coverage": coverage})


# -- the command -------------------------------------------------------------------------------------


def run_steps(
    spec_path: Path = SPEC,
    base: str | None = None,
    skip: tuple[str, ...] = (),
    *,
    fail_on: Level = "breaking",
    accepted: Path | None = None,
    empirical: bool = True,
) -> list[StepResult]:
    """Run every step not in `skip`, in order."""
    steps: dict[str, Callable[[], StepResult]] = {
        "validate": lambda: validate_spec(spec_path),
        "lint": lambda: lint(spec_path),
        "examples": lambda: check_examples(spec_path),
        "codegen": check_generated_code,
        "breaking": lambda: check_breaking(
            spec_path, base, fail_on=fail_on, accepted=accepted, empirical=empirical
        ),
        "mock": lambda: check_mock(spec_path),
    }
    results = []
    for name in STEPS:
        if name in skip:
            continue
        try:
            results.append(steps[name]())
        except Exception as exc:  # a crashing step is a failed step, and the others still run
            results.append(StepResult(name, name, False, f"crashed: {type(exc).__name__}: {exc}"))
    return results


def render_text(results: list[StepResult]) -> str:
    """✓/✗ per step, details indented below."""
    lines = []
    for r in results:
        number = STEPS.index(r.name) + 1 if r.name in STEPS else 0  # stable even with --skip
        lines.append(f"{'✓' if r.ok else '✗'} {number}. {r.title}: {r.summary}")
        lines.extend(f"    {d}" for d in r.details)
    failed = [r.name for r in results if not r.ok]
    lines.append(
        f"FAILED: {', '.join(failed)}" if failed else f"OK: all {len(results)} steps passed"
    )
    return "\n".join(lines)


def render_markdown(results: list[StepResult]) -> str:
    """A table of the steps, then the breaking-change report as a CHANGELOG section."""
    lines = ["| step | result | summary |", "|---|---|---|"]
    for r in results:
        lines.append(f"| {r.title} | {'✓' if r.ok else '✗'} | {r.summary} |")
    for r in results:
        if not r.ok and r.name != "breaking" and r.details:
            lines += ["", f"**{r.title}**", "", *(f"- {d}" for d in r.details)]
    for r in results:
        if "markdown" in r.data:
            lines += ["", str(r.data["markdown"]).rstrip()]
    return "\n".join(lines) + "\n"


def render_json(results: list[StepResult]) -> str:
    """Every step with its details and data."""
    payload = {
        "ok": all(r.ok for r in results),
        "steps": [
            {
                "name": r.name,
                "title": r.title,
                "ok": r.ok,
                "summary": r.summary,
                "details": list(r.details),
                **{k: v for k, v in r.data.items() if k != "markdown"},
            }
            for r in results
        ],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    """Run the checks; exit 0 only if all of them pass."""
    parser = argparse.ArgumentParser(
        prog="python -m codegen check", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument(
        "--base", help="git ref to compare the spec with (default: latest tag, else first commit)"
    )
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    parser.add_argument(
        "--spec", type=Path, default=SPEC, help="the spec to check (default: openapi.yaml)"
    )
    parser.add_argument(
        "--skip", action="append", choices=STEPS, default=[], help="skip a step (repeatable)"
    )
    breaking.add_gate_arguments(parser)
    args = parser.parse_args(argv)
    results = run_steps(
        args.spec,
        args.base,
        tuple(args.skip),
        fail_on=args.fail_on,
        accepted=args.accepted,
        empirical=not args.no_empirical,
    )
    renderers = {"text": render_text, "markdown": render_markdown, "json": render_json}
    sys.stdout.write(renderers[args.format](results).rstrip("\n") + "\n")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
