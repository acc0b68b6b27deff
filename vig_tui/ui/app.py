"""The vig Textual app: Home, the family dashboard and the journey screens."""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.notifications import Notify, SeverityLevel
from textual.reactive import var
from textual.screen import Screen, ScreenResultCallbackType

from ..services.practice import CorruptFileError, Practice, Store, StoreError
from .commands import FamilyCommands, RoomPalette
from .failed_workers import ReportsFailedWorkers
from .key_order import keys_handed_on, move_focus_now, takes_first
from .pack_loading import LazyPacks
from .room import (
    HELD_LIMIT,
    NOT_IN_THE_ROOM,
    NOT_SAVED,
    TOGETHER_CLASS,
    RoomStyles,
    VigNotification,
    forget_room,
    is_family_safe,
    may_quit_in_the_room,
    note_room_open,
    opens_room,
    reopen_room_left_open,
    room_words_for,
)
from .text import clean

if TYPE_CHECKING:
    from ..services.session import FamilySession

PlayerFactory = Callable[[Any], Any]


def finished() -> AwaitComplete:
    """An await that is already complete (for a screen change that was refused)."""
    done: AwaitComplete = AwaitComplete.nothing()
    return done


class VigApp(ReportsFailedWorkers, App[int]):
    """Practitioner and family at one laptop; or the practitioner alone at the desk."""

    TITLE = "vig"
    SUB_TITLE = "Video Interaction Guidance"
    CSS_PATH = "vig.tcss"
    COMMANDS = App.COMMANDS | {FamilyCommands}
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="help"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        # taken as the app reads them, so the focus moves before the next key
        # is handed on (see key_order)
        Binding("tab", "focus_in_order(True)", show=False, id="focus.next", priority=True),
        Binding(
            "shift+tab", "focus_in_order(False)", show=False, id="focus.previous", priority=True
        ),
    ]

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

    def __init__(
        self,
        store: Store,
        *,
        packs: object | None = None,
        pack_warnings: list[str] | None = None,
        player_factory: PlayerFactory | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.practice = Practice(store)
        #: a PackSet, or LazyPacks to load them after Home is up (see packs)
        self._packs = packs
        self.pack_warnings = pack_warnings or []
        self.player_factory = player_factory
        self._player: object | None = None
        self._held: list[VigNotification] = []
        self._started_background = False
        self._quit_asked = False  # in the room, when the room could not be noted on disk
        self._room_styles = RoomStyles()
        from .keymap import configured_keymap

        keymap, self.keymap_problem = configured_keymap()
        #: the user's keymap in use (binding id → keys); help names the keys it moved
        self.keymap_in_use = keymap
        self.set_keymap(keymap)

    def on_mount(self) -> None:
        from .screens.home import HomeScreen

        self.screen_change_signal.subscribe(self, self.style_shown_screens, immediate=True)
        self.call_after_refresh(self.collect_garbage_from_now_on)
        self.push_screen(HomeScreen())
        reopen_room_left_open(self)
        self._show_pack_warnings(self.pack_warnings)
        if self.keymap_problem:
            self.notify(
                self.keymap_problem,
                title="Your keymap was not used",
                severity="warning",
                timeout=20,
            )

    @staticmethod
    def collect_garbage_from_now_on() -> None:
        """The first screen is painted: what start-up built is kept out of the
        collector's passes for good (`gc.freeze`), and collection resumes if
        `vig` held it off while starting (see `cli.cmd_app`)."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    def home_shown(self) -> None:
        """Home is on screen: start what can wait until then, so nothing
        competes with the first paint."""
        if self._started_background:
            return
        self._started_background = True
        if isinstance(self._packs, LazyPacks):
            self.set_timer(0.3, self._load_packs)
        if len(self.store.summaries()) > 1:
            # read every family for search in the background once Home is up,
            # so the first search is instant
            self.set_timer(1.0, self._warm_search)

    @property
    def packs(self) -> object | None:
        """The prompt packs (loaded on first use when they were not yet)."""
        return self._packs.get() if isinstance(self._packs, LazyPacks) else self._packs

    @packs.setter
    def packs(self, packs: object | None) -> None:
        self._packs = packs

    @work(thread=True, exclusive=True, group="packs", exit_on_error=False)
    def _load_packs(self) -> None:
        # loads them, unless a screen needed them first; either way the
        # skipped packs are told here, once
        packs: Any = self.packs
        self.call_from_thread(self._show_pack_warnings, list(packs.warnings))

    def _show_pack_warnings(self, warnings: list[str]) -> None:
        for warning in warnings:
            self.notify(warning, title="A prompt pack was skipped", severity="warning", timeout=12)

    @work(
        thread=True,
        exclusive=True,
        group="search-warm-up",
        description="preparing search",
        exit_on_error=False,
    )
    def _warm_search(self) -> None:
        self.practice.prepare_search(self.practice.search_index())

    # -- the room: the one gate for screens, notifications and the palette ------------
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

    async def _check_bindings(self, key: str, priority: bool = False) -> bool:
        # a key taken first waits for the keys before it (see key_order.py)
        # (typing pays one look at the field: only keys still waiting in it
        # are a reason to find out whether this key is one taken first)
        field = self.focused
        pending = priority and field is not None and field.message_queue_size
        if pending and takes_first(self.screen._binding_chain, key):
            await keys_handed_on(field)
        return await super()._check_bindings(key, priority)

    def action_focus_in_order(self, forward: bool) -> None:
        move_focus_now(self.screen, forward)

    def action_help_quit(self) -> None:
        """Ctrl+C (pressed out of habit) says how to quit, in plain words: Textual's
        own line is markup, which every notice here shows as written."""
        for active in self.active_bindings.values():
            if active.binding.action in ("quit", "app.quit"):
                key = self.get_key_display(active.binding)
                self.notify(f"Press {key} to quit vig.", title="Quit?", family_safe=True)
                return

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

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        # A widget is styled as it goes into the app's tree, with the classes
        # it has by then. A class it took before (a button's variant, style and
        # size, each set by its own watchers as it is made) restyled it, and
        # all it holds, at once, for nothing: several times a button.
        if node is not self and not node.is_attached:
            return
        super().update_styles(node, animate)

    def format_title(self, title: str, sub_title: str) -> Content:
        """Every header's title goes through here: control characters are made
        visible, so a label can never send escape codes to the terminal."""
        return super().format_title(clean(title), clean(sub_title))

    # -- families ----------------------------------------------------------------
    def open_family_session(self, family_id: str) -> FamilySession | None:
        """Open a family, turning a store problem into a calm message."""
        try:
            return self.practice.open_family(family_id)
        except CorruptFileError as err:
            from .dialogs.recovery import RecoveryScreen

            self.push_screen(RecoveryScreen(err))
        except StoreError as err:
            self.notify(str(err), title="Could not open", severity="error", timeout=10)
        return None

    def open_family(self, family_id: str) -> None:
        family = self.open_family_session(family_id)
        if family is not None:
            from .screens.dashboard import DashboardScreen

            self.push_screen(DashboardScreen(family))

    def get_player(self) -> Any:
        """The one player for the whole run, made on first use. When VLC cannot
        be loaded this is a stand-in that explains why; notes keep working."""
        if self._player is None:
            from ..playback import PlayerUnavailable, UnavailablePlayer, create_player

            factory: Callable[[Any], Any] = self.player_factory or create_player
            try:
                self._player = factory(None)
            except PlayerUnavailable as err:
                self._player = UnavailablePlayer(err)
        return self._player

    def on_unmount(self) -> None:
        if self._player is not None:
            # closing a half-started player must not stop the exit
            with contextlib.suppress(Exception):
                self._player.close()  # type: ignore[attr-defined]

    def _fatal_error(self) -> None:
        """An unexpected error: no traceback with local values on the terminal (they
        can hold what families said) — a report without them in the store's folder,
        and one calm line. Everything typed before it was already saved."""
        import sys

        from rich.text import Text

        from ..crash import write_crash_report

        error = sys.exc_info()[1] or self._exception
        report = write_crash_report(self.store.root, error) if error else None
        where = f" A report (without any notes) was saved to {report}." if report else ""
        self.bell()
        self._exit_renderables.append(
            Text(
                "vig stopped after an unexpected problem. "
                f"Everything typed so far was saved.{where}"
            )
        )
        self._close_messages_no_wait()

    def on_player_panel_still_saved(self, message: object) -> None:
        """Stills live inside the family's folder; in an encrypted store they are
        sealed straight away, like every other store file."""
        path = getattr(message, "path", None)
        if path is not None:
            try:
                self.practice.seal_still(path)
            except OSError as err:
                self.notify(f"The still could not be protected: {err.strerror}", severity="error")

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

    # -- help & palette ------------------------------------------------------------
    def action_help(self) -> None:
        from .dialogs.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        """Quit, but never past a form with unsaved changes: it asks first."""
        from .screens.base import GuardsUnsavedChanges

        for screen in reversed(self.screen_stack):
            if isinstance(screen, GuardsUnsavedChanges) and screen.has_unsaved_changes():
                screen.ask_before(self.exit)
                return
        if self.room:
            meeting = next((s for s in reversed(self.screen_stack) if opens_room(s)), None)
            asked, self._quit_asked = self._quit_asked, True
            if not may_quit_in_the_room(self, meeting, asked):
                return
        self.exit()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help for this screen", "What you can do here", self.action_help)

    def room_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The only commands the palette offers in the room (nothing about other families)."""
        yield SystemCommand("Help for this screen", "What you can do here", self.action_help)
        yield SystemCommand("Quit", "Close vig (everything is already saved)", self.action_quit)
