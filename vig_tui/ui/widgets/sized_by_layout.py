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

A scroll bar is sized by the layout of its widget: a box that the layout
makes taller or shorter (as a picker comes into view above it) had its bar
ask for a second layout too, so the bars of a widget built on
`SizedByLayout` are laid out once as well.

A widget shown for the first time is sized by the layout that shows it, and
each part of it then asked for one more: `LaidOutLabel` and `LaidOutSelect`
(whose parts are built as Textual builds them, each laid out once) are for
what a view shows and hides as it goes.
"""

from __future__ import annotations

from typing import Self, TypeVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Region, Size
from textual.layout import DockArrangeResult
from textual.scrollbar import ScrollBar
from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import Button, Label, Select, Static
from textual.widgets._select import NonSelectableStatic, SelectCurrent, SelectOverlay

from .literal_select import LiteralSelect

T = TypeVar("T")


def pass_on_now(*widgets: Widget) -> None:
    """Hand the screen what these widgets have asked for (a layout, a repaint)
    now, not when each next goes idle: a widget shown or hidden as part of a
    bigger change (a step) otherwise sent its request after the screen had
    laid itself out for the whole change, and the screen laid out a second
    time for nothing new."""
    for widget in widgets:
        widget._check_refresh()


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
            # hidden until needed; a box that always scrolls (`overflow-y:
            # scroll`) always has it, shown from the start rather than shown
            # by the first layout (which then asked for another)
            bar.display = self.styles.overflow_y == "scroll"
            self._vertical_scrollbar = bar
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar


class LaidOutScrollBar(ScrollBar, SizedByLayout):
    """A widget's vertical scroll bar, laid out once when the widget changes size."""


class LaidOutColumn(Vertical, SizedByLayout):
    """A `Vertical` laid out once when its height follows its content."""


def as_arranged(widget: Widget) -> tuple[object, ...]:
    """What an arrangement of a container depends on, besides the size of what
    it holds: its own place and look, and which of its children are shown (a
    hidden child takes no room: one added or removed changes nothing)."""
    styles = widget.styles
    own = (widget.display, styles.width, styles.height, styles.margin, styles.padding)
    # which children, themselves (not their ids: a removed child's could be
    # taken again by a new one); what they hold asks for its own layout
    shown = tuple(child for child in widget.children if child.display)
    return (*own, styles.layout, shown)


class ArrangedOnce(Widget):
    """Mixed in after a Textual container class: a container that asks for a
    layout only when it, or what it holds, has changed since it was last
    arranged. Textual ends every mount twice (once awaited, once more as the
    container handles its next message), each ending asking for a layout; the
    second came after the screen had laid out the whole change (a new step's
    widget, a footer's new keys) and laid the screen out again for nothing.
    What it holds asks for its own layout as it changes; only the container's
    own requests are weighed (by `VigScreen`, as they reach it)."""

    _arranged_for: tuple[object, ...] | None = None

    def arrange(self, size: Size, optimal: bool = False) -> DockArrangeResult:
        arrangement = super().arrange(size, optimal)
        self._arranged_for = as_arranged(self)
        return arrangement

    def arranged_as_it_is(self) -> bool:
        """The last arrangement was of the container as it is now: a layout
        it asked for has been done (the screen asks this as the request comes)."""
        return self._arranged_for == as_arranged(self)


class ChangingColumn(Vertical, ArrangedOnce, SizedByLayout):
    """A `LaidOutColumn` whose children come and go (a step's widget): laid
    out once for each change of what it holds."""


class LaidOutRow(Horizontal, SizedByLayout):
    """A `Horizontal` laid out once when it is shown."""


class ChangingRow(Horizontal, ArrangedOnce, SizedByLayout):
    """A `LaidOutRow` whose children come and go: laid out once for each change
    of what it shows."""


class LaidOutScroll(VerticalScroll, SizedByLayout):
    """A `VerticalScroll` laid out once when its content grows or shrinks, or
    when it takes another height (its scroll bar is sized by the same layout).

    It keeps its scroll bar's column whether or not there is more to see: a bar
    that came and went took a column from the text, and that needed a layout of
    its own (the content grown past the bottom, then the bar, then the text
    wrapped again). With nothing to scroll the column is blank (the track takes
    the colour behind it); the bar shows when it is needed."""

    DEFAULT_CSS = """
    LaidOutScroll {
        overflow-y: scroll;
        scrollbar-background: transparent;
        scrollbar-background-hover: transparent;
        scrollbar-background-active: transparent;
    }
    """


class KeepsItsSize(Static):
    """A text whose new words take the room the old ones had is repainted, not
    laid out: Textual's `Static.update` asks for a layout of the screen on every
    change. A text whose width follows its words (`width: auto`), or one not laid
    out yet, is laid out as before; one whose height follows them is measured
    at its width and laid out only if it now takes more or fewer lines."""

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        super().update(content, layout=False)
        if layout and not self._same_size():
            self.refresh(layout=True)

    def _same_size(self) -> bool:
        styles = self.styles
        if not self.content_size or (styles.width is not None and styles.width.is_auto):
            return False
        if styles.height is not None and not styles.height.is_auto:
            return True
        width = self.content_size.width
        return self.get_content_height(self.container_size, self.app.size, width) == (
            self.content_size.height
        )


class LaidOutText(KeepsItsSize, SizedByLayout):
    """A `Static` laid out once when its text takes more or fewer lines, and
    not at all when it takes as many."""


class LaidOutButton(Button, SizedByLayout):
    """A `Button` laid out once, by the layout that shows it."""


class LaidOutLabel(Label, KeepsItsSize, SizedByLayout):
    """A `Label` laid out once when it is shown or its text changes size."""


class _LaidOutSelectText(NonSelectableStatic, KeepsItsSize, SizedByLayout):
    pass


class _ClosedList(SelectOverlay):
    """A select's list of choices: while it is closed, new choices ask for no
    layout (opening it lays it out, with them)."""

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if not self.display:
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


class _LaidOutSelectCurrent(SelectCurrent, SizedByLayout):
    def compose(self) -> ComposeResult:
        # SelectCurrent's own parts, each laid out once
        yield _LaidOutSelectText(self.placeholder, id="label")
        yield _LaidOutSelectText("▼", classes="arrow down-arrow")
        yield _LaidOutSelectText("▲", classes="arrow up-arrow")


class LaidOutSelect(LiteralSelect[T], SizedByLayout):
    """A `LiteralSelect` laid out once when it is shown, and not at all when
    its choices change while it is closed and what it shows keeps its size."""

    def compose(self) -> ComposeResult:
        yield _LaidOutSelectCurrent(self.prompt)
        yield _ClosedList(type_to_search=self._type_to_search).data_bind(compact=Select.compact)
