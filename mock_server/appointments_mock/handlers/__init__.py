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
