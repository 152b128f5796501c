"""The distribution as a user gets it: `scripts/build` makes the wheel and the sdist (checked by
`twine check --strict`), and the wheel installs into a fresh virtual environment outside the
repository, without an editable install, with and without the `[mock]` extra.

The installs take their packages from the package index through pip's local cache (a few seconds
each here); every pip call is bounded (one retry, 20 s per connection, 300 s per call). If a pip
call fails because the index cannot be reached (connection errors in pip's output), the tests are
skipped, saying so; any other failure fails them.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from email.parser import Parser
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("appointments", "appointments_mock", "appointments_conformance")
PIP_TIMEOUT_S = 300  # one pip call; a cached install of the [mock] extra takes about 15 s here

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Built:
    wheel: Path
    sdist: Path


@dataclass(frozen=True)
class Venv:
    root: Path

    @property
    def python(self) -> Path:
        return self.root / "bin" / "python"

    def bin(self, name: str) -> Path:
        return self.root / "bin" / name

    def run(self, *args: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        """Run a command of this venv from its own directory, with nothing of the repo on the path."""
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        return subprocess.run(
            [str(a) for a in args],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [str(ROOT / "scripts" / "build"), str(out)],
        capture_output=True,
        text=True,
        timeout=PIP_TIMEOUT_S,
        check=False,
    )
    if result.returncode != 0:
        # The isolated build environment installs hatchling from the index.
        _skip_if_the_index_is_unreachable(result.stdout + result.stderr)
        pytest.fail(f"scripts/build failed:\n{result.stdout}\n{result.stderr}")
    assert "PASSED" in result.stderr  # twine check --strict, for both files
    wheel, sdist = (Path(line) for line in result.stdout.split())
    assert wheel.suffix == ".whl"
    assert sdist.name.endswith(".tar.gz")
    assert wheel.is_file()
    assert sdist.is_file()
    return Built(wheel, sdist)


def _pip(venv: Venv, *args: str) -> subprocess.CompletedProcess[str]:
    # The repository's pip (>= 25.1) installs into the target venv: the venv's own bundled pip may
    # be older than the wheel's metadata (2.4, PEP 639).
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(venv.python),
            "--disable-pip-version-check",
            "--retries",
            "1",
            "--timeout",
            "20",
            *args,
        ],
        cwd=venv.root,
        capture_output=True,
        text=True,
        timeout=PIP_TIMEOUT_S,
        check=False,
    )


def _install(venv: Venv, *requirements: str) -> None:
    result = _pip(venv, "install", "--quiet", *requirements)
    if result.returncode == 0:
        return
    _skip_if_the_index_is_unreachable(result.stdout + result.stderr)
    pytest.fail(f"pip install {' '.join(requirements)} failed:\n{result.stdout}\n{result.stderr}")


# What pip prints when it cannot reach an index at all (as opposed to a resolution failure).
_UNREACHABLE = re.compile(
    r"NewConnectionError|ConnectTimeoutError|Max retries exceeded|Temporary failure in name "
    r"resolution|Name or service not known|Network is unreachable|Could not fetch URL"
)


def _skip_if_the_index_is_unreachable(output: str) -> None:
    found = _UNREACHABLE.search(output)
    if found:
        line = next(line for line in output.splitlines() if found.group(0) in line)
        pytest.skip(f"the package index is unreachable: {line.strip()[:300]}")


def _fresh_venv(tmp_path_factory: pytest.TempPathFactory, name: str) -> Venv:
    root = tmp_path_factory.mktemp(name)
    assert not root.resolve().is_relative_to(ROOT)
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(root)], check=True, timeout=60
    )
    return Venv(root)


@pytest.fixture(scope="module")
def sdk_only(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Venv:
    venv = _fresh_venv(tmp_path_factory, "venv-sdk")
    _install(venv, str(built.wheel), "pytest")  # a user's test project, without the extra
    return venv


@pytest.fixture(scope="module")
def with_mock(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Venv:
    venv = _fresh_venv(tmp_path_factory, "venv-mock")
    _install(venv, f"{built.wheel}[mock]")
    return venv


def _metadata(text: str) -> Message:
    return Parser().parsestr(text)


def test_the_wheel_ships_type_markers_specs_docs_assets_and_the_license(built: Built) -> None:
    with zipfile.ZipFile(built.wheel) as wheel:
        names = set(wheel.namelist())
    dist_info = next(n.split("/")[0] for n in names if n.split("/")[0].endswith(".dist-info"))
    for package in PACKAGES:
        assert f"{package}/py.typed" in names
        assert f"{package}/__init__.py" in names
    assert "appointments_mock/openapi.yaml" in names
    assert "appointments_mock/control_openapi.yaml" in names
    # The world file format and the demo world (``serve --world``, the default sessions).
    assert "appointments_mock/world.schema.json" in names
    assert "appointments_mock/demo_world.yaml" in names
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "VERSION"):
        assert f"appointments_mock/static/swagger-ui/{asset}" in names
    assert f"{dist_info}/licenses/LICENSE" in names
    # Only the three import packages: no repo tools, tests or benchmarks.
    assert {n.split("/")[0] for n in names} == {*PACKAGES, dist_info}


def test_the_wheel_declares_mit_ships_its_license_and_publishes_no_dev_extra(
    built: Built,
) -> None:
    with zipfile.ZipFile(built.wheel) as wheel:
        metadata_name = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = _metadata(wheel.read(metadata_name).decode())
        license_text = wheel.read(metadata_name.replace("METADATA", "licenses/LICENSE")).decode()
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    # The repo's tools are not an extra; `httpx` is the legacy client family.
    assert metadata.get_all("Provides-Extra") == ["httpx", "mock"]
    requirements = metadata.get_all("Requires-Dist") or []
    assert not [r for r in requirements if "ruff" in r or "mypy" in r or "pytest" in r]
    assert license_text == (ROOT / "LICENSE").read_text()
    assert license_text.startswith("MIT License")
    assert "appointments-sdk contributors" in license_text


def test_the_sdist_ships_the_license_and_no_dev_extra(built: Built) -> None:
    with tarfile.open(built.sdist) as sdist:
        top = sdist.getnames()[0].split("/")[0]
        pkg_info = sdist.extractfile(f"{top}/PKG-INFO")
        license_file = sdist.extractfile(f"{top}/LICENSE")
        assert pkg_info is not None
        assert license_file is not None
        metadata = _metadata(pkg_info.read().decode())
        assert license_file.read().decode() == (ROOT / "LICENSE").read_text()
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("Provides-Extra") == ["httpx", "mock"]  # no dev extra


def test_the_sdk_alone_imports_from_the_wheel_and_the_plugin_loads_without_the_extra(
    sdk_only: Venv,
) -> None:
    result = sdk_only.run(
        sdk_only.python,
        "-c",
        "import appointments, appointments_mock, appointments_mock.pytest_plugin; "
        "import importlib.util as u; "
        "print(appointments.__file__); print(appointments_mock.__file__); "
        "print(u.find_spec('connexion') is None, u.find_spec('uvicorn') is None)",
    )
    assert result.returncode == 0, result.stderr
    sdk_file, mock_file, no_extra = result.stdout.splitlines()
    site = sdk_only.root / "lib"
    assert Path(sdk_file).is_relative_to(site)
    assert Path(mock_file).is_relative_to(site)
    assert no_extra == "True True"  # the [mock] extra's dependencies are not installed
    (sdk_only.root / "test_user.py").write_text(
        "def test_user(pytestconfig):\n"
        "    assert pytestconfig.pluginmanager.has_plugin('appointments_mock')\n"
    )
    session = sdk_only.run(
        sdk_only.python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_user.py"
    )
    assert session.returncode == 0, session.stdout + session.stderr


def test_the_sdk_alone_says_to_install_the_mock_extra(sdk_only: Venv) -> None:
    helped = sdk_only.run(sdk_only.bin("appointments-mock"), "--help")
    assert helped.returncode == 0, helped.stderr
    assert "serve" in helped.stdout
    served = sdk_only.run(sdk_only.bin("appointments-mock"), "serve", "--port", "0")
    assert served.returncode == 2
    assert "Traceback" not in served.stderr
    assert "install appointments-sdk[mock]" in served.stderr


def test_the_mock_extra_installs_from_the_wheel_and_its_cli_runs(with_mock: Venv) -> None:
    imports = with_mock.run(
        with_mock.python,
        "-c",
        "import appointments, appointments_mock.app, appointments_conformance; "
        "print(appointments.__file__); print(appointments_mock.app.__file__)",
    )
    assert imports.returncode == 0, imports.stderr
    site = with_mock.root / "lib"
    assert all(Path(line).is_relative_to(site) for line in imports.stdout.splitlines())
    cli = with_mock.run(with_mock.bin("appointments-mock"), "--help")
    assert cli.returncode == 0, cli.stderr
    assert "serve" in cli.stdout
    conformance = with_mock.run(with_mock.bin("appointments-conformance"), "--help")
    assert conformance.returncode == 0, conformance.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def served(with_mock: Venv) -> Iterator[str]:
    """`appointments-mock serve` of the installed wheel, on a free loopback port."""
    port = _free_port()
    process = subprocess.Popen(
        [
            str(with_mock.bin("appointments-mock")),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=with_mock.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            try:
                if httpx.get(f"{base}/_mock/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the installed mock did not start within 30 s"
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_installed_mock_serves_the_shipped_spec_and_docs_to_the_installed_sdk(
    with_mock: Venv, served: str
) -> None:
    spec = httpx.get(f"{served}/openapi.yaml", timeout=5)
    assert spec.status_code == 200
    assert spec.text == (ROOT / "openapi.yaml").read_text()
    bundle = httpx.get(f"{served}/docs/assets/swagger-ui-bundle.js", timeout=5)
    assert bundle.status_code == 200
    assert (
        bundle.content
        == (
            ROOT / "mock_server/appointments_mock/static/swagger-ui/swagger-ui-bundle.js"
        ).read_bytes()
    )
    call = with_mock.run(
        with_mock.python,
        "-c",
        "from appointments import AppointmentsClient\n"
        f"with AppointmentsClient(api_key='demo-admin-key', base_url='{served}/v1') as c:\n"
        "    print(c.appointments.list().total_size)",
    )
    assert call.returncode == 0, call.stderr
    assert int(call.stdout) > 0
