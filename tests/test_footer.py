"""The footer: one widget that draws the screen's keys as one line.

A change of keys (a step with other keys, the focus moving into a text box)
repaints that line and lays nothing out; the keys can be clicked; a key that
is not available now is drawn dim and only rings the bell; the palette's key
is never offered while the family's view is on."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from vig_tui.demo import build_demo_record
from vig_tui.packs import load_packs
from vig_tui.playback.fake import FakePlayer
from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.dialogs.help import HelpScreen
from vig_tui.ui.screens.dashboard import DashboardScreen
from vig_tui.ui.screens.meeting import MeetingScreen
from vig_tui.ui.widgets.footer import PALETTE_BAR, VigFooter

from .journey_helpers import leave_meeting, past_read_back
from .test_meeting_cost import count_layouts


class KeysScreen(Screen[None]):
    BINDINGS = [
        Binding("f1", "app.help", "Help"),
        Binding("n", "next", "Next"),
        Binding("w", "watch", "Watch"),
        Binding("s", "save", "Save"),
    ]

    #: whether "w" is offered (a step with a clip)
    with_clip = True
    #: whether "s" can be used now (it is shown either way)
    can_save = False

    def compose(self) -> ComposeResult:
        yield Static("words")
        yield VigFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "watch":
            return self.with_clip
        if action == "save":
            return True if self.can_save else None  # None: shown, but dim
        return True

    def action_next(self) -> None:
        self.app.pressed.append("next")  # type: ignore[attr-defined]

    def action_save(self) -> None:
        self.app.pressed.append("save")  # type: ignore[attr-defined]


class KeysApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.pressed: list[str] = []
        self.bells = 0

    def on_mount(self) -> None:
        self.push_screen(KeysScreen())

    def action_help(self) -> None:
        self.pressed.append("help")

    def bell(self) -> None:
        self.bells += 1


async def test_keys_that_come_and_go_repaint_the_line_and_lay_nothing_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = KeysApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, KeysScreen)
        footer = screen.query_one(VigFooter)
        assert not footer.children  # one widget, whatever the keys
        assert footer.shown_keys[:4] == ["f1 Help", "n Next", "w Watch", "s Save"]
        layouts = count_layouts(monkeypatch)
        screen.with_clip = False
        screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert "w Watch" not in footer.shown_keys
        assert "n Next" in footer.shown_keys
        screen.with_clip = True
        screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert "w Watch" in footer.shown_keys
        assert layouts == []


async def test_a_key_is_clicked_and_one_not_available_now_only_rings_the_bell() -> None:
    app = KeysApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(VigFooter)
        where = {placed.key.description: placed for placed in footer.placed}
        await pilot.click(VigFooter, offset=(where["Next"].start + 1, 0))
        await pilot.click(VigFooter, offset=(where["Help"].end - 2, 0))
        await pilot.click(VigFooter, offset=(where["Save"].start + 1, 0))
        await pilot.pause()
        assert app.pressed == ["next", "help"]
        assert app.bells == 1
        # a dim key: drawn, but greyed out
        dim = footer.render().get_style_at_offset(app.console, where["Save"].start + 1)
        assert (
            dim.dim
            and not footer.render().get_style_at_offset(app.console, where["Next"].start + 1).dim
        )


async def test_at_80_columns_help_and_the_way_out_lead_and_no_key_is_cut() -> None:
    app = KeysApp()
    async with app.run_test(size=(30, 10)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(VigFooter)
        assert footer.shown_keys[0] == "f1 Help"
        line = "".join(segment.text for segment in footer.render_line(0))
        for placed in footer.placed:
            words = f"{placed.key.display} {placed.key.description}"
            assert words in line, (words, line)
        assert all(placed.end <= 30 for placed in footer.placed)


async def test_the_palette_key_is_the_practitioners_only(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        family = store.create_family(build_demo_record())
        app = VigApp(store, packs=load_packs(include_user=False), player_factory=FakePlayer)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            footer = app.screen.query_one(VigFooter)
            assert any("palette" in key for key in footer.shown_keys)
            app.open_family(family.id)
            await pilot.pause()
            await pilot.press("r")
            await past_read_back(pilot)
            assert isinstance(app.screen, MeetingScreen) and app.together
            for _ in range(3):
                await pilot.pause()
            footer = app.screen.query_one(VigFooter)
            assert footer.shown_keys and not any("palette" in key for key in footer.shown_keys)
            assert "palette" not in "".join(s.text for s in footer.render_line(0))
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            await pilot.pause()
            # back at the desk (the practitioner closes the room): the dashboard,
            # covered while the view changed, offers the palette again
            app.close_room()
            for _ in range(3):
                await pilot.pause()
            while not isinstance(app.screen, DashboardScreen):
                if isinstance(app.screen, MeetingScreen):
                    await leave_meeting(pilot)
                else:
                    await pilot.press("escape")
                await pilot.pause()
            footer = app.screen.query_one(VigFooter)
            assert any("palette" in key for key in footer.shown_keys), footer.shown_keys


@pytest.mark.parametrize("width", [30, 34, 40])
async def test_on_a_narrow_terminal_every_key_shown_is_whole(tmp_path: Path, width: int) -> None:
    """At 40 columns and fewer the always-shown keys and the palette's key do not
    all fit: those that do not are left out whole (a key was cut mid-word, and
    at 34 columns the palette's word)."""
    with Store.open(tmp_path / "store") as store:
        family = store.create_family(build_demo_record())
        app = VigApp(store, packs=load_packs(include_user=False), player_factory=FakePlayer)
        async with app.run_test(size=(width, 24)) as pilot:
            for where in ("home", "dashboard", "meeting"):
                if where == "dashboard":
                    app.open_family(family.id)
                elif where == "meeting":
                    await pilot.press("r")
                    await past_read_back(pilot)
                    assert isinstance(app.screen, MeetingScreen)
                for _ in range(3):
                    await pilot.pause()
                footer = app.screen.query_one(VigFooter)
                line = "".join(segment.text for segment in footer.render_line(0))
                assert footer.placed and footer.shown_keys[0] == "f1 Help", line
                for placed in footer.placed:
                    key_words, description = placed.key.words()
                    assert (
                        line[placed.start : placed.end].rstrip()
                        == (key_words + description).rstrip()
                    ), line
                    assert placed.end <= width, (placed, line)
                # nothing else on the line: no piece of a key left out
                drawn = "".join(
                    key.words()[0] + key.words()[1] for key in (p.key for p in footer.placed)
                )
                assert line.replace(PALETTE_BAR, "").replace(" ", "") == drawn.replace(" ", ""), (
                    line
                )
