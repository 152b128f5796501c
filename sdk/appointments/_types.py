"""Small shared types: the `NOT_GIVEN` sentinel and the argument types of every method."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal, Protocol, TypeAlias, runtime_checkable

import httpx

__all__ = ["NOT_GIVEN", "Headers", "IfMatch", "NotGiven", "Timeout", "Versioned"]


class NotGiven:
    """The type of `NOT_GIVEN`: an argument the caller left out.

    Distinct from `None`, which for nullable fields means "send null" (e.g. clear the notes).
    """

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()


@runtime_checkable
class Versioned(Protocol):
    """Anything with a `version`, such as an `Appointment` or an `Attendee`."""

    @property
    def version(self) -> int: ...


IfMatch: TypeAlias = str | int | Versioned
"""An `ETag` string (sent as is), a version number or a model with `.version` (sent as `"<n>"`)."""

Timeout: TypeAlias = float | httpx.Timeout
"""Seconds for every phase, or an `httpx.Timeout`. `None` is rejected: there is always a limit."""

Headers: TypeAlias = Mapping[str, str]
