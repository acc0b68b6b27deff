"""The conversation view of a shared review, driven with Pilot: remarks typed
and kept with their stage, prompt and speaker; stages moved with Ctrl+Down/Ctrl+Up and
remembered; the step-by-step view a key away and remembered per meeting; the
practitioner's cues and clip note never shown in the family's view; prompts in
the family's words (the child's name) in both views; core or all prompts."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, Select

from vig_tui.demo import build_demo_record
from vig_tui.services.profile import practitioner_profile
from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.screens.meeting import MeetingScreen
from vig_tui.ui.screens.meeting.conversation import ConversationView
from vig_tui.ui.screens.meeting.conversation.view import OWN_REMARK
from vig_tui.ui.screens.profile import ProfileScreen

from .journey_helpers import (
    FIXED_DAY,
    leave_meeting,
    make_app,
    past_read_back,
    region_text,
    screen_text,
    talk_built,
    type_quickly,
)

#: planted in the clip note: it may only be on screen in the practitioner view
CLIP_NOTE = "SNTclipnote"
#: the shipped "what we see" stage's cue (practitioner-only)
SEEING_CUE = "Start with what can be seen and heard"
#: the remark box's hint: on screen while the box is empty and in view
WORDS_HINT = "the family's words, then Enter"


def add_family(store: Store, adults: list[str] | None = None) -> str:
    record = build_demo_record(today=FIXED_DAY)
    if adults is not None:
        record.family.adults = adults
    return store.create_family(record).id


async def open_review(pilot: Pilot[int], app: VigApp, family_id: str) -> MeetingScreen:
    app.open_family(family_id)
    await pilot.pause()
    await pilot.press("r")
    await past_read_back(pilot)
    for _ in range(4):
        await pilot.pause()
    meeting = app.screen
    assert isinstance(meeting, MeetingScreen)
    await talk_built(pilot, meeting)
    return meeting


async def leave_the_room(pilot: Pilot[int], app: VigApp) -> None:
    """Out of the meeting and back to the desk, as the practitioner ends it
    (otherwise the next start opens in the room, on the family's closing screen)."""
    await leave_meeting(pilot)
    await pilot.pause()
    app.close_room()
    await pilot.pause()


def talk(meeting: MeetingScreen) -> ConversationView:
    view = meeting.talk_view()
    assert view is not None, "the conversation view is showing"
    return view


async def test_remarks_are_kept_with_stage_and_prompt(store: Store) -> None:
    family_id = add_family(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await open_review(pilot, app, family_id)
        view = talk(meeting)
        assert meeting.step.key.endswith(":talk")
        clip_id = view.clip_id
        assert isinstance(app.focused, Input) and app.focused.id == "talk-words"
        await pilot.press(*"He looks up at me", "enter")
        await pilot.pause()
        assert "He looks up at me" in screen_text(app)  # under "Said so far"
        picker = view.query_one("#talk-prompt", Select)
        assert picker.value == OWN_REMARK
        picker.value = "notice-other"
        await pilot.pause()
        view.query_one("#talk-words", Input).focus()
        await pilot.press(*"Looking for me", "enter")
        await pilot.pause()
        assert picker.value == "notice-other"
        await pilot.press("ctrl+down")
        await pilot.pause()
        assert "Stage 2 of 5" in screen_text(app)
        assert view.query_one("#talk-prompt", Select).value == OWN_REMARK
        await pilot.press(*"Proud of himself")  # left in the box: kept on moving on
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.pause()
        assert meeting.step.clip_id != clip_id
        session_id = meeting.session_id
    record = store.family(family_id).record
    said = [(r.stage, r.prompt_id, r.family_words) for r in record.remarks(session_id, clip_id)]
    assert said[-3:] == [
        ("seeing", None, "He looks up at me"),
        ("seeing", "notice-other", "Looking for me"),
        ("inside", None, "Proud of himself"),
    ]
    assert record.session(session_id).progress[f"stage:{clip_id}"] == "inside"  # type: ignore[union-attr]


async def test_stages_move_both_ways_and_resume(store: Store) -> None:
    family_id = add_family(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app, family_id)
        for _ in range(6):  # past the last stage: it stays there
            await pilot.press("ctrl+down")
            await pilot.pause()
        assert "Stage 5 of 5: What next" in screen_text(app)
        await pilot.press("ctrl+up", "ctrl+up")
        await pilot.pause()
        assert "Stage 3 of 5" in screen_text(app)
        await leave_the_room(pilot, app)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app, family_id)
        assert "Stage 3 of 5: What made this moment possible" in screen_text(app)


async def test_the_step_by_step_view_is_a_key_away_and_remembered(store: Store) -> None:
    family_id = add_family(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        meeting = await open_review(pilot, app, family_id)
        clip_id = meeting.step.clip_id
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.pause()
        assert meeting.step.key == f"clip:{clip_id}:watch"
        assert meeting.talk_view() is None
        await leave_the_room(pilot, app)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        meeting = await open_review(pilot, app, family_id)
        assert meeting.step.kind == "watch", "the meeting remembers its view"
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.pause()
        assert meeting.step.key == f"clip:{clip_id}:talk"
        assert talk(meeting)


async def test_cues_and_the_clip_note_stay_out_of_the_familys_view(store: Store) -> None:
    family_id = add_family(store)
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        meeting = await open_review(pilot, app, family_id)
        clip_id = talk(meeting).clip_id
        meeting.family.conversation.set_clip_note(meeting.session_id, clip_id, CLIP_NOTE)
        await pilot.press("ctrl+n", "ctrl+b")  # shown afresh, with the note
        await pilot.pause()
        await pilot.pause()
        family_view = screen_text(app)
        assert CLIP_NOTE not in family_view and SEEING_CUE not in family_view
        assert "Said so far" in family_view
        await pilot.press("f2")
        await pilot.pause()
        # the practitioner's column beside the talk: its sentences wrap in it
        column = meeting.query_one("#talk-private").region
        shown = region_text(app, column)
        assert CLIP_NOTE in shown and SEEING_CUE in shown
        await pilot.press("f2")
        await pilot.pause()
        for key in ("ctrl+down", "ctrl+up", "tab", "tab", "tab", "shift+tab", "ctrl+n", "ctrl+b"):
            await pilot.press(key)
            await pilot.pause()
            for text in (screen_text(app), region_text(app, column)):
                assert CLIP_NOTE not in text and SEEING_CUE not in text, key


async def test_who_is_speaking_with_two_adults(store: Store) -> None:
    family_id = add_family(store, adults=["Robin", "Alex"])
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        meeting = await open_review(pilot, app, family_id)
        view = talk(meeting)
        speaker = view.query_one("#talk-speaker", Select)
        assert speaker.value == "Robin"
        speaker.value = "Alex"
        await pilot.pause()
        view.query_one("#talk-words", Input).focus()
        await pilot.press(*"Alex saw the look", "enter")
        await pilot.pause()
        assert "(Alex)" in screen_text(app)
        await pilot.press("ctrl+n")  # the next clip: the last one chosen is the default
        await pilot.pause()
        await pilot.pause()
        assert talk(meeting).query_one("#talk-speaker", Select).value == "Alex"
        session_id = meeting.session_id
    said = store.family(family_id).record.reflections
    assert [r.speaker for r in said if r.family_words == "Alex saw the look"] == ["Alex"]
    assert session_id


async def test_one_adult_has_no_speaker_picker(store: Store) -> None:
    family_id = add_family(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        meeting = await open_review(pilot, app, family_id)
        assert not talk(meeting).query("#talk-speaker")


async def test_prompts_name_the_child_in_both_views(store: Store) -> None:
    family_id = add_family(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        meeting = await open_review(pilot, app, family_id)
        options = talk(meeting).prompt_options()
        assert ("What do you notice Sam doing here?", "notice-other") in options
        assert "your child" not in " ".join(label for label, _ in options)
        await pilot.press("ctrl+t")
        await pilot.pause()
        keys = [s.key for s in meeting.steps]
        meeting.go(next(i for i, k in enumerate(keys) if k.endswith("prompt:notice-other")))
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert "What do you notice Sam doing here?" in text
        assert "your child" not in text


async def test_the_profile_chooses_core_or_all_prompts(store: Store, tmp_path: Path) -> None:
    family_id = add_family(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        meeting = await open_review(pilot, app, family_id)
        assert "notice-self" not in [v for _, v in talk(meeting).prompt_options()]
        await leave_the_room(pilot, app)
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:  # the profile screen's choice
        app.push_screen(ProfileScreen())
        await pilot.pause()
        app.screen.query_one("#profile-prompts", Select).value = "all"
        await pilot.pause()
        app.screen.query_one("#profile-save", Button).press()
        await pilot.pause()
    assert practitioner_profile(store).prompts == "all"
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        meeting = await open_review(pilot, app, family_id)
        assert "notice-self" in [v for _, v in talk(meeting).prompt_options()]


async def test_the_helping_question_stage_ties_a_remark_to_a_question(store: Store) -> None:
    family_id = add_family(store)
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        meeting = await open_review(pilot, app, family_id)
        view = talk(meeting)
        assert not view.query_one("#talk-link", Select).display  # not in "what we see"
        for _ in range(3):
            await pilot.press("ctrl+down")
            await pilot.pause()
        assert "Stage 4 of 5" in screen_text(app)
        link = view.query_one("#talk-link", Select)
        assert link.display
        question = meeting.record.active_questions()[0]
        link.value = question.id
        await pilot.pause()
        view.query_one("#talk-words", Input).focus()
        await pilot.press(*"It is the same as bedtime", "enter")
        await pilot.pause()
    said = store.family(family_id).record.reflections
    (remark,) = [r for r in said if r.family_words == "It is the same as bedtime"]
    assert (remark.stage, remark.question_id) == ("helping-question", question.id)


async def test_stage_keys_that_come_before_the_next_view_is_ready_do_nothing(
    store: Store,
) -> None:
    """A held Ctrl+↑/↓ right after Ctrl+N reached the new moment's view before it
    had set itself up, and vig stopped (AttributeError) in front of the family."""
    family_id = add_family(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        meeting = await open_review(pilot, app, family_id)
        first = talk(meeting)
        meeting.go(meeting.index + 1)
        while meeting.step_view is first:  # the moment the next view is put in place,
            await asyncio.sleep(0)  # before it has set itself up: keys arrive now
        meeting.action_stage(-1)
        meeting.action_stage(1)
        meeting.keep_pending_remark()
        await pilot.pause()
        await pilot.press("ctrl+down")
        await pilot.pause()
        assert app.is_running and "Stage 2 of 5" in screen_text(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_remark_just_kept_is_on_screen_with_the_box(
    store: Store, size: tuple[int, int]
) -> None:
    """At 80×24 a kept remark was drawn below the edge of the screen: the family
    did not see their words kept. "Said so far" is a box that scrolls itself to
    the newest remark, at every stage (the helping question's shows its link
    picker too) and after moving on; the remark box stays in view; the older
    remarks are still there to scroll back to."""
    family_id = add_family(store)
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        meeting = await open_review(pilot, app, family_id)
        view = talk(meeting)
        words = ""
        for stage in range(len(view.stages)):
            for n in range(4):  # more than the box holds at 80×24
                words = f"said at stage {stage + 1}, remark {n + 1}"
                await type_quickly(pilot, words)
                await pilot.press("enter")
                await pilot.pause()
                shown = screen_text(app)
                assert words in shown and WORDS_HINT in shown, words
            await pilot.press("ctrl+down")
            await pilot.pause()
            shown = screen_text(app)
            assert words in shown and WORDS_HINT in shown, f"moved on from stage {stage + 1}"
        said = view.query_one("#talk-said")
        said.focus()
        await pilot.press("home")  # the practitioner scrolls back to the start
        await pilot.pause()
        assert "said at stage 1, remark 1" in screen_text(app)
        assert words not in screen_text(app) or size != (80, 24)


async def test_after_stage_moves_the_cue_and_prompts_are_the_stages_own(store: Store) -> None:
    """The cue is written only where the practitioner can see it, and the prompt
    picker's list is rebuilt without laying the screen out: after moving on in
    the family's view, F2 shows the new stage's cue, and the picker opens on the
    new stage's prompts."""
    family_id = add_family(store)
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        meeting = await open_review(pilot, app, family_id)
        view = talk(meeting)
        await pilot.press("ctrl+down", "ctrl+down")
        await pilot.pause()
        stage = view.current
        assert stage.cue and SEEING_CUE not in screen_text(app)
        await pilot.press("f2")
        await pilot.pause()
        shown = region_text(app, view.query_one("#talk-private").region)
        assert " ".join(stage.cue.split()) in shown and SEEING_CUE not in shown
        picker = view.query_one("#talk-prompt", Select)
        picker.focus()
        await pilot.press("enter")  # the list opens
        await pilot.pause()
        shown = " ".join(screen_text(app).split())
        for text, _ in view.prompt_options():
            assert " ".join(str(text).split())[:40] in shown


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_said_so_far_stays_on_screen_beside_the_note_in_the_practitioners_view(
    store: Store, size: tuple[int, int]
) -> None:
    """At 80×24 F2 put the cue and the private note above the talk and pushed
    "Said so far" below the edge of the screen: the practitioner wrote the
    note without seeing what the family had said. The note sits beside the
    family's box now: the note, the box and the last remarks are all on
    screen, and the family's half-typed words are still in their box."""
    family_id = add_family(store)
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        meeting = await open_review(pilot, app, family_id)
        spoken = [f"remark number {n}" for n in range(1, 7)]
        for words in spoken:
            await pilot.press(*words, "enter")
            await pilot.pause()
        await pilot.press(*"half typed")
        await pilot.press("f2")
        for _ in range(3):
            await pilot.pause()
        assert not app.together
        screen = meeting.region
        note = meeting.query_one("#talk-note")
        box = meeting.query_one("#talk-words", Input)
        said = meeting.query_one("#talk-said")
        for part in (note, box, said):
            assert screen.contains_region(part.region), part.id
        assert said.region.height >= 3, "the last remarks, not a sliver"
        assert app.focused is note
        shown = screen_text(app)
        assert "Said so far" in shown
        for words in spoken[-3:]:
            assert words in shown, words
        await pilot.press("f2")
        await pilot.pause()
        assert app.focused is box and box.value == "half typed"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_other_notes_fold_to_a_line_on_a_short_screen_until_tab_reaches_them(
    store: Store, size: tuple[int, int]
) -> None:
    """The notes written step by step on the moment took the note's room at
    80×24: there they are one line ("1 other note") until Tab from the note
    opens them (the stage's cue lends them its room); on a tall terminal
    they are shown in full."""
    family_id = add_family(store)
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        meeting = await open_review(pilot, app, family_id)
        await pilot.press("f2")
        await pilot.pause()
        column = meeting.query_one("#talk-private")
        note_text = "First time Robin named her own part."
        folded = size == (80, 24)
        shown = region_text(app, column.region)
        # the note written step by step, and three lines from preparing the clip
        assert ("4 other notes (Tab)" in shown) is folded
        assert (note_text in shown) is not folded
        assert meeting.query_one("#talk-cue").region.height > 0
        await pilot.press("tab")  # from the note to the other notes
        await pilot.pause()
        assert app.focused is meeting.query_one("#talk-other")
        shown = region_text(app, column.region)
        assert "First time Robin" in shown and "other notes (Tab)" not in shown
        await pilot.press("shift+tab")  # back to the note: folded again, the cue back
        await pilot.pause()
        assert ("4 other notes" in region_text(app, column.region)) is folded
        assert meeting.query_one("#talk-cue").region.height > 0
