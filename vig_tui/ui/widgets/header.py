"""The header every vig screen uses: the palette's mark at the left and the
screen's title in the middle, drawn as one line by one widget.

Textual's header is four widgets (the header, its icon, its title and the
clock's space), and its title is filled in just after the screen is mounted:
an update that asked for another layout of the whole screen as every screen
opened. Here the title is drawn as the line is painted, so a new title (a
family's label, a step) repaints one line and lays nothing out.
"""

from __future__ import annotations

from textual import events
from textual.content import Content

from .sized_by_layout import SizedByLayout

#: the palette's mark, and the cells it takes at the left (as Textual's header)
ICON = "⭘"
ICON_WIDTH = 8
#: the cells kept free at the right (where Textual's header has its clock)
RIGHT_SPACE = 10


def family_title(label: str, part: str) -> str:
    """The header's words on a screen of one family: the family's label first,
    then which part of their record this is (every screen opened from a
    family's dashboard says whose it is; the app's `format_title` then makes
    it safe to show)."""
    return f"{label} – {part}"


class VigHeader(SizedByLayout, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"vig-header--icon-hover"}
    DEFAULT_CSS = """
    VigHeader {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        .vig-header--icon-hover {
            background: $foreground 10%;
        }
    }
    """

    #: the mouse is over the palette's mark
    _over_icon = False

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._title_changed, init=False)
            self.watch(node, "sub_title", self._title_changed, init=False)

    def _title_changed(self) -> None:
        self.refresh()

    @property
    def screen_title(self) -> str:
        """The screen's title, or the app's."""
        title = self.screen.title
        return title if title is not None else self.app.title

    @property
    def screen_sub_title(self) -> str:
        sub_title = self.screen.sub_title
        return sub_title if sub_title is not None else self.app.sub_title

    def render(self) -> Content:
        width = self.size.width
        icon = Content(f" {ICON}").pad_right(ICON_WIDTH - 2)
        if self._over_icon:
            icon = icon.stylize(self.get_visual_style("vig-header--icon-hover"))
        room = max(0, width - ICON_WIDTH - RIGHT_SPACE)
        # every title goes through the app's one gate for what a title may show
        title = self.app.format_title(self.screen_title, self.screen_sub_title).center(
            room, ellipsis=True
        )
        return Content.assemble(icon, title, Content.blank(RIGHT_SPACE))

    # -- the mouse: the mark opens the palette -------------------------------------
    def _on_icon(self, x: int) -> bool:
        return x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE

    def on_mouse_move(self, event: events.MouseMove) -> None:
        over = self._on_icon(event.x)
        if over != self._over_icon:
            self._over_icon = over
            self.tooltip = "Open the command palette" if over else None
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self._over_icon:
            self._over_icon = False
            self.tooltip = None
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        if self._on_icon(event.x):
            event.stop()
            await self.run_action("app.command_palette")
