"""Widgets that are laid out once when their size changes, not twice.

When a layout gives a widget a new size, Textual records its new scrollable
(virtual) size through a reactive that asks for another layout of the whole
screen: a second reflow and a second paint of everything that moved, which
find nothing left to move (the first layout worked the size out). A key that
grows a list by a line (a remark kept in the conversation view) paid for both.

A widget built on `SizedByLayout` takes the size the layout gave it without
asking again. A scroll bar that appears or goes still asks for its own layout
(it takes room from the content), as it does in Textual. Only for widgets
whose virtual size comes from the layout alone (containers and texts), never
for widgets that set it themselves (text areas, tables, logs).

A scroll bar is sized by the layout of its widget: a box of fixed height
that the layout makes taller or shorter (as a stage's bar takes a second
line) had its bar ask for a second layout too, so the bars of a widget built
on `SizedByLayout` are laid out once as well.

A widget shown for the first time is sized by the layout that shows it, and
each part of it then asked for one more: `LaidOutLabel` and `LaidOutSelect`
(whose parts are built as Textual builds them, each laid out once) are for
what a view shows and hides as it goes.
"""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.scrollbar import ScrollBar
from textual.widget import Widget
from textual.widgets import Label, Select, Static
from textual.widgets._select import NonSelectableStatic, SelectCurrent, SelectOverlay

T = TypeVar("T")


class SizedByLayout(Widget):
    """Mixed in after a Textual widget class (`class X(Static, SizedByLayout)`):
    Textual finds a widget's CSS type names and default styles along its
    first base only, so the widget class must come first."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # the layout that measured this size is the one under way: no other is needed
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        # as Textual makes it (on first use, hidden until needed), laid out once
        if self._vertical_scrollbar is None:
            bar = LaidOutScrollBar(
                vertical=True, name="vertical", thickness=self.scrollbar_size_vertical
            )
            bar.display = False
            self._vertical_scrollbar = bar
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar


class LaidOutScrollBar(ScrollBar, SizedByLayout):
    """A widget's vertical scroll bar, laid out once when the widget changes size."""


class LaidOutColumn(Vertical, SizedByLayout):
    """A `Vertical` laid out once when its height follows its content."""


class LaidOutRow(Horizontal, SizedByLayout):
    """A `Horizontal` laid out once when it is shown."""


class LaidOutScroll(VerticalScroll, SizedByLayout):
    """A `VerticalScroll` laid out once when its content grows or shrinks."""


class LaidOutText(Static, SizedByLayout):
    """A `Static` laid out once when its text takes more or fewer lines."""


class LaidOutLabel(Label, SizedByLayout):
    """A `Label` laid out once when it is shown or its text changes size."""


class _LaidOutSelectText(NonSelectableStatic, SizedByLayout):
    pass


class _LaidOutSelectCurrent(SelectCurrent, SizedByLayout):
    def compose(self) -> ComposeResult:
        # SelectCurrent's own parts, each laid out once
        yield _LaidOutSelectText(self.placeholder, id="label")
        yield _LaidOutSelectText("▼", classes="arrow down-arrow")
        yield _LaidOutSelectText("▲", classes="arrow up-arrow")


class LaidOutSelect(Select[T], SizedByLayout):
    """A `Select` laid out once when it is shown (its list, shown only while
    open, is Textual's own)."""

    def compose(self) -> ComposeResult:
        yield _LaidOutSelectCurrent(self.prompt)
        yield SelectOverlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)
