"""The one error type the mock's rules raise; the HTTP layer renders it as RFC 9457 problem+json.

Lives outside ``domain/`` so that both the rules and the HTTP layer can import it without either
depending on the other.
"""

from __future__ import annotations

from typing import Any


class ProblemError(Exception):
    """A rule was broken: carries the HTTP status, the stable ``code`` slug and extra problem members.

    ``extra`` holds RFC 9457 extension members such as ``errors``, ``deleted_at``, ``purge_at``,
    ``current_etag`` or ``conflicting_appointment_ids``; they must be JSON-ready values.
    """

    def __init__(self, status: int, code: str, title: str, detail: str, **extra: Any) -> None:
        super().__init__(f"{status} {code}: {detail}")
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.extra = extra
