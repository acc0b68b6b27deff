"""PlayerPanel driven by FakePlayer through Textual's Pilot."""

from __future__ import annotations

import threading
from pathlib import Path

from textual.app import App, ComposeResult
from textual.message import Message

from tests.conftest_playback import SAMPLE_FILM, state_of
from vig_tui.playback.errors import CannotDecode, FilmMissing, PlayerUnavailable
from vig_tui.playback.fake import FakePlayer
from vig_tui.playback.player import (
    EventKind,
    Player,
    PlayerEvent,
    PlayerState,
    UnavailablePlayer,
)
from vig_tui.ui.widgets.player_panel import PlayerPanel


class PanelApp(App[None]):
    def __init__(
        self, player: Player, film: Path | None = SAMPLE_FILM, still_dir: Path | None = None
    ) -> None:
        super().__init__()
        self.player = player
        self.film = film
        self.still_dir = still_dir
        self.marks: list[tuple[str, int]] = []
        self.stills: list[Path] = []

    def compose(self) -> ComposeResult:
        folder = self.still_dir
        still = (lambda ms: folder / f"still-{ms}.png") if folder is not None else None
        yield PlayerPanel(self.player, self.film, marking=True, still_path=still)

    def on_mount(self) -> None:
        self.query_one(PlayerPanel).focus()

    def on_player_panel_mark_requested(self, message: PlayerPanel.MarkRequested) -> None:
        self.marks.append((message.which, message.position_ms))

    def on_player_panel_still_saved(self, message: PlayerPanel.StillSaved) -> None:
        self.stills.append(message.path)


def status_text(app: App[None]) -> str:
    return app.query_one(PlayerPanel).status_line


async def test_keys_drive_the_player(tmp_path: Path) -> None:
    fake = FakePlayer()
    app = PanelApp(fake, still_dir=tmp_path / "family" / "stills")
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one(PlayerPanel)
        assert fake.film_path == SAMPLE_FILM
        await pilot.pause()
        assert "Ready" in status_text(app)

        await pilot.press("space")
        fake.advance(0)
        assert fake.state is PlayerState.PLAYING
        fake.advance(2000)
        await pilot.press("right")
        assert fake.position_ms() == 3000
        await pilot.press("shift+right")
        assert fake.position_ms() == 8000
        await pilot.press("left", "shift+left")
        assert fake.position_ms() == 2000
        await pilot.press("full_stop")
        assert fake.position_ms() == 2040 and state_of(fake) is PlayerState.PAUSED
        await pilot.press("comma")
        assert fake.position_ms() == 2000

        await pilot.press("left_square_bracket")
        fake.seek(6000)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.marks == [("start", 2000), ("end", 6000)]

        await pilot.press("s")
        assert fake.rate == 0.5
        await pilot.press("s")
        assert fake.rate == 0.25
        await pilot.press("s")
        assert fake.rate == 1.0
        await pilot.press("l")
        assert fake.loop is True
        await pilot.press("r")
        assert "replay" in fake.calls
        await pilot.press("f")
        assert state_of(fake) is PlayerState.PAUSED
        await pilot.press("p")
        await pilot.pause()
        assert len(app.stills) == 1 and app.stills[0].exists()
        assert app.stills[0].parent == tmp_path / "family" / "stills"
        await pilot.press("space")
        assert fake.state is PlayerState.PLAYING
        await pilot.pause(0.25)  # let the tick timer redraw
        assert "Playing" in status_text(app)
        assert "looping" in status_text(app)
        assert panel.problem is None


async def test_still_without_family_folder_explains() -> None:
    app = PanelApp(FakePlayer())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "p")
        assert "family" in app.query_one(PlayerPanel).message


async def test_events_from_another_thread_arrive_as_messages() -> None:
    fake = FakePlayer()
    app = PanelApp(fake)
    received: list[Message] = []
    async with app.run_test(size=(80, 24), message_hook=received.append) as pilot:
        panel = app.query_one(PlayerPanel)
        error = CannotDecode(SAMPLE_FILM, "VLC reported an error")

        def from_vlc_thread() -> None:
            for ms in range(0, 5000, 10):
                panel.deliver(PlayerEvent(EventKind.TIME, position_ms=ms))
            panel.deliver(PlayerEvent(EventKind.ERROR, error=error))

        worker = threading.Thread(target=from_vlc_thread)
        worker.start()
        worker.join()
        await pilot.pause(0.2)
        assert str(error) == panel.message
        ticks = [m for m in received if isinstance(m, PlayerPanel.TimeTick)]
        assert ticks, "time ticks should arrive"
        assert panel.last_vlc_time_ms == 4990
        assert PlayerPanel.TimeTick(1).can_replace(PlayerPanel.TimeTick(2))
        assert not PlayerPanel.TimeTick(1).can_replace(
            PlayerPanel.PlayerEventReceived(PlayerEvent(EventKind.PLAYING))
        )


async def test_clip_end_message() -> None:
    fake = FakePlayer()
    app = PanelApp(fake)
    async with app.run_test(size=(80, 24)) as pilot:
        fake.play_clip(1000, 2000)
        fake.advance(0)
        fake.advance(1200)
        await pilot.pause(0.15)
        assert "watch it again" in app.query_one(PlayerPanel).message


async def test_unavailable_player_shows_how_to_fix() -> None:
    app = PanelApp(UnavailablePlayer(PlayerUnavailable("no libvlc")))
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one(PlayerPanel)
        assert "sudo apt install libvlc5 vlc-plugin-base" in panel.message
        await pilot.press("space", "right", "full_stop", "s", "p")
        assert "libvlc5" in panel.message
        assert "No film" in status_text(app)


async def test_missing_film_message(tmp_path: Path) -> None:
    app = PanelApp(FakePlayer(require_file=True), film=tmp_path / "moved.mp4")
    async with app.run_test(size=(80, 24)):
        panel = app.query_one(PlayerPanel)
        assert isinstance(panel.problem, FilmMissing)
        assert "moved.mp4" in panel.message


async def test_panel_under_another_screen_hands_back_the_player() -> None:
    from textual.screen import Screen

    fake = FakePlayer()
    app = PanelApp(fake)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one(PlayerPanel)
        other: Screen[None] = Screen()
        await app.push_screen(other)
        other_film = Path("/elsewhere/other.mp4")
        fake.open(other_film)  # someone else used the shared player meanwhile
        fake.set_event_sink(None)
        await pilot.pause(0.25)
        assert fake.film_path == other_film
        app.pop_screen()
        await pilot.pause(0.25)
        assert fake.film_path == SAMPLE_FILM
        fake.play_clip(0, 1000)
        fake.advance(0)
        fake.advance(1100)
        await pilot.pause(0.1)
        assert "watch it again" in panel.message
