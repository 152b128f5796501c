"""Signed requests: HTTP Message Signatures (RFC 9421) with `hmac-sha256`, made per attempt.

A client made with `signing_key=SigningKey(key_id, secret)` sends no `Authorization` header;
`sign` adds to each attempt of a request, just before it is sent:

    Content-Digest: sha-256=:<base64>:            (RFC 9530; only for a request with a body)
    Signature-Input: sig1=("@method" "@path" "@query" ...);created=...;nonce="...";keyid="...";alg="hmac-sha256"
    Signature: sig1=:<base64 HMAC-SHA256 of the signature base>:

Covered: `@method`, `@path`, `@query` (not `@authority`, so a signature survives a proxy that
keeps the path), and the `content-digest`, `content-type`, `idempotency-key` and `if-match`
fields that the request carries. Each retry is signed again, with a new `created` and `nonce`;
the body, its digest and the `Idempotency-Key` stay the same. Only the standard library is used:
the few Structured Field values written here are serialized by hand (`_sf_string`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._types import HTTPRequest

__all__ = ["LABEL", "SigningKey", "content_digest", "sign"]

ALGORITHM = "hmac-sha256"
LABEL = "sig1"
# Header fields covered when the request has them, in this order (after the derived components).
_COVERED_FIELDS = ("content-digest", "content-type", "idempotency-key", "if-match")
_COVERED = frozenset(_COVERED_FIELDS)


def _sf_string(value: str) -> str:
    """A Structured Field String (RFC 8941 section 3.3.3): printable ASCII, quoted, escaped."""
    if not all(" " <= char <= "~" for char in value):
        raise ValueError(f"{value!r} is not printable ASCII (a Structured Field String)")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class SigningKey:
    """A signing key: its id (sent as `keyid`) and the shared secret (never sent).

    `clock` gives the `created` time in seconds since the epoch (default `time.time`); pass
    another to sign by a test server's session clock.
    """

    key_id: str
    secret: str | bytes = field(repr=False)
    clock: Callable[[], float] = field(default=time.time, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.key_id:
            raise ValueError("key_id must not be empty")
        _sf_string(self.key_id)  # fails early for a key id that cannot be sent
        if not self.secret:
            raise ValueError("secret must not be empty")

    @cached_property
    def secret_bytes(self) -> bytes:
        """The secret as bytes (a `str` secret is UTF-8 encoded)."""
        return self.secret.encode() if isinstance(self.secret, str) else self.secret

    @cached_property
    def _parameters(self) -> str:
        """The signature parameters after `created` and `nonce`, serialized once."""
        return f';keyid={_sf_string(self.key_id)};alg="{ALGORITHM}"'


def content_digest(body: bytes) -> str:
    """The `Content-Digest` field of a body (RFC 9530, `sha-256`)."""
    return f"sha-256=:{base64.b64encode(hashlib.sha256(body).digest()).decode()}:"


def sign(request: HTTPRequest, key: SigningKey) -> None:
    """Sign one attempt of `request` in place (replacing an earlier attempt's signature)."""
    headers = request.headers
    fields: dict[str, list[str]] = {}
    for name, value in headers.multi_items():  # names come lower-cased
        if name in _COVERED:
            fields.setdefault(name, []).append(value)
    body = request.content
    if body and "content-digest" not in fields:
        digest = content_digest(body)
        headers["Content-Digest"] = digest
        fields["content-digest"] = [digest]
    path, _, query = request.url.raw_path.partition(b"?")
    lines = [
        f'"@method": {request.method}',
        f'"@path": {path.decode("ascii")}',
        f'"@query": ?{query.decode("ascii")}',
    ]
    components = '"@method" "@path" "@query"'
    for name in _COVERED_FIELDS:
        values = fields.get(name)
        if values:
            lines.append(f'"{name}": {", ".join(v.strip() for v in values)}')
            components += f' "{name}"'
    parameters = (
        f'({components});created={int(key.clock())};nonce="{secrets.token_urlsafe(16)}"'
        + key._parameters
    )
    lines.append(f'"@signature-params": {parameters}')
    base = "\n".join(lines).encode("ascii")
    mac = hmac.new(key.secret_bytes, base, hashlib.sha256).digest()
    headers["Signature-Input"] = f"{LABEL}={parameters}"
    headers["Signature"] = f"{LABEL}=:{base64.b64encode(mac).decode()}:"
