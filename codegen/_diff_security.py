"""Security: the effective requirement of every operation, and the schemes' own definitions.

A requirement is judged on its effect: the operation's `security` if it has one, else the
document's. It is tightened when some way of calling that was accepted before is refused now (an
alternative removed, a scheme or a scope required in addition). A scheme's definition breaks
clients when it changes where or how credentials are sent (`type`, the HTTP `scheme`, an API key's
`in`/`name`, an OAuth2 flow removed); URLs and scopes of flows are reported as warnings.
"""

from __future__ import annotations

from typing import Any

from codegen._diff_ops import Operation
from codegen._findings import DiffBase
from codegen._pointers import deref, join, mapping, sequence

Requirement = dict[str, list[str]]
_URLS = ("tokenUrl", "authorizationUrl", "refreshUrl")


def effective_security(document: dict[str, Any], op: Operation) -> tuple[list[Requirement], str]:
    """The requirement alternatives that apply to `op`, and where they are written."""
    if "security" in op.node:
        return _requirements(op.node["security"]), join(op.pointer, "security")
    return _requirements(document.get("security")), "/security"


def _requirements(raw: Any) -> list[Requirement]:
    if not isinstance(raw, list) or not raw:
        return [{}]  # no requirement: anonymous access
    return [
        {str(k): [str(s) for s in sequence(v)] for k, v in r.items()}
        for r in raw
        if isinstance(r, dict)
    ]


def _satisfies(requirement: Requirement, alternative: Requirement) -> bool:
    """Whether a caller that meets `alternative` also meets `requirement`."""
    return all(
        s in alternative and set(scopes) <= set(alternative[s]) for s, scopes in requirement.items()
    )


def _tightened(before: list[Requirement], after: list[Requirement]) -> bool:
    """True if some way of calling that was accepted before is accepted no longer."""
    return any(not any(_satisfies(new, old) for new in after) for old in before)


def _describe(requirements: list[Requirement]) -> str:
    def one(r: Requirement) -> str:
        if not r:
            return "no authentication"
        return " and ".join(f"{s}{'[' + ', '.join(sc) + ']' if sc else ''}" for s, sc in r.items())

    return " or ".join(one(r) for r in requirements)


def _lower(value: Any) -> str:
    return str(value or "").lower()


class SecurityComparison(DiffBase):
    """Requirements per operation and scheme definitions."""

    def _compare_requirements(
        self,
        base_ops: dict[str, Operation],
        head_ops: dict[str, Operation],
        matched: dict[str, str],
    ) -> None:
        for old_key, new_key in matched.items():
            old, new = base_ops[old_key], head_ops[new_key]
            before, _ = effective_security(self.base, old)
            after, pointer = effective_security(self.head, new)
            if _tightened(before, after):
                self._add(
                    "security-tightened",
                    pointer,
                    f"Security now requires {_describe(after)} (was {_describe(before)}).",
                    new.symbols,
                )
            elif _tightened(after, before):
                self._add(
                    "security-loosened",
                    pointer,
                    f"Security now accepts {_describe(after)} (was {_describe(before)}).",
                    new.symbols,
                )

    def _scheme_users(
        self, document: dict[str, Any], ops: dict[str, Operation], name: str
    ) -> tuple[str, ...]:
        """The SDK methods whose effective security names the scheme (none: an unused scheme)."""
        users: list[str] = []
        for op in ops.values():
            requirements, _ = effective_security(document, op)
            if any(name in r for r in requirements):
                users.extend(op.symbols)
        return tuple(users)

    def _compare_schemes(
        self, base_ops: dict[str, Operation], head_ops: dict[str, Operation]
    ) -> None:
        root = "/components/securitySchemes"
        before = mapping(mapping(self.base.get("components")).get("securitySchemes"))
        after = mapping(mapping(self.head.get("components")).get("securitySchemes"))
        for name, raw in before.items():
            pointer = join(root, name)
            old, _ = deref(self.base, raw, pointer)
            if name not in after:
                self._add(
                    "security-scheme-removed",
                    pointer,
                    f"Security scheme `{name}` was removed.",
                    self._scheme_users(self.base, base_ops, name),
                )
                continue
            new, new_pointer = deref(self.head, after[name], pointer)
            if isinstance(old, dict) and isinstance(new, dict):
                users = self._scheme_users(self.base, base_ops, name) + self._scheme_users(
                    self.head, head_ops, name
                )
                self._compare_scheme(name, old, new, new_pointer, pointer, users)
        for name in after:
            if name not in before:
                self._add(
                    "security-scheme-added",
                    join(root, name),
                    f"New security scheme `{name}`.",
                    self._scheme_users(self.head, head_ops, name),
                )

    def _compare_scheme(
        self,
        name: str,
        old: dict[str, Any],
        new: dict[str, Any],
        pointer: str,
        old_pointer: str,
        users: tuple[str, ...],
    ) -> None:
        case_blind = {"scheme"} | ({"name"} if _lower(old.get("in")) == "header" else set())
        for key in ("type", "scheme", "in", "name"):
            a, b = old.get(key), new.get(key)
            same = _lower(a) == _lower(b) if key in case_blind else a == b
            if not same:
                self._add(
                    "security-scheme-changed",
                    join(pointer, key),
                    f"Security scheme `{name}`: {key} changed from `{a}` to `{b}`.",
                    users,
                )
        if old.get("openIdConnectUrl") != new.get("openIdConnectUrl"):
            self._add(
                "security-scheme-url-changed",
                join(pointer, "openIdConnectUrl"),
                f"Security scheme `{name}`: the OpenID Connect URL changed.",
                users,
            )
        old_flows, new_flows = mapping(old.get("flows")), mapping(new.get("flows"))
        for flow, old_flow in old_flows.items():
            if flow not in new_flows:
                self._add(
                    "security-scheme-changed",
                    join(old_pointer, "flows", flow),
                    f"Security scheme `{name}`: the OAuth2 {flow} flow was removed.",
                    users,
                )
                continue
            new_flow, old_flow = mapping(new_flows[flow]), mapping(old_flow)
            flow_pointer = join(pointer, "flows", flow)
            for url in _URLS:
                if old_flow.get(url) != new_flow.get(url):
                    self._add(
                        "security-scheme-url-changed",
                        join(flow_pointer, url),
                        f"Security scheme `{name}`: the {flow} {url} changed.",
                        users,
                    )
            old_scopes = set(mapping(old_flow.get("scopes")))
            new_scopes = set(mapping(new_flow.get("scopes")))
            for scope in sorted(old_scopes - new_scopes):
                self._add(
                    "security-scheme-scope-removed",
                    join(old_pointer, "flows", flow, "scopes", scope),
                    f"Security scheme `{name}`: scope `{scope}` of the {flow} flow was removed.",
                    users,
                )
            for scope in sorted(new_scopes - old_scopes):
                self._add(
                    "security-scheme-scope-added",
                    join(flow_pointer, "scopes", scope),
                    f"Security scheme `{name}`: new scope `{scope}` in the {flow} flow.",
                    users,
                )
