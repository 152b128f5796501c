"""Opaque page tokens: the offset of the next page bound to a hash of the list's filters.

A token only works with the filters it was issued for; a token used with other filters, or
garbage, is 400 ``invalid-page-token``. ``page_size`` may change between pages.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

import orjson

from appointments_mock.domain.problems import parameter_error, problem, validation_error

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100


def _fingerprint(scope: str, filters: dict[str, Any]) -> str:
    canonical = orjson.dumps([scope, filters], default=str, option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(canonical).hexdigest()[:16]


class Pager:
    """The page window requested by ``page_size``/``page_token`` for one list and its filters."""

    def __init__(
        self,
        scope: str,
        filters: dict[str, Any],
        page_size: int | None = None,
        page_token: str | None = None,
    ) -> None:
        size = DEFAULT_PAGE_SIZE if page_size is None else page_size
        if not 1 <= size <= MAX_PAGE_SIZE:
            raise validation_error(
                [parameter_error("page_size", f"must be between 1 and {MAX_PAGE_SIZE}")]
            )
        self.size = size
        self._fingerprint = _fingerprint(scope, filters)
        self.offset = self._decode(page_token) if page_token else 0

    def _decode(self, token: str) -> int:
        try:
            padded = token + "=" * (-len(token) % 4)
            data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
            offset = data["o"]
            valid = (
                isinstance(data, dict)
                and data.get("f") == self._fingerprint
                and isinstance(offset, int)
                and offset >= 0
            )
        except (ValueError, KeyError, TypeError, binascii.Error, UnicodeEncodeError):
            valid = False
        if not valid:
            raise problem(
                "invalid-page-token",
                "The page token is malformed or was issued for other filters.",
            )
        return int(offset)

    def _encode(self, offset: int) -> str:
        raw = orjson.dumps({"o": offset, "f": self._fingerprint})
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def page(self, items: list[Any], total: int) -> dict[str, Any]:
        """The list response for this window: ``items``, ``next_page_token``, ``total_size``."""
        end = self.offset + self.size
        return {
            "items": items,
            "next_page_token": self._encode(end) if end < total else None,
            "total_size": total,
        }

    def slice(self, items: Sequence[T]) -> list[T]:
        """This window of an in-memory sequence."""
        return list(items[self.offset : self.offset + self.size])


def count_and_take(pager: Pager, matches: Iterable[T]) -> tuple[list[T], int]:
    """This window of a stream of matches and the exact number of matches (one pass)."""
    head: list[T] = []
    total = 0
    start, stop = pager.offset, pager.offset + pager.size
    for item in matches:
        if start <= total < stop:
            head.append(item)
        total += 1
    return head, total
