"""Showing people's words exactly as typed — the one mechanism.

Anything a practitioner or family typed, and anything read from a pack, reaches
the screen as literal text: `[bold]`, `[/]` and escape codes are shown as text
and can never change how the screen looks, crash it, or reach the terminal.

- :func:`literal` makes a :class:`rich.text.Text` for any widget (never parsed);
- :func:`markup_safe` is for the few Textual places that only take markup
  strings (palette help lines), :func:`markdown_safe` for text placed in
  Markdown (the help dialog);
- the app's ``notify`` and ``format_title`` (every header) pass everything
  through :func:`clean`; :func:`editable` does the same for text loaded into an
  editor, keeping line breaks and tabs.
"""

from __future__ import annotations

from rich.text import Text
from textual.markup import escape

from ..domain.printable import make_visible


def clean(value: str) -> str:
    """Make control characters (ESC, bidi overrides and friends) visible instead of active."""
    return make_visible(value)


def editable(value: str) -> str:
    """Text for an editor: control characters made visible; line breaks and tabs kept."""
    return make_visible(value, keep_carriage_return=True)


def literal(value: str, style: str = "") -> Text:
    return Text(clean(value), style=style)


def markup_safe(value: str) -> str:
    """For a place that parses markup: the same words, shown as typed."""
    return escape(clean(value))


#: characters Markdown may read as formatting
_MARKDOWN_ACTIVE = frozenset("\\`*_{}[]<>()#+-.!|~")


def markdown_safe(value: str) -> str:
    """For text placed inside Markdown: the same words, never read as formatting."""
    return "".join("\\" + ch if ch in _MARKDOWN_ACTIVE else ch for ch in clean(value))
