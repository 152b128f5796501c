"""The comparison engine of the breaking-change gate: two OpenAPI 3.1 documents, operation by operation.

Operations are matched by operationId (then by method + path with parameter names erased, to
catch renames; duplicated operationIds are reported and matched by method + path). Inside an
operation, parameters and request bodies are compared in the *request* direction (the client
writes, the server reads: narrowing breaks) and responses in the *response* direction (the server
writes, the client reads: widening breaks). The 3.1 `webhooks` are compared too: the server sends
them, so their payloads and headers are judged in the response direction. `$ref`s are followed on
both sides, so a change inside a shared component schema is found through every operation that
uses it, reported once at the component's own location and attributed to all of them.

Every finding names its rule (an id of `codegen/rules.yaml`, which also gives its level) and the
SDK symbols it affects: the client methods (`AppointmentsClient.<tag>.<verb>` and
`AsyncAppointmentsClient.<tag>.<verb>`, exactly the operationId's parts), the model field
(`model <SchemaName>.<property>`) or model (`model <SchemaName>`), plus the model field through
which a shared schema was reached. The modules: `_diff_ops.py` (operations and matching),
`_diff_http.py` (parameters, bodies, responses, headers), `_diff_security.py`,
`_diff_schema.py` / `_diff_keywords.py` / `_diff_compose.py` (schemas), `_schema_view.py`
(what a schema means, whatever its spelling).
"""

from __future__ import annotations

import re
from typing import Any

from codegen._diff_http import HttpComparison
from codegen._diff_ops import HTTP_METHODS, Operation, operations
from codegen._diff_schema import SchemaComparison
from codegen._diff_security import SecurityComparison
from codegen._findings import Change, Walk
from codegen._pointers import deref, join, mapping, sequence

__all__ = ["Change", "SpecDiff"]


def _base_path(document: dict[str, Any]) -> str:
    servers = sequence(document.get("servers")) or [{"url": "/"}]
    url = str(mapping(servers[0]).get("url", "/"))
    return re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url, flags=re.IGNORECASE).rstrip("/")


