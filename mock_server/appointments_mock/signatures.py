"""Verifying signed requests: HTTP Message Signatures (RFC 9421), ``hmac-sha256``.

Two steps, so that nothing of the body is read before the caller is known:

* :func:`verify_head` judges the head alone: the ``Signature-Input`` and ``Signature`` fields
  (parsed by ``http_sfv``), the key, the covered components, the HMAC over the signature base,
  ``created``/``expires`` against the session clock. Replays are judged by the caller, which
  owns the nonces (:class:`NonceStore`).
* :func:`digest_matches` checks ``Content-Digest`` (RFC 9530) against the exact body bytes once
  the bounded body has been read: a hash of bytes, not a parse.

Every failure is a :class:`SignatureRejected` with the problem code the API documents.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from http_sfv.dictionary import Dictionary

ALGORITHM = "hmac-sha256"
WINDOW_SECONDS = 300
"""``created`` must lie within this many seconds of the session clock; nonces are kept as long."""
ACCEPT_SIGNATURE = (
    'sig1=("@method" "@path" "@query" "content-digest");created;nonce;keyid;alg="hmac-sha256"'
)
"""What the mock asks for in ``Accept-Signature`` (RFC 9421 section 5.1) on a 401."""

_DIGESTS: dict[str, Callable[[bytes], Any]] = {"sha-256": hashlib.sha256, "sha-512": hashlib.sha512}
_DERIVED = frozenset({"@method", "@target-uri", "@authority", "@scheme", "@path", "@query"})


class SignatureRejected(Exception):
    """A signed request that does not authenticate: ``code`` is the problem's code."""

    def __init__(self, code: str, detail: str, *, key_id: str | None = None) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.key_id = key_id


@dataclass(frozen=True, slots=True)
class RequestHead:
    """What the signature base is made of: the request as it arrived (raw, undecoded)."""

    method: str
    scheme: str
    authority: str
    path: str  # raw, percent-encoded as sent
    query: str  # raw, without "?"
    fields: Callable[[str], Sequence[str]]  # every line of a header field, by lower-case name
    has_body: bool  # the head announces a body (Content-Length > 0 or Transfer-Encoding)


@dataclass(frozen=True, slots=True)
class Verified:
    """An authentic signature: whose key, which nonce, and whether it covers the digest."""

    key_id: str
    nonce: str
    created: int
    covers_digest: bool


def is_signed(head: RequestHead) -> bool:
    """Whether the request tries the ``signature`` scheme (sends either signature field)."""
    return bool(head.fields("signature-input") or head.fields("signature"))


