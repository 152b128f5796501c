"""Every ```python block of README.md runs, as pasted, against the mock with demo data.

Each block is a test case of its own (named by its line), picked up from README.md when the tests
are collected, so new blocks are tested without touching this file. Before each block the mock's
default session is reset to the demo data. A block runs in a fresh Python process with
`APPOINTMENTS_BASE_URL` pointing at the mock and `APPOINTMENTS_API_KEY` set to the demo admin key,
as if the reader had started `./scripts/serve` and exported the key:

- a block that defines `def test_...` functions is a test module: it runs under pytest with the
  plugin, and every test in it must pass;
- any other block runs as a script, and must exit 0;
- a block that continues an earlier example (uses `client`, `appointment_id`, ...) names its setup
  in an HTML comment on the line before it, `<!-- readme-test: setup=NAME -->`; the setups are the
  table `SETUPS` below, run before the block in the same process;
- a block that cannot run says why, `<!-- readme-test: skip REASON -->`; each one is reported as
  skipped with its reason, and `MAX_SKIPPED` keeps their number small.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from appointments_mock._threaded_server import ThreadedServer
from appointments_mock.app import create_app
from appointments_mock.seed import new_world

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
ADMIN_KEY = "demo-admin-key"
MAX_SKIPPED = 2
BLOCK_TIMEOUT_S = 120

_FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<lang>[\w+-]*)[ \t]*$")
_DIRECTIVE = re.compile(r"^\s*<!--\s*readme-test:\s*(?P<what>.*?)\s*-->\s*$")
_PYTHON = {"python", "py", "python3"}
_TEST_FUNCTION = re.compile(r"^(async\s+)?def\s+test_\w*\(", re.MULTILINE)

SETUPS: dict[str, str] = {
    # `client`: a sync client with the demo admin key, and an upcoming appointment's id.
    "client": """
        from appointments import AppointmentsClient

        client = AppointmentsClient()
        appointment_id = "{upcoming}"
    """,
    # `webhook-delivery`: one real delivery of the mock (`appointment.canceled`) to a local
    # receiver: its raw `request_body` and `request_headers`, and the endpoint's secret in
    # `APPOINTMENTS_WEBHOOK_SECRET`.
    "webhook-delivery": """
        import http.server
        import os
        import threading
        import time

        from appointments import AppointmentsClient

        _received = []

        class _Receiver(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                _received.append((body, dict(self.headers.items())))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        _server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
        threading.Thread(target=_server.serve_forever, daemon=True).start()
        with AppointmentsClient() as _client:
            _endpoint = _client.webhook_endpoints.create(
                url=f"http://127.0.0.1:{{_server.server_port}}/hooks",
                events=["appointment.canceled"],
            )
            os.environ["APPOINTMENTS_WEBHOOK_SECRET"] = _endpoint.secret
            _client.appointments.cancel("{upcoming}", reason_code=10)
        _deadline = time.monotonic() + 10
        while not _received and time.monotonic() < _deadline:
            time.sleep(0.02)
        assert _received, "the mock sent no webhook within 10 s"
        request_body, request_headers = _received[0]
    """,
}


@dataclass(frozen=True)
class Block:
    line: int
    code: str
    directive: str | None

    @property
    def setup(self) -> str | None:
        if self.directive and self.directive.startswith("setup="):
            return self.directive.removeprefix("setup=")
        return None

    @property
    def skip_reason(self) -> str | None:
        if self.directive and self.directive.startswith("skip"):
            return self.directive.removeprefix("skip").strip() or "(no reason given)"
        return None

    @property
    def is_test_module(self) -> bool:
        return _TEST_FUNCTION.search(self.code) is not None


def python_blocks(text: str) -> list[Block]:
    """The ```python (or ```py) blocks of a Markdown text (also indented ones, in lists), with the
    `readme-test` directive on the line before each, if any."""
    lines = text.splitlines()
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        start, indent = index, opening["indent"]
        index += 1
        while index < len(lines) and lines[index].strip() != "```":
            index += 1
        if opening["lang"] in _PYTHON:
            body = [line.removeprefix(indent) for line in lines[start + 1 : index]]
            previous = lines[start - 1] if start > 0 else ""
            directive = _DIRECTIVE.match(previous)
            blocks.append(
                Block(start + 1, "\n".join(body) + "\n", directive["what"] if directive else None)
            )
        index += 1
    return blocks


BLOCKS = python_blocks(README.read_text(encoding="utf-8"))


def test_the_readme_has_python_blocks_and_few_exemptions() -> None:
    assert len(BLOCKS) >= 5
    skipped = [block for block in BLOCKS if block.skip_reason]
    assert len(skipped) <= MAX_SKIPPED, [f"README.md:{b.line}" for b in skipped]
    unknown = {block.setup for block in BLOCKS if block.setup} - SETUPS.keys()
    assert not unknown, f"setups named in README.md but not in SETUPS: {sorted(unknown)}"


def test_the_block_finder_sees_indented_blocks_and_directives() -> None:
    text = textwrap.dedent("""\
        1. text

           <!-- readme-test: setup=client -->
           ```python
           print(client)
           ```

        ```bash
        echo no
        ```
        ```python
        x = 1
        ```
        """)
    found = python_blocks(text)
    assert [(b.line, b.code, b.setup) for b in found] == [
        (4, "print(client)\n", "client"),
        (11, "x = 1\n", None),
    ]


@pytest.fixture(scope="module")
def mock_url() -> Iterator[str]:
    with ThreadedServer(create_app(seed=0)) as server:
        yield server.url


@pytest.fixture(scope="module")
def upcoming() -> str:
    return str(new_world(seed=0).labels["upcoming"])


def _environment(mock_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("APPOINTMENTS_")}
    env.pop("PYTEST_ADDOPTS", None)
    env.update(APPOINTMENTS_BASE_URL=f"{mock_url}/v1", APPOINTMENTS_API_KEY=ADMIN_KEY)
    return env


@pytest.mark.parametrize("block", BLOCKS, ids=[f"README.md:{b.line}" for b in BLOCKS])
def test_the_readme_block_runs_against_the_mock(
    block: Block, mock_url: str, upcoming: str, tmp_path: Path
) -> None:
    if block.skip_reason:
        pytest.skip(f"README.md:{block.line} is marked not runnable: {block.skip_reason}")
    assert httpx.post(f"{mock_url}/_mock/reset", timeout=10).status_code == 200
    setup = ""
    if block.setup:
        setup = textwrap.dedent(SETUPS[block.setup]).format(upcoming=upcoming)
    if block.is_test_module:
        assert not setup, "a test module gets its setup from the plugin's fixtures"
        path = tmp_path / "test_readme_block.py"
        path.write_text(block.code, encoding="utf-8")
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(path)]
    else:
        path = tmp_path / "readme_block.py"
        path.write_text(setup + "\n" + block.code, encoding="utf-8")
        command = [sys.executable, str(path)]
    result = subprocess.run(
        command,
        cwd=tmp_path,
        env=_environment(mock_url),
        capture_output=True,
        text=True,
        timeout=BLOCK_TIMEOUT_S,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, (
        f"README.md:{block.line} failed:\n{output}\n(a block that continues an earlier example "
        "names its setup on the line before it: <!-- readme-test: setup=NAME -->, NAME one of "
        f"{', '.join(SETUPS)}; see this module's docstring)"
    )
    if block.is_test_module:
        tests = len(_TEST_FUNCTION.findall(block.code))
        assert re.search(rf"\b{tests} passed\b", output), output
        assert not re.search(r"\b(skipped|xfailed|xpassed)\b", output), output
