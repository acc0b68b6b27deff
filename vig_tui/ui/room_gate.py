"""The room's one gate, as the base of the vig app.

While the room is open (a meeting is on, the family at the laptop), every
screen, dialog, palette entry and notification comes through here, and only
what is declared family-safe is shown: anything else is refused, or held for
the desk. A failed save becomes words here too: the whole message at the desk,
plain words without a path or an id in the family's view.
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual.app import App
from textual.await_complete import AwaitComplete
from textual.notifications import Notify, SeverityLevel
from textual.reactive import var
from textual.screen import Screen, ScreenResultCallbackType

from ..services.practice import Store, StoreError
from .commands import RoomPalette
from .room import (
    HELD_LIMIT,
    NOT_IN_THE_ROOM,
    NOT_SAVED,
    TOGETHER_CLASS,
    RoomStyles,
    VigNotification,
    forget_room,
    is_family_safe,
    note_room_open,
    opens_room,
    room_words_for,
)
from .text import clean


def finished() -> AwaitComplete:
    """An await that is already complete (for a screen change that was refused)."""
    done: AwaitComplete = AwaitComplete.nothing()
    return done


class RoomGate(App[int]):
    """The app's screens, notifications and palette, gated by the room."""

    #: the store the app works on (given by the app); the room is noted in its folder
    store: Store

    #: True while the room is open: the family is at the laptop. Only screens,
    #: dialogs, palette entries and notifications that are family-safe can show.
    #: It opens with a meeting and closes only by the practitioner's deliberate
    #: act (F2 and a typed word on the closing screen). Both are `var`s: a change
    #: repaints only what is styled for it (see `RoomStyles`), not every cell.
    room: var[bool] = var(False)
    #: True while the family's view is on screen: private notes, scores, alerts
    #: and principle names are hidden. Inside a meeting F2 turns it off (the
    #: practitioner view) while the room stays open.
    together: var[bool] = var(False)

    def __init__(self) -> None:
        super().__init__()
        self._held: list[VigNotification] = []
        self._room_styles = RoomStyles()

    def watch_together(self, together: bool) -> None:
        self._style_for_room(together)
        if together:
            # nothing meant for the practitioner (an alert, "press x again", ...)
            # may linger on screen once the family is looking
            self.clear_notifications()
        else:
            held, self._held = self._held, []
            for note in held:
                self._show(note.renewed())

    def _style_for_room(self, together: bool) -> None:
        """The family's view or the desk's: only the nodes whose style depends
        on it are restyled, on the screens that can be seen (see `RoomStyles`)."""
        self.set_class(together, TOGETHER_CLASS, update=False)
        self.style_shown_screens()

    def style_shown_screens(self, _screen: object = None) -> None:
        """Bring the screens that can be seen (the one on top, and those seen
        through a see-through dialog) to the current mode's styles. Called on
        every change of screen, before it is painted: a screen covered while
        the mode changed takes it as it is uncovered."""
        self._room_styles.bring_up_to_date(self.stylesheet, self.screen_stack, self.together)

    def watch_room(self, room: bool) -> None:
        if room:
            self.together = True

    def close_room(self) -> None:
        """The practitioner's deliberate way back to the desk (after the confirmation)."""
        from .screens.room import ClosingScreen

        self.room = False
        self.together = False
        forget_room(self)
        if isinstance(self.screen, ClosingScreen):
            self.pop_screen()

    def _refuse(self) -> None:
        self.bell()
        self.notify(NOT_IN_THE_ROOM, severity="warning", family_safe=True)

    def push_screen(
        self,
        screen: Screen[Any] | str,
        callback: ScreenResultCallbackType[Any] | None = None,
        wait_for_dismiss: bool = False,
        *,
        mode: str | None = None,
    ) -> Any:
        """Every screen and dialog comes through here: while the room is open,
        anything not declared family-safe is refused, not shown."""
        target = self.get_screen(screen) if isinstance(screen, str) else screen
        if self.room and not is_family_safe(target):
            self._refuse()
            if wait_for_dismiss:
                refused: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
                refused.set_result(None)
                return refused
            return finished()
        opens = not self.room and opens_room(target)  # a meeting: family-safe
        pushed: Any
        if wait_for_dismiss:
            pushed = super().push_screen(target, callback, wait_for_dismiss=True, mode=mode)
        else:
            pushed = super().push_screen(target, callback, mode=mode)
        if opens:
            # The room opens as the meeting goes on top, before anything is
            # painted: the family's view is styled on the meeting alone, and
            # the desk's screen beneath stays as it is, covered.
            self.room = True
            note_room_open(self, target)
        return pushed

    def switch_screen(self, screen: Screen[Any] | str) -> AwaitComplete:
        target = self.get_screen(screen) if isinstance(screen, str) else screen
        if self.room and not is_family_safe(target):
            self._refuse()
            return finished()
        return super().switch_screen(target)

    def pop_screen(self) -> AwaitComplete:
        """Leaving a screen in the room never uncovers the desk: a meeting being
        left gives way to the closing screen; the closing screen itself stays."""
        from .screens.room import ClosingScreen, closing_for

        stack = self.screen_stack
        if self.room and len(stack) >= 2 and not is_family_safe(stack[-2]):
            if isinstance(stack[-1], ClosingScreen):
                return finished()
            return self.switch_screen(closing_for(stack[-1]))
        return super().pop_screen()

    def switch_mode(self, mode: str) -> Any:
        if self.room:
            self._refuse()
            return finished()
        return super().switch_mode(mode)

    def action_command_palette(self) -> None:
        """In the room the palette offers only family-safe commands, never other families."""
        if self.room:
            if not self.screen.has_class("--textual-command-palette"):
                self.push_screen(RoomPalette())
            return
        super().action_command_palette()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
        family_safe: bool = False,
    ) -> None:
        """Every notification is shown as literal text (never parsed as markup,
        control characters made visible). While the family's view is on, only
        notifications marked family-safe show; the others wait for the desk."""
        note = VigNotification(
            clean(str(message)),
            clean(str(title)),
            severity,
            self.NOTIFICATION_TIMEOUT if timeout is None else timeout,
            markup=False,
            family_safe=family_safe,
        )
        self.post_message(Notify(note))

    def _on_notify(self, event: Notify) -> None:
        event.prevent_default()  # this replaces Textual's own handler
        note = event.notification
        if self.together and not getattr(note, "family_safe", False):
            if isinstance(note, VigNotification):
                self._held = [*self._held, note][-HELD_LIMIT:]
            return
        self._show(note)

    def _show(self, note: Any) -> None:
        self._notifications.add(note)
        self._refresh_notifications()

    def save_failed(self, err: StoreError) -> None:
        """The one place a failed save becomes words on the screen. The desk gets
        the whole message (file and what to do); in the room the family sees only
        that it was not saved, in plain words, never a path or an id."""
        if not self.together:
            self.notify(str(err), title=NOT_SAVED, severity="error", timeout=15)
            return
        self.notify(str(err), title=NOT_SAVED, severity="error")  # held for the desk
        self.notify(
            room_words_for(err), title=NOT_SAVED, severity="error", timeout=15, family_safe=True
        )

    def save_succeeded(self) -> None:
        """A later save went through: a "Not saved" still on screen is no longer true."""
        stale = [n for n in self._notifications if n.title == NOT_SAVED]
        if not stale:
            return  # nothing to take down (the usual case): the toasts are left alone
        for note in stale:
            self._unnotify(note, refresh=False)
        self._refresh_notifications()
