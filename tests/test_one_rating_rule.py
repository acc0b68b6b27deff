"""Which rating is this meeting's, which was "last time", which is the start:
one rule (``domain.rules.ratings``) for the rating steps and every reader.

Two cases where a step's own reckoning used to part from the record's:

* the initial meeting carried on another day, where the family changed their
  starting rating (3, then 5): the letter says 5; the step showed 3;
* cycle 1's review carried on after cycle 2's was held (cycle 2 rated 8): last
  time, before cycle 1, was the start (3), never cycle 2's later 8.
"""

from __future__ import annotations

from vig_tui.domain import (
    Family,
    FamilyRecord,
    HelpingQuestion,
    Rating,
    RatingKind,
    Session,
    SessionKind,
)
from vig_tui.domain.rules import ratings
from vig_tui.export.letter import draft_letter
from vig_tui.flows import Step, StepKind
from vig_tui.ui.screens.meeting.steps.questions import RateQuestionView, SetQuestionView
from vig_tui.ui.widgets.rating_scale import RatingScale

from .journey_helpers import PACKS
from .step_fakes import FakeMeeting, OneStep
from .test_shared_question_series import shown

REVIEW = SessionKind.SHARED_REVIEW
QUESTION = "How can I help Sam settle at bedtime?"


def rate(question: HelpingQuestion, value: int, kind: RatingKind, session: Session) -> None:
    question.ratings.append(
        Rating(value=value, kind=kind, session_id=session.id, cycle=session.cycle)
    )


def start_changed_next_day() -> tuple[FamilyRecord, Session]:
    """The initial meeting over two sittings: rated 3, then 5 the next day."""
    record = FamilyRecord(family=Family(label="Birch", adults=["Jo"]))
    first = Session(kind=SessionKind.INITIAL_MEETING, date="2026-01-10")
    second = Session(kind=SessionKind.INITIAL_MEETING, date="2026-01-11", continues=first.id)
    record.sessions = [first, second]
    question = HelpingQuestion(text=QUESTION, session_id=first.id)
    rate(question, 3, RatingKind.START, first)
    rate(question, 5, RatingKind.START, second)
    record.questions = [question]
    return record, second


def cycle_1_carried_on_after_cycle_2() -> tuple[FamilyRecord, Session]:
    """Start 3, cycle 1's review 5, cycle 2's review 8; then cycle 1's review,
    left unfinished, is carried on in a new sitting after cycle 2's."""
    record = FamilyRecord(family=Family(label="Cedar", adults=["Jo"]))
    initial = Session(kind=SessionKind.INITIAL_MEETING, date="2026-01-10", completed=True)
    review1 = Session(kind=REVIEW, cycle=1, date="2026-02-01")
    review2 = Session(kind=REVIEW, cycle=2, date="2026-03-01", completed=True)
    again = Session(kind=REVIEW, cycle=1, date="2026-03-08", continues=review1.id)
    record.sessions = [initial, review1, review2, again]
    question = HelpingQuestion(text=QUESTION, session_id=initial.id)
    rate(question, 3, RatingKind.START, initial)
    rate(question, 5, RatingKind.REVIEW, review1)
    rate(question, 8, RatingKind.REVIEW, review2)
    record.questions = [question]
    return record, again


async def test_the_starting_scale_shows_the_start_the_letter_keeps() -> None:
    record, second = start_changed_next_day()
    question = record.questions[0]
    start = ratings.start_of(record, question, None)
    assert start is not None and start.value == 5
    assert ratings.meeting_rating(record, question, second.id) is start
    assert "you put this at **5** out of 10" in draft_letter(record, PACKS).markdown
    step = Step(key="q1", kind=StepKind.SET_QUESTION, title="Question", question_index=0)
    app = OneStep(SetQuestionView(FakeMeeting(record, second), step))  # type: ignore[arg-type]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.query_one("#rate-now", RatingScale).value == 5


async def test_last_time_is_the_meeting_before_this_one_not_a_later_one() -> None:
    record, again = cycle_1_carried_on_after_cycle_2()
    question = record.questions[0]
    before = ratings.counted_before(record, question, again.id)
    assert [r.value for r in before] == [3]
    mine = ratings.meeting_rating(record, question, again.id)
    assert mine is not None and mine.value == 5  # cycle 1's own, from its first sitting
    step = Step(key="rate", kind=StepKind.RATE_QUESTION, title="Rate", question_id=question.id)
    app = OneStep(RateQuestionView(FakeMeeting(record, again), step))  # type: ignore[arg-type]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert shown(app, "#last-time").startswith("Last time: 3")
        assert "8" not in shown(app, "#last-time")
        assert app.query_one("#rate-again", RatingScale).value == 5


async def test_this_meetings_rating_is_the_latest_of_its_sittings() -> None:
    record, again = cycle_1_carried_on_after_cycle_2()
    question = record.questions[0]
    rate(question, 6, RatingKind.REVIEW, again)  # cycle 1 rated again in its new sitting
    mine = ratings.meeting_rating(record, question, again.id)
    assert mine is not None and mine.value == 6
    counted = [r.value for r in record.counted_ratings(question)]
    assert counted == [3, 6, 8]  # cycle 1's latest, in cycle 1's place
    step = Step(key="rate", kind=StepKind.RATE_QUESTION, title="Rate", question_id=question.id)
    app = OneStep(RateQuestionView(FakeMeeting(record, again), step))  # type: ignore[arg-type]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.query_one("#rate-again", RatingScale).value == 6
        assert shown(app, "#last-time").startswith("Last time: 3")
