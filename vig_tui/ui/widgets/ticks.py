"""Tick boxes whose state shows in the shape, not only the colour.

Textual draws a ticked and an unticked box with the same "X" in different
colours, which reads the same in monochrome (NO_COLOR, a washed-out projector).
Here a ticked box carries a tick and an unticked one is empty; every tick box
in vig (single boxes and lists of choices) comes from this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist

TICKED = "✓"
UNTICKED = " "

T = TypeVar("T")


def tick(ticked: bool) -> str:
    return TICKED if ticked else UNTICKED


class TickBox(Checkbox):
    """A checkbox showing ✓ when ticked and an empty box when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = tick(self.value)
        return super()._button


class TickList(SelectionList[T]):
    """A list of choices, each with a ✓ when chosen and an empty box when not."""

    def start_over(self, ticked: Iterable[T] = ()) -> None:
        """Tick exactly `ticked` and put the highlight back on the first row, as
        when the list first opens, scrolled to the top, so the same keys reach
        the same row every time the list is filled afresh."""
        self.deselect_all()
        for value in ticked:
            self.select(value)
        self.highlighted = 0 if self.option_count else None
        self.scroll_home(animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = list(line)
        if len(segments) < 2 or segments[1].text != ToggleButton.BUTTON_INNER:
            return line
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:  # no option on this line
            return line
        inner = segments[1]
        segments[1] = Segment(tick(selection.value in self._selected), inner.style, inner.control)
        return Strip(segments, line.cell_length)
