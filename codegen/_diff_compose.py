"""`oneOf`/`anyOf` by direction, with branches matched by meaning, never by position.

A branch of the base is paired with a branch of the head by, in order: the same `$ref` target,
the same `title`, then shape (compatible types, shared property names, shared values, the same
`const` of a discriminating property). Paired branches are compared with every rule; a branch
left over is one the old clients may send but the server no longer accepts (request, removed:
breaking) or one the server may send but old clients do not know (response, added: breaking).
A plain schema against a composition is a composition of one branch, so `string` becoming
`oneOf: [string, integer]` is a branch added. `oneOf` and `anyOf` lists pair with each other: the
keyword switch itself is not reported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from codegen._findings import DiffBase, Walk
from codegen._pointers import deref
from codegen._schema_view import Branch, Variants, View, build_view

_MATCH_THRESHOLD = 1.0


def _ref(raw: Any) -> str | None:
    if isinstance(raw, dict) and isinstance(raw.get("$ref"), str):
        return str(raw["$ref"]).rsplit("/", 1)[-1]
    return None


def _title(document: dict[str, Any], raw: Any) -> str | None:
    node, _ = deref(document, raw, "")
    title = node.get("title") if isinstance(node, dict) else None
    return title if isinstance(title, str) else None


def _overlap(a: frozenset[str] | None, b: frozenset[str] | None) -> bool:
    if a is None or b is None:
        return True
    numeric = {"integer", "number"}
    return bool(a & b) or bool(a & numeric and b & numeric)


def _discriminators(document: dict[str, Any], view: View) -> dict[str, Any]:
    """Properties fixed to one value (`kind: {const: card}`): what tells branches apart."""
    out = {}
    for name, prop in view.properties.items():
        sub = build_view(document, prop.raw, prop.pointer)
        if sub.values is not None and len(sub.values) == 1:
            out[name] = next(iter(sub.values))
    return out


class CompositionComparison(DiffBase):
    """Variants of the two sides; needs `_schema` from `SchemaComparison`."""

    def _score(self, b: Branch, h: Branch) -> float:
        bv = self._view(self.base, b.raw, b.pointer)
        hv = self._view(self.head, h.raw, h.pointer)
        if not _overlap(bv.types, hv.types):
            return 0.0
        score = 1.0
        b_fixed = _discriminators(self.base, bv)
        h_fixed = _discriminators(self.head, hv)
        shared = set(b_fixed) & set(h_fixed)
        if shared:
            if any(b_fixed[k] != h_fixed[k] for k in shared):
                return 0.0  # `kind: card` is never `kind: cash`
            score += 2.0
        if bv.properties or hv.properties:
            union = set(bv.properties) | set(hv.properties)
            score += len(set(bv.properties) & set(hv.properties)) / len(union)
        if bv.values is not None and hv.values is not None:
            union_values = bv.values | hv.values
            if union_values:
                score += len(bv.values & hv.values) / len(union_values)
        if bv.types == hv.types:
            score += 0.5
        return score

    def _pair(self, before: list[Branch], after: list[Branch]) -> list[tuple[int, int]]:
        pairs: list[tuple[int, int]] = []
        free_b, free_h = list(range(len(before))), list(range(len(after)))

        def take(i: int, j: int) -> None:
            pairs.append((i, j))
            free_b.remove(i)
            free_h.remove(j)

        keys: tuple[Callable[[dict[str, Any], Branch], str | None], ...] = (
            lambda doc, br: _ref(br.raw),
            lambda doc, br: _title(doc, br.raw),
        )
        for key in keys:
            for i in list(free_b):
                name = key(self.base, before[i])
                if name is None:
                    continue
                match = [j for j in free_h if key(self.head, after[j]) == name]
                if match:
                    take(i, match[0])
        scored = sorted(
            ((self._score(before[i], after[j]), i, j) for i in free_b for j in free_h),
            key=lambda s: (-s[0], s[1], s[2]),
        )
        for score, i, j in scored:
            if score >= _MATCH_THRESHOLD and i in free_b and j in free_h:
                take(i, j)
        return pairs

    def _compare_groups(self, before: Variants, after: Variants, walk: Walk) -> None:
        pairs = self._pair(before.branches, after.branches)
        for i, j in pairs:
            b, h = before.branches[i], after.branches[j]
            self._schema(b.raw, b.pointer, h.raw, h.pointer, walk)
        paired_b, paired_h = {i for i, _ in pairs}, {j for _, j in pairs}
        for i, b in enumerate(before.branches):
            if i not in paired_b:
                self._add(
                    f"{walk.direction}-{_keyword(before)}-branch-removed",
                    b.pointer,
                    f"The `{before.keyword}` branch {i} has no counterpart any more.",
                    walk.symbols,
                    walk.via,
                )
        for j, h in enumerate(after.branches):
            if j not in paired_h:
                self._add(
                    f"{walk.direction}-{_keyword(after)}-branch-added",
                    h.pointer,
                    f"New `{after.keyword}` branch {j}.",
                    walk.symbols,
                    walk.via,
                )

    def _compare_variants(self, b: View, h: View, walk: Walk) -> None:
        unpaired = list(h.variants)
        for group in b.variants:
            same = [g for g in unpaired if g.keyword == group.keyword] or unpaired
            if same:
                partner = same[0]
                unpaired.remove(partner)
                self._compare_groups(group, partner, walk)

    def _compare_lifted(self, b: View, h: View, walk: Walk) -> None:
        """One side is a plain schema: compare it as a composition of that one schema."""
        if b.variants:
            keyword = b.variants[0].keyword
            single = Variants(keyword, h.raw_pointer, [Branch(h.raw, h.raw_pointer)])
            self._compare_groups(b.variants[0], single, walk)
        else:
            keyword = h.variants[0].keyword
            single = Variants(keyword, b.raw_pointer, [Branch(b.raw, b.raw_pointer)])
            self._compare_groups(single, h.variants[0], walk)

    def _composition_appeared(self, b: View, h: View, walk: Walk) -> None:
        """A schema with its own structure gained or lost a `oneOf`/`anyOf` constraint."""
        appeared = bool(h.variants)
        group = (h if appeared else b).variants[0]
        rule = f"{walk.direction}-constraint-{'added' if appeared else 'removed'}"
        what = f"The `{group.keyword}` constraint {'now applies' if appeared else 'no longer applies'}."
        self._add(rule, group.pointer, what, walk.symbols, walk.via)


def _keyword(group: Variants) -> str:
    return "one-of" if group.keyword == "oneOf" else "any-of"
