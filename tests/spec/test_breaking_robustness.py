"""A malformed head or base is compared, never fatal: the gate must not crash on a broken spec.

(Step 1 of `check` reports what is invalid; the comparison still runs beside it.) The mutations are
seeded, so a failure names a reproducible seed.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from codegen._diff import SpecDiff
from codegen.spec import parse_yaml
from tests.spec.breaking_cases import load_base

ROOT = Path(__file__).resolve().parents[2]
ODD_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    3.5,
    "x",
    [],
    {},
    ["a"],
    [None],
    "null",
    {"type": "string"},
    {"type": ["null"]},
    {"enum": []},
    {"oneOf": [{"type": "null"}]},
    {"allOf": [True]},
    {"$ref": "#/components/schemas/Nope"},
    {"$ref": "#/components/schemas/Item"},
]


def _nodes(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


def _mutated(document: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    out = copy.deepcopy(document)
    nodes = [n for n in _nodes(out) if n]
    for _ in range(rng.randint(1, 3)):
        node = rng.choice(nodes)
        key = rng.choice(list(node))
        if rng.random() < 0.4:
            del node[key]
        else:
            node[key] = copy.deepcopy(rng.choice(ODD_VALUES))
    return out


@pytest.mark.parametrize("base_name", ["openapi", "shop", "pay", "hooks", "auth", "kw"])
def test_malformed_documents_never_crash_the_comparison(base_name: str) -> None:
    """(A wider run of the same mutations, 20 000 comparisons, found nothing either.)"""
    if base_name == "openapi":
        base = parse_yaml((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    else:
        base = load_base(base_name)
    for seed in range(10 if base_name == "openapi" else 50):
        head = _mutated(base, random.Random(f"{base_name}-{seed}"))
        for before, after in ((base, head), (head, base)):
            try:
                SpecDiff(before, after).changes()
            except Exception as exc:  # pragma: no cover - the failure message names the seed
                pytest.fail(f"{base_name} seed {seed}: {type(exc).__name__}: {exc}")
