"""The empirical verdict: the SDK generated from the base spec, called against the head mock.

`check` compares two documents by rule; this is the second, independent verdict. The SDK of the
base spec is generated with the repository's own codegen into a directory of its own
(`_sdk_build.py`), and a separate process (`_probe.py`, with that directory first on its path, so
the real `sdk/` is never imported or touched) calls every operation once, in-process, with inputs
from the base spec's examples (`_probe_inputs.py`). A call the head mock rejects (400 validation
error, 401, 404 without a route, 405, 406, 415) is `sdk-call-rejected`; a response the base models
cannot parse is `sdk-response-unparsable`. Both are breaking. When the document comparison found
nothing breaking for that operation, `verdicts-disagree` says a rule is missing.

The head mock is the repository's mock (`appointments_mock`) when the head spec is the working
tree's `openapi.yaml`, which is the only spec it serves; for any other head spec (a reference pair,
`--spec FILE`) it is the example mock of `_example_mock.py`, built from that document.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codegen._findings import Change
from codegen._sdk_build import SdkBuildError, build_sdk
from codegen.rules import rule

ROOT = Path(__file__).resolve().parents[1]
_TIMEOUT_S = 600
_FINDING = {"rejected": "sdk-call-rejected", "unparsable": "sdk-response-unparsable"}


@dataclass(frozen=True)
class CallOutcome:
    """What happened to one call of the base SDK."""

    operation_id: str
    pointer: str
    symbol: str
    outcome: str  # ok, rejected, unparsable, answered (another status), unprobed, error
    status: int | None = None
    detail: str = ""
    model: str | None = None


@dataclass(frozen=True)
class EmpiricalVerdict:
    """The outcome of every call, against which mock, or why nothing was called."""

    mock: str
    calls: tuple[CallOutcome, ...] = ()
    skipped: str = ""
    sdk_file: str = ""  # the `appointments/__init__.py` the probe imported: the base SDK's

    @property
    def breaking(self) -> list[CallOutcome]:
        return [c for c in self.calls if c.outcome in _FINDING]

    def findings(self, static: list[Change]) -> list[Change]:
        """The breaking outcomes as findings, and a disagreement where the documents say nothing."""
        out = []
        for call in self.breaking:
            rule_id = _FINDING[call.outcome]
            tag_verb = call.symbol.split(".", 1)[1]
            symbols: tuple[str, ...] = (call.symbol, f"AsyncAppointmentsClient.{tag_verb}")
            if call.outcome == "unparsable" and call.model:
                symbols += (f"model {call.model}",)
            status = f" ({call.status})" if call.status else ""
            text = (
                f"The base SDK's `{call.operation_id}` call was rejected by the head mock{status}: {call.detail}"
                if call.outcome == "rejected"
                else f"The base SDK could not parse the head mock's `{call.operation_id}` response: {call.detail}"
            )
            out.append(Change(rule_id, rule(rule_id).level, call.pointer, text.strip(), symbols))
            if not any(c.level == "breaking" and call.symbol in c.symbols for c in static):
                disagree = rule("verdicts-disagree")
                out.append(
                    Change(
                        disagree.id,
                        disagree.level,
                        call.pointer,
                        f"`{call.operation_id}` broke when called, but no document rule reports a "
                        "breaking change for it: a rule is missing.",
                        symbols,
                    )
                )
        return out

    def summary(self) -> str:
        """One line: which mock, how many calls and what came of them."""
        if self.skipped:
            return f"not run ({self.skipped})"
        tally: dict[str, int] = {}
        for call in self.calls:
            tally[call.outcome] = tally.get(call.outcome, 0) + 1
        parts = ", ".join(f"{n} {name}" for name, n in sorted(tally.items()))
        return f"{len(self.calls)} base SDK call(s) against the {self.mock}: {parts or 'none'}"

    def payload(self) -> dict[str, Any]:
        """Plain data for the JSON report."""
        return {
            "mock": self.mock,
            "skipped": self.skipped,
            "summary": self.summary(),
            "calls": [call.__dict__ for call in self.calls],
        }


def head_mock_kind(head_path: Path | None) -> str:
    """`repository` for the working tree's openapi.yaml (what `appointments_mock` serves), else `examples`."""
    if head_path is not None and head_path.resolve() == (ROOT / "openapi.yaml").resolve():
        return "repository"
    return "examples"


def run_probes(
    base: dict[str, Any], heads: list[tuple[str, dict[str, Any], str]]
) -> dict[str, EmpiricalVerdict]:
    """Probe several heads (id, document, mock kind) with one base SDK, in one process."""
    names = {"repository": "repository mock", "examples": "example mock of the head spec"}
    try:
        sdk_dir = build_sdk(base)
    except SdkBuildError as exc:
        return {i: EmpiricalVerdict(names[kind], skipped=str(exc)) for i, _, kind in heads}
    job = {
        "sdk": str(sdk_dir),
        "base": base,
        "heads": [{"id": i, "doc": doc, "mock": kind} for i, doc, kind in heads],
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(job, handle, default=str)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(sdk_dir), str(ROOT), env.get("PYTHONPATH", "")) if p
    )
    try:
        done = subprocess.run(
            [sys.executable, "-m", "codegen._probe", handle.name],
            cwd=sdk_dir,
            env=env,
            capture_output=True,
            text=True,
            timeout=_TIMEOUT_S,
            check=False,
        )
    finally:
        os.unlink(handle.name)
    try:
        payload = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        payload = {"error": (done.stderr or done.stdout).strip()[-500:]}
    if "error" in payload:
        reason = f"the probe failed: {payload['error']}"
        return {i: EmpiricalVerdict(names[kind], skipped=reason) for i, _, kind in heads}
    return {
        i: EmpiricalVerdict(
            names[kind],
            tuple(CallOutcome(**call) for call in payload["results"].get(i, [])),
            sdk_file=str(payload.get("sdk_file", "")),
        )
        for i, _, kind in heads
    }


def empirical_verdict(
    base: dict[str, Any], head: dict[str, Any], head_path: Path | None = None
) -> EmpiricalVerdict:
    """Call every operation of the base SDK against the head mock."""
    return run_probes(base, [("head", head, head_mock_kind(head_path))])["head"]
