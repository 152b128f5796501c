"""``scripts/_setup.sh`` (behind ``./scripts/serve`` and ``./scripts/test``) shows its progress.

Run in a scratch copy of the repository's layout with a stand-in interpreter: ``python3 -m venv``
makes a ``.venv/bin/python`` whose ``-m pip`` prints what a real first install prints (recorded
lines) and exits with a chosen status, so the script's own behaviour is what is tested: its step
lines, a live line on a terminal, pip's output in ``.venv/setup.log``, the stamp that makes the
next run silent, and what a failing pip leaves on screen.
"""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SETUP = ROOT / "scripts" / "_setup.sh"

PIP_OUTPUT = """\
Obtaining file:///repo
  Installing build dependencies: started
  Installing build dependencies: finished with status 'done'
Collecting connexion==3.3.0 (from connexion[uvicorn]==3.3.0; extra == "mock"->appointments-sdk==0.2.0)
  Using cached connexion-3.3.0-py3-none-any.whl.metadata (21 kB)
Collecting uvicorn>=0.30 (from appointments-sdk==0.2.0)
  Downloading uvicorn-0.54.0-py3-none-any.whl.metadata (6.6 kB)
WARNING: Location 'https://mirror.invalid/simple/orjson/' is ignored: it is either a non-existing path or lacks a specific scheme.
Collecting orjson>=3.10 (from appointments-sdk==0.2.0)
Building wheels for collected packages: appointments-sdk
  Building editable for appointments-sdk (pyproject.toml): started
Installing collected packages: orjson, uvicorn, connexion, appointments-sdk
Successfully installed appointments-sdk-0.2.0 connexion-3.3.0 orjson-3.11.0 uvicorn-0.54.0
"""

FAKE_PYTHON = """\
#!/bin/sh
# python3 -m venv DIR: make DIR/bin/python, a stand-in whose `-m pip` replays recorded output
if [ "$1" = -m ] && [ "$2" = venv ]; then
    mkdir -p "$3/bin" && cp "$FAKE_PIP" "$3/bin/python" && exit 0
fi
exit 99
"""

