"""The catalogue of coded cancellation reasons (Cliniko's codes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class CancellationReason:
    """One coded reason."""

    code: int
    key: str
    label: str
    active: bool = True
    requires_note: bool = False

    def to_json(self) -> dict[str, Any]:
        """The spec's ``CancellationReason``."""
        return {
            "code": self.code,
            "key": self.key,
            "label": self.label,
            "active": self.active,
            "requires_note": self.requires_note,
        }


REASONS: dict[int, CancellationReason] = {
    r.code: r
    for r in (
        CancellationReason(10, "feeling_better", "Feeling better"),
        CancellationReason(20, "condition_worse", "Condition worse"),
        CancellationReason(30, "sick", "Sick"),
        CancellationReason(31, "covid_19_related", "COVID-19 related"),
        CancellationReason(40, "away", "Away"),
        CancellationReason(50, "other", "Other", requires_note=True),
        CancellationReason(60, "work", "Work"),
    )
}
