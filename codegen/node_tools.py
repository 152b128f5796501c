"""The Node tools of the spec workflow and the Node releases they are tested on.

Spectral and Redocly are pinned in `package.json` (installed with `npm ci`); Prism runs through
`npx` at the release `prism_package()` picks for the running Node. `NODE_LINES` is the one table
of what was tested: a Node line, the oldest release of it the tools accept (their `engines`), the
Prism release for it and the exact Node release the tool tests passed on. `package.json`'s
`engines.node` says the same in npm's syntax (a test keeps the two equal).

Every tool runs whichever `node` is first on PATH. On a Node outside the table the tools may still
work, but nothing here vouches for it: `notice()` says so, and `python -m codegen check`, the
tests (in pytest's header), Prism and `scripts/build-docs` print it.

    python -m codegen.node_tools     # the Node found, the pins, and the notice if any
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TextIO

__all__ = [
    "NODE_LINES",
    "NodeLine",
    "engines_range",
    "node_version",
    "notice",
    "prism_package",
    "warn_if_untested",
]

ROOT = Path(__file__).resolve().parents[1]
PRISM = "@stoplight/prism-cli"

Version = tuple[int, int, int]


@dataclass(frozen=True)
class NodeLine:
    """One Node release line the tools are tested on."""

    major: int
    minimum: Version
    """The oldest release of the line that every tool's `engines` accepts."""
    prism: str
    """The Prism release used on this line."""
    tested_on: str
    """The Node release the tool tests (lint, static docs, Prism smoke and contract) passed on."""


# Prism 5.14.2 is the newest release whose `engines` include Node 20 and 22 (5.15.10 and later
# require Node >= 24.14); it also passes on Node 24, so one Prism validates the contract tests on
# every line. Redocly 2.77.0 needs 20.19+ or 22.12+; Spectral 6.16.3 needs 20.17+.
NODE_LINES: tuple[NodeLine, ...] = (
    NodeLine(20, (20, 19, 0), "5.14.2", "20.20.2"),  # past its end of life (2026-04-30)
    NodeLine(22, (22, 12, 0), "5.14.2", "22.23.3"),
    NodeLine(24, (24, 0, 0), "5.14.2", "24.21.0"),
)
DEFAULT_PRISM = NODE_LINES[0].prism
"""The Prism release used when Node is missing or outside the table."""


def parse_version(text: str) -> Version | None:
    """`v22.23.3` (what `node --version` prints) as a tuple, or None."""
    match = re.fullmatch(r"\s*v?(\d+)\.(\d+)\.(\d+)\S*\s*", text)
    if match is None:
        return None
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def node_version(node: str = "node") -> Version | None:
    """The version of `node` (a name looked up on PATH, or a path), or None if there is none."""
    path = shutil.which(node)
    return None if path is None else _version_of(path)


@cache
def _version_of(path: str) -> Version | None:
    try:
        done = subprocess.run(
            [path, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return parse_version(done.stdout) if done.returncode == 0 else None


def line_for(version: Version | None) -> NodeLine | None:
    """The tested line `version` belongs to, if it is recent enough for it."""
    for line in NODE_LINES:
        if version is not None and version[0] == line.major and version >= line.minimum:
            return line
    return None


def prism_package(version: Version | None = None) -> str:
    """The npx package spec of Prism for `version` (default: the Node on PATH)."""
    line = line_for(version if version is not None else node_version())
    return f"{PRISM}@{line.prism if line else DEFAULT_PRISM}"


def _npm_pins() -> list[str]:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    return [f"{name}@{pin}" for name, pin in package["devDependencies"].items()]


def _tested() -> str:
    lines = [f"{line.major} (from {line.minimum[0]}.{line.minimum[1]})" for line in NODE_LINES]
    return ", ".join(lines[:-1]) + " and " + lines[-1]


def notice(version: Version | None) -> str | None:
    """What to tell a user whose Node is outside the tested range (None: inside it)."""
    if line_for(version) is not None:
        return None
    found = "no `node` on PATH" if version is None else "Node v" + ".".join(map(str, version))
    return (
        f"notice: {found}; the Node tools of this repository "
        f"({', '.join([*_npm_pins(), prism_package(version)])}) are tested on Node "
        f"{_tested()} only. They may work, but if one fails, use a tested Node (for example "
        "`npx -p node@22 -c '...'` fetches Node 22 from the npm registry)."
    )


def engines_range() -> str:
    """`NODE_LINES` in npm's range syntax, as `package.json`'s `engines.node` must read."""
    return " || ".join("^" + ".".join(map(str, line.minimum)) for line in NODE_LINES)


_warned = False


def warn_if_untested(stream: TextIO | None = None) -> str | None:
    """Print the notice for the Node on PATH once per process; return it (None: tested)."""
    global _warned
    text = notice(node_version())
    if text is not None and not _warned:
        _warned = True
        print(text, file=stream or sys.stderr)
    return text


def main(argv: list[str] | None = None) -> int:
    """`python -m codegen.node_tools [--notice]`: with `--notice`, only the notice (stderr)."""
    if "--notice" in (sys.argv[1:] if argv is None else argv):
        warn_if_untested()
        return 0
    version = node_version()
    print(f"node: {'v' + '.'.join(map(str, version)) if version else 'not found'}")
    print(f"tested: Node {_tested()}; exact releases {', '.join(n.tested_on for n in NODE_LINES)}")
    print(f"tools: {', '.join([*_npm_pins(), prism_package(version)])}")
    warn_if_untested(sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
