"""Keys that come faster than vig handles them (a paste, a test helper, a quick
typist over a slow link) still go where a person's keys would: a Tab moves the
focus before the next key is handed on, so nothing lands in the wrong field."""

from __future__ import annotations

from typing import Any

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from vig_tui.demo import build_demo_record
from vig_tui.domain import Family
from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.dialogs.new_family import NewFamilyScreen
from vig_tui.ui.screens.meeting import MeetingScreen
from vig_tui.ui.screens.meeting.conversation import view as conversation_view

from .journey_helpers import make_app, open_meeting
from .test_letter_editor import PACKS, open_letter


def burst(app: App[Any], keys: list[str]) -> None:
    """Hand every key to the app at once, as a terminal does with a paste:
    no pause between them for the app to catch up."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        character = {"tab": "\t", "space": " "}.get(key, key if len(key) == 1 else None)
        event = events.Key(key, character)
        event.set_sender(app)
        driver.send_message(event)


def typed(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


async def test_tabs_typed_at_machine_speed_move_to_the_next_field(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NewFamilyScreen)
        keys = [*typed("Ab"), "tab", *typed("Mum"), "tab", *typed("Sam 3"), "tab", *typed("hv")]
        keys += ["shift+tab", "shift+tab"]  # and back two fields
        burst(app, keys)
        for _ in range(4):
            await pilot.pause()
        values = {box.id: box.value for box in form.query(Input)}
        assert values == {
            "label": "Ab",
            "adults": "Mum",
            "children": "Sam 3",
            "referrer": "hv",
        }, values
        assert app.focused is form.query_one("#adults")


async def test_a_tab_in_the_letter_still_indents_however_fast_it_comes(store: Store) -> None:
    app = VigApp(store, packs=PACKS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        area = await open_letter(app, store, pilot)
        await pilot.pause()
        await pilot.press("ctrl+end")
        burst(app, ["enter", "tab", *typed("PS")])
        for _ in range(4):
            await pilot.pause()
        assert app.focused is area
        assert area.text.rstrip("\n").endswith("\n    PS"), area.text[-40:]


class TabIsMine(Screen[None]):
    """A screen that uses Tab for something of its own."""

    BINDINGS = [Binding("tab", "mine", "Mine", id="test.mine")]

    def __init__(self) -> None:
        super().__init__()
        self.tabs = 0

    def compose(self) -> ComposeResult:
        yield Input(id="one")
        yield Input(id="two")

    def action_mine(self) -> None:
        self.tabs += 1


async def test_a_screen_with_its_own_tab_keeps_it(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = TabIsMine()
        await app.push_screen(screen)
        screen.query_one("#one").focus()
        await pilot.press("tab", "tab")
        assert screen.tabs == 2 and app.focused is screen.query_one("#one")
        await pilot.press("shift+tab")  # not claimed: the focus moves back (round to the end)
        assert app.focused is screen.query_one("#two")


async def settle(pilot: Any, times: int) -> None:
    for _ in range(times):
        await pilot.pause()


def two_prompts_in_a_row(meeting: MeetingScreen) -> int:
    steps = meeting.steps
    return next(
        i
        for i in range(len(steps) - 1)
        if steps[i].kind == "prompt" and steps[i + 1].kind == "prompt"
    )


async def test_words_typed_right_after_ctrl_n_go_to_the_next_step(store: Store) -> None:
    """Ctrl+N and the first words of the next answer in one burst: the words
    are the next prompt's, not the one just left (it keeps what it had)."""
    family = store.create_family(build_demo_record())
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await open_meeting(pilot, family.id, "r", step_by_step=True)
        here = two_prompts_in_a_row(meeting)
        meeting.go(here)
        await settle(pilot, 6)
        burst(app, [*typed("calm"), "ctrl+n", *typed("warm")])
        await settle(pilot, 8)
        meeting.flush_fields()
        steps = meeting.steps
        left, now = steps[here].prompt, steps[here + 1].prompt
        assert left is not None and now is not None
        assert meeting.index == here + 1
        clip = steps[here].clip_id
        assert meeting.reflection(left.id, clip).family_words.endswith("calm")
        assert meeting.reflection(now.id, steps[here + 1].clip_id).family_words == "warm"


