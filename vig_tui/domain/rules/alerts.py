"""When a safeguarding alert was raised, and which days may be recorded as
the day the practitioner acted on it: not before the alert was raised (one
cannot act on answers not yet given), not in the future."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from .dates import check_held_on

if TYPE_CHECKING:
    from ..record import FamilyRecord
    from ..reflections import Administration


def raised_on(record: FamilyRecord, answers: Administration) -> str:
    """The day an alert from these answers was raised: the day of the meeting
    they were given in (its sitting), else the day they were last answered."""
    meeting = record.session(answers.session_id) if answers.session_id else None
    return meeting.date if meeting is not None else answers.at[:10]


def check_acted_on(text: str, raised: str, today: date | None = None) -> str:
    """The day the practitioner acted on an alert raised on `raised`."""
    day = check_held_on(text, today, "the day you acted")
    if day < raised:
        raise ValueError(
            f"the day you acted, {day}, is before the alert was raised on {raised} — "
            "give the day you did it (that day or later)"
        )
    return day
