"""ClipPrepScreen with FakePlayer: mark, nudge, preview, tag, save, warnings."""

from __future__ import annotations

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, SelectionList, TextArea

from tests.conftest_playback import SAMPLE_FILM
from vig_tui.playback.clips import ClipDraft
from vig_tui.playback.errors import PlayerUnavailable
from vig_tui.playback.fake import FakePlayer
from vig_tui.playback.player import Player, UnavailablePlayer
from vig_tui.ui.screens.clip_prep import ClipPrepScreen
from vig_tui.ui.widgets.player_panel import PlayerPanel

PRINCIPLES = [
    ("attentive", "Being attentive"),
    ("encouraging", "Encouraging initiatives"),
    ("receiving", "Receiving initiatives"),
]


class PrepApp(App[None]):
    def __init__(self, player: Player, existing: list[ClipDraft] | None = None) -> None:
        super().__init__()
        self.player = player
        self.existing = existing or []
        self.saved: list[ClipDraft] = []

    def save(self, draft: ClipDraft) -> str:
        self.saved.append(draft)
        return draft.id or f"clip-{len(self.saved)}"

    def on_mount(self) -> None:
        self.push_screen(
            ClipPrepScreen(self.player, SAMPLE_FILM, self.existing, PRINCIPLES, self.save)
        )


def screen_of(app: App[None]) -> ClipPrepScreen:
    screen = app.screen
    assert isinstance(screen, ClipPrepScreen)
    return screen


async def _type(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*text)


async def test_mark_nudge_and_save() -> None:
    fake = FakePlayer()
    app = PrepApp(fake)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        assert fake.film_path == SAMPLE_FILM
        await pilot.press("space")
        fake.advance(0)
        fake.advance(2000)
        await pilot.press("left_square_bracket")
        fake.advance(4000)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert (screen.start_ms, screen.end_ms) == (2000, 6000)

        await pilot.press("minus")  # end one frame earlier
        assert screen.end_ms == 5960
        await pilot.press("left_curly_bracket", "plus")  # start one second later
        assert screen.start_ms == 3000
        await pilot.press("equals_sign", "minus", "minus", "underscore", "plus")
        assert screen.start_ms == 2960
        assert fake.position_ms() == 2960  # the frame is shown, paused

        await pilot.press("v")
        assert fake.calls[-1] == "play_clip 2960 5960"

        screen.query_one("#cp-title", Input).focus()
        await _type(pilot, "[bold]Peekaboo[/bold] - v")
        screen.query_one("#cp-principles", SelectionList).select("receiving")
        screen.query_one("#cp-chain", TextArea).text = "Ava looks up; Mum smiles and names it."
        screen.query_one("#cp-micro", TextArea).text = "Three turns back and forth."
        await pilot.pause()
        assert screen.dirty
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert app.saved == [
            ClipDraft(
                id=None,
                start_ms=2960,
                end_ms=5960,
                title="[bold]Peekaboo[/bold] - v",
                principles=["receiving"],
                chain_note="Ava looks up; Mum smiles and names it.",
                micro_note="Three turns back and forth.",
            )
        ]
        # the form is ready for the next clip, and the saved one is listed (with its id)
        assert screen.start_ms is None and screen.query_one("#cp-title", Input).value == ""
        assert not screen.dirty
        assert screen.clips[0].id == "clip-1"
        option = screen.query_one("#cp-clips", OptionList).get_option_at_index(0)
        assert "[bold]Peekaboo[/bold]" in str(option.prompt)
        screen.query_one("#cp-clips", OptionList).scroll_visible(animate=False)
        await pilot.pause(0.1)
        svg = app.export_screenshot()
        assert "[bold]Peekaboo[/bold]" in svg  # shown as typed, not as markup


async def test_editing_an_existing_clip_keeps_its_id() -> None:
    existing = [ClipDraft("abc", 1000, 5000, "First [look]", ["attentive"], "chain", "micro")]
    fake = FakePlayer()
    app = PrepApp(fake, existing)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = screen_of(app)
        screen.load(0)
        await pilot.pause()
        assert screen.query_one("#cp-title", Input).value == "First [look]"
        assert screen.query_one("#cp-principles", SelectionList).selected == ["attentive"]
        assert fake.position_ms() == 1000
        assert not screen.dirty
        await pilot.press("right_curly_bracket", "plus")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.saved[0].id == "abc"
        assert app.saved[0].end_ms == 6000
        assert len(screen.clips) == 1