class SpecDiff(HttpComparison, SecurityComparison, SchemaComparison):
    """Collects the changes between a base and a new (head) document."""

    def changes(self) -> list[Change]:
        """Run the comparison and return every change, most severe first."""
        self._findings.clear()
        self._visited.clear()
        self._views.clear()
        base_ops, _ = operations(self.base)
        head_ops, duplicated = operations(self.head)
        if _base_path(self.base) != _base_path(self.head):
            self._add(
                "base-path-changed",
                "/servers/0/url",
                f"The base path changed from `{_base_path(self.base) or '/'}` to "
                f"`{_base_path(self.head) or '/'}`.",
                tuple(s for op in base_ops.values() for s in op.symbols),
            )
        for op in duplicated:
            self._add(
                "operation-id-duplicated",
                join(op.pointer, "operationId"),
                f"{op.label}: operationId `{op.operation_id}` is used by more than one operation.",
                op.symbols,
            )
        matched = self._match_operations(base_ops, head_ops)
        for old_key, new_key in matched.items():
            self._compare_operation(base_ops[old_key], head_ops[new_key])
        self._compare_requirements(base_ops, head_ops, matched)
        self._compare_schemes(base_ops, head_ops)
        self._compare_webhooks()
        return self._collected()

    def _match_operations(
        self, base_ops: dict[str, Operation], head_ops: dict[str, Operation]
    ) -> dict[str, str]:
        head_by_route = {op.route: op for op in head_ops.values()}
        matched: dict[str, str] = {}
        for key, old in base_ops.items():
            new = head_ops.get(key)
            if new is not None:
                if new.route != old.route:
                    self._add(
                        "operation-moved",
                        new.pointer,
                        f"{key} moved from {old.label} to {new.label}.",
                        old.symbols,
                    )
            else:
                new = head_by_route.get(old.route)
                if new is None or new.key in base_ops or new.key in matched.values():
                    self._add(
                        "operation-removed",
                        old.pointer,
                        f"{old.label} ({key}) was removed.",
                        old.symbols,
                    )
                    continue
                if old.operation_id is None and new.operation_id is not None:
                    self._add(
                        "operation-id-added",
                        join(new.pointer, "operationId"),
                        f"{new.label}: now has operationId {new.operation_id}.",
                        new.symbols,
                    )
                elif new.operation_id != old.operation_id:
                    self._add(
                        "operation-renamed",
                        join(new.pointer, "operationId"),
                        f"{old.label}: operationId {old.operation_id} became {new.operation_id} "
                        "(the SDK method is renamed).",
                        old.symbols + new.symbols,
                    )
            matched[key] = new.key
        for key, new in head_ops.items():
            if key not in matched.values():
                self._add(
                    "operation-added", new.pointer, f"{new.label} ({key}) was added.", new.symbols
                )
        return matched

    def _compare_operation(self, old: Operation, new: Operation) -> None:
        if new.node.get("deprecated") and not old.node.get("deprecated"):
            sunset = new.node.get("x-sunset")
            when = f"; sunset {sunset}" if sunset else "; no sunset date given"
            self._add(
                "operation-deprecated",
                new.pointer,
                f"{new.label} is deprecated{when}.",
                new.symbols,
            )
        elif old.node.get("deprecated") and not new.node.get("deprecated"):
            self._add(
                "operation-reactivated",
                new.pointer,
                f"{new.label} is no longer deprecated.",
                new.symbols,
            )
        self._compare_parameters(old, new)
        self._compare_request_body(old, new)
        self._compare_responses(old, new)

    # -- webhooks -------------------------------------------------------------------------------

    def _compare_webhooks(self) -> None:
        before = mapping(self.base.get("webhooks"))
        after = mapping(self.head.get("webhooks"))
        for name, raw in before.items():
            pointer = join("/webhooks", name)
            if name not in after:
                self._add(
                    "webhook-removed",
                    pointer,
                    f"Webhook `{name}` was removed.",
                    (f"webhook {name}",),
                )
                continue
            old_item, _ = deref(self.base, raw, pointer)
            new_item, new_pointer = deref(self.head, after[name], pointer)
            if not (isinstance(old_item, dict) and isinstance(new_item, dict)):
                continue
            for method in HTTP_METHODS:
                old, new = old_item.get(method), new_item.get(method)
                if isinstance(old, dict) and not isinstance(new, dict):
                    self._add(
                        "webhook-removed",
                        join(pointer, method),
                        f"Webhook `{name}` is no longer sent as {method.upper()}.",
                        (f"webhook {name}",),
                    )
                elif isinstance(old, dict) and isinstance(new, dict):
                    self._compare_webhook(
                        name, old, join(pointer, method), new, join(new_pointer, method)
                    )
        for name in after:
            if name not in before:
                self._add(
                    "webhook-added",
                    join("/webhooks", name),
                    f"New webhook `{name}`.",
                    (f"webhook {name}",),
                )

    def _compare_webhook(
        self,
        name: str,
        old: dict[str, Any],
        old_pointer: str,
        new: dict[str, Any],
        new_pointer: str,
    ) -> None:
        """A delivery: its headers and payload are what a receiver reads, like a response."""
        walk = Walk("response", (f"webhook {name}",))
        label = f"Webhook `{name}`"
        self._compare_header_maps(
            self._webhook_headers(self.base, old, old_pointer),
            self._webhook_headers(self.head, new, new_pointer),
            walk,
            label,
        )
        before, b_pointer = deref(
            self.base, old.get("requestBody"), join(old_pointer, "requestBody")
        )
        after, h_pointer = deref(
            self.head, new.get("requestBody"), join(new_pointer, "requestBody")
        )
        if isinstance(before, dict) and not isinstance(after, dict):
            self._add(
                "webhook-payload-removed",
                b_pointer,
                f"{label} has no payload any more.",
                walk.symbols,
            )
        elif isinstance(before, dict) and isinstance(after, dict):
            self._compare_content(before, b_pointer, after, h_pointer, walk, label)

    def _webhook_headers(
        self, document: dict[str, Any], op: dict[str, Any], pointer: str
    ) -> dict[str, tuple[str, dict[str, Any], str]]:
        out: dict[str, tuple[str, dict[str, Any], str]] = {}
        for i, raw in enumerate(sequence(op.get("parameters"))):
            node, at = deref(document, raw, join(pointer, "parameters", i))
            if isinstance(node, dict) and node.get("in") == "header" and "name" in node:
                out[str(node["name"]).lower()] = (str(node["name"]), node, at)
        return out
