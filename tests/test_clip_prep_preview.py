"""A clip preview holds the player inside the clip only until the clip is saved
or the next one is started; while it holds, the screen says so and how to leave."""

from __future__ import annotations

from rich.console import Console
from textual.widgets import Input, OptionList, Static

from tests.test_clip_prep import PrepApp, screen_of
from vig_tui.playback.clips import ClipDraft
from vig_tui.playback.fake import FakePlayer
from vig_tui.ui.widgets.player_panel import PlayerPanel


def plain(widget: Static) -> str:
    return str(widget.render())


async def test_saving_a_previewed_clip_frees_the_whole_film() -> None:
    fake = FakePlayer(length_ms=60_000)
    app = PrepApp(fake)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await pilot.press("space")
        fake.advance(0)
        fake.advance(5500)
        await pilot.press("left_square_bracket")
        fake.advance(6000)
        await pilot.press("right_square_bracket")
        await pilot.press("v")
        await pilot.pause(0.3)
        assert fake.clip is not None
        marks = plain(screen.query_one("#cp-marks", Static))
        assert "preview" in marks and "w" in marks, marks  # the screen says how to leave it

        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert app.saved, "the clip was saved"
        assert fake.clip is None, "saving ends the preview"
        assert "preview" not in plain(screen.query_one("#cp-marks", Static))
        assert screen.query_one(PlayerPanel).has_focus
        before = fake.position_ms()
        await pilot.press("shift+right", "shift+right")
        assert fake.position_ms() > max(before, 11_500), "the whole film again"


async def test_starting_the_next_clip_ends_the_preview() -> None:
    fake = FakePlayer()
    app = PrepApp(fake)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        fake.advance(0)
        fake.advance(2000)
        await pilot.press("left_square_bracket")
        fake.advance(3000)
        await pilot.press("right_square_bracket", "v")
        assert fake.clip is not None
        await pilot.press("ctrl+n", "ctrl+n")  # marked, not saved: said once, then a new clip
        assert fake.clip is None


async def test_the_hint_line_names_w_and_fits_80_columns() -> None:
    app = PrepApp(FakePlayer())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = screen_of(app).query_one("#cp-keys", Static)
        line = plain(keys)
        assert "w " in line and "whole film" in line, line
        assert len(line) <= keys.content_region.width == 78
        console = Console(width=80, record=True)
        console.print(line)
        assert console.export_text().count("\n") == 1  # one line, nothing cut


async def test_enter_on_the_clip_list_opens_a_clip_at_once() -> None:
    """'Clips on this film (Enter to edit one)': Tab to the list, Enter, and it opens."""
    draft = ClipDraft(id="tower", start_ms=1000, end_ms=5000, title="Tower")
    app = PrepApp(FakePlayer(), [draft])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        for _ in range(5):
            await pilot.press("tab")
        assert isinstance(app.focused, OptionList)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.editing_id == "tower"
        assert screen.query_one("#cp-title", Input).value == "Tower"
