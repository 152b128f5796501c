"""Thin HTTP translators, one module per tag: read the arguments, make one domain call, reply.

Connexion resolves the operationId ``<tag>.<verb>`` to ``handlers.<tag>.<verb>`` and passes the
parameters with ``pythonic_params`` (``type`` -> ``type_``, ``from`` -> ``from_``; the JSON body as
``body``). No rule lives here: the rules are in ``appointments_mock.domain``.
"""

from __future__ import annotations

from typing import Any

from appointments_mock.domain.serialize import etag


def versioned(resource: dict[str, Any], **headers: str) -> dict[str, str]:
    """The ``ETag`` of a single appointment or attendee, plus any other headers."""
    return {"ETag": etag(int(resource["version"])), **headers}


def prefers(accept: str | None, offered: tuple[str, ...]) -> str:
    """The offered media type ``Accept`` prefers (RFC 9110 section 12.5.1); the first on a tie.

    The most specific matching range gives a type its weight (``text/csv;q=0.5, */*`` weighs
    ``text/csv`` 0.5); a type nothing matches, or weighted 0, is not acceptable. When none is
    acceptable the first is answered anyway (the mock sends no 406).
    """
    if not accept:
        return offered[0]
    ranges: list[tuple[str, str, float]] = []
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        kind, _, subtype = media.lower().partition("/")
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        ranges.append((kind, subtype, weight))

    def weight_of(media_type: str) -> float:
        kind, _, subtype = media_type.partition("/")
        best, specificity = 0.0, -1
        for r_kind, r_subtype, weight in ranges:
            if (r_kind, r_subtype) == (kind, subtype):
                rank = 2
            elif (r_kind, r_subtype) == (kind, "*"):
                rank = 1
            elif (r_kind, r_subtype) == ("*", "*"):
                rank = 0
            else:
                continue
            if rank > specificity:
                best, specificity = weight, rank
        return best

    weights = [weight_of(media_type) for media_type in offered]
    top = max(weights)
    return offered[weights.index(top)] if top > 0 else offered[0]
