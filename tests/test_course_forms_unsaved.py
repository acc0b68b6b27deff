"""Esc on the family's facts, course and questions forms keeps what was typed: it
asks "Save your changes?", and each answer does what it says — save (to the disk),
discard, or keep editing with the typing intact."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Select

from vig_tui.domain import Family, SessionKind
from vig_tui.services.session import create_family
from vig_tui.store import Store, read_record
from vig_tui.ui.app import VigApp
from vig_tui.ui.dialogs.save_changes import SaveChangesScreen
from vig_tui.ui.screens.course import CourseScreen
from vig_tui.ui.screens.dashboard import DashboardScreen
from vig_tui.ui.screens.family_facts import FamilyFactsScreen
from vig_tui.ui.screens.questions_edit import QuestionsEditScreen

from .journey_helpers import make_app, screen_text

QUESTION = "How do I stop the shouting?"


def _seed(store: Store) -> tuple[str, str, str]:
    """A family with one adult, one helping question and a held initial meeting:
    (family id, meeting id, question id)."""
    family = create_family(store, Family(label="Hazel", adults=["Alex"]))
    initial = family.meeting_to_open(SessionKind.INITIAL_MEETING, None)
    question = family.set_question_text(initial.id, 0, QUESTION)
    assert question is not None
    family.finish_meeting(initial.id)
    return family.id, initial.id, question.id


async def _open(app: VigApp, pilot: Pilot[int], family_id: str, key: str) -> Screen[Any]:
    app.open_family(family_id)
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()
    return app.screen


async def _type(pilot: Pilot[int], screen: Screen[Any], field_id: str, text: str) -> None:
    field = screen.query_one(f"#{field_id}", Input)
    field.focus()
    field.value = ""
    await pilot.press(*text)
    await pilot.pause()


async def _esc_asks(app: VigApp, pilot: Pilot[int]) -> None:
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, SaveChangesScreen)
    assert "Save your changes?" in screen_text(app)
    # a small box over the form, not a wall the height of the terminal
    assert app.screen.query_one("#save-changes").region.height <= 12


async def _choose(pilot: Pilot[int], key: str) -> None:
    await pilot.press(key)
    await pilot.pause()


async def _typed_then(
    app: VigApp, pilot: Pilot[int], screen: Screen[Any], field_id: str, text: str, key: str
) -> None:
    """Type into a field, Esc (which asks), then answer with `key`."""
    await _type(pilot, screen, field_id, text)
    await _esc_asks(app, pilot)
    await _choose(pilot, key)


async def _typed_then_stay_then(
    app: VigApp, pilot: Pilot[int], screen: Screen[Any], field_id: str, text: str, key: str
) -> None:
    """Type into a field, Esc, keep editing (the typing is still there), Esc, then `key`."""
    await _typed_then(app, pilot, screen, field_id, text, "escape")
    assert app.screen is screen
    assert screen.query_one(f"#{field_id}", Input).value == text
    await _esc_asks(app, pilot)
    await _choose(pilot, key)


# -- the family's facts ---------------------------------------------------------------------
async def test_esc_on_the_facts_keeps_editing_then_discards(store: Store) -> None:
    family_id, _, _ = _seed(store)
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        facts = await _open(app, pilot, family_id, "a")
        assert isinstance(facts, FamilyFactsScreen)
        await _typed_then_stay_then(app, pilot, facts, "facts-label", "Hazel and Sam", "d")
        assert isinstance(app.screen, DashboardScreen)
    assert read_record(store.family_folder(family_id)).family.label == "Hazel"


async def test_ctrl_s_saves_the_facts_as_every_form_does(store: Store) -> None:
    """Ctrl+S did nothing on the family's facts: only the question Esc asks saved."""
    family_id, _, _ = _seed(store)
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        facts = await _open(app, pilot, family_id, "a")
        facts.query_one("#facts-referrer", Input).value = "School nurse"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert read_record(store.family_folder(family_id)).family.referrer == "School nurse"
        await pilot.press("escape")  # saved: Esc just leaves
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_esc_on_the_facts_can_save_what_was_typed(store: Store) -> None:
    family_id, _, _ = _seed(store)
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        facts = await _open(app, pilot, family_id, "a")
        await _typed_then(app, pilot, facts, "facts-referrer", "Health visitor", "s")
        assert isinstance(app.screen, DashboardScreen)
        assert read_record(store.family_folder(family_id)).family.referrer == "Health visitor"
        # saved: Esc now just leaves
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_a_refused_save_from_the_dialog_stays_on_the_facts(store: Store) -> None:
    family_id, _, _ = _seed(store)
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        facts = await _open(app, pilot, family_id, "a")
        await _typed_then(app, pilot, facts, "facts-children", "Sam 1999-99-99", "s")
        assert app.screen is facts, "not saved: the form stays, with the reason shown"
        assert "Not changed: children" in screen_text(app)
    assert read_record(store.family_folder(family_id)).family.children == []


