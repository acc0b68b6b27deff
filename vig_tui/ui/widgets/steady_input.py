"""A one-line text box whose typing repaints the box alone.

Textual's `Input` asks for a layout of the whole screen on every change of its
text (its scrollable width follows the text). On a meeting screen of seventy
widgets that layout is most of what a key costs. A box whose width and height
come from its CSS never changes size with its text, so here a change of text
repaints the box and scrolls it to the cursor, and nothing else moves. A box
sized by its text (`width: auto` or `height: auto`) is laid out as before.

It holds words someone is saying or wording (a remark, a helping question):
coming back to it puts the cursor at the end of what is there. Textual's box
selects it all on focus, and the next key replaced the words — after F2 and
back, a family's half-typed sentence was gone.
"""

from __future__ import annotations

from typing import Any, Self

from textual.geometry import Region
from textual.widgets import Input


class SteadyInput(Input):
    _text_changing = False

    def __init__(self, *args: Any, select_on_focus: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, select_on_focus=select_on_focus, **kwargs)

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
