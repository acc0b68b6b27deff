"""Dates the practitioner types: a meeting, a film, a closing, an erase-by day."""

from __future__ import annotations

from datetime import date, datetime, timedelta

EARLIEST = date(2000, 1, 1)
#: recordings are erased about two months after the end of involvement
ERASE_AFTER = timedelta(days=61)


def parse_day(text: str, what: str = "the date") -> date:
    """A YYYY-MM-DD day, or ValueError with a message for people."""
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"{what} should be a real date written as YYYY-MM-DD (not “{text}”)"
        ) from None


def check_held_on(text: str, today: date | None = None, what: str = "the meeting date") -> str:
    """A day something happened: a real date, not in the future, not before 2000."""
    day = parse_day(text, what)
    today = today or date.today()
    if day > today:
        raise ValueError(f"{what} {day.isoformat()} is in the future — it must be today or earlier")
    if day < EARLIEST:
        raise ValueError(f"{what} {day.isoformat()} is before 2000 — check the year")
    return day.isoformat()


def default_erase_by(closed_on: date) -> date:
    """The erase-by day the consent form promises: two months after the end."""
    return closed_on + ERASE_AFTER


def check_erase_by(text: str, closed_on: str) -> str:
    """The erase-by day: a real date, not before the day involvement closed."""
    day = parse_day(text, "the erase-by date")
    if day.isoformat() < closed_on:
        raise ValueError(
            f"the erase-by date {day.isoformat()} is before the closing date {closed_on}"
        )
    return day.isoformat()


def local_day(stamp: str) -> date | None:
    """The day (in this computer's time zone) of an ISO 8601 time stamp, or
    None when the stamp cannot be read."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return (moment.astimezone() if moment.tzinfo else moment).date()
