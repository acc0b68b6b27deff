"""A one-line text box whose typing repaints the box alone.

Textual's `Input` asks for a layout of the whole screen on every change of its
text (its scrollable width follows the text). On a meeting screen of seventy
widgets that layout is most of what a key costs. A box whose width and height
come from its CSS never changes size with its text, so here a change of text
repaints the box and scrolls it to the cursor, and nothing else moves. A box
sized by its text (`width: auto` or `height: auto`) is laid out as before.
"""

from __future__ import annotations

from typing import Self

from textual.geometry import Region
from textual.widgets import Input


class SteadyInput(Input):
    _text_changing = False

    def _watch_value(self, value: str) -> None:
        self._text_changing = not self.styles.auto_dimensions
        try:
            super()._watch_value(value)
        finally:
            self._text_changing = False

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if self._text_changing:
            layout = False  # the box keeps its size: a repaint shows the new text
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
