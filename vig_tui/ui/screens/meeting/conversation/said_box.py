"""The "Said so far" box: a box of its own size that scrolls itself to the newest remark.

A list that grew with each remark moved everything under it and asked for a
layout of the whole screen on every Enter; at 80×24 the newest remark was drawn
below the edge of the screen. This box takes the height the layout gives it
(from the CSS, never from its text): a new remark re-wraps its lines, scrolls
to where the newest remark ends (remarks are grouped by stage, so that is not
always the last line) and repaints the box alone. Older remarks are a scroll
away (the wheel, or the arrow keys once the box has the focus, in the
family's view). Its scroll bar
is always there (blank while there is nothing to scroll), so it never comes or
goes (which would take a layout to give it room); the layout that makes the box
taller or shorter (the link picker coming into view above it) sizes it and its
bar once (`SizedByLayout`).
"""

from __future__ import annotations

from rich.text import Span, Text
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ....widgets.sized_by_layout import SizedByLayout


class SaidBox(ScrollView, SizedByLayout, can_focus=True):
    DEFAULT_CSS = """
    SaidBox {
        overflow-x: hidden;
        overflow-y: scroll;
        scrollbar-size-vertical: 1;
        scrollbar-background: transparent;
        scrollbar-background-hover: transparent;
        scrollbar-background-active: transparent;
    }
    """

    def allow_focus(self) -> bool:
        # In the practitioner's view the private note sits beside the family's
        # box: Tab goes from the box to the note, not into this box first (where
        # a note typed by mistake was lost, and its letters worked the film).
        # There the wheel scrolls it; in the family's view the arrow keys do too.
        return bool(getattr(self.app, "together", True))

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = Text()
        self._newest_end = 0
        self._lines: list[Strip] = []
        #: how many of the lines hold the text up to the end of the newest remark
        self._newest_lines = 0
        self._width = 0
        #: each line of the text, wrapped to `_width` (a title, a remark)
        self._wrapped: dict[tuple[str, tuple[Span, ...], str], list[Strip]] = {}

    def render(self) -> Text:
        """All of what was said (the screen draws it line by line, see `render_line`)."""
        return self._text

    def show(self, text: Text, newest_end: int) -> None:
        """New words (the newest remark ending at `newest_end` in them): wrapped
        to the box, scrolled to show the newest remark, the box repainted."""
        self._text, self._newest_end = text, newest_end
        self._wrap()
        self.refresh()

    def scroll_to_newest(self) -> None:
        """The newest remark on the box's last line (or as low as it can be),
        with what was said before it above."""
        height = self.scrollable_content_region.height
        self.scroll_to(y=max(0, self._newest_lines - height), animate=False, immediate=True)

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._width, self._wrapped = width, {}
        if width <= 0:  # not laid out yet: wrapped when it is (see `_on_resize`)
            self._lines, self._newest_lines = [], 0
            return
        # line by line of the text (a title, a remark), each wrapped once for this
        # width: a new remark wraps its own line only
        self._lines, self._newest_lines, start = [], 0, 0
        for part in self._text.split("\n", allow_blank=True):
            self._lines += self._wrap_part(part, width)
            if start <= self._newest_end:
                self._newest_lines = len(self._lines)
            start += len(part) + 1
        size = Size(width, len(self._lines))
        # the box's own scrollable size: its place on screen does not change
        self.set_reactive(ScrollView.virtual_size, size)
        self._scroll_update(size)
        self.scroll_to_newest()

    def _wrap_part(self, part: Text, width: int) -> list[Strip]:
        key = (part.plain, tuple(part.spans), str(part.style))
        lines = self._wrapped.get(key)
        if lines is None:
            console = self.app.console
            options = console.options.update_width(width).update(highlight=False)
            lines = [Strip(line) for line in console.render_lines(part, options, pad=False)]
            self._wrapped[key] = lines
        return lines

    def _on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._width:
            self._wrap()
        else:
            self.scroll_to_newest()  # a new height
        self.refresh()

    def render_line(self, y: int) -> Strip:
        style = self.rich_style
        width = self.scrollable_content_region.width
        line = int(self.scroll_y) + y
        if not 0 <= line < len(self._lines):
            return Strip.blank(width, style)
        return self._lines[line].crop_extend(0, width, style).apply_style(style)
