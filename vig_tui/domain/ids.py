"""Identifiers and timestamps used throughout the record.

Our own ids (uuid4 hex) are used in every reference; storage-level ids never
leak into the domain. Times are ISO 8601 with a UTC offset; media positions
are integer milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime

#: Every id vig makes: 32 lowercase hex characters (a uuid4 without dashes).
#: Family ids name folders in the store, so one from outside (a bundle, a
#: command line, a file on disk) is checked against this before any use.
ID_PATTERN = r"^[0-9a-f]{32}$"
_ID = re.compile(ID_PATTERN)
_IDS = re.compile(r"(?:[0-9a-f]{32}\n)*")


def new_id() -> str:
    """A fresh random id (32 lowercase hex characters)."""
    import uuid  # here: reading the store makes no ids

    return uuid.uuid4().hex


def is_valid_id(value: object) -> bool:
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def all_valid_ids(values: Iterable[str]) -> bool:
    """Is every one of `values` (texts) one of our ids? The same rule as
    :func:`is_valid_id`, one pass in C for thousands (the index at start)."""
    values = list(values)
    # one match over them all: each a block of 32 hex characters and a line
    # break; as many blocks as values, so no value held a break of its own
    joined = "\n".join(values) + "\n" if values else ""
    return len(joined) == 33 * len(values) and _IDS.fullmatch(joined) is not None


def now_iso() -> str:
    """The current moment as ISO 8601 with offset, to the second."""
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def at_or_after(stamp: str | None, start: str) -> bool:
    """`stamp` is at or after `start` (both ISO 8601; False when either
    cannot be read, or one has an offset and the other not)."""
    if stamp is None:
        return False
    try:
        return datetime.fromisoformat(stamp) >= datetime.fromisoformat(start)
    except (TypeError, ValueError):
        return False


def today_iso() -> str:
    return date.today().isoformat()


def format_ms(ms: int) -> str:
    """Media position as m:ss.hh (e.g. 1:02.04), or h:mm:ss.hh from an hour on
    (a camcorder left running: 4:00:00.00, not 240:00.00); negative offsets keep
    their sign."""
    sign = "-" if ms < 0 else ""
    minutes, rest = divmod(abs(int(ms)), 60_000)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{rest / 1000:05.2f}"
    return f"{sign}{minutes}:{rest / 1000:05.2f}"
