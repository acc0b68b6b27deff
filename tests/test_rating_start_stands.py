"""A starting rating stands once a later meeting has rated the question, and
ratings count in the order of the meetings they belong to.

A baseline given again after the work began is no baseline: continuing the
initial meeting after the reviews must not change where the family started
(``rules.ratings.start_stands``), and a rating given in a later sitting of an
earlier meeting takes that meeting's place in every series and on every axis.
"""

from __future__ import annotations

import pytest

from vig_tui.demo import build_demo_record
from vig_tui.domain import (
    FamilyRecord,
    Rating,
    RatingKind,
    Session,
    SessionKind,
)
from vig_tui.flows import Step, StepKind
from vig_tui.outcomes.numbers import family_numbers
from vig_tui.services.session import FamilySession
from vig_tui.store import Store
from vig_tui.ui.screens.meeting.steps.questions import SetQuestionView
from vig_tui.ui.widgets.sized_by_layout import LaidOutText

from .journey_helpers import FIXED_DAY
from .step_fakes import FakeMeeting, OneStep

INITIAL = SessionKind.INITIAL_MEETING


def reopened_initial_meeting(store: Store) -> tuple[FamilySession, Session]:
    """The demo family (started at 3, rated 5 at cycle 1's review), with its
    initial meeting carried on today."""
    record = build_demo_record(today=FIXED_DAY)
    family = FamilySession.open(store, store.create_family(record).id)
    sitting = family.meeting_to_open(INITIAL, None)
    assert sitting.continues is not None
    return family, sitting


def test_the_start_cannot_be_rated_again_after_a_review(store: Store) -> None:
    family, sitting = reopened_initial_meeting(store)
    question = family.record.active_questions()[0]
    assert family.record.start_stands(question, sitting.id, None)
    with pytest.raises(ValueError, match="starting rating stands \\(3 on 2026-01-19\\)"):
        family.course.rate_question(question.id, 2, RatingKind.START, sitting.id, None)
    with pytest.raises(ValueError, match="starting rating stands"):
        family.rate_question(question.id, 2, RatingKind.START, sitting.id)
    assert family.record.active_questions()[0].values() == [3, 5]  # nothing changed
    reloaded = FamilySession.open(store, family.record.family.id)
    assert reloaded.record.active_questions()[0].values() == [3, 5]


def test_a_later_review_may_still_be_rated_and_a_start_with_nothing_after(store: Store) -> None:
    family, _sitting = reopened_initial_meeting(store)
    question = family.record.active_questions()[0]
    review = family.meeting_to_open(SessionKind.SHARED_REVIEW, 1)
    assert not family.record.start_stands(question, review.id, None)
    family.course.rate_question(question.id, 6, RatingKind.REVIEW, review.id, None)
    # a new question, worded today, is rated at its start freely
    record = build_demo_record(today=FIXED_DAY)
    for q in record.questions:
        q.ratings = [r for r in q.ratings if r.kind == RatingKind.START]
    fresh = FamilySession.open(store, store.create_family(record).id)
    sitting = fresh.meeting_to_open(INITIAL, None)
    first = fresh.record.active_questions()[0]
    fresh.course.rate_question(first.id, 2, RatingKind.START, sitting.id, None)
    assert fresh.record.rated(fresh.record.active_questions()[0]).values() == [2]


def test_ratings_count_in_the_order_of_their_meetings() -> None:
    """Cycle 1's review carried on after cycle 2's was rated: its rating goes
    before cycle 2's, dated with cycle 1's meeting, so no axis runs backwards."""
    record: FamilyRecord = build_demo_record(today=FIXED_DAY)
    question = record.questions[0]
    review1 = record.sessions_of(SessionKind.SHARED_REVIEW, 1)[0]
    review2 = Session(
        kind=SessionKind.SHARED_REVIEW, cycle=2, date="2026-03-02", created_at="2026-03-02T10"
    )
    later = Session(
        kind=SessionKind.SHARED_REVIEW,
        cycle=1,
        date="2026-03-09",
        created_at="2026-03-09T10",
        continues=review1.id,
    )
    record.sessions += [review2, later]
    question.ratings = [
        question.ratings[0],
        Rating(value=7, kind=RatingKind.REVIEW, session_id=review2.id, cycle=2),
        Rating(value=5, kind=RatingKind.REVIEW, session_id=later.id, cycle=1),
    ]
    assert record.rated(question).values() == [3, 5, 7]
    days = [p.date for p in family_numbers(record, None).questions[0].ratings]
    assert days == sorted(days) and days[1] == review1.date


async def test_the_rating_step_shows_the_start_kept_instead_of_a_scale() -> None:
    record = build_demo_record(today=FIXED_DAY)
    initial = record.sessions_of(INITIAL)[0]
    today = Session(kind=INITIAL, date="2026-03-02", continues=initial.id)
    record.sessions.append(today)
    step = Step(key="q0", kind=StepKind.SET_QUESTION, title="Word it", question_index=0)
    app = OneStep(SetQuestionView(FakeMeeting(record, today), step))  # type: ignore[arg-type]
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert not app.query("#rate-now"), "no scale to change where things started"
        kept = str(app.query_one("#start-kept", LaidOutText).render())
        assert kept.startswith("3 out of 10, kept from 2026-01-19"), kept
    # with nothing rated after it, the start is rated on its scale as before
    for question in record.questions:
        question.ratings = [r for r in question.ratings if r.kind == RatingKind.START]
    app = OneStep(SetQuestionView(FakeMeeting(record, today), step))  # type: ignore[arg-type]
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert app.query("#rate-now") and not app.query("#start-kept")
