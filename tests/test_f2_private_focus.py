"""F2 into the practitioner's view puts the cursor in the step's private note.

A new practitioner pressed F2 in the shared review and typed a note about the
parent's mood. The cursor had stayed in the family's box (the note's box was
below the bottom of the screen at 80×24), so the note was kept as the family's
own remark and shown to them when the view switched back. Now F2 into the
practitioner's view moves the cursor to the step's private note, on screen;
F2 back to the family's view moves it to their box."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widget import Widget
from textual.widgets import Input

from vig_tui.flows import StepKind
from vig_tui.store import Store, read_record
from vig_tui.ui.screens.meeting import MeetingScreen
from vig_tui.ui.screens.meeting.conversation import view as conversation_view

from .journey_helpers import (
    Players,
    add_demo,
    leave_meeting,
    make_app,
    past_read_back,
    screen_text,
)

NOTE = "Robin seemed flat today, check PHQ"


def in_a_private_box(widget: Widget | None) -> bool:
    return widget is not None and any(n.has_class("private") for n in [widget, *widget.ancestors])


async def settle(pilot: Any, times: int = 4) -> None:
    for _ in range(times):
        await pilot.pause()


async def open_review(pilot: Any, family_id: str) -> MeetingScreen:
    pilot.app.open_family(family_id)
    await pilot.pause()
    await pilot.press("r")
    await past_read_back(pilot)
    await settle(pilot)
    meeting = pilot.app.screen
    assert isinstance(meeting, MeetingScreen) and pilot.app.together
    return meeting


async def note_with_f2(pilot: Any, meeting: MeetingScreen) -> None:
    app = pilot.app
    await pilot.press("f2")
    await settle(pilot)
    assert not app.together
    focused = app.focused
    assert in_a_private_box(focused), focused
    assert focused is not None and meeting.region.contains_region(focused.region), "off screen"
    await pilot.press(*NOTE)
    await settle(pilot)
    await pilot.press("f2")
    await settle(pilot)
    assert app.together
    assert not in_a_private_box(app.focused)
    assert NOTE not in screen_text(app)


@pytest.mark.parametrize("built", ["built", "first F2 builds it"])
async def test_f2_in_the_conversation_goes_to_the_private_note(
    store: Store, monkeypatch: pytest.MonkeyPatch, built: str
) -> None:
    """The private column is built a moment after the review opens; F2 before
    then builds it at once, and the cursor goes into the note just the same."""
    if built != "built":
        monkeypatch.setattr(conversation_view, "BUILD_THE_REST_AFTER", 600)
    family_id = add_demo(store)
    app = make_app(store, Players())
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await open_review(pilot, family_id)
        session_id = meeting.session.id
        await note_with_f2(pilot, meeting)
        await leave_meeting(pilot)  # leaving saves what was typed
        await settle(pilot)
    record = read_record(store.family_folder(family_id))
    assert not [r for r in record.reflections if NOTE in r.family_words]
    assert [
        r for r in record.reflections if r.session_id == session_id and NOTE in r.practitioner_note
    ]


@pytest.mark.parametrize("kind", [StepKind.PROMPT, StepKind.GUIDANCE])
async def test_f2_on_a_step_goes_to_its_private_field(store: Store, kind: StepKind) -> None:
    family_id = add_demo(store)
    app = make_app(store, Players())
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await open_review(pilot, family_id)
        await pilot.press("ctrl+t")
        await settle(pilot)
        meeting.go(next(i for i, s in enumerate(meeting.steps) if s.kind == kind))
        await settle(pilot)
        await note_with_f2(pilot, meeting)


async def test_words_half_typed_before_f2_are_still_there_after_it(store: Store) -> None:
    """F2 and back while the family's sentence is still in the box: the box
    takes the cursor back at the end of their words, and what is typed next
    goes on from there (the box selected everything as it took the focus, and
    the next key replaced the sentence)."""
    family_id = add_demo(store)
    app = make_app(store, Players())
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await open_review(pilot, family_id)
        await pilot.press(*"Robin waited")
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press(*"note")
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press(*" for Sam")
        await settle(pilot)
        words = meeting.query_one("#talk-words", Input)
        assert app.focused is words
        assert words.value == "Robin waited for Sam"


async def test_tab_from_the_familys_box_goes_to_the_note_in_the_practitioners_view(
    store: Store,
) -> None:
    """The note sits beside the family's box: Tab from the box went first into
    "Said so far", where a note typed by mistake was lost and its letters
    replayed and looped the film."""
    family_id = add_demo(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await open_review(pilot, family_id)
        await pilot.press("f2")
        await settle(pilot)
        meeting.query_one("#talk-words", Input).focus()
        await pilot.press(*"She laughed", "enter")
        await pilot.press("tab")
        await settle(pilot)
        focused = app.focused
        assert focused is not None and focused.id == "talk-note", focused
        await pilot.press(*"rl tired")
        await settle(pilot)
        meeting.flush_fields()
        assert "rl tired" in str(getattr(focused, "text", ""))