async def test_long_clip_and_many_clips_are_warned_not_blocked() -> None:
    existing = [ClipDraft(f"c{i}", i * 1000, i * 1000 + 4000, f"clip {i}") for i in range(4)]
    fake = FakePlayer()
    app = PrepApp(fake, existing)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = screen_of(app)
        await pilot.press("left_square_bracket")  # at 0
        fake.seek(12_000)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        advice = screen.advice()
        assert any("12.0 s" in line for line in advice)
        assert any("5 clips" in line for line in advice)
        shown = str(screen.query_one("#cp-advice").render())
        svg = app.export_screenshot()
        assert "12.0" in svg or "12.0" in shown
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(app.saved) == 1  # warnings never block


async def test_end_before_start_is_not_saved() -> None:
    fake = FakePlayer()
    app = PrepApp(fake)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = screen_of(app)
        fake.seek(5000)
        await pilot.press("left_square_bracket")
        fake.seek(3000)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert any("after the start" in line for line in screen.advice())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.saved == []


async def test_screen_opens_without_vlc_and_notes_still_work() -> None:
    player = UnavailablePlayer(PlayerUnavailable("libvlc not found"))
    app = PrepApp(player)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = screen_of(app)
        panel = screen.query_one(PlayerPanel)
        assert "sudo apt install libvlc5 vlc-plugin-base" in panel.message
        screen.query_one("#cp-title", Input).focus()
        await _type(pilot, "Notes first")
        await pilot.press("escape")  # back to the panel
        assert panel.has_focus
        await pilot.press("left_square_bracket", "right_square_bracket")
        for _ in range(4):
            await pilot.press("plus")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.saved and app.saved[0].title == "Notes first"
        assert (app.saved[0].start_ms, app.saved[0].end_ms) == (0, 4000)


async def test_one_esc_leaves_a_clip_with_nothing_entered() -> None:
    """With nothing entered (a new clip, from any field), one Esc leaves; the
    "not saved" warning is only for a clip with something in it, and typing
    something then taking it out again counts as nothing."""
    for before in ((), ("tab",), ("tab", "x", "backspace"), ("ctrl+n", "tab", "tab")):
        app = PrepApp(FakePlayer())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press(*before)
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, ClipPrepScreen), before
            assert not app._notifications, before


async def test_leaving_with_unsaved_changes_asks_first() -> None:
    fake = FakePlayer()
    app = PrepApp(fake)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("left_square_bracket")
        await pilot.press("escape")
        assert isinstance(app.screen, ClipPrepScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ClipPrepScreen)


async def test_ctrl_n_on_a_clip_not_saved_asks_before_dropping_it() -> None:
    """A clip marked and filled in, then Ctrl+N: it went without a word (Esc
    asked). Now the first Ctrl+N says it is not saved and keeps everything;
    a second drops it."""
    fake = FakePlayer()
    app = PrepApp(fake)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await pilot.press("left_square_bracket")
        fake.advance(3000)
        await pilot.press("right_square_bracket")
        screen.query_one("#cp-title", Input).value = "Sam hands over the block"
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.query_one("#cp-title", Input).value == "Sam hands over the block"
        assert screen.start_ms is not None
        assert [n for n in app._notifications if "not been saved" in n.message]
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.query_one("#cp-title", Input).value == ""
        assert screen.start_ms is None and not app.saved


async def test_a_new_clip_starts_its_lists_at_the_top() -> None:
    """The same keys tick the same principle in every clip: after a clip is
    saved (or dropped with Ctrl+N), the next clip's principles list starts on
    its first row, scrolled to the top, with nothing ticked. The highlight once
    stayed where the last clip left it, so Down ×3, Space ticked the wrong
    principle and it went into the family's letter."""
    fake = FakePlayer()
    app = PrepApp(fake)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        principles = screen.query_one("#cp-principles", SelectionList)
        fresh = principles.highlighted

        async def mark() -> None:
            screen.panel.focus()
            await pilot.press("left_square_bracket")
            fake.advance(3000)
            await pilot.press("right_square_bracket")

        async def tick_with_keys() -> list[str]:
            principles.focus()
            await pilot.pause()
            await pilot.press("down", "space")
            await pilot.pause()
            ticked = [str(v) for v in principles.selected]
            await pilot.press("end")  # the clip ends on the last row
            return ticked

        await pilot.press("space")  # play
        fake.advance(0)
        fake.advance(1000)
        await mark()
        first = await tick_with_keys()
        assert len(first) == 1
        # saved, or dropped (Ctrl+N on a clip not saved asks first: pressed again, it drops it)
        for keys in (("ctrl+s",), ("ctrl+n", "ctrl+n")):
            await pilot.press(*keys)
            await pilot.pause()
            start_new = keys[0]
            assert list(principles.selected) == [], start_new
            assert principles.highlighted == fresh, start_new
            assert principles.scroll_offset.y == 0
            assert await tick_with_keys() == first, start_new
        assert len(app.saved) == 1 and app.saved[0].principles == first
