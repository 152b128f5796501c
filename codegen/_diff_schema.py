"""Schema comparison for the breaking-change gate, by direction.

In the *request* direction (the client writes, the server reads) a schema that accepts less breaks
old clients; in the *response* direction (the server writes, the client reads, webhook payloads
included) a schema that may return more breaks them. Both schemas are first normalized
(`_schema_view.py`), so a nullable type array, an `anyOf` with a null branch and an `allOf` are
compared by what they mean, and everything inside them is compared too.

This module: null, types, values (enum, const, x-extensible-enum), formats, defaults, deprecation,
properties and `required`, `items` and `additionalProperties`. Bounds, patterns and the other
2020-12 keywords are in `_diff_keywords.py`, `oneOf`/`anyOf` in `_diff_compose.py`.
"""

from __future__ import annotations

from typing import Any

from codegen._diff_compose import CompositionComparison
from codegen._diff_keywords import KeywordComparison, fmt
from codegen._findings import Walk
from codegen._pointers import deref, model_symbol
from codegen._schema_view import MISSING, View, is_pure_ref

# Formats whose change only widens in the direction shown (old values stay valid).
_WIDER_FORMAT = {("int32", "int64"), ("float", "double")}


def _covered(type_name: str, types: frozenset[str]) -> bool:
    return type_name in types or (type_name == "integer" and "number" in types)


def _flag(document: dict[str, Any], raw: Any, name: str) -> bool:
    """`readOnly`/`writeOnly`/`deprecated` of a property, written beside a `$ref` or in its target."""
    if isinstance(raw, dict) and name in raw:
        return bool(raw[name])
    node, _ = deref(document, raw, "")
    return isinstance(node, dict) and bool(node.get(name))