FAKE_PIP = """\
#!/bin/sh
echo "$*" >>"$FAKE_CALLS"
case "$*" in  # as pip does: an option of `install` before the command is an error
    *--progress-bar*install*) echo "no such option: --progress-bar"; exit 2 ;;
    *"--upgrade pip"*) exit 0 ;;
esac
cat "$FAKE_PIP_OUTPUT"
exit "$FAKE_PIP_STATUS"
"""


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A scratch directory laid out like the repository, with the stand-ins beside it."""
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(SETUP, repo / "scripts" / "_setup.sh")
    (repo / "pyproject.toml").write_text('[project]\nname = "appointments-sdk"\n')
    for name, text in {"python3": FAKE_PYTHON, "pip": FAKE_PIP, "output": PIP_OUTPUT}.items():
        (tmp_path / name).write_text(text)
        (tmp_path / name).chmod(0o755)
    return repo


def _env(repo: Path, status: int = 0) -> dict[str, str]:
    here = repo.parent
    return {
        **os.environ,
        "PYTHON": str(here / "python3"),
        "FAKE_PIP": str(here / "pip"),
        "FAKE_PIP_OUTPUT": str(here / "output"),
        "FAKE_PIP_STATUS": str(status),
        "FAKE_CALLS": str(here / "calls"),
    }


def _setup(repo: Path, status: int = 0) -> subprocess.CompletedProcess[str]:
    command = 'source scripts/_setup.sh mock && echo "sourced in $PWD"'
    return subprocess.run(
        ["bash", "-c", command],
        cwd=repo,
        env=_env(repo, status),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _calls(repo: Path) -> list[str]:
    calls = repo.parent / "calls"
    return calls.read_text().splitlines() if calls.exists() else []


def test_a_first_install_prints_each_step_and_pips_phases(checkout: Path) -> None:
    result = _setup(checkout)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"sourced in {checkout}"
    lines = result.stderr.splitlines()
    assert lines[0].startswith("setup: installing appointments-sdk[mock] into .venv")
    assert "about a minute" in lines[0]
    assert lines[1:] == [
        f"setup: [1/3] creating .venv with {checkout.parent / 'python3'}",
        "setup: [2/3] upgrading pip",
        "setup: [3/3] installing appointments-sdk[mock] and its dependencies",
        "setup:   resolving and downloading ...",
        "setup:   building ...",
        "setup:   installing ...",
        "Successfully installed appointments-sdk-0.2.0 connexion-3.3.0 orjson-3.11.0 uvicorn-0.54.0",
        "setup:   3 packages collected",
        "setup: done in 0 s",
    ]
    assert "\r" not in result.stderr  # no live line when stderr is not a terminal (CI logs)
    log = (checkout / ".venv" / "setup.log").read_text()
    assert "Using cached connexion-3.3.0" in log  # everything pip said is kept
    assert "WARNING: Location" in log
    assert _calls(checkout)[-1].endswith("install --progress-bar off -e .[mock]")
    assert all("--progress-bar off" in call for call in _calls(checkout))


def test_the_stamp_makes_the_next_run_silent_until_pyproject_changes(checkout: Path) -> None:
    assert _setup(checkout).returncode == 0
    calls = len(_calls(checkout))
    again = _setup(checkout)
    assert again.returncode == 0
    assert again.stderr == ""
    assert len(_calls(checkout)) == calls  # pip was not run
    with (checkout / "pyproject.toml").open("a") as handle:
        handle.write('version = "9"\n')
    changed = _setup(checkout)
    assert "setup: [1/3] .venv exists" in changed.stderr
    assert len(_calls(checkout)) == calls + 2


def test_a_failing_pip_stops_the_script_with_the_end_of_its_output(checkout: Path) -> None:
    with (checkout.parent / "output").open("a") as handle:
        handle.write("ERROR: Could not find a version that satisfies the requirement connexion\n")
    result = _setup(checkout, status=1)
    assert result.returncode == 1
    assert "sourced" not in result.stdout
    assert "setup: pip failed (exit 1)" in result.stderr
    assert f"{checkout}/.venv/setup.log" in result.stderr
    assert "Using cached connexion-3.3.0" in result.stderr  # the end of pip's output is shown
    assert result.stderr.count("ERROR: Could not find a version") == 2  # live, and in the tail
    assert not list((checkout / ".venv").glob(".setup-stamp-*"))  # the next run tries again


def test_on_a_terminal_a_live_line_shows_what_pip_is_doing(checkout: Path) -> None:
    primary, secondary = pty.openpty()
    try:
        process = subprocess.run(
            ["bash", "-c", "source scripts/_setup.sh mock"],
            cwd=checkout,
            env=_env(checkout),
            stdout=subprocess.DEVNULL,
            stderr=secondary,
            timeout=60,
            check=False,
        )
        os.close(secondary)
        secondary = -1
        seen = b""
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # the terminal's other end is closed: everything was read
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(primary)
        if secondary != -1:
            os.close(secondary)
    assert process.returncode == 0
    text = seen.decode()
    assert "\r\x1b[K  [2] Collecting uvicorn>=0.30" in text
    assert "\r\x1b[K  [3] Installing collected packages" in text
    assert "setup: done in" in text


def test_the_script_is_valid_bash_and_passes_shellcheck() -> None:
    assert subprocess.run(["bash", "-n", str(SETUP)], check=False).returncode == 0
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck is not installed")
    result = subprocess.run(
        [shellcheck, "--shell=bash", str(SETUP)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout


def test_the_dev_setup_installs_the_dev_group_with_a_pip_that_knows_groups(checkout: Path) -> None:
    result = subprocess.run(
        ["bash", "-c", "source scripts/_setup.sh dev"],
        cwd=checkout,
        env=_env(checkout),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    upgrade, install = _calls(checkout)[-2:]
    assert upgrade.endswith("install --progress-bar off --quiet --upgrade pip>=25.1")
    # The repository's tools are a PEP 735 group, not an extra users would see.
    assert install.endswith("install --progress-bar off -e .[mock] --group dev")
