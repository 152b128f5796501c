"""Who is calling: the three ways a request authenticates, judged from its head alone.

* ``bearer`` -- ``Authorization: Bearer <key>``, a key the session's world knows.
* ``signature`` -- a signed request (RFC 9421, ``signatures.py``); its body digest and its nonce
  are judged by the front once the body is read (:func:`finish_signature`).
* ``calendar_token`` -- ``?token=`` of a ``calendar_url``, for the operations whose security
  offers ``calendarToken`` (calendar feeds), valid for the calendar in the path only.

A request that tries the signature scheme (sends ``Signature-Input`` or ``Signature``) is judged by
it alone. Each refusal is a :class:`Refusal`: a 401 with its own code and ``WWW-Authenticate``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import unquote_plus

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import Scope

from appointments_mock import problems
from appointments_mock.domain.context import Actor
from appointments_mock.signatures import (
    ACCEPT_SIGNATURE,
    NonceStore,
    RequestHead,
    SignatureRejected,
    Verified,
    digest_matches,
    is_signed,
    verify_head,
)
from appointments_mock.store import CalendarOwner, World

Scheme = Literal["bearer", "signature", "calendar_token"]
CALENDAR_TOKEN = "token"  # the query parameter of ``calendarToken``
_TITLES = {
    "unauthenticated": "Authentication required",
    "signature-missing": "Signature missing",
    "signature-invalid": "Signature invalid",
    "signature-expired": "Signature expired",
    "signature-replayed": "Signature replayed",
    "digest-mismatch": "Content digest mismatch",
    "unknown-key": "Unknown signing key",
}


@dataclass(frozen=True, slots=True)
class Credential:
    """An authenticated caller: the scheme it used, its actor, and for signatures the details."""

    scheme: Scheme
    actor: Actor
    key_id: str | None = None
    signed: Verified | None = None
    head: RequestHead | None = None


class Refusal(Exception):
    """A request that does not authenticate (401)."""

    def __init__(
        self, code: str, detail: str, *, scheme: Scheme | None, key_id: str | None = None
    ) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.scheme = scheme
        self.key_id = key_id

    def response(self, answer: Any) -> Response:
        """The 401 problem, with the challenge of the scheme that was tried."""
        if self.scheme == "signature":
            headers = {
                "WWW-Authenticate": f'Signature realm="appointments", error="{self.code}"',
                "Accept-Signature": ACCEPT_SIGNATURE,
            }
        else:
            headers = {"WWW-Authenticate": problems.WWW_AUTHENTICATE}
        response: Response = answer(
            401, self.code, _TITLES[self.code], self.detail, headers=headers
        )
        return response


def request_head(scope: Scope, headers: Headers) -> RequestHead:
    """The request's head as a signature base sees it (raw path and query, as sent)."""
    raw_path = scope.get("raw_path")
    path = raw_path.decode("latin-1") if raw_path else scope["path"]
    path = path.partition("?")[0]
    declared = headers.get("content-length")
    has_body = "transfer-encoding" in headers or (
        declared is not None and declared.strip() not in ("", "0")
    )
    return RequestHead(
        method=scope["method"],
        scheme=scope.get("scheme", "http"),
        authority=headers.get("host", ""),
        path=path,
        query=scope.get("query_string", b"").decode("latin-1"),
        fields=headers.getlist,
        has_body=has_body,
    )


def _bearer(headers: Headers, world: World) -> Credential:
    authorization = headers.get("authorization")
    parts = authorization.split(maxsplit=1) if authorization else []
    actor = (
        world.actor_for_key(parts[1]) if len(parts) == 2 and parts[0].lower() == "bearer" else None
    )
    if actor is None:
        detail = (
            "No valid API key was provided (the key is not known, or not a Bearer key)."
            if authorization
            else "No valid API key was provided (send Authorization: Bearer <key>)."
        )
        raise Refusal("unauthenticated", detail, scheme="bearer" if authorization else None)
    return Credential("bearer", actor)


