"""F3 in the conversation puts right a remark already kept.

A tester kept the father's words while the speaker box still named the mother:
nothing in vig could change whose they were, and the ending letter and the
moments booklet then quoted the mother. F3 lists the moment's remarks; the
chosen one can be reworded, given to the adult who said it, or taken back."""

from __future__ import annotations

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Select

from vig_tui.demo import build_demo_record
from vig_tui.domain import Reflection, SessionKind
from vig_tui.services.session import FamilySession
from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.screens.meeting.conversation.correct_remark import CorrectRemarkScreen

from .journey_helpers import make_app, screen_text
from .test_conversation_view import add_family, open_review, talk


async def save_words(pilot: Pilot[int], words: str) -> None:
    """In the Put right dialog: these words for the chosen remark, then Enter."""
    box = pilot.app.screen.query_one("#correct-words", Input)
    box.value = words
    box.focus()
    await pilot.press("enter")


def remarks_of(store: Store, family_id: str, words: str) -> list[Reflection]:
    return [r for r in store.family(family_id).record.reflections if r.family_words == words]


async def test_a_remark_kept_under_the_wrong_adult_is_given_to_the_right_one(
    store: Store,
) -> None:
    family_id = add_family(store, adults=["Robin", "Alex"])
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await open_review(pilot, app, family_id)
        view = talk(meeting)
        view.query_one("#talk-words", Input).focus()
        await pilot.press(*"I waited for him", "enter")  # said by Alex, kept as Robin's
        await pilot.pause()
        assert "(Robin)" in screen_text(app)
        await pilot.press("f3")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CorrectRemarkScreen)
        assert dialog.query_one("#correct-words", Input).value == "I waited for him"
        dialog.query_one("#correct-speaker", Select).value = "Alex"
        dialog.query_one("#correct-words", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is meeting
        assert "(Alex)" in screen_text(app) and "(Robin)" not in screen_text(app)
        assert app.focused is view.query_one("#talk-words")
    [kept] = remarks_of(store, family_id, "I waited for him")
    assert kept.speaker == "Alex"


async def test_a_remark_is_reworded_or_taken_back(store: Store) -> None:
    family_id = add_family(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await open_review(pilot, app, family_id)
        view = talk(meeting)
        view.query_one("#talk-words", Input).focus()
        await pilot.press(*"he smilled", "enter", *"a slip of the key", "enter")
        await pilot.pause()
        await pilot.press("f3")  # the newest first: the slip
        await pilot.pause()
        await save_words(pilot, "")
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert app.screen.query_one("#correct-words", Input).value == "he smilled"
        await save_words(pilot, "he smiled")
        await pilot.pause()
        shown = screen_text(app)
        assert "he smiled" in shown and "smilled" not in shown and "slip" not in shown
    assert remarks_of(store, family_id, "he smiled")
    assert not remarks_of(store, family_id, "he smilled")
    assert not remarks_of(store, family_id, "a slip of the key")


async def test_esc_leaves_every_remark_as_it_was(store: Store) -> None:
    family_id = add_family(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await open_review(pilot, app, family_id)
        view = talk(meeting)
        view.query_one("#talk-words", Input).focus()
        await pilot.press(*"kept as said", "enter", "f3")
        await pilot.pause()
        app.screen.query_one("#correct-words", Input).value = "changed"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is meeting
    assert remarks_of(store, family_id, "kept as said")


def test_taking_back_an_answer_keeps_the_practitioners_note(store: Store) -> None:
    """An answer given in the step-by-step view holds the practitioner's note
    on the prompt too: taking the family's words back leaves the note."""
    family = FamilySession(store, store.create_family(build_demo_record()))
    meeting = family.record.sessions[-1]
    answer = family.save_reflection_text(meeting.id, "p1", None, "family_words", "we laughed")
    family.save_reflection_text(meeting.id, "p1", None, "practitioner_note", "watch the pause")
    family.conversation.correct_remark(answer.id, "", None)
    [kept] = [r for r in family.record.reflections if r.id == answer.id]
    assert kept.family_words == "" and kept.practitioner_note == "watch the pause"
    with pytest.raises(KeyError):  # nothing left to put right
        family.conversation.correct_remark(answer.id, "again", None)


def family_with_remarks(store: Store, adults: list[str], speakers: list[str | None]) -> str:
    """The demo family with `adults`, and today's review continued with one
    remark on its first clip for each of `speakers` ("said 0", "said 1", ...)."""
    record = build_demo_record()
    record.family.adults = adults
    family = FamilySession(store, store.create_family(record))
    sitting = family.meeting_to_open(SessionKind.SHARED_REVIEW, 1)
    clip = family.record.clips_for(1)[0]
    for n, speaker in enumerate(speakers):
        remark = family.conversation.add_remark(sitting.id, clip.id, "seeing", f"said {n}")
        if speaker is not None:  # as kept when the family had these adults
            family._write(remark.model_copy(update={"speaker": speaker}))
    return family.record.family.id


async def open_put_right(pilot: Pilot[int], app: VigApp, family_id: str) -> CorrectRemarkScreen:
    await open_review(pilot, app, family_id)
    await pilot.press("f3")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, CorrectRemarkScreen)
    return dialog


async def test_held_arrow_keys_in_the_list_leave_the_box_to_be_typed_in(store: Store) -> None:
    """Two Down keys at once set the list's highlight bouncing between two rows
    for ever (each refill of the boxes set it again): typing was thrown away,
    and a save kept the old words."""
    family_id = family_with_remarks(store, ["Robin"], [None, None, None])
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_put_right(pilot, app, family_id)
        app.post_message(events.Key("down", None))
        app.post_message(events.Key("down", None))
        await pilot.pause(0.3)
        words = dialog.query_one("#correct-words", Input)
        chosen = dialog.chosen.family_words
        assert words.value == chosen
        words.focus()
        await pilot.press("end", *" again")
        await pilot.pause(0.3)
        assert words.value == chosen + " again"
        await pilot.press("enter")
        await pilot.pause()
    assert remarks_of(store, family_id, chosen + " again")


async def test_putting_words_right_gives_them_to_no_one_who_did_not_say_them(
    store: Store,
) -> None:
    """A remark no adult was named for stays so when only its words change (the
    picker showed the first adult, and a save gave the words to them)."""
    family_id = family_with_remarks(store, ["Robin", "Alex"], [None])
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_put_right(pilot, app, family_id)
        assert dialog.query_one("#correct-speaker", Select).value is Select.NULL
        await save_words(pilot, "said it better")
        await pilot.pause()
    [kept] = remarks_of(store, family_id, "said it better")
    assert kept.speaker is None


async def test_with_one_adult_now_the_name_kept_before_stays(store: Store) -> None:
    family_id = family_with_remarks(store, ["Robin"], ["Alex"])
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_put_right(pilot, app, family_id)
        assert not dialog.query("#correct-speaker")
        await save_words(pilot, "said 0!")
        await pilot.pause()
    [kept] = remarks_of(store, family_id, "said 0!")
    assert kept.speaker == "Alex"


async def test_putting_a_remark_right_leaves_who_is_speaking_now_as_it_was(
    store: Store,
) -> None:
    """F3 corrects what was said; it does not change who is speaking now (the
    next remark was kept under the adult the correction named)."""
    family_id = add_family(store, adults=["Robin", "Jo"])
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await open_review(pilot, app, family_id)
        view = talk(meeting)
        assert view.query_one("#talk-speaker", Select).value == "Robin"
        view.query_one("#talk-words", Input).focus()
        await pilot.press(*"Sam laughs", "enter", "f3")
        await pilot.pause()
        app.screen.query_one("#correct-speaker", Select).value = "Jo"
        app.screen.query_one("#correct-words", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert talk(meeting).query_one("#talk-speaker", Select).value == "Robin"
        await pilot.press("ctrl+n")  # the next moment: who was speaking is still who is
        for _ in range(4):
            await pilot.pause()
        assert talk(meeting).query_one("#talk-speaker", Select).value == "Robin"
        talk(meeting).query_one("#talk-words", Input).focus()
        await pilot.press(*"Robin again", "enter")
        await pilot.pause()
    [first] = remarks_of(store, family_id, "Sam laughs")
    [second] = remarks_of(store, family_id, "Robin again")
    assert (first.speaker, second.speaker) == ("Jo", "Robin")
