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
import unicodedata
from functools import cache
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


#: characters that take no column of their own: marks that join the letter
#: before them, invisible format characters (joiners, variation selectors) and
#: the line and paragraph separators
_NO_CELL = frozenset({"Mn", "Me", "Mc", "Cf", "Zl", "Zp"})


#: the zero width joiner: what follows it is drawn in the same picture as what
#: came before (a family of emoji is one emoji)
_JOINER = "\u200d"
#: asks for the character before it to be drawn as an emoji (a heart, a tick)
_AS_EMOJI = "\ufe0f"
#: the skin tones, which change the emoji before them
_SKIN_TONES = range(0x1F3FB, 0x1F400)


@cache
def _cells(character: str) -> int:
    if unicodedata.category(character) in _NO_CELL or ord(character) in _SKIN_TONES:
        return 0
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """How many columns `text` takes on a terminal: a wide character (Chinese,
    Japanese, Korean, most emoji) takes two, a joining mark none. The same count
    as the screens' drawing (rich's ``cell_len``) for the scripts people write
    in, without loading a drawing library into the core."""
    if text.isascii():
        return len(text)
    width = 0
    joined = False
    last = 0  # the columns of the last character counted
    for character in text:
        if character == _AS_EMOJI and last == 1:
            width += 1  # drawn as an emoji picture from here: two columns, like other emoji
            last = 2
        elif not joined:
            last = _cells(character)
            width += last
        joined = character == _JOINER
    return width
