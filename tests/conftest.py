"""Shared by every test directory: the pytest header says which Node the Node tools run on, and
under xdist the controller runs the contract suite's shared servers (``contract/_shared_servers.py``)."""

from __future__ import annotations

import pytest

from codegen import node_tools

pytest_plugins = ["tests.contract._shared_servers"]


def pytest_report_header(config: pytest.Config) -> list[str]:
    version = node_tools.node_version()
    found = "not found" if version is None else "v" + ".".join(map(str, version))
    lines = [f"node: {found}, Prism {node_tools.prism_package(version)}"]
    notice = node_tools.notice(version)
    return [*lines, notice] if notice else lines
