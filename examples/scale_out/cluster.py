"""N ``appointments-mock serve`` processes behind nginx, as ``examples/scale_out/nginx.conf`` says.

    python -m examples.scale_out.cluster --processes 2 --port 8080    # until Ctrl-C or SIGTERM

starts the processes on free loopback ports, renders ``nginx.conf`` for them (its upstream
``server`` lines and its ``listen`` port; everything else as written) into a fresh prefix
directory, starts nginx there in the foreground, and prints the proxy's URL. The tests
(``tests/scale_out``) and ``benchmarks/scale_out.py`` use :class:`Cluster` the same way. Every
process is started in its own process group and stopped by its PID; nothing binds beyond 127.0.0.1.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType, TracebackType

import httpx2

__all__ = ["NGINX_CONF", "Cluster", "MockProcess", "Nginx", "find_nginx", "render_config"]

NGINX_CONF = Path(__file__).resolve().with_name("nginx.conf")
_BANNER_API = re.compile(r"^\s*API:\s+http://127\.0\.0\.1:(\d+)/v1\s*$")
_UPSTREAM_SERVERS = re.compile(
    r"^(?P<indent>[ \t]*)server 127\.0\.0\.1:\d+(?P<rest> max_fails=0;)[^\n]*\n", re.M
)
_LISTEN = re.compile(r"^(?P<indent>[ \t]*)listen 127\.0\.0\.1:\d+;", re.M)


def find_nginx() -> str | None:
    """The nginx binary: on PATH, or Debian's /usr/sbin/nginx (often not on a user's PATH)."""
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None


def free_port() -> int:
    """A port free on 127.0.0.1 just now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def render_config(text: str, *, listen_port: int, upstream_ports: Sequence[int]) -> str:
    """``nginx.conf`` with one upstream ``server`` line per port and the proxy on ``listen_port``."""
    servers = list(_UPSTREAM_SERVERS.finditer(text))
    listens = list(_LISTEN.finditer(text))
    if not servers or len(listens) != 1 or not upstream_ports:
        raise ValueError(
            f"{NGINX_CONF.name}: expected upstream lines `server 127.0.0.1:PORT max_fails=0;` "
            f"({len(servers)} found), one `listen 127.0.0.1:PORT;` ({len(listens)} found), "
            f"and at least one port ({len(upstream_ports)} given)"
        )
    first = servers[0]
    lines = "".join(
        f"{first['indent']}server 127.0.0.1:{port}{first['rest']}\n" for port in upstream_ports
    )
    text = text[: first.start()] + lines + text[servers[-1].end() :]
    return _LISTEN.sub(rf"\g<indent>listen 127.0.0.1:{listen_port};", text)


def _stop(process: subprocess.Popen[bytes], first: signal.Signals = signal.SIGTERM) -> None:
    """Stop a process started in its own group (by its PID as the group id), then reap it."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, first)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


class MockProcess:
    """One ``python -m appointments_mock serve --port 0``; its port is read from its banner."""

    def __init__(self, log: Path, options: Sequence[str] = ()) -> None:
        self.log = log
        self.options = list(options)
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> MockProcess:
        """Start it and wait for the banner line that names its port (``API: http://...``)."""
        cmd = [sys.executable, "-m", "appointments_mock", "serve", "--port", "0", *self.options]
        with self.log.open("wb") as errors:
            self.process = subprocess.Popen(
                cmd, stdout=subprocess.PIPE, stderr=errors, start_new_session=True
            )
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        seen = b""
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            while not self.port:
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    self.stop()
                    raise RuntimeError(f"no banner from {cmd} within {timeout} s: {seen!r}")
                chunk = os.read(self.process.stdout.fileno(), 4096)
                if not chunk:
                    self.stop()
                    raise RuntimeError(
                        f"{cmd} exited ({self.log.read_text(errors='replace')[-2000:]})"
                    )
                seen += chunk
                for line in seen.decode(errors="replace").splitlines():
                    if match := _BANNER_API.match(line):
                        self.port = int(match.group(1))
        return self

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)
            if self.process.stdout is not None:
                self.process.stdout.close()


