"""Text from people and files, made safe to print on a terminal.

A label, a note or a pack title can hold control characters: an escape
sequence clears the screen or retitles the window, a carriage return hides
what came before it, a NUL upsets programs reading the output. Everything
vig prints on the command line passes :func:`printable`, which shows each
such character as a visible escape (``\\x1b``) instead of sending it.
Line breaks and tabs stay.
"""

from __future__ import annotations

import re
from typing import TextIO

#: C0 controls but tab and newline, DEL, C1 controls, and the Unicode marks
#: that reorder or hide text (bidi overrides and isolates, line/paragraph separators)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_BREAKS = re.compile("[\t\n]")


def printable(text: str, *, one_line: bool = False) -> str:
    """`text` with every control character shown as a visible escape; with
    `one_line`, line breaks and tabs too (for a path or name in a list)."""
    text = _CONTROL.sub(_escape, text)
    return _BREAKS.sub(_escape, text) if one_line else text


class PrintableStream:
    """A text stream that passes everything written through :func:`printable`."""

    def __init__(self, inner: TextIO) -> None:
        self._inner = inner

    def write(self, text: str) -> int:
        self._inner.write(printable(text))
        return len(text)

    def flush(self) -> None:
        self._inner.flush()

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)
