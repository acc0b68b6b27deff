"""A one-line status text that costs nothing when it doesn't change.

`Static.update` re-lays out the whole screen every time (it can't know the new
text is the same size), so a status that is set on every tick or every save —
the player's position, "✓ saved", "Part 3 of 7" — would reflow every widget on
the screen each time. `StatusLine.show` does the least that is correct:

- the same text again: nothing at all;
- a new text that can't change the widget's size (its width doesn't follow
  its content, or the text is as wide as before): a repaint of this line;
- otherwise: a layout, as `Static.update` would.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.css.scalar import Scalar
from textual.widgets import Static

from .sized_by_layout import SizedByLayout


def _follows_content(scalar: Scalar | None) -> bool:
    """Whether a dimension can depend on the text (`auto`, or a fraction inside
    an auto-sized parent); a missing width fills the parent, a fixed one is fixed."""
    return scalar is not None and (scalar.is_auto or scalar.is_fraction)


def _extent(text: Text) -> tuple[int, ...]:
    return tuple(cell_len(line) for line in text.plain.split("\n"))


class StatusLine(Static, SizedByLayout):
    """A Static for one-line texts that are set often and change rarely."""

    DEFAULT_CSS = """
    StatusLine { height: 1; }
    """

    def __init__(self, content: str | Text = "", *, id: str | None = None) -> None:
        super().__init__(content, id=id)
        self._shown = content.copy() if isinstance(content, Text) else Text(content)

    @property
    def shown(self) -> Text:
        """What the line says now."""
        return self._shown

    def show(self, content: str | Text) -> None:
        text = content if isinstance(content, Text) else Text(content)
        before = self._shown
        if text == before:
            return
        self._shown = text.copy()
        styles = self.styles
        old, new = _extent(before), _extent(text)
        wider = _follows_content(styles.width) and max(old) != max(new)
        taller = _follows_content(styles.height) and old != new
        self.update(self._shown, layout=wider or taller)
