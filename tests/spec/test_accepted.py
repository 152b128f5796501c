"""The gate's own rules: accepted changes, stale acceptances, `--fail-on`, and the current spec.

A designer ships a deliberate break by listing it in accepted-changes.yaml (rule id, JSON pointer,
reason): it stays in the report, marked accepted, and no longer fails the gate. An entry that
matches nothing is `accepted-change-stale`, a warning.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen import breaking, check
from codegen.accepted import AcceptedChangesError, load_accepted
from codegen.spec import parse_yaml
from tests.spec.breaking_cases import load_base

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
REMOVED = ("response-property-removed", "/components/schemas/Item/properties/dims")


def _pair(tmp_path: Path, change: str) -> tuple[Path, Path]:
    base = load_base("shop")
    head = copy.deepcopy(base)
    if change == "breaking":
        del head["components"]["schemas"]["Item"]["properties"]["dims"]
    elif change == "warning":
        head["components"]["schemas"]["ItemStatus"]["enum"].append("paused")
    base_path, head_path = tmp_path / "base.yaml", tmp_path / "head.yaml"
    base_path.write_text(yaml.safe_dump(base, sort_keys=False), encoding="utf-8")
    head_path.write_text(yaml.safe_dump(head, sort_keys=False), encoding="utf-8")
    return base_path, head_path


def _accept(tmp_path: Path, *entries: dict[str, Any]) -> Path:
    path = tmp_path / "accepted-changes.yaml"
    path.write_text(yaml.safe_dump({"accepted": list(entries)}), encoding="utf-8")
    return path


def _gate(base: Path, head: Path, *args: str) -> list[str]:
    return ["--base-file", str(base), "--spec", str(head), "--no-empirical", *args]


def test_an_accepted_breaking_change_is_reported_but_passes_the_gate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base, head = _pair(tmp_path, "breaking")
    assert breaking.main(_gate(base, head)) == 1
    capsys.readouterr()
    _accept(tmp_path, {"rule": REMOVED[0], "pointer": REMOVED[1], "reason": "Never filled in."})
    assert breaking.main(_gate(base, head)) == 0  # found next to the spec by default
    out = capsys.readouterr().out
    assert f"[breaking, accepted] {REMOVED[0]}" in out
    assert "    accepted: Never filled in." in out
    assert "1 accepted" in out.splitlines()[-1]


def test_an_acceptance_matches_by_rule_and_pointer_exactly(tmp_path: Path) -> None:
    base, head = _pair(tmp_path, "breaking")
    path = _accept(
        tmp_path, {"rule": "response-property-made-optional", "pointer": REMOVED[1], "reason": "x"}
    )
    report = breaking.run(head, base_path=base, accepted=path)
    assert report is not None
    assert not report.passed
    assert [(c.rule, c.accepted) for c in report.breaking] == [(REMOVED[0], "")]


def test_a_stale_acceptance_is_a_warning(tmp_path: Path) -> None:
    base, head = _pair(tmp_path, "none")
    path = _accept(tmp_path, {"rule": REMOVED[0], "pointer": REMOVED[1], "reason": "Released."})
    report = breaking.run(head, base_path=base, accepted=path)
    assert report is not None
    assert [(c.rule, c.level, c.pointer) for c in report.changes] == [
        ("accepted-change-stale", "warning", REMOVED[1])
    ]
    assert report.passed
    strict = breaking.run(head, base_path=base, accepted=path, fail_on="warning")
    assert strict is not None
    assert not strict.passed
    assert "accepted-change-stale" not in breaking.render_markdown(report)


def test_fail_on_warning_fails_the_gate_on_a_warning(tmp_path: Path) -> None:
    base, head = _pair(tmp_path, "warning")
    assert breaking.main(_gate(base, head)) == 0
    assert breaking.main(_gate(base, head, "--fail-on", "warning")) == 1


def test_a_major_version_raise_allows_warnings_under_fail_on_warning(tmp_path: Path) -> None:
    base, head = _pair(tmp_path, "warning")
    data = parse_yaml(head.read_text(encoding="utf-8"))
    data["info"]["version"] = "2.0.0"
    head.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert breaking.main(_gate(base, head, "--fail-on", "warning")) == 0


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"rule": "no-such-rule", "pointer": "/x", "reason": "r"}, "unknown rule"),
        ({"rule": REMOVED[0], "pointer": "x", "reason": "r"}, "JSON pointer"),
        ({"rule": REMOVED[0], "pointer": "/x"}, "a `reason` is required"),
    ],
)
def test_a_malformed_acceptance_is_refused(
    tmp_path: Path, entry: dict[str, Any], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _accept(tmp_path, entry)
    with pytest.raises(AcceptedChangesError, match=message):
        load_accepted(path)
    base, head = _pair(tmp_path, "none")
    assert breaking.main(_gate(base, head, "--accepted", str(path))) == 2
    assert message in capsys.readouterr().err


def test_check_passes_the_gate_options_to_step_5(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    base, head = _pair(tmp_path, "warning")
    seen: dict[str, Any] = {}
    real_run = breaking.run

    def run(spec: Path, ref: str | None, **options: Any) -> breaking.Report | None:
        seen.update(options, spec=spec, ref=ref)
        return real_run(
            spec, base_path=base, accepted=options["accepted"], fail_on=options["fail_on"]
        )

    monkeypatch.setattr(check.breaking, "run", run)
    accepted = tmp_path / "none.yaml"
    skip = [a for step in check.STEPS if step != "breaking" for a in ("--skip", step)]
    args = [*skip, "--spec", str(head), "--base", "v1", "--no-empirical"]
    code = check.main([*args, "--fail-on", "warning", "--accepted", str(accepted)])
    assert code == 1
    assert "✗ 5. Breaking changes" in capsys.readouterr().out
    assert seen == {
        "spec": head,
        "ref": "v1",
        "root": check.ROOT,
        "accepted": accepted,
        "fail_on": "warning",
        "empirical": False,
    }
    assert check.main(args) == 0  # the same warning passes under the default --fail-on breaking
    assert seen["empirical"] is False
    assert seen["fail_on"] == "breaking"


def test_the_repository_accepts_only_changes_the_gate_still_finds() -> None:
    report = breaking.run(ROOT / "openapi.yaml")
    if report is None:
        pytest.skip("no git history")
    stale = [c for c in report.changes if c.rule == "accepted-change-stale"]
    assert stale == []
    assert report.passed, breaking.render_text(report)
    for entry in load_accepted(ROOT / "accepted-changes.yaml"):
        assert len(entry.reason) > 40, "say why the change is safe to release"


def test_the_fixture_pair_has_no_accepted_changes_file() -> None:
    assert not (FIXTURES / "accepted-changes.yaml").exists()
    report = breaking.run(FIXTURES / "head.yaml", base_path=FIXTURES / "base.yaml")
    assert report is not None
    assert report.accepted == []
