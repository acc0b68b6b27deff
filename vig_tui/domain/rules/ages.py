"""How old a child is on a given day: from the date of birth, or from an age
known on an earlier day (so ages grow with the record instead of standing still)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..family import Child


def months_between(start: date, end: date) -> int:
    """Whole months from `start` to `end` (0 if `end` is earlier)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return max(0, months)


def age_at(child: Child, day: date) -> tuple[int, int] | None:
    """(years, months) on `day`, or None when neither a date of birth nor an age is known."""
    if child.born_on:
        return divmod(months_between(date.fromisoformat(child.born_on), day), 12)
    if child.age_years is None and child.age_months is None:
        return None
    base = (child.age_years or 0) * 12 + (child.age_months or 0)
    if child.age_on:
        base += months_between(date.fromisoformat(child.age_on), day)
    return divmod(base, 12)
