"""What Home knows about a family without opening its record: one index line.

Kept apart from the record models (and free of pydantic) so the app can show
Home without loading them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .record import FamilyRecord


@dataclass
class FamilySummary:
    """What Home needs about a family without opening its whole record."""

    id: str
    label: str
    status: str
    children: str
    next_step: str
    updated_at: str
    erase_by: str | None = None
    demo: bool = False

    @classmethod
    def of(cls, record: FamilyRecord, updated_at: str) -> FamilySummary:
        return cls(
            id=record.family.id,
            label=record.family.label,
            status=str(record.family.status),
            children=record.family.children_text(),
            next_step=record.next_step().text,
            updated_at=updated_at,
            erase_by=record.consent.erase_by,
            demo=record.family.demo,
        )

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def is_past(erase_by: str | None, today: date) -> bool:
    """Has an erase-by date (ISO text, or nothing) passed? An unreadable date has not."""
    if not erase_by:
        return False
    try:
        return date.fromisoformat(erase_by) < today
    except ValueError:
        return False


def past_erase_by(summaries: Iterable[FamilySummary], today: date) -> list[FamilySummary]:
    """Families whose erase-by date has passed, oldest date first."""
    due = [s for s in summaries if is_past(s.erase_by, today)]
    return sorted(due, key=lambda s: (s.erase_by or "", s.label.casefold()))