# -- the course: a meeting's date, a session that did not take place -------------------------
async def test_esc_on_the_course_saves_a_typed_date(store: Store) -> None:
    family_id, meeting_id, _ = _seed(store)
    app = make_app(store)
    async with app.run_test(size=(120, 50)) as pilot:
        course = await _open(app, pilot, family_id, "o")
        assert isinstance(course, CourseScreen)
        course.query_one("#date-item", Select).value = f"session:{meeting_id}"
        await pilot.pause()
        await _typed_then_stay_then(app, pilot, course, "date-value", "2026-01-05", "s")
        assert isinstance(app.screen, DashboardScreen)
    (meeting,) = read_record(store.family_folder(family_id)).sessions
    assert meeting.date == "2026-01-05"


async def test_esc_on_the_course_asks_about_a_missed_session(store: Store) -> None:
    family_id, _, _ = _seed(store)
    app = make_app(store)
    async with app.run_test(size=(120, 50)) as pilot:
        course = await _open(app, pilot, family_id, "o")
        await _type(pilot, course, "missed-cycle", "1")
        await _typed_then(app, pilot, course, "missed-reason", "Child unwell", "d")
        assert isinstance(app.screen, DashboardScreen)
        assert read_record(store.family_folder(family_id)).not_held() == []
        course = await _open(app, pilot, family_id, "o")
        await _type(pilot, course, "missed-cycle", "1")
        await _typed_then(app, pilot, course, "missed-reason", "Child unwell", "s")
        assert isinstance(app.screen, DashboardScreen)
    (missed,) = read_record(store.family_folder(family_id)).not_held()
    assert (missed.cycle, missed.attendance_reason) == (1, "Child unwell")


async def test_the_course_asks_nothing_once_it_is_saved(store: Store) -> None:
    family_id, _, _ = _seed(store)
    app = make_app(store)
    async with app.run_test(size=(120, 50)) as pilot:
        course = await _open(app, pilot, family_id, "o")
        await _type(pilot, course, "missed-cycle", "1")
        await _type(pilot, course, "missed-reason", "Holiday")
        assert isinstance(course, CourseScreen)
        course.note_missed()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen), "noted already: nothing to ask"
    assert len(read_record(store.family_folder(family_id)).not_held()) == 1


# -- helping questions: a rating and a new wording --------------------------------------------
async def _questions(app: VigApp, pilot: Pilot[int], family_id: str) -> QuestionsEditScreen:
    screen = await _open(app, pilot, family_id, "q")
    assert isinstance(screen, QuestionsEditScreen)
    return screen


async def test_esc_on_the_questions_saves_a_typed_rating(store: Store) -> None:
    family_id, meeting_id, question_id = _seed(store)
    app = make_app(store)
    async with app.run_test(size=(120, 50)) as pilot:
        questions = await _questions(app, pilot, family_id)
        questions.query_one("#q-pick", Select).value = question_id
        questions.query_one("#at-meeting", Select).value = meeting_id
        await pilot.pause()
        await _typed_then_stay_then(app, pilot, questions, "rate-value", "7", "s")
        assert isinstance(app.screen, DashboardScreen)
    (question,) = read_record(store.family_folder(family_id)).questions
    rating = question.rating_for_session(meeting_id)
    assert rating is not None and rating.value == 7


