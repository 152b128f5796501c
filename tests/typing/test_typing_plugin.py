"""The pytest plugin's types work in a user's project: `mypy --strict` accepts annotated tests and
rejects wrong uses, with nothing but the installed package (its ``py.typed``) to go on."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
# Outside the user project (which is new each run), so that later runs reuse mypy's analysis of
# the installed packages; mypy checks each cached module against its source before using it.
CACHE = HERE.parents[1] / ".mypy_cache" / "plugin-user-project"


def test_a_user_projects_annotated_tests_pass_and_misuse_fails_mypy_strict(tmp_path: Path) -> None:
    # A project of its own: no mypy settings, no mypy_path into this repository's sources.
    project = tmp_path / "user-project"
    (project / "tests").mkdir(parents=True)
    for name in ("usage_plugin.py", "misuse_plugin.py"):
        shutil.copy(HERE / name, project / "tests" / f"test_{name}")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(CACHE), "tests"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    errors = re.findall(r"^(.+?):(\d+): error:", result.stdout, flags=re.MULTILINE)
    assert result.returncode == 1, result.stdout + result.stderr
    assert not [e for e in errors if not e[0].endswith("misuse_plugin.py")], result.stdout
    marked = {
        number
        for number, line in enumerate((HERE / "misuse_plugin.py").read_text().splitlines(), start=1)
        if "# error" in line
    }
    assert {int(line) for _, line in errors} == marked, result.stdout
