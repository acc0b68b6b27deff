"""Shared behaviour of vig's screens."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, Self, cast

from textual import messages, on
from textual._time import get_time
from textual.events import Mount, ScreenResume
from textual.geometry import Region, Size
from textual.layout import DockArrangeResult
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input

from ..failed_workers import ReportsFailedWorkers
from ..widgets.sized_by_layout import ArrangedOnce, as_arranged

if TYPE_CHECKING:
    from ..app import VigApp


def _shown(widget: Widget) -> bool:
    """The widget and everything holding it take part in the layout."""
    return widget.display and all(node.display for node in widget.ancestors_with_self)


class VigScreen(ReportsFailedWorkers, Screen[None]):
    """A screen with its own help text (shown by F1 / ?)."""

    #: Markdown shown on the help screen for this step.
    HELP: ClassVar[str] = "Use the keys shown at the bottom of the screen."
    #: True when the family sits in on this screen: showing it opens the room.
    TOGETHER: ClassVar[bool] = False
    #: True when nothing on this screen is practitioner-only. While the room is
    #: open the app shows no screen or dialog without it (see `ui/room.py`).
    FAMILY_SAFE: ClassVar[bool] = False

    @property
    def vig(self) -> VigApp:
        return cast("VigApp", self.app)

    _resumed = False

    @on(ScreenResume)
    def _styled_when_mounted(self, event: ScreenResume) -> None:
        # Textual restyles every node of a screen each time it is pushed. The
        # first time, the nodes were styled a moment ago as they were mounted,
        # and a switch of the room's mode since then restyled what depends on
        # it (the screen was on top): doing it again only costs a screen's
        # worth of styling.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False
        # Textual's own handler comes next: see `refresh`
        self._resuming = True
        self.call_next(self._resume_handled)

    #: the screen is being brought up (Textual's ScreenResume is being handled)
    _resuming = False
    #: ...and a layout of the whole screen, its first, has painted all of it
    _painted_whole = False

    def _resume_handled(self) -> None:
        self._resuming = self._painted_whole = False

    #: no change of focus repaints the whole screen: the widgets that take and
    #: lose it repaint themselves (their look changes with it); Textual's own
    #: `focused` painted every cell again at each change
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def _screen_resized(self, size: Size) -> None:
        # A screen's first layout gives it its size, and Textual then tells it
        # (a Resize event) that its size changed: it laid the new screen out a
        # second time, and every screen under it too, all at the size they
        # already had. That layout changes nothing when the screen is laid out
        # at this size and settled; a widget still waiting for a layout (a
        # plain scroll whose scrollable size the first layout changed) gets it
        # now, as before, so what is scrolled into view is measured right.
        if self._compositor.size == size and self.is_attached and self._settled():
            return
        super()._screen_resized(size)

    #: the widgets that have asked for a layout since the last was weighed, with
    #: when they asked (Textual hands the screen one request for a run of them:
    #: the last; each is weighed here)
    _asked: list[tuple[Widget, float]] | None = None

    def post_message(self, message: Message) -> bool:
        if isinstance(message, messages.Layout):
            if self._asked is None:
                self._asked = []
            self._asked.append((message.widget, message.time))
        return super().post_message(message)

    async def _on_layout(self, message: messages.Layout) -> None:
        asked, self._asked = self._asked or [], None
        if not any(
            self._needs_layout(widget, time)
            for widget, time in asked or [(message.widget, message.time)]
        ):
            message.stop()
            message.prevent_default()
            return
        await super()._on_layout(message)

    def _needs_layout(self, widget: Widget, asked_at: float) -> bool:
        """Whether a widget's request for a layout still needs one.

        A layout of the whole screen arranges every widget as it is then: a
        request sent before it began (new words, a new label, as the screen
        was filled) was done by it. Textual laid the screen out once more for
        each batch of those, which it handled only after its layout. A
        container that has been arranged as it is since it asked (the screen's
        layout came before its request did) needs no other either. And a
        widget that comes in hidden (itself or what holds it) takes no room
        until it is shown: showing it asks for the layout it needs."""
        if asked_at < self._laid_out_at:
            return False
        if isinstance(widget, ArrangedOnce) and widget.arranged_as_it_is():
            return False
        return widget in self._compositor.widgets or _shown(widget)

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # the screen's own layout measured this size: it needs no other
        # (as `SizedByLayout`)
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    #: what the screen was last arranged as (`as_arranged`)
    _arranged_for: tuple[object, ...] | None = None

    def arrange(self, size: Size, _optimal: bool = False) -> DockArrangeResult:
        arrangement = super().arrange(size, _optimal)
        self._arranged_for = (*as_arranged(self), self.maximized)
        return arrangement

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        # Textual ends every mount twice (see `ArrangedOnce`); the second
        # ending of the screen's own widgets asked for a layout of a screen
        # already arranged with them, as every screen opened.
        # (what is new in the screen paints itself: the screen is not painted
        # again, every cell of it, for it either)
        arranged = self._arranged_for == (*as_arranged(self), self.maximized)
        if layout and arranged and not (regions or recompose):
            return self
        # As a screen comes up for the first time Textual lays it out, which
        # paints all of it, and then asks to paint all of it again.
        if self._painted_whole and not (regions or layout or recompose):
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _compositor_refresh(self) -> None:
        # A screen covered by another that hides all of it (not a see-through
        # dialog) is painted again as it is uncovered. Textual handed what it
        # had to repaint on to the screen on top: as a screen opened, the one
        # it covered asked to be painted whole, and so the new one was
        # painted whole a second time.
        top = self.app.screen
        if top is not self and top.styles.background.a == 1 and self in self.app.screen_stack:
            self._compositor._dirty_regions.clear()
            self._dirty_widgets.clear()
            return
        super()._compositor_refresh()

    #: when the screen last began a layout of all its widgets
    _laid_out_at = float("-inf")

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        first = not self._compositor.widgets  # every cell is new: all are painted
        if not scroll or self._layout_widgets:  # (else Textual only scrolls)
            self._laid_out_at = get_time()
            self._take_requests()
        super()._refresh_layout(size, scroll)
        if first and self._compositor.widgets:
            # what the screen asked for before (its title, its styles) is painted
            self._repaint_required = False
            self._painted_whole = self._resuming

    def _take_requests(self) -> None:
        """What the screen and its widgets have asked for until now, a layout
        of the whole screen does: the screen forgets its own request (Textual
        did so only when the layout was its own, not when it laid a screen out
        as it came up or changed size), and each widget's is taken as Textual
        takes it (each container around the widget arranges its children
        afresh) rather than sent on after this layout, to ask for another."""
        self._layout_required = False
        for widget in self.walk_children(Widget):
            if widget._layout_required:
                widget._layout_required = False
                for ancestor in widget.ancestors:
                    if not isinstance(ancestor, Widget):
                        break
                    ancestor._clear_arrangement_cache()
                    ancestor._layout_updates += 1
                    if not ancestor.styles.auto_dimensions:
                        break

    def _settled(self) -> bool:
        """No widget of the screen is waiting for a layout."""
        return not self._layout_required and not any(
            widget._layout_required for widget in self.walk_children(Widget)
        )

    #: True for a screen whose view the practitioner switches (F2): coming back to
    #: it from help or the step list keeps the view they chose
    KEEPS_ITS_VIEW = False

    def on_screen_resume(self) -> None:
        # the family's view whenever the room is open; the desk otherwise
        if not self.KEEPS_ITS_VIEW:
            self.vig.together = self.vig.room
        # (a screen covered while the mode changed took the current mode's
        # styles as it was uncovered; this is a no-op then)
        self.vig.style_shown_screens()


#: The class of a form's date boxes (YYYY-MM-DD): typing replaces the date shown.
DATE_BOX = "date"


class GuardsUnsavedChanges(VigScreen):
    """A form that is saved by a deliberate Save: leaving it (Esc) with fields
    that differ from what was last saved asks "Save your changes?" instead of
    dropping what was typed. Subclasses give the fields' values and the save;
    they bind Esc to ``leave`` and call ``mark_saved`` once the form is filled.
    Quitting vig (Ctrl+Q) asks the same question first."""

    _saved_values: object = None

    @on(Mount)
    def _edit_what_is_there(self) -> None:
        # A form shows what was saved: Tab into a box puts the cursor at its end
        # rather than selecting it all (one key would replace a family's label),
        # and the first box has the focus when no field took it (only the form's
        # scrolling container, say). A date box (class "date") holds a suggestion,
        # today say, that is replaced whole: it keeps selecting on focus.
        for box in self.query(Input):
            box.select_on_focus = box.has_class(DATE_BOX)
        if self.focused is None or self.focused.is_container:
            # the form's first field, whatever kind (the consent form starts with ticks)
            fields = (w for w in self.focus_chain if not (w.is_container or isinstance(w, Button)))
            first = next(fields, None)
            if first is not None:
                first.focus()

    def form_values(self) -> object:
        """What the form's fields hold now (compared with the last save)."""
        raise NotImplementedError

    def save_form(self) -> bool:
        """Save the form; False (with the reason shown) when it was not saved."""
        raise NotImplementedError

    def mark_saved(self) -> None:
        self._saved_values = self.form_values()

    def has_unsaved_changes(self) -> bool:
        return bool(self.form_values() != self._saved_values)

    def action_leave(self) -> None:
        self.ask_before(self.app.pop_screen)

    def ask_before(self, then: Callable[[], object]) -> None:
        """Do `then` (leave the form, quit vig) once what was typed is saved
        or deliberately dropped: with unsaved changes, ask first."""
        from ..dialogs.save_changes import Choice, SaveChangesScreen

        if not self.has_unsaved_changes():
            then()
            return

        def chosen(choice: Choice) -> None:
            if choice == "discard" or (choice == "save" and self.save_form()):
                then()

        self.app.push_screen(SaveChangesScreen(), chosen)
