"""The vig Textual app: Home, the family dashboard and the journey screens."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from ..services.session import FamilySession
from ..store import CorruptFileError, Store, StoreError
from .commands import FamilyCommands
from .failed_workers import ReportsFailedWorkers

PlayerFactory = Callable[[Any], Any]


class VigApp(ReportsFailedWorkers, App[int]):
    """Practitioner and family at one laptop; or the practitioner alone at the desk."""

    TITLE = "vig"
    SUB_TITLE = "Video Interaction Guidance"
    CSS_PATH = "vig.tcss"
    COMMANDS = App.COMMANDS | {FamilyCommands}
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="help"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    #: True while the family is at the screen: private notes, scores, alerts
    #: and principle names are hidden.
    together: reactive[bool] = reactive(False)

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
        self.packs = packs
        self.pack_warnings = pack_warnings or []
        self.player_factory = player_factory
        self._player: object | None = None

    def on_mount(self) -> None:
        from .screens.home import HomeScreen

        self.push_screen(HomeScreen())
        if len(self.store.summaries()) > 1:
            # read every family for search in the background once Home is up,
            # so the first search is instant
            self.set_timer(1.0, self._warm_search)
        for warning in self.pack_warnings:
            self.notify(warning, title="A prompt pack was skipped", severity="warning", timeout=12)

    @work(
        thread=True,
        exclusive=True,
        group="search-warm-up",
        description="preparing search",
        exit_on_error=False,
    )
    def _warm_search(self) -> None:
        from ..desk import index_for

        index_for(self.store).build(self.store)

    def watch_together(self, together: bool) -> None:
        self.set_class(together, "-together")
        if together:
            # nothing meant for the practitioner (an alert, "press x again", ...)
            # may linger on screen once the family is looking
            self.clear_notifications()

    # -- families ----------------------------------------------------------------
    def open_family_session(self, family_id: str) -> FamilySession | None:
        """Open a family, turning a store problem into a calm message."""
        try:
            return FamilySession.open(self.store, family_id)
        except CorruptFileError as err:
            from .screens.recovery import RecoveryScreen

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
        from ..store import PLAIN
        from ..store.crypto import seal_file_in_place

        path = getattr(message, "path", None)
        if path is not None and self.store.codec is not PLAIN:
            try:
                seal_file_in_place(path, self.store.codec)
            except OSError as err:
                self.notify(f"The still could not be protected: {err.strerror}", severity="error")

    def save_failed(self, err: StoreError) -> None:
        self.notify(str(err), title="Not saved", severity="error", timeout=15)

    # -- help & palette ------------------------------------------------------------
    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help for this screen", "What you can do here", self.action_help)
