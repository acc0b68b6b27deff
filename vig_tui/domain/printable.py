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

#: The one rule for characters that must be made visible, never sent to a
#: terminal: C0 controls but tab, newline and carriage return, DEL, C1
#: controls, and the Unicode marks that reorder or hide text (bidi embeddings,
#: overrides and isolates, the left-to-right/right-to-left and Arabic letter
#: marks, line/paragraph separators). Both the command line and the screens use it.
_ALWAYS_VISIBLE = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
)
_CONTROL = re.compile(f"[{_ALWAYS_VISIBLE}\r]")
_CONTROL_BUT_CR = re.compile(f"[{_ALWAYS_VISIBLE}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def make_visible(text: str, *, keep_carriage_return: bool = False) -> str:
    """`text` with every such character shown as a visible escape (``\\x1b``,
    ``\\u202e``); tabs and line breaks stay (carriage returns too when asked)."""
    return (_CONTROL_BUT_CR if keep_carriage_return else _CONTROL).sub(_escape, text)


_BREAKS = re.compile("[\t\n]")


def printable(text: str, *, one_line: bool = False) -> str:
    """`text` with every control character shown as a visible escape; with
    `one_line`, line breaks and tabs too (for a path or name in a list)."""
    text = make_visible(text)
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
