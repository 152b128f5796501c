"""The Node tools (Spectral, Redocly, Prism) on the Node lines of `codegen/node_tools.py`.

The rest of the suite runs the tools on the Node first on PATH. Here another tested line (Node 22,
or those `APPOINTMENTS_NODE_LINES` names) is fetched from the npm registry (the `node` package,
kept in `node_modules/.node-lines/`) and the tools run on it: Spectral lints the spec with the house rules, Redocly builds the static
reference (without Node's end-of-life warning), Prism answers from the spec. Skipped only when
npm is missing or the registry cannot be reached.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from codegen import check, node_tools
from codegen.node_tools import NODE_LINES, line_for, notice, parse_version, prism_package
from tests._prism import Prism

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "openapi.yaml"
FIXTURES = Path(__file__).parent / "fixtures"
LINES_DIR = ROOT / "node_modules" / ".node-lines"
ON_PATH = node_tools.node_version()


@pytest.mark.parametrize(
    ("text", "tested"),
    [
        ("v20.20.2", True),
        ("v20.19.0", True),
        ("v20.18.3", False),  # Redocly 2.77.0 needs 20.19+
        ("v22.23.3", True),
        ("v22.11.0", False),  # Redocly 2.77.0 needs 22.12+
        ("v24.21.0", True),
        ("v18.20.8", False),
        ("v23.11.1", False),
        ("v26.0.0", False),
    ],
)
def test_versions_outside_the_tested_lines_get_a_notice(text: str, tested: bool) -> None:
    version = parse_version(text)
    assert version is not None
    assert (line_for(version) is not None) == tested
    message = notice(version)
    assert (message is None) == tested
    if message is not None:
        assert f"Node {text}" in message
        assert "tested on Node 20 (from 20.19), 22 (from 22.12) and 24 (from 24.0) only" in message
        assert "@stoplight/prism-cli@5.14.2" in message


def test_no_node_at_all_gets_a_notice() -> None:
    message = notice(None)
    assert message is not None
    assert "no `node` on PATH" in message


def test_prism_is_pinned_per_node_line() -> None:
    for line in NODE_LINES:
        assert prism_package(line.minimum) == f"@stoplight/prism-cli@{line.prism}"
    assert prism_package((18, 20, 8)) == f"@stoplight/prism-cli@{node_tools.DEFAULT_PRISM}"


def test_package_json_engines_say_what_the_table_says() -> None:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert package["engines"]["node"] == node_tools.engines_range()
    assert lock["packages"][""]["engines"]["node"] == node_tools.engines_range()
    assert node_tools.engines_range() == "^20.19.0 || ^22.12.0 || ^24.0.0"


def _fake_node(directory: Path, prints: str) -> Path:
    node = directory / "node"
    node.write_text(f"#!/bin/sh\necho {prints}\n", encoding="utf-8")
    node.chmod(0o755)
    return directory


@pytest.mark.parametrize(("prints", "noticed"), [("v18.20.8", True), ("v22.23.3", False)])
def test_the_check_prints_the_notice_for_the_node_on_path(
    tmp_path: Path, prints: str, noticed: bool
) -> None:
    env = {**os.environ, "PATH": f"{_fake_node(tmp_path, prints)}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        [sys.executable, "-m", "codegen.node_tools", "--notice"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout == ""
    if noticed:
        assert done.stderr.startswith(f"notice: Node {prints};")
    else:
        assert done.stderr == ""


def _fetch_node(major: int) -> Path:
    """The bin directory of the newest Node `major` from the npm registry (cached)."""
    prefix = LINES_DIR / str(major)
    node = prefix / "node_modules" / ".bin" / "node"
    if node.exists():
        return node.parent
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed")
    done = subprocess.run(
        [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", f"node@{major}"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0 or not node.exists():
        ping = subprocess.run(
            [npm, "ping"], capture_output=True, text=True, timeout=60, check=False
        )
        if ping.returncode != 0:
            pytest.skip(f"the npm registry is unreachable: {ping.stderr.strip()[-300:]}")
        pytest.fail(f"npm install node@{major} failed:\n{done.stdout}\n{done.stderr}")
    return node.parent


# Each line costs about 30 s, so the suite checks Node 22, the LTS line the tools moved to, unless
# APPOINTMENTS_NODE_LINES names others (e.g. `20,22,24`: every line, as before a pin changes).
CHECKED = {int(m) for m in os.environ.get("APPOINTMENTS_NODE_LINES", "22").split(",") if m.strip()}
OTHER_LINES = [
    line
    for line in NODE_LINES
    if line.major in CHECKED and (ON_PATH is None or line.major != ON_PATH[0])
]


@pytest.mark.slow
@pytest.mark.parametrize("line", OTHER_LINES, ids=[f"node{line.major}" for line in OTHER_LINES])
def test_the_pinned_tools_run_on_each_tested_node_line(
    line: node_tools.NodeLine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = _fetch_node(line.major)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    version = node_tools.node_version()
    assert version is not None
    assert line_for(version) == line
    check.spectral_command()  # `npm ci` on first use, on this Node

    assert check.lint(SPEC).ok  # the spec lints clean with the house rules (custom functions too)
    missing = check.run_spectral(FIXTURES / "lint-missing-description.yaml")
    assert [f["code"] for f in missing if f["severity"] == "error"] == [
        "schema-property-descriptions"
    ]

    out = tmp_path / "index.html"
    docs = subprocess.run(
        [str(ROOT / "node_modules/.bin/redocly"), "build-docs", str(SPEC), "--output", str(out)],
        cwd=ROOT,
        env={**os.environ, "REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert docs.returncode == 0, docs.stdout + docs.stderr
    assert out.stat().st_size > 100_000
    if line.major > 20:
        assert "end-of-life" not in docs.stdout + docs.stderr

    with Prism.mock() as prism:
        assert prism.args[2] == prism_package(version)
        answer = httpx.get(
            f"{prism.url}/cancellation-reasons",
            headers={"Authorization": "Bearer demo-admin-key"},
            timeout=30,
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["items"]
        assert prism.process is not None
        assert Path(bin_dir / "node").resolve() in _executables_of_group(prism.process.pid)


def _executables_of_group(pgid: int) -> set[Path]:
    """The programs the processes of a process group run (Linux `/proc`)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid:
                found.add((stat.parent / "exe").resolve())
        except (OSError, IndexError, ValueError):
            continue
    return found