def _dictionary(name: str, head: RequestHead) -> Dictionary:
    # Imported on the first signed request: most servers never see one, and it costs start-up.
    from http_sfv.dictionary import Dictionary

    value = ", ".join(head.fields(name))
    parsed = Dictionary()
    try:
        parsed.parse(value.encode("latin-1"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise SignatureRejected(
            "signature-invalid", f"{name.title()} is not a Structured Field dictionary."
        ) from exc
    return parsed


def _component_value(name: str, item: Any, head: RequestHead) -> str:
    if item.params:
        raise SignatureRejected(
            "signature-invalid", f"Component {name!r} has parameters; none are supported."
        )
    if name.startswith("@"):
        if name not in _DERIVED:
            raise SignatureRejected("signature-invalid", f"Derived component {name!r} is unknown.")
        query = f"?{head.query}"
        return {
            "@method": head.method,
            "@target-uri": f"{head.scheme}://{head.authority}{head.path}"
            + (query if head.query else ""),
            "@authority": head.authority.lower(),
            "@scheme": head.scheme.lower(),
            "@path": head.path or "/",
            "@query": query,
        }[name]
    if name != name.lower():
        raise SignatureRejected("signature-invalid", f"Field {name!r} is not lower-case.")
    lines = head.fields(name)
    if not lines:
        raise SignatureRejected(
            "signature-invalid", f"The signature covers {name!r}, which the request lacks."
        )
    return ", ".join(line.strip() for line in lines)


def verify_head(
    head: RequestHead, secret_of: Callable[[str], bytes | None], now: datetime
) -> Verified:
    """The verified signature of a request head, or :class:`SignatureRejected`.

    ``secret_of`` gives the secret of a key id (None if unknown); ``now`` is the session clock.
    """
    from http_sfv.item import InnerList, Item

    inputs, signatures = head.fields("signature-input"), head.fields("signature")
    if not inputs or not signatures:
        missing = "Signature" if inputs else "Signature-Input"
        raise SignatureRejected(
            "signature-missing",
            f"A signed request sends Signature-Input and Signature; {missing} is missing.",
        )
    parsed_inputs, parsed_signatures = (
        _dictionary("signature-input", head),
        _dictionary("signature", head),
    )
    if len(parsed_inputs) != 1:
        raise SignatureRejected(
            "signature-invalid", "Send exactly one signature (one label in Signature-Input)."
        )
    label, members = next(iter(parsed_inputs.items()))
    if label not in parsed_signatures:
        raise SignatureRejected(
            "signature-missing", f"Signature has no member {label!r} (Signature-Input has)."
        )
    if not isinstance(members, InnerList):
        raise SignatureRejected("signature-invalid", "A Signature-Input member is an inner list.")
    params = dict(members.params)
    key_id = params.get("keyid")
    if not isinstance(key_id, str):
        raise SignatureRejected("signature-invalid", "The signature has no keyid (a string).")
    secret = secret_of(key_id)
    if secret is None:
        raise SignatureRejected("unknown-key", f"No signing key {key_id!r}.", key_id=key_id)
    created, nonce = params.get("created"), params.get("nonce")
    if type(created) is not int or not isinstance(nonce, str) or not nonce:
        raise SignatureRejected(
            "signature-invalid",
            "The signature needs created (an integer) and nonce (a string).",
            key_id=key_id,
        )
    if "alg" in params and params["alg"] != ALGORITHM:
        raise SignatureRejected("signature-invalid", f"alg must be {ALGORITHM!r}.", key_id=key_id)
    names: list[str] = []
    lines: list[str] = []
    for item in members:
        if not isinstance(item, Item) or not isinstance(item.value, str):
            raise SignatureRejected("signature-invalid", "Components are strings.", key_id=key_id)
        name = item.value
        if name in names:
            raise SignatureRejected(
                "signature-invalid", f"Component {name!r} is covered twice.", key_id=key_id
            )
        try:
            value = _component_value(name, item, head)
        except SignatureRejected as rejected:
            raise SignatureRejected(rejected.code, rejected.detail, key_id=key_id) from None
        names.append(name)
        lines.append(f"{item}: {value}")
    required = ["@method"] + (["@target-uri"] if "@target-uri" in names else ["@path", "@query"])
    if head.has_body:
        required.append("content-digest")
    absent = [name for name in required if name not in names]
    if absent:
        raise SignatureRejected(
            "signature-invalid",
            f"The signature must cover {', '.join(absent)} (covered: {', '.join(names) or 'none'}).",
            key_id=key_id,
        )
    lines.append(f'"@signature-params": {members}')
    signature = parsed_signatures[label]
    given = signature.value if isinstance(signature, Item) else None
    try:
        base = "\n".join(lines).encode("ascii")
    except UnicodeEncodeError:
        base = b""
    expected = hmac.new(secret, base, hashlib.sha256).digest()
    if not base or not isinstance(given, bytes) or not hmac.compare_digest(expected, given):
        raise SignatureRejected(
            "signature-invalid",
            "The signature does not match the request (HMAC-SHA256 of the RFC 9421 signature base).",
            key_id=key_id,
        )
    skew = now.timestamp() - created
    if abs(skew) > WINDOW_SECONDS:
        raise SignatureRejected(
            "signature-expired",
            f"The signature was created {abs(skew):.0f} seconds from the server's clock; "
            f"at most {WINDOW_SECONDS} are accepted.",
            key_id=key_id,
        )
    expires = params.get("expires")
    if type(expires) is int and expires < now.timestamp():
        raise SignatureRejected(
            "signature-expired", "The signature's expires has passed.", key_id=key_id
        )
    return Verified(key_id, nonce, created, "content-digest" in names)


def digest_matches(head: RequestHead, body: bytes) -> tuple[bool, str]:
    """Whether ``Content-Digest`` (if sent) matches ``body``; a reason when it does not."""
    if not head.fields("content-digest"):
        return (not body, "The request has a body but no Content-Digest.")
    try:
        digests = _dictionary("content-digest", head)
    except SignatureRejected:
        return (False, "Content-Digest is not a Structured Field dictionary.")
    if "sha-256" not in digests:
        return (False, "Content-Digest has no sha-256 member.")
    for name, member in digests.items():
        algorithm = _DIGESTS.get(name)
        if algorithm is None:
            continue
        value = getattr(member, "value", None)
        if not isinstance(value, bytes) or not hmac.compare_digest(value, algorithm(body).digest()):
            return (False, f"Content-Digest {name} does not match the body.")
    return (True, "")


class NonceStore:
    """The nonces of one session's signed requests, kept for the replay window.

    ``claim`` is atomic: of two requests with the same key and nonce, one wins. Bounded by
    ``max_nonces`` (``limits.py``): beyond it the oldest are forgotten.
    """

    def __init__(self, max_nonces: int) -> None:
        self.max_nonces = max_nonces
        self._seen: OrderedDict[tuple[str, str], float] = OrderedDict()
        self._lock = threading.Lock()

    def seen(self, key_id: str, nonce: str) -> bool:
        """Whether the nonce was used with this key and not yet forgotten."""
        with self._lock:
            return (key_id, nonce) in self._seen

    def claim(self, key_id: str, nonce: str, now: float) -> bool:
        """Record the nonce; False if it was already used (a replay)."""
        with self._lock:
            while self._seen:
                oldest_key, at = next(iter(self._seen.items()))
                if at >= now - 2 * WINDOW_SECONDS and len(self._seen) < self.max_nonces:
                    break
                del self._seen[oldest_key]
            if (key_id, nonce) in self._seen:
                return False
            self._seen[(key_id, nonce)] = now
            return True

    def __len__(self) -> int:
        return len(self._seen)
