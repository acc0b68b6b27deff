"""What the conversation view's saving keys cost the screen: counted, not timed.

Enter (keep a remark) repaints "Said so far", a box of fixed height that
scrolls itself: no layout of the screen. Ctrl+Down (the next stage) repaints
what keeps its size and lays the screen out once only when something takes
more or less room (see the tests). Textual then asked for a second
one as every container that grew recorded its new scrollable size — a reflow
and a paint of everything that had moved, finding nothing left to move. These
tests count the layouts (timings live in bench/keys.py)."""

from __future__ import annotations

import errno
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

from .journey_helpers import screen_text
from .test_key_cost import count_layouts, in_conversation, quiet


async def test_keeping_a_remark_lays_out_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The "Said so far" box keeps the height the layout gave it: a kept remark
    repaints the box, scrolled to the newest remark, and nothing else moves —
    also once the remarks overflow it (its scroll bar is always there)."""
    family = store.create_family(build_demo_record())
    app = VigApp(store, packs=load_packs(include_user=False), player_factory=FakePlayer)
    spoken = ["she smiled", "he looked up", "they laughed", "calm now", "hands out", "all quiet"]
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await in_conversation(app, pilot, family.id)
        said = meeting.query_one("#talk-said")
        height = said.size.height
        for n, words in enumerate(spoken):
            await pilot.press(*words)
            await quiet(pilot, meeting)
            layouts = count_layouts(monkeypatch, meeting)
            await pilot.press("enter")
            await quiet(pilot, meeting)
            assert layouts == [0], f"remark {n + 1}"
            assert said.size.height == height
            assert meeting.query_one("#talk-words", Input).value == ""
            assert words in str(said.render()) and words in screen_text(app)
        assert said.virtual_size.height > height  # they overflow the box
        assert said.scroll_y > 0  # scrolled on to the newest
    on_disk = read_record(store.family_folder(family.id))
    kept = {r.family_words for r in on_disk.reflections}
    assert set(spoken) <= kept


@pytest.mark.parametrize("view", ["family", "practitioner"])
async def test_a_stage_move_lays_out_only_what_changes_size(
    store: Store, monkeypatch: pytest.MonkeyPatch, view: str
) -> None:
    """Through every stage and back, in both views. The stage's bar (one line),
    its prompts (the picker shows "none" again) and, behind the family's view,
    the practitioner's cue keep their size: a repaint. Exactly one layout when
    something on screen takes more or less room: the link picker coming or going
    (into and out of the helping-question stage), or in the practitioner's view
    the stage's cue taking more or fewer lines."""
    family = store.create_family(build_demo_record())
    app = VigApp(store, packs=load_packs(include_user=False), player_factory=FakePlayer)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await in_conversation(app, pilot, family.id)
        if view == "practitioner":
            await pilot.press("f2")
            meeting.query_one("#talk-words").focus()
        talk: Any = meeting.talk_view()
        cue = meeting.query_one("#talk-cue")
        free = 0
        for key in ["ctrl+down"] * (len(talk.stages) - 1) + ["ctrl+up"] * (len(talk.stages) - 1):
            await quiet(pilot, meeting)
            before, cue_size = talk.stage, cue.size
            layouts = count_layouts(monkeypatch, meeting)
            await pilot.press(key)
            await quiet(pilot, meeting)
            assert talk.stage != before
            resized = talk.stages[before].links_question != talk.current.links_question or (
                view == "practitioner" and cue.size != cue_size
            )
            assert layouts == [int(resized)], f"{key} to stage {talk.stage + 1}"
            free += not resized
            assert meeting.session.progress[f"stage:{talk.clip_id}"] == talk.current.id
        assert talk.stage == 0
        if view == "family":
            assert free == 4  # 1 ↔ 2 ↔ 3: a repaint each
        else:  # the cue shown is the stage's own (written as the stage changed),
            # on screen in the private column beside the talk
            cue_words = " ".join(talk.current.cue.split())
            assert cue_words and cue_words in " ".join(str(cue.render()).split())
            assert meeting.region.contains_region(cue.region)


