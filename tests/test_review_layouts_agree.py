"""The shared review's two layouts (the conversation and step by step, Ctrl+T)
agree: the practitioner's notes on a moment written in one are seen in the
other (and never in the family's view), the switch keeps the place (the same
stage of the talk), and with two adults step by step asks who is speaking, as
the conversation does, so the family's words are attributed in the letter."""

from __future__ import annotations

from typing import Any

from textual.widgets import Select

from vig_tui.flows import review_stages, stage_of_prompt
from vig_tui.store import Store
from vig_tui.ui.screens.meeting import MeetingScreen
from vig_tui.ui.widgets.autosave import AutosaveTextArea

from .journey_helpers import make_app, screen_text
from .test_conversation_view import add_family, open_review, talk

IN_TALK = "SNTnoteintalk"
IN_STEPS = "SNTnoteinsteps"


def stage_of_step(meeting: MeetingScreen) -> str | None:
    stages = review_stages(meeting.packs, meeting.record, "all")
    prompt = meeting.step.prompt
    return stage_of_prompt(stages, prompt.id if prompt else None)


async def first_prompt_step_by_step(pilot: Any, meeting: MeetingScreen, clip_id: str) -> None:
    """Ctrl+T to the step-by-step layout, then the clip's first prompt."""
    await pilot.press("ctrl+t")
    await pilot.pause()
    meeting.go(next(i for i, s in enumerate(meeting.steps) if s.clip_id == clip_id and s.prompt))
    await pilot.pause()
    await pilot.pause()


async def test_notes_on_a_moment_are_seen_in_both_layouts(store: Store) -> None:
    family_id = add_family(store)
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        meeting = await open_review(pilot, app, family_id)
        clip_id = talk(meeting).clip_id
        meeting.family.conversation.set_clip_note(meeting.session_id, clip_id, IN_TALK)
        await first_prompt_step_by_step(pilot, meeting, clip_id)
        assert IN_TALK not in screen_text(app)  # the family's view: never
        await pilot.press("f2")
        await pilot.pause()
        assert IN_TALK in " ".join(screen_text(app).split())
        note = meeting.query_one("#private-note", AutosaveTextArea)
        note.load_text(IN_STEPS)
        note.flush()
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.pause()
        assert talk(meeting).clip_id == clip_id
        assert IN_STEPS not in screen_text(app) and IN_TALK not in screen_text(app)
        await pilot.press("f2")
        await pilot.pause()
        shown = " ".join(screen_text(app).split())
        assert IN_STEPS in shown and IN_TALK in shown


async def test_the_switch_keeps_the_stage(store: Store) -> None:
    family_id = add_family(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        meeting = await open_review(pilot, app, family_id)
        clip_id = talk(meeting).clip_id
        await pilot.press("ctrl+down", "ctrl+down")
        await pilot.pause()
        stage = talk(meeting).current.id
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.pause()
        assert meeting.step.clip_id == clip_id and stage_of_step(meeting) == stage
        later = next(
            i
            for i, s in enumerate(meeting.steps)
            if i > meeting.index and s.clip_id == clip_id and s.prompt
            if stage_of_step_at(meeting, i) not in (None, stage)
        )
        meeting.go(later)
        await pilot.pause()
        moved_to = stage_of_step(meeting)
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.pause()
        assert talk(meeting).current.id == moved_to


def stage_of_step_at(meeting: MeetingScreen, index: int) -> str | None:
    stages = review_stages(meeting.packs, meeting.record, "all")
    prompt = meeting.steps[index].prompt
    return stage_of_prompt(stages, prompt.id if prompt else None)


async def test_step_by_step_asks_who_is_speaking_with_two_adults(store: Store) -> None:
    family_id = add_family(store, adults=["Robin", "Alex"])
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        meeting = await open_review(pilot, app, family_id)
        clip_id = talk(meeting).clip_id
        await first_prompt_step_by_step(pilot, meeting, clip_id)
        picker = meeting.query_one("#answer-speaker", Select)
        assert picker.display and picker.value == "Robin"
        words = meeting.query_one("#family-words", AutosaveTextArea)
        words.load_text("He waited for me")
        words.flush()
        picker.value = "Alex"  # said after the words were written: they become Alex's
        await pilot.pause()
        await pilot.pause()
        prompt = meeting.step.prompt
        assert prompt is not None
    said = store.family(family_id).record.step_answer(meeting.session_id, prompt.id, clip_id)
    assert said is not None and (said.family_words, said.speaker) == ("He waited for me", "Alex")