async def test_words_typed_right_after_f2_go_to_the_private_note(store: Store) -> None:
    """F2 then words, in one burst: the words are the practitioner's private
    note, never the family's (they show in the room, the booklet, the letter)."""
    family = store.create_family(build_demo_record())
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await open_meeting(pilot, family.id, "r", step_by_step=True)
        here = next(i for i, step in enumerate(meeting.steps) if step.kind == "prompt")
        meeting.go(here)
        await settle(pilot, 6)
        burst(app, [*typed("ours"), "f2", *typed("mine"), "f2", *typed(" too")])
        await settle(pilot, 8)
        meeting.flush_fields()
        step = meeting.steps[here]
        assert step.prompt is not None
        kept = meeting.reflection(step.prompt.id, step.clip_id)
        assert kept.family_words == "ours too"
        assert kept.practitioner_note == "mine"


async def test_words_typed_right_after_f2_as_a_review_opens_go_to_the_private_note(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the conversation, F2 before the private column has been built (it
    is built a moment after the review opens): it is built at once, and the
    words typed straight after F2 are the note on the clip, not a remark."""
    monkeypatch.setattr(conversation_view, "BUILD_THE_REST_AFTER", 600)
    family = store.create_family(build_demo_record())
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await open_meeting(pilot, family.id, "r")
        view = meeting.talk_view()
        assert view is not None and not meeting.query("#talk-note")
        burst(app, ["f2", *typed("mine")])
        await settle(pilot, 8)
        meeting.flush_fields()
        note = meeting.record.clip_note(meeting.session.id, view.clip_id)
        assert note is not None and note.practitioner_note.endswith("mine")
        said = meeting.record.remarks(meeting.session.id, view.clip_id)
        assert not [r for r in said if "mine" in r.family_words]


async def test_remarks_and_stage_moves_in_a_burst_are_kept_one_by_one(store: Store) -> None:
    """Enter keeps each remark before the next key is read, and a stage move
    comes after the words typed before it."""
    family = store.create_family(build_demo_record())
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await open_meeting(pilot, family.id, "r")
        view = meeting.talk_view()
        assert view is not None
        first, second = view.stages[view.stage].id, view.stages[view.stage + 1].id
        keys = [*typed("alpha"), "enter", *typed("bravo"), "enter", *typed("charlie")]
        burst(app, [*keys, "ctrl+down", *typed("delta"), "enter"])
        await settle(pilot, 8)
        session_id, clip_id = meeting.session_id, view.clip_id
    record = store.family(family.id).record
    said = [(r.stage, r.family_words) for r in record.remarks(session_id, clip_id)]
    assert said[-4:] == [
        (first, "alpha"),
        (first, "bravo"),
        (first, "charlie"),
        (second, "delta"),
    ], said


async def answer_phq9_in_a_burst(store: Store, start: str, keys: list[str]) -> tuple[str, str]:
    """A new family's initial meeting at PHQ-9 item `start`, `keys` sent in one
    burst: the step it ends on, and the family's id."""
    repo = store.create_family(Family(label="Sage"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await open_meeting(pilot, repo.id, "i", at=f"qn:phq9:{start}")
        burst(app, keys)
        for _ in range(4):
            await pilot.pause(0.2)  # past the moment a choice stays on screen
        return meeting.step.key, repo.id


async def test_questionnaire_answers_typed_at_pace_each_answer_their_own_question(
    store: Store,
) -> None:
    """A digit picks an answer and the next question comes a moment later (so
    the choice is seen). Digits typed in that moment are for the next question:
    they used to answer the same one again, and the moves on then skipped a
    question, left unanswered, with nothing on screen to say so."""
    ended, family_id = await answer_phq9_in_a_burst(store, "phq9-1", ["2", "1", "4", "3"])
    assert ended == "qn:phq9:phq9-5"
    record = store.family(family_id).record
    [given] = [a for a in record.administrations if a.questionnaire_id == "phq9"]
    assert {k: v for k, v in given.answers.items() if k <= "phq9-4"} == {
        "phq9-1": 1,
        "phq9-2": 0,
        "phq9-3": 3,
        "phq9-4": 2,
    }


async def test_going_back_just_after_a_choice_stays_back(store: Store) -> None:
    """A choice moves on a moment later; Ctrl+B in that moment went back, and
    then the move on came and took the family forward again."""
    ended, _family_id = await answer_phq9_in_a_burst(store, "phq9-2", ["2", "ctrl+b"])
    assert ended == "qn:phq9:phq9-1"
