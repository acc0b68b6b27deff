"""What the conversation view's saving keys cost the screen: counted, not timed.

Enter (keep a remark) and Ctrl+Down (the next stage) each grow or change the
view, which takes one layout of the screen. Textual then asked for a second
one as every container that grew recorded its new scrollable size — a reflow
and a paint of everything that had moved, finding nothing left to move. These
tests count the layouts (timings live in bench/keys.py)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input

from vig_tui.demo import build_demo_record
from vig_tui.packs import load_packs
from vig_tui.playback.fake import FakePlayer
from vig_tui.store import Store
from vig_tui.store.family_repo import read_record
from vig_tui.ui.app import VigApp
from vig_tui.ui.widgets.sized_by_layout import LaidOutColumn, LaidOutScroll, LaidOutText

from .test_key_cost import count_layouts, in_conversation, quiet


async def test_keeping_a_remark_lays_out_once(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    family = store.create_family(build_demo_record())
    app = VigApp(store, packs=load_packs(include_user=False), player_factory=FakePlayer)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await in_conversation(app, pilot, family.id)
        said = meeting.query_one("#talk-said")
        for n, words in enumerate(["she smiled", "he looked up", "they laughed"]):
            await pilot.press(*words)
            await quiet(pilot, meeting)
            height = said.size.height
            layouts = count_layouts(monkeypatch, meeting)
            await pilot.press("enter")
            await quiet(pilot, meeting)
            assert layouts == [1], f"remark {n + 1}"  # "Said so far" grew by a line: one layout
            assert said.size.height == height + 1
            assert meeting.query_one("#talk-words", Input).value == ""
            assert words in str(said.render())
    on_disk = read_record(store.family_folder(family.id))
    kept = {r.family_words for r in on_disk.reflections}
    assert {"she smiled", "he looked up", "they laughed"} <= kept


@pytest.mark.parametrize("view", ["family", "practitioner"])
async def test_each_stage_move_lays_out_once(
    store: Store, monkeypatch: pytest.MonkeyPatch, view: str
) -> None:
    """Through every stage and back, in both views (the practitioner's shows
    the stage's cue, which changes size from stage to stage)."""
    family = store.create_family(build_demo_record())
    app = VigApp(store, packs=load_packs(include_user=False), player_factory=FakePlayer)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await in_conversation(app, pilot, family.id)
        if view == "practitioner":
            await pilot.press("f2")
            meeting.query_one("#talk-words").focus()
        talk: Any = meeting.talk_view()
        for key in ["ctrl+down"] * (len(talk.stages) - 1) + ["ctrl+up"] * (len(talk.stages) - 1):
            await quiet(pilot, meeting)
            before = talk.stage
            layouts = count_layouts(monkeypatch, meeting)
            await pilot.press(key)
            await quiet(pilot, meeting)
            assert talk.stage != before
            assert layouts == [1], f"{key} to stage {talk.stage + 1}"
            assert meeting.session.progress[f"stage:{talk.clip_id}"] == talk.current.id
        assert talk.stage == 0


class GrowingApp(App[None]):
    """A text in a column in a scroll, as a step sits in the meeting's body."""

    CSS = "#column { height: auto; }"

    def compose(self) -> ComposeResult:
        with LaidOutScroll(id="body"), LaidOutColumn(id="column"):
            yield LaidOutText("line 0", id="text")


async def test_a_column_laid_out_once_still_scrolls_to_all_it_holds() -> None:
    """Taking the size from the one layout keeps the scrollable size right:
    the scroll bar comes when the text outgrows the screen, the end can be
    scrolled to, and the bar goes when the text shrinks again."""
    app = GrowingApp()
    async with app.run_test(size=(30, 6)) as pilot:
        body = app.query_one("#body", LaidOutScroll)
        text = app.query_one("#text", LaidOutText)
        text.update("\n".join(f"line {n}" for n in range(20)))
        await pilot.pause()
        assert body.virtual_size.height == 20 and body.show_vertical_scrollbar
        assert app.query_one("#column").size.height == 20
        body.scroll_end(animate=False)
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y == 20 - 6
        text.update("line 0")
        await pilot.pause()
        assert not body.show_vertical_scrollbar
        assert body.scroll_y == body.max_scroll_y == 0