def _signature(
    scope: Scope, headers: Headers, world: World, nonces: NonceStore | None
) -> Credential:
    head = request_head(scope, headers)

    def secret_of(key_id: str) -> bytes | None:
        found = world.signing_secret(key_id)
        return None if found is None else found.secret

    try:
        verified = verify_head(head, secret_of, world.clock.now())
    except SignatureRejected as rejected:
        raise Refusal(
            rejected.code, rejected.detail, scheme="signature", key_id=rejected.key_id
        ) from None
    if nonces is not None and nonces.seen(verified.key_id, verified.nonce):
        raise _replayed(verified)
    found = world.signing_secret(verified.key_id)
    assert found is not None  # verify_head knew its secret
    return Credential("signature", found.actor, verified.key_id, verified, head)


def _replayed(verified: Verified) -> Refusal:
    return Refusal(
        "signature-replayed",
        "This nonce was already used with this key within the replay window; sign each "
        "request (and each retry) with a new nonce.",
        scheme="signature",
        key_id=verified.key_id,
    )


def calendar_owner(template: str, relative_path: str) -> CalendarOwner | None:
    """Whose calendar a feed path names (``/practitioners/{practitioner_id}/...``)."""
    for name, value in zip(template.split("/"), relative_path.split("/"), strict=False):
        if name == "{practitioner_id}":
            return ("practitioner", value)
        if name == "{client_id}":
            return ("client", value)
    return None


def calendar_session(token: str | None) -> str | None:
    """The session a calendar token names (``<token>~<session>``), if any."""
    if token and "~" in token:
        return token.split("~", 1)[1]
    return None


def _calendar(scope: Scope, world: World, template: str, relative_path: str) -> Credential | None:
    query = scope.get("query_string", b"").decode("latin-1")
    tokens = [v for k, _, v in (p.partition("=") for p in query.split("&")) if k == CALENDAR_TOKEN]
    if not tokens:
        return None
    token = unquote_plus(tokens[0]).split("~", 1)[0]
    owner = calendar_owner(template, relative_path)
    if len(tokens) > 1 or owner is None or not world.calendar_token_matches(owner, token):
        raise Refusal(
            "unauthenticated",
            "The calendar token is not valid for this calendar (revoked, or another one's).",
            scheme=None,
        )
    kind, owner_id = owner
    if kind == "practitioner":
        return Credential(
            "calendar_token", Actor("staff", owner_id, "Calendar feed", practitioner_id=owner_id)
        )
    return Credential(
        "calendar_token", Actor("client", owner_id, "Calendar feed", client_id=owner_id)
    )


def authenticate(
    scope: Scope,
    headers: Headers,
    world: World,
    *,
    template: str,
    relative_path: str,
    calendar_tokens: bool,
    nonces: NonceStore | None,
) -> Credential:
    """The caller of a request, from its head alone (raises :class:`Refusal`).

    ``world`` holds the keys (the session's, or the prototype of a session not made yet);
    ``nonces`` are the session's, if it exists.
    """
    if is_signed(request_head(scope, headers)):
        return _signature(scope, headers, world, nonces)
    if calendar_tokens and not headers.get("authorization"):
        credential = _calendar(scope, world, template, relative_path)
        if credential is not None:
            return credential
    return _bearer(headers, world)


def finish_signature(credential: Credential, body: bytes, nonces: NonceStore, now: float) -> None:
    """After the body is read: its digest, then the nonce (claimed once, atomically)."""
    assert credential.signed is not None
    assert credential.head is not None
    matches, why = digest_matches(credential.head, body)
    if not matches:
        raise Refusal("digest-mismatch", why, scheme="signature", key_id=credential.key_id)
    if not nonces.claim(credential.signed.key_id, credential.signed.nonce, now):
        raise _replayed(credential.signed)
