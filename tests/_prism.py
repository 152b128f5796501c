"""Start and stop Stoplight Prism (pinned per Node line, `codegen/node_tools.py`) for tests: the
mock or the validating proxy.

    with Prism.mock() as prism:                  # answers from the spec's examples
        client = AppointmentsClient(api_key="k", base_url=prism.url)
    with Prism.proxy("http://127.0.0.1:8080/v1") as prism:   # validates real traffic both ways
        ...

Prism serves the spec's paths without the `/v1` server path, so `prism.url` has none. The first
run downloads Prism through npx (about 20 s), hence the generous readiness timeout.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

import httpx

from codegen.node_tools import prism_package, warn_if_untested

__all__ = ["PRISM_PACKAGE", "Prism", "free_port", "prism_available"]

PRISM_PACKAGE = prism_package()  # the release tested on the Node first on PATH
SPEC_PATH = Path(__file__).resolve().parents[1] / "openapi.yaml"


def prism_available() -> bool:
    """Whether npx is on PATH (Prism itself is fetched on first use)."""
    return shutil.which("npx") is not None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Prism:
    """One Prism process in its own process group, stopped by PID (never by name)."""

    def __init__(self, args: list[str], port: int | None = None) -> None:
        self.port = port or free_port()
        # The release for the Node on PATH now (the same on every tested line today).
        prism = prism_package()
        self.args = ["npx", "--yes", prism, *args, "-h", "127.0.0.1", "-p", str(self.port)]
        self.process: subprocess.Popen[bytes] | None = None
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as Prism, closed in __exit__

    @classmethod
    def mock(
        cls, spec: Path = SPEC_PATH, *, dynamic: bool = False, port: int | None = None
    ) -> Prism:
        """`prism mock`: static answers from the spec's examples (or generated with `dynamic`)."""
        return cls(["mock", str(spec), *(["-d"] if dynamic else [])], port)

    @classmethod
    def proxy(cls, upstream: str, spec: Path = SPEC_PATH, *, port: int | None = None) -> Prism:
        """`prism proxy --errors`: forwards to `upstream` and fails on any contract violation.

        Request validation is off so that the upstream server's own 400s are what clients see.
        """
        return cls(["proxy", str(spec), upstream, "--errors", "--validate-request=false"], port)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120.0) -> Prism:
        """Start Prism and wait until it answers HTTP."""
        warn_if_untested()
        self.process = subprocess.Popen(
            self.args, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Prism exited with {self.process.returncode}:\n{self.output()}")
            try:
                httpx.get(f"{self.url}/", timeout=1.0)
            except httpx.TransportError:
                time.sleep(0.25)
                continue
            return self
        self.stop()
        raise TimeoutError(f"Prism did not answer within {timeout:.0f} s:\n{self.output()}")

    def stop(self) -> None:
        """Stop the process group Prism runs in (npx, node), by its PID."""
        if self.process is None or self.process.poll() is not None:
            return
        pgid = self.process.pid  # start_new_session: the group id is Prism's own PID
        os.killpg(pgid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(pgid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def output(self) -> str:
        """What Prism printed so far."""
        self._log.seek(0)
        return self._log.read().decode(errors="replace")

    def __enter__(self) -> Prism:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
        self._log.close()
