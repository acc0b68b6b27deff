"""Done-when walk (Pilot): a family's real course through the screens — a
back-dated initial meeting, a session not attended, a 4th cycle added, a
cycle skipped, the "cycles 3–4 were not filmed" question before the final
meeting, two adults rating their own questions and giving their own words, a
reworded question, goals for the future, closing with an erase-by date, the
practitioner's profile — then the letter. Once for two parents, once for a
teacher and a teaching assistant with a pupil."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from textual.widgets import Button, Input, Select, TextArea

from vig_tui.domain import (
    Attendance,
    Clip,
    Family,
    FamilyStatus,
    RatingKind,
    SessionKind,
    WorkMode,
    parse_children,
)
from vig_tui.services.session import FamilySession, create_family
from vig_tui.store import Store, read_record
from vig_tui.ui.screens.course import CourseScreen
from vig_tui.ui.screens.dashboard import DashboardScreen
from vig_tui.ui.screens.letter import LetterScreen
from vig_tui.ui.screens.meeting import MeetingScreen
from vig_tui.ui.screens.profile import ProfileScreen
from vig_tui.ui.screens.questions_edit import QuestionsEditScreen
from vig_tui.ui.screens.skip_to_final import SkipToFinalDialog

from .journey_helpers import back_to_desk, make_app, screen_text


@dataclass(frozen=True)
class Case:
    label: str
    adults: tuple[str, str]
    child: str
    mode: WorkMode
    role: str = ""


PARENTS = Case("Birch", ("Alex", "Jo"), "Sam 2022-05-01", WorkMode.ADULT_CHILD)
SCHOOL = Case("Class 2B", ("Ms Patel", "Mr Jones"), "Leo 6", WorkMode.PROFESSIONAL_CHILD, "teacher")


def seed(store: Store, case: Case) -> FamilySession:
    """Up to a reviewed first cycle, entered through the family session."""
    first, second = case.adults
    family = create_family(
        store,
        Family(
            label=case.label,
            adults=list(case.adults),
            children=parse_children(case.child),
            work_mode=case.mode,
            professional_role=case.role,
        ),
    )
    course = family.course
    initial = family.meeting_to_open(SessionKind.INITIAL_MEETING, None)
    q1 = family.set_question_text(initial.id, 0, "How do I stop the shouting?")
    q2 = family.set_question_text(initial.id, 1, "How can we laugh together more?")
    assert q1 is not None and q2 is not None
    course.set_question_owner(q1.id, first)
    course.set_question_owner(q2.id, second)
    course.rate_question(q1.id, 3, RatingKind.START, initial.id, first)
    course.rate_question(q2.id, 4, RatingKind.START, initial.id, second)
    course.save_words(initial.id, "describe-child", None, first, "Busy and loud")
    course.save_words(initial.id, "describe-child", None, second, "Funny when calm")
    family.finish_meeting(initial.id)
    film = family.attach_film(1, "/films/one.mp4", "fp1", 60_000, "2026-02-01")
    clip = family.save_clip(
        Clip(film_id=film.id, cycle=1, start_ms=1_000, end_ms=6_000, title="The puzzle")
    )
    review = family.meeting_to_open(SessionKind.SHARED_REVIEW, 1)
    course.save_words(review.id, "notice-other", clip.id, first, "I waited and it worked")
    course.save_words(review.id, "notice-other", clip.id, second, "Everyone smiled")
    family.finish_meeting(review.id)
    return family


def fill(screen: Any, **values: str) -> None:
    for widget_id, value in values.items():
        widget = screen.query_one(f"#{widget_id.replace('_', '-')}")
        if isinstance(widget, Select):
            widget.value = value
        else:
            assert isinstance(widget, Input)
            widget.value = value


async def press_button(pilot: Any, button_id: str) -> None:
    """Press a button (a click could miss on a busy machine while the form was
    still scrolling it into view, and the press was lost)."""
    button = pilot.app.screen.query_one(f"#{button_id}", Button)
    button.scroll_visible(animate=False)
    await pilot.pause()
    button.press()
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("case", [PARENTS, SCHOOL], ids=["two-parents", "teacher-pupil"])
async def test_a_real_course_through_the_screens(store: Store, case: Case) -> None:
    first, second = case.adults
    family = seed(store, case)
    family_id = family.id
    q1, q2 = family.record.active_questions()
    initial = family.record.sessions_of(SessionKind.INITIAL_MEETING)[0]
    app = make_app(store)
    async with app.run_test(size=(120, 50)) as pilot:
        app.open_family(family_id)
        await pilot.pause()
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        if case.mode == WorkMode.PROFESSIONAL_CHILD:
            assert "professional and pupil (teacher)" in screen_text(app)

        # -- the course: a back-dated meeting, a missed session, a 4th cycle, a skipped one
        await pilot.press("o")
        await pilot.pause()
        course = app.screen
        assert isinstance(course, CourseScreen)
        fill(course, date_item=f"session:{initial.id}")
        await pilot.pause()
        fill(course, date_value="2099-01-01")
        await press_button(pilot, "set-date")
        assert "in the future" in screen_text(app)
        fill(course, date_value="2026-01-05")
        await press_button(pilot, "set-date")
        fill(
            course,
            missed_kind=SessionKind.SHARED_REVIEW.value,
            missed_cycle="2",
            missed_date="2026-02-15",
            missed_attendance=Attendance.DID_NOT_ATTEND.value,
            missed_reason="Ill that day",
        )
        await press_button(pilot, "note-missed")
        await press_button(pilot, "add-cycle")
        fill(course, cycle_number="2", cycle_reason="Away for a month")
        await press_button(pilot, "skip-cycle")
        text = screen_text(app)
        assert "Cycle 4: to film" in text and "Cycle 2: skipped – Away for a month" in text
        assert "did not attend – Ill that day" in text
        await pilot.press("escape")
        await pilot.pause()

        # -- straight to the final meeting: asked first, then finished
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, SkipToFinalDialog)
        assert "Cycles 3–4 were not filmed" in screen_text(app)
        await press_button(pilot, "skip-yes")
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        meeting.go([s.key for s in meeting.steps].index("finish"))
        await pilot.pause()
        await pilot.click("#finish")
        await pilot.pause()
        await back_to_desk(pilot)
        assert isinstance(app.screen, DashboardScreen)
        final = family.record.sessions_of(SessionKind.FINAL_MEETING)[0]

        # -- each adult rates their own question and gives their own words; a reworded question
        await pilot.press("q")
        await pilot.pause()
        questions = app.screen
        assert isinstance(questions, QuestionsEditScreen)
        fill(questions, q_pick=q1.id)
        await pilot.pause()
        fill(questions, q_text="How can I help things stay calm?")
        await press_button(pilot, "q-reword")
        fill(questions, at_meeting=final.id)
        await pilot.pause()
        fill(questions, by_adult=first, q_pick=q2.id, rate_value="9")
        await press_button(pilot, "rate-save")
        assert f"this is {second}'s question" in screen_text(app)
        fill(questions, q_pick=q1.id, rate_value="8")
        await press_button(pilot, "rate-save")
        fill(questions, by_adult=second, q_pick=q2.id, rate_value="7")
        await press_button(pilot, "rate-save")
        for adult, words in ((first, "Calmer and chatty"), (second, "Still cheeky, but gentler")):
            fill(questions, by_adult=adult, words_prompt="describe-child-again", words_text=words)
            await press_button(pilot, "words-save")
        fill(questions, by_adult=second, goal_text="Read together every night")
        await press_button(pilot, "goal-add")
        assert "Read together every night" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()

        # -- closing, with the erase-by date two months later by default
        await pilot.press("o")
        await pilot.pause()
        closing = app.screen
        assert isinstance(closing, CourseScreen)
        fill(closing, status_date="2026-03-20")
        await pilot.pause()
        assert closing.query_one("#erase-by", Input).value == "2026-05-20"
        await press_button(pilot, "close-family")
        await press_button(pilot, "close-go")  # asked once first
        assert "Closed on 2026-03-20" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()

        # -- the practitioner's profile, set once
        app.push_screen(ProfileScreen())
        await pilot.pause()
        fill(
            app.screen,
            profile_name="Dana Reyes",
            profile_role="VIG guider",
            profile_service="Riverside Family Service",
            profile_contact="dana@example.org",
            profile_signature="It was a joy to work with you.",
        )
        await press_button(pilot, "profile-save")
        await pilot.press("escape")
        await pilot.pause()

        # -- the letter
        await pilot.press("e")
        await pilot.pause()
        letter = app.screen
        assert isinstance(letter, LetterScreen)
        text = letter.query_one("#letter-text", TextArea).text
        missing = screen_text(app)

    record = read_record(store.family_folder(family_id))
    assert record.sessions_of(SessionKind.INITIAL_MEETING)[0].date == "2026-01-05"
    assert [(s.attendance, s.cycle) for s in record.not_held()] == [(Attendance.DID_NOT_ATTEND, 2)]
    assert record.cycle_numbers() == [1, 2, 3, 4] and record.family.skipped_cycles == [2, 3, 4]
    assert record.family.status == FamilyStatus.CLOSED and record.consent.erase_by == "2026-05-20"
    assert record.next_step().text == "Closed"
    ratings = {q.id: [(r.value, r.by) for r in q.ratings] for q in record.questions}
    assert ratings[q1.id] == [(3, first), (8, first)]
    assert ratings[q2.id] == [(4, second), (7, second)]

    assert "will be added at the final meeting" not in text
    assert "has no final rating" not in missing
    sign_off = text.split("It was a joy to work with you.", 1)[1]  # closes with their line
    for line in ("Dana Reyes", "VIG guider", "dana@example.org"):
        assert line in sign_off
    assert f"**{first}'s question: How can I help things stay calm?**" in text
    assert "at first it was “How do I stop the shouting?”" in text
    assert f"At the end {first} put it at **8** out of 10." in text
    assert f"At the end {second} put it at **7** out of 10." in text
    for words in (
        f"{first}: “Busy and loud”",
        f"{second}: “Funny when calm”",
        f"{first}: “Calmer and chatty”",
        f"{second}: “Still cheeky, but gentler”",
        f"{first}: “I waited and it worked”",
        f"{second}: “Everyone smiled”",
        f"{second}: “Read together every night”",
    ):
        assert words in text, words
    child = case.child.split()[0]
    assert f"How you described {child}" in text
