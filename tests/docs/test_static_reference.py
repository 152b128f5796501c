"""`scripts/build-docs` writes one self-contained HTML reference of the spec."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_build_docs_writes_a_self_contained_reference(tmp_path: Path) -> None:
    out = tmp_path / "docs" / "index.html"
    done = subprocess.run(
        [str(ROOT / "scripts" / "build-docs"), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert "Cancel an appointment" in html
    assert "Soft-delete an appointment" in html
    # Viewable offline: no script or stylesheet is loaded from elsewhere.
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=\"https?:", html)