@pytest.mark.parametrize("choice", ["d", "s"], ids=["discard", "save"])
async def test_esc_on_the_questions_asks_about_a_new_wording(store: Store, choice: str) -> None:
    family_id, _, question_id = _seed(store)
    app = make_app(store)
    async with app.run_test(size=(120, 50)) as pilot:
        questions = await _questions(app, pilot, family_id)
        questions.query_one("#q-pick", Select).value = question_id
        await pilot.pause()
        await _type(pilot, questions, "q-text", "How can we keep calm?")
        await _esc_asks(app, pilot)
        await _choose(pilot, choice)
        assert isinstance(app.screen, DashboardScreen)
    (question,) = read_record(store.family_folder(family_id)).questions
    if choice == "s":
        assert question.text == "How can we keep calm?" and question.first_wording() == QUESTION
    else:
        assert question.text == QUESTION and not question.reworded


async def test_quitting_asks_before_dropping_what_was_typed(store: Store) -> None:
    """Ctrl+Q on a form with unsaved changes asks the same question: keep
    editing stays in vig with the typing intact; save writes it, then quits."""
    family_id, _, _ = _seed(store)
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        facts = await _open(app, pilot, family_id, "a")
        await _type(pilot, facts, "facts-referrer", "Health visitor")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, SaveChangesScreen) and app.is_running
        await _choose(pilot, "escape")  # keep editing
        assert app.screen is facts and app.is_running
        assert facts.query_one("#facts-referrer", Input).value == "Health visitor"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await _choose(pilot, "s")
    assert app.return_code == 0
    assert read_record(store.family_folder(family_id)).family.referrer == "Health visitor"


async def test_a_form_opens_ready_to_add_to_what_is_there(store: Store) -> None:
    """The first box has the focus, and Tab into a box puts the cursor at its end:
    a key typed adds to what the box holds, never replaces it."""
    family_id, _, _ = _seed(store)
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        facts = await _open(app, pilot, family_id, "a")
        label = facts.query_one("#facts-label", Input)
        assert facts.focused is label
        await pilot.press("end", "!")
        await pilot.press("tab", "Z")
        await pilot.pause()
        assert label.value == "Hazel!"
        assert facts.query_one("#facts-adults", Input).value == "AlexZ"


async def test_a_date_box_is_replaced_by_the_date_typed(store: Store) -> None:
    """A date box shows a suggestion (today): Tab into it and type a date, and the
    box holds that date, not today's with the new one after it."""
    family_id, _, _ = _seed(store)
    app = make_app(store)
    async with app.run_test(size=(120, 50)) as pilot:
        course = await _open(app, pilot, family_id, "o")
        box = course.query_one("#missed-date", Input)
        assert box.value  # today, suggested
        box.focus()
        await pilot.pause()
        await pilot.press(*"2026-11-30")
        await pilot.pause()
        assert box.value == "2026-11-30"
        # the words in a form's other boxes are still added to, not replaced
        reason = course.query_one("#missed-reason", Input)
        reason.value = "Ill"
        reason.focus()
        await pilot.pause()
        await pilot.press("!")
        assert reason.value == "Ill!"


async def test_an_erase_by_date_typed_is_kept_when_the_closing_date_changes(store: Store) -> None:
    """The erase-by date follows the closing date while it is vig's suggestion;
    once the practitioner has typed their own, changing "On" leaves it alone."""
    family_id, _, _ = _seed(store)
    app = make_app(store)
    async with app.run_test(size=(120, 50)) as pilot:
        course = await _open(app, pilot, family_id, "o")
        on, erase_by = course.query_one("#status-date", Input), course.query_one("#erase-by", Input)
        on.value = "2026-03-20"
        await pilot.pause()
        assert erase_by.value == "2026-05-20"  # offered: two months later
        erase_by.focus()
        await pilot.pause()
        await pilot.press(*"2027-06-30")
        on.value = "2026-11-20"
        await pilot.pause()
        assert erase_by.value == "2027-06-30"