async def test_f2_lays_the_conversation_out_once_with_the_note_and_the_words_on_screen(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """F2 into the practitioner's view shows the cue and the private note in
    a column beside the talk, the cursor in the note: at 80×24 the note and the
    family's box are both on screen, so nothing needs scrolling after the one
    layout that shows them (the note used to sit below the family's part, and
    the scroll that brought it into view was a second layout and a second
    paint of the whole screen). F2 back is one layout too."""
    family = store.create_family(build_demo_record())
    app = VigApp(store, packs=load_packs(include_user=False), player_factory=FakePlayer)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await in_conversation(app, pilot, family.id)
        note, words = meeting.query_one("#talk-note"), meeting.query_one("#talk-words")
        for _ in range(2):
            for together in (False, True):
                await quiet(pilot, meeting)
                layouts = count_layouts(monkeypatch, meeting)
                await pilot.press("f2")
                await quiet(pilot, meeting)
                assert app.together is together
                assert layouts == [1], "practitioner's view" if not together else "family's"
                assert app.focused is (words if together else note)
                for shown in (note, words) if not together else (words,):
                    assert meeting.region.contains_region(shown.region), shown.id
                monkeypatch.undo()


async def test_a_save_with_no_notice_to_take_down_leaves_the_toasts_alone(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every save told the app so, and the app rebuilt its toasts each time in
    case a "Not saved" notice was up: only a notice to take down needs it."""
    family = store.create_family(build_demo_record())
    app = VigApp(store, packs=load_packs(include_user=False), player_factory=FakePlayer)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await in_conversation(app, pilot, family.id)
        refreshes: list[object] = []
        original = app._refresh_notifications

        def counted() -> None:
            refreshes.append(None)
            original()

        monkeypatch.setattr(app, "_refresh_notifications", counted)
        await pilot.press(*"calm", "enter", "ctrl+down")
        await quiet(pilot, meeting)
        assert (
            meeting.record.remarks(meeting.session.id, meeting.step.clip_id)[-1].family_words
            == "calm"
        )
        assert refreshes == []


async def test_a_refused_save_keeps_the_words_and_the_stage(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the keys show as saved is on disk: when the disk refuses, the words
    stay in the box, "Said so far" and the stage stay as they were, and the
    screen says so."""
    import vig_tui.store.storage as storage

    family = store.create_family(build_demo_record())
    app = VigApp(store, packs=load_packs(include_user=False), player_factory=FakePlayer)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await in_conversation(app, pilot, family.id)
        talk: Any = meeting.talk_view()
        said_before = str(meeting.query_one("#talk-said").render())
        stage_before = talk.stage

        def full(path: Any, data: bytes, **kwargs: Any) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(storage, "atomic_write", full)
        await pilot.press(*"she waved", "enter")
        await quiet(pilot, meeting)
        assert meeting.query_one("#talk-words", Input).value == "she waved"
        assert str(meeting.query_one("#talk-said").render()) == said_before
        assert "not saved" in str(meeting.query_one("#saved-mark").render())
        await pilot.press("ctrl+down")
        await quiet(pilot, meeting)
        assert talk.stage == stage_before
        assert meeting.query_one("#talk-words", Input).value == "she waved"
        assert "she waved" in screen_text(app)  # still in the box, in view
        monkeypatch.undo()
        await pilot.press("enter")
        await quiet(pilot, meeting)
        assert "she waved" in str(meeting.query_one("#talk-said").render())
        assert "she waved" in screen_text(app)  # kept, and shown in "Said so far"
    on_disk = read_record(store.family_folder(family.id))
    assert [r.family_words for r in on_disk.reflections].count("she waved") == 1


class GrowingApp(App[None]):
    """A text in a column in a scroll, as a step sits in the meeting's body."""

    CSS = "#column { height: auto; }"

    def compose(self) -> ComposeResult:
        with LaidOutScroll(id="body"), LaidOutColumn(id="column"):
            yield LaidOutText("line 0", id="text")


async def test_a_column_laid_out_once_still_scrolls_to_all_it_holds() -> None:
    """Taking the size from the one layout keeps the scrollable size right:
    the scroll bar comes when the text outgrows the screen, the end can be
    scrolled to, and the bar has nothing to show when the text shrinks again
    (its column stays, blank, so the text never wraps anew)."""
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
        bar = body.vertical_scrollbar
        assert bar.window_virtual_size <= bar.window_size  # no thumb: nothing to scroll
        assert body.scroll_y == body.max_scroll_y == 0
