"""An install without the ``[mock]`` extra says "install appointments-sdk[mock]", never a traceback.

The SDK-only install still ships the ``appointments-mock`` console script and the pytest plugin.
Each test runs a fresh interpreter in which every module that only the ``[mock]`` extra brings
(computed from the installed metadata: what the extra pulls in, minus what the SDK and pytest
need themselves) cannot be imported, as if it had never been installed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from appointments_mock._extra import missing_extra
from appointments_mock._threaded_server import ThreadedServer
from appointments_mock.app import create_app

HINT = "install appointments-sdk[mock]"
SCRIPT = Path(sys.executable).parent / "appointments-mock"
PLUGIN = ["-p", "appointments_mock"]  # the pytest11 entry point's name


def _closure(requirements: list[Requirement]) -> set[str]:
    """The installed distributions ``requirements`` pull in, transitively (normalized names)."""
    seen: set[str] = set()
    todo = list(requirements)
    while todo:
        requirement = todo.pop()
        name = _norm(requirement.name)
        if name in seen:
            continue
        try:
            dist = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            continue
        seen.add(name)
        for text in dist.requires or []:
            nested = Requirement(text)
            extras = requirement.extras or {""}
            if nested.marker is None or any(nested.marker.evaluate({"extra": e}) for e in extras):
                todo.append(nested)
    return seen


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _modules_outside_an_sdk_only_install() -> set[str]:
    """Top-level modules of every installed distribution that neither the SDK nor pytest needs
    (the ``[mock]`` extra's, and the dev tools')."""
    own = [Requirement(t) for t in metadata.distribution("appointments-sdk").requires or []]
    base = [r for r in own if r.marker is None]
    kept = _closure([*base, Requirement("pytest")]) | {"appointments-sdk"}
    installed = {_norm(d.metadata["Name"]) for d in metadata.distributions()}
    blocked = installed - kept
    mock = [r for r in own if r.marker is not None and r.marker.evaluate({"extra": "mock"})]
    assert _closure(mock) - kept <= blocked
    assert {"connexion", "uvicorn", "starlette"} <= blocked, blocked
    modules = {
        module
        for module, dists in metadata.packages_distributions().items()
        if {_norm(d) for d in dists} <= blocked
    }
    assert {"connexion", "uvicorn", "starlette", "yaml", "orjson"} <= modules, modules
    return modules


@pytest.fixture(scope="module")
def sdk_only_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a process where the ``[mock]`` extra's modules are not importable."""
    site = tmp_path_factory.mktemp("sdk-only-site")
    (site / "sitecustomize.py").write_text(
        textwrap.dedent(
            f"""
            import sys

            BLOCKED = frozenset({sorted(_modules_outside_an_sdk_only_install())!r})


            class NotInstalled:
                def find_spec(self, name, path=None, target=None):
                    if name.partition(".")[0] in BLOCKED:
                        raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
                    return None


            sys.meta_path.insert(0, NotInstalled())
            """
        )
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "APPOINTMENTS_"))}
    # The dev tools' pytest plugins are registered here but would not be in an SDK-only install:
    # load only this project's plugin (by its entry point's name), as autoloading would.
    env.update(PYTHONPATH=str(site), PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", COLUMNS="500")
    return env


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_blocker_really_blocks(sdk_only_env: dict[str, str], tmp_path: Path) -> None:
    probe = "import appointments, httpx2, pydantic, pytest\ntry:\n import connexion\nexcept ModuleNotFoundError:\n print('blocked')"
    result = _run([sys.executable, "-c", probe], sdk_only_env, tmp_path)
    assert result.stdout.strip() == "blocked", result.stderr


@pytest.mark.parametrize("argv", [["serve"], ["serve", "--port", "0"]])
def test_the_console_script_says_to_install_the_extra(
    sdk_only_env: dict[str, str], tmp_path: Path, argv: list[str]
) -> None:
    result = _run([str(SCRIPT), *argv], sdk_only_env, tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert HINT in result.stderr
    assert "Traceback" not in result.stderr, result.stderr


def test_the_console_scripts_help_works_without_the_extra(
    sdk_only_env: dict[str, str], tmp_path: Path
) -> None:
    result = _run([str(SCRIPT), "serve", "--help"], sdk_only_env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "--port" in result.stdout


_USER_TESTS = """
import pytest


def test_unrelated():
    assert 1 + 1 == 2


def test_with_the_mock(appointments_mock):
    appointments_mock.client("admin").cancellation_reasons.list()


def test_with_a_receiver(webhook_receiver):
    pass


@pytest.mark.appointments_mock(mode="socket")
def test_over_a_socket(appointments_mock):
    pass
"""


def _user_project(tmp_path: Path) -> Path:
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "test_user.py").write_text(_USER_TESTS)
    return tmp_path


def test_the_fixtures_say_to_install_the_extra_and_other_tests_run(
    sdk_only_env: dict[str, str], tmp_path: Path
) -> None:
    project = _user_project(tmp_path)
    args = [sys.executable, "-m", "pytest", *PLUGIN, "-p", "no:cacheprovider", "-rA"]
    result = _run(args, sdk_only_env, project)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert re.search(r"\b1 passed, 3 errors?\b", out), out
    for test in ("test_with_the_mock", "test_with_a_receiver", "test_over_a_socket"):
        assert re.search(rf"ERROR test_user.py::{test} - .*{re.escape(HINT)}", out), out
    assert "ModuleNotFoundError" not in out, out
    assert "Traceback" not in out, out
    assert "During handling of the above exception" not in out, out


def test_the_plugins_options_load_without_the_extra(
    sdk_only_env: dict[str, str], tmp_path: Path
) -> None:
    result = _run([sys.executable, "-m", "pytest", *PLUGIN, "--help"], sdk_only_env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "--appointments-mock-url" in result.stdout


@pytest.fixture
def external() -> Iterator[str]:
    with ThreadedServer(create_app(), name="external-for-sdk-only", log_level="critical") as s:
        yield s.url


def test_against_an_external_server_the_clients_work_and_the_rest_says_to_install_the_extra(
    sdk_only_env: dict[str, str], tmp_path: Path, external: str
) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "test_external.py").write_text(
        textwrap.dedent(
            """
            def test_the_client_works(appointments_mock):
                reasons = appointments_mock.client("admin").cancellation_reasons.list()
                assert len(reasons.items) == 7


            def test_the_journal_needs_the_extra(appointments_mock):
                appointments_mock.journal.entries()


            def test_the_demo_ids_need_the_extra(appointments_mock):
                appointments_mock.demo
            """
        )
    )
    args = [sys.executable, "-m", "pytest", *PLUGIN, "-p", "no:cacheprovider", "-rA"]
    result = _run([*args, f"--appointments-mock-url={external}"], sdk_only_env, tmp_path)
    out = result.stdout + result.stderr
    assert re.search(r"\b2 failed, 1 passed\b", out), out
    for test in ("test_the_journal_needs_the_extra", "test_the_demo_ids_need_the_extra"):
        assert re.search(rf"FAILED test_external.py::{test} - .*{re.escape(HINT)}", out), out
    assert "ModuleNotFoundError" not in out, out


@pytest.mark.parametrize("name", ["appointments_mock.nowhere", "appointments", None])
def test_a_missing_module_of_this_project_is_not_blamed_on_the_extra(name: str | None) -> None:
    assert missing_extra(ModuleNotFoundError("no", name=name), "serve") is None
    assert HINT in (missing_extra(ModuleNotFoundError("no", name="uvicorn.config"), "serve") or "")
