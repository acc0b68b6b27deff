"""The vig Textual app: Home, the family dashboard and the journey screens."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen

from ..services.practice import CorruptFileError, Practice, Store, StoreError
from .commands import FamilyCommands
from .failed_workers import ReportsFailedWorkers
from .key_order import keys_handed_on, move_focus_now, takes_first
from .pack_loading import LazyPacks
from .room import (
    may_quit_in_the_room,
    opens_room,
    reopen_room_left_open,
)
from .room_gate import RoomGate
from .text import clean

if TYPE_CHECKING:
    from ..services.session import FamilySession

PlayerFactory = Callable[[Any], Any]


class VigApp(ReportsFailedWorkers, RoomGate):
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
        self._started_background = False
        self._quit_asked = False  # in the room, when the room could not be noted on disk
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
