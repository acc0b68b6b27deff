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

from collections.abc import Callable
from typing import Any, Self

from textual import events
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


class KeepsOnEnter(SteadyInput):
    """A box whose Enter keeps its words there and then (`keep`, which empties
    the box once they are saved), before the box reads its next key. Textual
    runs a box's Enter once the key has gone up to the app, while the box reads
    on: the keys typed just after it (a quick typist, a paste) went into the
    box still holding the words, and were kept with them as one remark."""

    def __init__(self, keep: Callable[[], object], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._keep = keep

    async def _on_key(self, event: events.Key) -> None:
        # (Textual calls each class's own key handler in turn: this one first)
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self._keep()

    async def action_submit(self) -> None:
        self._keep()