class Nginx:
    """nginx in the foreground with ``nginx.conf`` rendered into its own prefix directory."""

    def __init__(
        self, binary: str, prefix: Path, upstream_ports: Sequence[int], port: int = 0
    ) -> None:
        self.binary = binary
        self.prefix = prefix
        self.upstream_ports = list(upstream_ports)
        self.port = port
        self._fixed = bool(port)
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30, attempts: int = 3) -> Nginx:
        """Start it (on a free port unless one was given: another one if that was taken
        meanwhile) and wait for a 200 of ``/_mock/health`` through it."""
        for attempt in range(1 if self._fixed else attempts):
            if not self._fixed:
                self.port = free_port()
            conf = self.prefix / "nginx.conf"
            conf.write_text(
                render_config(
                    NGINX_CONF.read_text(),
                    listen_port=self.port,
                    upstream_ports=self.upstream_ports,
                )
            )
            log = self.prefix / "error.log"
            cmd = [self.binary, "-p", str(self.prefix), "-c", str(conf), "-e", str(log)]
            self.process = subprocess.Popen(
                cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
            )
            if self._ready(timeout):
                return self
            self.stop()
            text = log.read_text(errors="replace") if log.exists() else ""
            if self._fixed or "Address already in use" not in text or attempt == attempts - 1:
                raise RuntimeError(f"nginx did not start: {cmd}\n{text[-2000:]}")
        raise AssertionError("unreachable")  # pragma: no cover

    def _ready(self, timeout: float) -> bool:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        with httpx2.Client(timeout=2) as client:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    return False
                with contextlib.suppress(httpx2.HTTPError):
                    if client.get(f"{self.url}/_mock/health").status_code == 200:
                        return True
                time.sleep(0.05)
        return False

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process, signal.SIGQUIT)  # nginx's graceful stop; SIGKILL after 10 s


class Cluster:
    """``processes`` mock processes and nginx in front of them; a context manager."""

    def __init__(
        self,
        processes: int = 2,
        *,
        port: int = 0,
        nginx: str | None = None,
        options: Sequence[str] = (),
    ) -> None:
        binary = nginx or find_nginx()
        if binary is None:
            raise FileNotFoundError("nginx is not installed (Debian: apt-get install nginx)")
        self._dir = tempfile.TemporaryDirectory(prefix="mock-scale-out-")
        self.prefix = Path(self._dir.name)
        self.mocks = [MockProcess(self.prefix / f"mock-{i}.log", options) for i in range(processes)]
        self.binary = binary
        self.port = port
        self.nginx: Nginx | None = None

    @property
    def url(self) -> str:
        """The proxy's URL (the API is at ``url + "/v1"``, the control API at ``/_mock``)."""
        assert self.nginx is not None
        return self.nginx.url

    def start(self) -> Cluster:
        try:
            for mock in self.mocks:
                mock.start()
            self.nginx = Nginx(
                self.binary, self.prefix, [m.port for m in self.mocks], self.port
            ).start()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop nginx and every mock process (each by its PID), and remove the prefix."""
        try:
            if self.nginx is not None:
                self.nginx.stop()
        finally:
            for mock in self.mocks:
                mock.stop()
            self._dir.cleanup()

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """Serve until Ctrl-C or SIGTERM; options not listed here go to every ``serve``."""
    parser = argparse.ArgumentParser(
        description="N appointments-mock processes behind nginx (other options go to each serve)"
    )
    parser.add_argument("--processes", type=int, default=2, help="mock processes (default 2)")
    parser.add_argument(
        "--port", type=int, default=0, help="the proxy's port (default: a free one)"
    )
    args, options = parser.parse_known_args(argv)
    if args.processes < 1:
        parser.error(f"--processes {args.processes}: at least 1")
    signal.signal(signal.SIGTERM, _interrupt)  # stop the processes on SIGTERM too
    with Cluster(args.processes, port=args.port, options=options) as cluster:
        for mock in cluster.mocks:
            print(f"  mock process: {mock.url} (pid {mock.process.pid if mock.process else '?'})")
        print(f"Proxy: {cluster.url}/v1  (control: {cluster.url}/_mock). Ctrl-C to stop.")
        with contextlib.suppress(KeyboardInterrupt):
            signal.pause()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
