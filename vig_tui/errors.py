"""The one base of every error a person can cause or meet.

A :class:`VigError`'s text is meant for people: it says what happened, names
the file, line, field or family involved, and what to do next. The CLI prints
it as one line (``vig: ...``) without a traceback; the app shows it in a
notification. Anything else that escapes is a bug: a crash report, never the
content of a record.
"""

from __future__ import annotations


class VigError(Exception):
    """An error whose message is written for the person using vig."""

    #: The exit status `vig` returns when a command stops with this error.
    exit_code: int = 1


def one_line(err: BaseException) -> str:
    """The error's message on one line (a message may wrap its text; a terminal
    line or a notification title must not)."""
    return " ".join(part.strip() for part in str(err).splitlines() if part.strip())