class SchemaComparison(KeywordComparison, CompositionComparison):
    """The schema half of `SpecDiff`."""

    def _schema(self, b: Any, b_pointer: str, h: Any, h_pointer: str, walk: Walk) -> None:
        if isinstance(h, dict) and "$ref" in h and "/properties/" in h_pointer:
            walk = Walk(walk.direction, walk.symbols, model_symbol(h_pointer))
        _, b_target = deref(self.base, b, b_pointer)
        _, h_target = deref(self.head, h, h_pointer)
        pure = is_pure_ref(b) and is_pure_ref(h)
        # A site that is a plain `$ref` on both sides is reported at the component, once for all
        # its uses; anything written at the site itself is reported there.
        b_site = b_target if pure else b_pointer
        h_site = h_target if pure else h_pointer
        visit = (b_site, h_site, b_target, h_target, walk)
        if visit in self._visited:
            return
        self._visited.add(visit)
        self._compare_views(
            self._view(self.base, b, b_pointer),
            self._view(self.head, h, h_pointer),
            b_site,
            h_site,
            walk,
        )

    def _compare_views(self, b: View, h: View, b_site: str, h_site: str, walk: Walk) -> None:
        self._compare_null(b, h, h_site, walk)
        if bool(b.variants) != bool(h.variants):
            composite = b if b.variants else h
            if not composite.explicit_types and not composite.properties:
                # A plain schema against a pure composition: the plain one is a single branch.
                self._compare_lifted(b, h, walk)
                return
            self._composition_appeared(b, h, walk)
        if not (b.variants or h.variants) or (b.explicit_types and h.explicit_types):
            self._compare_types(b, h, h_site, walk)
        if not (b.variants or h.variants) or (b.values is not None and h.values is not None):
            self._compare_values(b, h, h_site, walk)
        self._compare_extensible(b, h, walk)
        self._compare_format(b, h, walk)
        if walk.request:
            self._compare_default(b, h, walk)
        self._compare_deprecated(b, h, h_site, walk)
        self._compare_bounds(b, h, h_site, walk)
        self._compare_pattern(b, h, walk)
        self._compare_properties(b, h, walk)
        self._compare_containers(b, h, walk)
        self._compare_keywords_2020(b, h, walk)
        if b.variants and h.variants:
            self._compare_variants(b, h, walk)

    # -- null and types ---------------------------------------------------------------------------

    def _compare_null(self, b: View, h: View, pointer: str, walk: Walk) -> None:
        if b.nullable == h.nullable:
            return
        if walk.request:
            rule = "request-null-added" if h.nullable else "request-null-removed"
            text = "Now accepts null." if h.nullable else "No longer accepts null in requests."
        else:
            rule = "response-null-added" if h.nullable else "response-null-removed"
            text = "May now be null in responses." if h.nullable else "Is never null any more."
        self._add(rule, pointer, text, walk.symbols, walk.via)

    def _compare_types(self, b: View, h: View, pointer: str, walk: Walk) -> None:
        lost, gained = _type_delta(b.types, h.types)
        was, now = fmt(b.types or {"any"}), fmt(h.types or {"any"})
        if walk.request and lost:
            text = f"No longer accepts type {fmt(lost)} (now {now})."
            self._add("request-type-narrowed", pointer, text, walk.symbols, walk.via)
        if walk.request and gained:
            text = f"Now also accepts type {fmt(gained)} (was {was})."
            self._add("request-type-widened", pointer, text, walk.symbols, walk.via)
        if not walk.request and gained:
            text = f"May now be of type {fmt(gained)} in responses (was {was})."
            self._add("response-type-widened", pointer, text, walk.symbols, walk.via)
        if not walk.request and lost:
            text = f"Is no longer of type {fmt(lost)} (now {now})."
            self._add("response-type-narrowed", pointer, text, walk.symbols, walk.via)

    # -- values: enum, const, x-extensible-enum -----------------------------------------------------

    def _compare_values(self, b: View, h: View, site: str, walk: Walk) -> None:
        direction = walk.direction
        if b.values is None and h.values is None:
            return
        if b.values is None:
            assert h.values is not None
            if h.values_kind == "const":
                rule = "request-const-changed" if walk.request else "response-const-added"
                text = f"Now fixed to {fmt(h.values)}."
            else:
                rule = f"{direction}-enum-added"
                text = f"Now restricted to {fmt(h.values)}."
            self._add(rule, h.values_pointer, text, walk.symbols, walk.via)
            return
        if h.values is None:
            if b.values_kind == "const":
                rule = "request-const-removed" if walk.request else "response-const-changed"
                self._add(
                    rule,
                    b.values_pointer,
                    f"No longer fixed to {fmt(b.values)}.",
                    walk.symbols,
                    walk.via,
                )
            else:
                self._add(
                    f"{direction}-enum-removed",
                    site,
                    f"No longer restricted to {fmt(b.values)}.",
                    walk.symbols,
                    walk.via,
                )
            return
        removed, added = b.values - h.values, h.values - b.values
        if not (removed or added):
            return
        if b.values_kind == "const" and h.values_kind == "const":
            self._add(
                f"{direction}-const-changed",
                h.values_pointer,
                f"The value changed from {fmt(b.values)} to {fmt(h.values)}.",
                walk.symbols,
                walk.via,
            )
            return
        if removed:
            text = (
                f"No longer accepts {fmt(removed)}."
                if walk.request
                else f"Responses no longer carry {fmt(removed)}."
            )
            self._add(
                f"{direction}-enum-value-removed", h.values_pointer, text, walk.symbols, walk.via
            )
        if added:
            text = (
                f"Now also accepts {fmt(added)}."
                if walk.request
                else f"Responses may now carry {fmt(added)}; older clients may not know it."
            )
            self._add(
                f"{direction}-enum-value-added", h.values_pointer, text, walk.symbols, walk.via
            )

    def _compare_extensible(self, b: View, h: View, walk: Walk) -> None:
        if b.extensible is None or h.extensible is None:
            return
        removed, added = b.extensible - h.extensible, h.extensible - b.extensible
        if removed:
            self._add(
                f"{walk.direction}-extensible-enum-value-removed",
                h.extensible_pointer,
                f"{fmt(removed)} no longer listed.",
                walk.symbols,
                walk.via,
            )
        if added:
            self._add(
                "extensible-enum-value-added",
                h.extensible_pointer,
                f"{fmt(added)} now listed; clients must tolerate unlisted values.",
                walk.symbols,
                walk.via,
            )

    # -- format, default, deprecated ----------------------------------------------------------------

    def _compare_format(self, b: View, h: View, walk: Walk) -> None:
        before, after = b.keyword("format"), h.keyword("format")
        if before == after or not all(isinstance(f, str) or f is MISSING for f in (before, after)):
            return
        if walk.request:
            if after is MISSING:
                rule, pointer = "request-format-removed", b.keyword_pointer("format")
            elif (before, after) in _WIDER_FORMAT:
                return
            else:
                rule, pointer = "request-format-changed", h.keyword_pointer("format")
        elif before is MISSING:
            rule, pointer = "response-format-added", h.keyword_pointer("format")
        elif (after, before) in _WIDER_FORMAT:
            return
        else:
            rule = "response-format-changed"
            pointer = (
                h.keyword_pointer("format") if after is not MISSING else b.keyword_pointer("format")
            )
        text = f"Format changed from {_show(before)} to {_show(after)}."
        self._add(rule, pointer, text, walk.symbols, walk.via)

    def _compare_default(self, b: View, h: View, walk: Walk) -> None:
        before, after = b.keyword("default"), h.keyword("default")
        if before == after:
            return
        if before is MISSING:
            rule, pointer = "request-default-added", h.keyword_pointer("default")
        else:
            rule = "request-default-changed"
            pointer = (
                h.keyword_pointer("default")
                if after is not MISSING
                else b.keyword_pointer("default")
            )
        text = f"Default changed from {_show(before)} to {_show(after)}."
        self._add(rule, pointer, text, walk.symbols, walk.via)

    def _compare_deprecated(self, b: View, h: View, site: str, walk: Walk) -> None:
        if h.keyword("deprecated") is True and b.keyword("deprecated") is not True:
            sunset = h.keyword("x-sunset")
            when = f", sunset {sunset}" if sunset is not MISSING else ", no sunset date given"
            self._add("property-deprecated", site, f"Deprecated{when}.", walk.symbols, walk.via)

    # -- properties ---------------------------------------------------------------------------------

    def _compare_properties(self, b: View, h: View, walk: Walk) -> None:
        request = walk.request
        guard = "readOnly" if request else "writeOnly"  # never sent in this direction
        for name, prop in h.properties.items():
            hidden = _flag(self.head, prop.raw, guard)
            if name not in b.properties:
                if request and name in h.required:
                    rule = (
                        "request-read-only-property-required"
                        if hidden
                        else "request-property-added-required"
                    )
                    self._add(
                        rule,
                        prop.pointer,
                        f"New required request property `{name}`.",
                        walk.symbols,
                        walk.via,
                    )
                elif not hidden:
                    rule = "request-property-added" if request else "response-property-added"
                    self._add(
                        rule,
                        prop.pointer,
                        f"New {walk.direction} property `{name}`.",
                        walk.symbols,
                        walk.via,
                    )
                continue
            old = b.properties[name]
            was_hidden = _flag(self.base, old.raw, guard)
            if request and name in h.required and name not in b.required:
                rule = (
                    "request-read-only-property-required"
                    if hidden
                    else "request-property-made-required"
                )
                self._add(
                    rule,
                    prop.pointer,
                    f"Request property `{name}` is now required.",
                    walk.symbols,
                    walk.via,
                )
            if request and name in b.required and name not in h.required and not hidden:
                self._add(
                    "request-property-made-optional",
                    prop.pointer,
                    f"Request property `{name}` may be left out now.",
                    walk.symbols,
                    walk.via,
                )
            if not request:
                self._response_property(name, prop.pointer, b, h, hidden, was_hidden, walk)
            if not (hidden or was_hidden):
                self._schema(old.raw, old.pointer, prop.raw, prop.pointer, walk)
        for name, prop in b.properties.items():
            if name not in h.properties and not _flag(self.base, prop.raw, guard):
                self._add(
                    f"{walk.direction}-property-removed",
                    prop.pointer,
                    f"{walk.direction.capitalize()} property `{name}` was removed.",
                    walk.symbols,
                    walk.via,
                )
        self._compare_bare_required(b, h, walk)

    def _response_property(
        self, name: str, pointer: str, b: View, h: View, hidden: bool, was_hidden: bool, walk: Walk
    ) -> None:
        if hidden and not was_hidden:
            self._add(
                "response-property-became-write-only",
                pointer,
                f"`{name}` is write-only now and no longer returned.",
                walk.symbols,
                walk.via,
            )
        elif was_hidden and not hidden:
            self._add(
                "response-property-no-longer-write-only",
                pointer,
                f"`{name}` is returned now (it was write-only).",
                walk.symbols,
                walk.via,
            )
        elif not hidden and name in b.required and name not in h.required:
            self._add(
                "response-property-made-optional",
                pointer,
                f"Response property `{name}` may now be missing.",
                walk.symbols,
                walk.via,
            )
        elif not hidden and name in h.required and name not in b.required:
            self._add(
                "response-property-made-required",
                pointer,
                f"Response property `{name}` is always present now.",
                walk.symbols,
                walk.via,
            )

    def _compare_bare_required(self, b: View, h: View, walk: Walk) -> None:
        """`required` names without a property here (in `then`, `dependentSchemas`, a branch)."""
        declared = set(b.properties) | set(h.properties)
        if walk.request:
            names = sorted(h.required - b.required - declared)
            if names:
                self._add(
                    "request-property-made-required",
                    h.required_pointer,
                    f"Now required: {fmt(names)}.",
                    walk.symbols,
                    walk.via,
                )
        else:
            names = sorted(b.required - h.required - declared)
            if names:
                self._add(
                    "response-property-made-optional",
                    h.required_pointer or b.required_pointer,
                    f"No longer always present: {fmt(names)}.",
                    walk.symbols,
                    walk.via,
                )

    # -- items, additionalProperties, unevaluatedProperties ------------------------------------------

    def _compare_containers(self, b: View, h: View, walk: Walk) -> None:
        before, after = b.keyword("items"), h.keyword("items")
        if isinstance(before, dict) or isinstance(after, dict):
            self._schema(
                before if isinstance(before, dict) else {},
                b.keyword_pointer("items"),
                after if isinstance(after, dict) else {},
                h.keyword_pointer("items"),
                walk,
            )
        for keyword in ("additionalProperties", "unevaluatedProperties"):
            self._compare_extra_fields(b, h, keyword, walk)

    def _compare_extra_fields(self, b: View, h: View, keyword: str, walk: Walk) -> None:
        before, after = b.keyword(keyword), h.keyword(keyword)
        if before is MISSING and after is MISSING:
            return
        closed_before, closed_after = before is False, after is False
        if closed_before != closed_after:
            if closed_after and walk.request:
                self._add(
                    "request-additional-properties-restricted",
                    h.keyword_pointer(keyword),
                    f"`{keyword}: false`: extra fields are rejected now.",
                    walk.symbols,
                    walk.via,
                )
            elif closed_before:
                pointer = (
                    h.keyword_pointer(keyword)
                    if after is not MISSING
                    else b.keyword_pointer(keyword)
                )
                self._add(
                    f"{walk.direction}-additional-properties-allowed",
                    pointer,
                    f"`{keyword}` no longer false: extra fields are allowed.",
                    walk.symbols,
                    walk.via,
                )
            return
        if closed_before or not (isinstance(before, dict) or isinstance(after, dict)):
            return
        # An absent or `true` value allows anything: compared as the empty schema.
        self._schema(
            before if isinstance(before, dict) else {},
            b.keyword_pointer(keyword),
            after if isinstance(after, dict) else {},
            h.keyword_pointer(keyword),
            walk,
        )


def _type_delta(
    before: frozenset[str] | None, after: frozenset[str] | None
) -> tuple[set[str], set[str]]:
    """The JSON types lost and gained (`integer` is inside `number`; None is any type)."""
    if before == after:
        return set(), set()
    if before is None:
        return {"any"}, set()
    if after is None:
        return set(), {"any"}
    lost = {t for t in before if not _covered(t, after)}
    gained = {t for t in after if not _covered(t, before)}
    return lost, gained


def _show(value: Any) -> str:
    return "none" if value is MISSING else f"`{value}`"
