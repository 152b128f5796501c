"""The SDK's types bite: correct use type-checks under `mypy --strict`, wrong use does not."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parents[1]


def test_usage_passes_and_misuse_fails_mypy_strict() -> None:
    # One mypy run for both files (mypy is slow to start): every error must be in misuse_sdk.py,
    # exactly on the lines marked `# error`.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            str(HERE / "usage_sdk.py"),
            str(HERE / "misuse_sdk.py"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    errors = re.findall(r"^(.+?):(\d+): error:", result.stdout, flags=re.MULTILINE)
    assert result.returncode == 1, result.stdout + result.stderr
    assert not [e for e in errors if not e[0].endswith("misuse_sdk.py")], result.stdout
    marked = {
        number
        for number, line in enumerate((HERE / "misuse_sdk.py").read_text().splitlines(), start=1)
        if "# error" in line
    }
    assert {int(line) for _, line in errors} == marked, result.stdout
