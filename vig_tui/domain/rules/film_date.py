"""The day a film was made, read from the film itself when it says.

Cameras and phones write the moment of recording into the container (MP4/MOV
``creation_time`` in UTC, Apple's ``com.apple.quicktime.creationdate`` with
the local offset, Matroska ``DATE_RECORDED``). That text comes from outside,
so it passes the same gate as a typed filming date (:func:`check_held_on`):
a camera whose clock is wrong, or a tag that is not a date, gives today —
and the practitioner is told so in plain words, with the date left editable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from ..printable import printable
from .dates import EARLIEST, check_held_on

#: A camera's clock may run a little ahead (or sit in a zone ahead of ours):
#: up to this far past today counts as today.
CLOCK_SLACK = timedelta(days=1)
#: "2024:05:01 10:00:00" (the Exif style some cameras use) → "2024-05-01 10:00:00"
_EXIF_DAY = re.compile(r"^(\d{4}):(\d{2}):(\d{2})")
#: fromisoformat reads at most six digits of a second's fraction
_LONG_FRACTION = re.compile(r"(\.\d{6})\d+")


@dataclass(frozen=True, slots=True)
class FilmDate:
    """The filming date to offer, where it came from, and what to say about it."""

    day: str  # YYYY-MM-DD
    from_film: bool
    note: str = ""  # why today is offered instead of the film's own date

    @property
    def source(self) -> str:
        return "from the film" if self.from_film else "today"


def _moment(stamp: str) -> datetime:
    text = _EXIF_DAY.sub(r"\1-\2-\3", stamp.strip())
    text = _LONG_FRACTION.sub(r"\1", text)
    return datetime.fromisoformat(text)  # ValueError when it is not a date


def _day_of(moment: datetime, here: tzinfo | None) -> date:
    """The day on the clock where the film was made. A UTC time (MP4's
    creation_time always is) is turned into our own zone; a time with its own
    offset (Apple's creationdate) keeps its own day; a bare time is taken as is."""
    offset = moment.utcoffset()
    if offset is None or offset != timedelta(0):
        return moment.date()
    return moment.astimezone(here).date()


def film_date(stamp: str | None, now: datetime | None = None) -> FilmDate:
    """The filming date to offer for a film whose container says `stamp`
    (None when it says nothing): its own day when that is believable, else today."""
    now = now or datetime.now().astimezone()
    today = now.date()
    if stamp is None or not stamp.strip():
        return FilmDate(
            today.isoformat(),
            False,
            "The film does not say when it was made, so today is offered.",
        )
    shown = printable(stamp.strip()[:40], one_line=True)
    try:
        day = _day_of(_moment(stamp), now.tzinfo)
    except (ValueError, OverflowError):
        return FilmDate(
            today.isoformat(),
            False,
            f"The film's own date (“{shown}”) is not a date, so today is offered.",
        )
    if day > today + CLOCK_SLACK:
        why = "which is in the future (the camera's clock may be wrong)"
    elif day < EARLIEST:
        why = f"which is before {EARLIEST.year} (a camera whose clock was never set)"
    else:
        # the one gate for filming dates; a clock a little ahead counts as today
        return FilmDate(check_held_on(min(day, today).isoformat(), today), True)
    return FilmDate(
        today.isoformat(),
        False,
        f"The film says it was made on {day.isoformat()}, {why}, so today is offered.",
    )
