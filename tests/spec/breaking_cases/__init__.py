"""The reference set of the breaking-change gate: base specs, cases as JSON Patches, and a runner.

    python -m tests.spec.breaking_cases            # run the checker on every case, print the figures
    python -m tests.spec.breaking_cases --empirical   # also the empirical verdict, per base SDK

`cases.yaml` holds each case's verdict, written before the checker ran on it;
`tests/spec/test_reference_set.py` enforces the targets of issue 12 on the same figures.
"""

from __future__ import annotations

import copy
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codegen.spec import parse_yaml

HERE = Path(__file__).resolve().parent
BASES = HERE / "bases"
CASES = HERE / "cases.yaml"
LEVELS = ("breaking", "warning", "info", "none")


@dataclass(frozen=True)
class Case:
    """One spec pair of the reference set and what the gate must say about it."""

    id: str
    base: str
    klass: str
    expect: str
    finds: tuple[tuple[str, str], ...]
    absent: tuple[tuple[str, str], ...]
    patch: tuple[tuple[Any, ...], ...]
    policy: bool
    base_patch: tuple[tuple[Any, ...], ...] = ()

    def base_document(self) -> dict[str, Any]:
        """The base: the named base spec, with the case's `base_patch` if it has one."""
        return apply_patch(load_base(self.base), self.base_patch)

    def documents(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """The base and the head document (fresh copies)."""
        base = self.base_document()
        return base, apply_patch(base, self.patch)


def _finding(text: str) -> tuple[str, str]:
    rule, _, pointer = text.partition("@")
    return rule, pointer


@functools.cache
def _parsed_base(name: str) -> dict[str, Any]:
    data = parse_yaml((BASES / f"{name}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def load_base(name: str) -> dict[str, Any]:
    """A base spec by name (a fresh copy each time)."""
    return copy.deepcopy(_parsed_base(name))


def load_cases() -> list[Case]:
    """Every case of cases.yaml, in file order."""
    raw = parse_yaml(CASES.read_text(encoding="utf-8"))
    cases = []
    for row in raw:
        if row["expect"] not in LEVELS:
            raise ValueError(f"{row['id']}: expect must be one of {LEVELS}")
        cases.append(
            Case(
                id=row["id"],
                base=row["base"],
                klass=row["class"],
                expect=row["expect"],
                finds=tuple(_finding(f) for f in row.get("finds") or ()),
                absent=tuple(_finding(f) for f in row.get("absent") or ()),
                patch=tuple(tuple(op) for op in row["patch"]),
                policy=bool(row.get("policy")),
                base_patch=tuple(tuple(op) for op in row.get("base_patch") or ()),
            )
        )
    return cases


# -- JSON Patch (RFC 6902), the subset the cases use ----------------------------------------------


def _tokens(pointer: str) -> list[str]:
    if not pointer.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def _parent(document: Any, pointer: str) -> tuple[Any, str]:
    *path, last = _tokens(pointer)
    node = document
    for token in path:
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node, last


def _get(document: Any, pointer: str) -> Any:
    parent, last = _parent(document, pointer)
    return parent[int(last)] if isinstance(parent, list) else parent[last]


def _remove(document: Any, pointer: str) -> Any:
    parent, last = _parent(document, pointer)
    if isinstance(parent, list):
        return parent.pop(int(last))
    return parent.pop(last)


def _add(document: Any, pointer: str, value: Any) -> None:
    parent, last = _parent(document, pointer)
    if isinstance(parent, list):
        if last == "-":
            parent.append(value)
        else:
            parent.insert(int(last), value)
    else:
        parent[last] = value


def apply_patch(document: dict[str, Any], patch: tuple[tuple[Any, ...], ...]) -> dict[str, Any]:
    """A patched deep copy; a path that does not exist raises (the case is wrong, not the gate)."""
    out = copy.deepcopy(document)
    for op in patch:
        name = op[0]
        if name == "add":
            _add(out, op[1], copy.deepcopy(op[2]))
        elif name == "remove":
            _remove(out, op[1])
        elif name == "replace":
            _remove(out, op[1])
            _add(out, op[1], copy.deepcopy(op[2]))
        elif name == "move":
            _add(out, op[2], _remove(out, op[1]))
        elif name == "copy":
            _add(out, op[2], copy.deepcopy(_get(out, op[1])))
        else:
            raise ValueError(f"unknown patch operation {name!r}")
    return out
