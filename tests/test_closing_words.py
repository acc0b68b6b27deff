"""The family's closing screen says truly what became of the meeting.

A new meeting: everything said today is saved. A meeting carried on from an
earlier day: today's words were added to the meeting of that day, or nothing
new was added. A meeting only read back: nothing in it was changed.
"""

from __future__ import annotations

from datetime import date

from vig_tui.demo import build_demo_record
from vig_tui.domain import RatingKind, SessionKind
from vig_tui.services.session import FamilySession
from vig_tui.store import Store
from vig_tui.ui.screens.room import ClosingScreen, spoken_day, what_was_kept

from .journey_helpers import FIXED_DAY, leave_meeting, make_app, past_read_back, screen_text

REVIEW = SessionKind.SHARED_REVIEW
INITIAL = SessionKind.INITIAL_MEETING
SAVED = "Everything we talked about today is saved."


def demo(store: Store) -> FamilySession:
    """The demo family: cycle 1's review finished 28 days before FIXED_DAY."""
    return FamilySession.open(store, store.create_family(build_demo_record(today=FIXED_DAY)).id)


def day_of(family: FamilySession, kind: SessionKind, cycle: int | None) -> str:
    began = family.record.sessions_of(kind, cycle)[0]
    return spoken_day(date.fromisoformat(began.date))


def test_a_new_meeting_is_saved_as_said_today(store: Store) -> None:
    family = demo(store)
    review = family.meeting_to_open(REVIEW, 2)
    assert review.continues is None
    review = family.finish_meeting(review.id)
    assert what_was_kept(family.record, review) == f"That was our shared review. {SAVED}"


def test_a_continued_meeting_says_whether_today_added_anything(store: Store) -> None:
    family = demo(store)
    of = day_of(family, REVIEW, 1)
    sitting = family.meeting_to_open(REVIEW, 1)
    nothing = f"We carried on our shared review of {of}. Nothing new was added to it today."
    assert what_was_kept(family.record, sitting) == nothing
    family.set_step(sitting.id, "somewhere")  # where it stopped is not something said
    assert what_was_kept(family.record, sitting) == nothing
    question = family.record.active_questions()[0]
    family.rate_question(question.id, 7, RatingKind.REVIEW, sitting.id)
    added = (
        f"We carried on our shared review of {of}. Today's words were added to it and are saved."
    )
    assert what_was_kept(family.record, sitting) == added


def test_rewording_or_answering_in_a_continued_meeting_counts_as_added(store: Store) -> None:
    # the PHQ-9 only begun at the earlier sitting (completed answers are kept as
    # given: tests/test_review_another_day.py)
    begun = build_demo_record(today=FIXED_DAY)
    for adm in begun.administrations:
        adm.completed = False
    reworded = demo(store)
    answered = FamilySession.open(store, store.create_family(begun).id)
    for family in (reworded, answered):
        sitting = family.meeting_to_open(INITIAL, None)
        assert sitting.continues is not None and not family.record.added_in(sitting)
    # a question agreed in an earlier sitting, reworded today
    sitting = reworded.record.sessions_of(INITIAL)[-1]
    reworded.set_question_text(sitting.id, 0, "How can I help Sam calm down?")
    assert reworded.record.added_in(sitting)
    # a questionnaire begun in an earlier sitting, answered on today (a text answer too)
    sitting = answered.record.sessions_of(INITIAL)[-1]
    earlier = answered.administration(sitting.id, "phq9", "1")
    assert earlier.session_id != sitting.id and earlier.answers
    answered.answer(sitting.id, "phq9", "1", "phq9-note", "a few words")
    assert answered.administration(sitting.id, "phq9", "1").id == earlier.id
    assert answered.record.added_in(sitting)


def test_a_meeting_read_back_changed_nothing(store: Store) -> None:
    family = demo(store)
    finished = family.record.sessions_of(REVIEW, 1)[0]
    words = what_was_kept(family.record, finished, read_only=True)
    assert words == f"We looked back at our shared review of {day_of(family, REVIEW, 1)}. " + (
        "Nothing in it was changed."
    )


async def test_the_closing_screen_after_reading_back_or_carrying_on(store: Store) -> None:
    family = demo(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_family(family.id)
        await pilot.pause()
        await pilot.press("r")
        await past_read_back(pilot, "r")  # read it back, then leave
        await leave_meeting(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ClosingScreen) and app.room
        text = " ".join(screen_text(app).split())
        assert "Nothing in it was changed." in text and SAVED not in text
        app.close_room()
        await pilot.pause()
        await pilot.press("r")
        await past_read_back(pilot, "c")  # carry it on today, say nothing, leave
        await leave_meeting(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ClosingScreen)
        text = " ".join(screen_text(app).split())
        assert "Nothing new was added to it today." in text and SAVED not in text
