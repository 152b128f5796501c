"""``examples/scale_out/cluster.py`` renders the shipped nginx.conf for the ports it is given
(only the upstream ``server`` lines and ``listen`` change), and refuses a file it cannot render.
nginx itself runs in ``tests/scale_out``."""

from __future__ import annotations

import re

import pytest

from examples.scale_out.cluster import NGINX_CONF, render_config

SHIPPED = NGINX_CONF.read_text()


def _without_ports(text: str) -> list[str]:
    return [
        line
        for line in text.splitlines()
        if not re.match(r"\s*(server|listen) 127\.0\.0\.1:\d+", line)
    ]


def test_the_shipped_config_names_two_processes_and_the_proxy_port() -> None:
    assert re.findall(r"server 127\.0\.0\.1:(\d+) max_fails=0;", SHIPPED) == ["8081", "8082"]
    assert re.findall(r"listen 127\.0\.0\.1:(\d+);", SHIPPED) == ["8080"]
    assert "hash $mock_session consistent;" in SHIPPED


def test_rendering_changes_only_the_upstream_servers_and_the_listen_port() -> None:
    rendered = render_config(SHIPPED, listen_port=18080, upstream_ports=[18081, 18082, 18083])

    servers = re.findall(r"^( *)server 127\.0\.0\.1:(\d+) max_fails=0;$", rendered, re.M)
    assert servers == [("        ", "18081"), ("        ", "18082"), ("        ", "18083")]
    assert re.findall(r"listen 127\.0\.0\.1:(\d+);", rendered) == ["18080"]
    assert _without_ports(rendered) == _without_ports(SHIPPED)


def test_a_config_without_the_expected_lines_is_refused_saying_what_is_missing() -> None:
    with pytest.raises(ValueError, match=r"\(0 found\).*\(1 found\)"):
        render_config("listen 127.0.0.1:8080;\n", listen_port=1, upstream_ports=[2])
    with pytest.raises(ValueError, match="at least one port"):
        render_config(SHIPPED, listen_port=1, upstream_ports=[])
