"""A meeting carried on another day is one meeting: its helping questions are
rated once, whatever the number of sittings.

"Continue it today" makes a new sitting (``Session.continues``); when the
family re-rates a question there, the latest rating stands for the meeting
(``FamilyRecord.counted_ratings``) in every reader: outcomes, trends, charts,
exports, the letter, the booklet and the service figures. The earlier rating
stays in the record, marked as not counted where every rating is listed.
"""

from __future__ import annotations

from vig_tui.demo import build_demo_record
from vig_tui.desk.overview import service_overview
from vig_tui.desk.timeline import build_timeline
from vig_tui.domain import FamilyRecord, RatingKind, SessionKind
from vig_tui.domain.goals import REPLACED
from vig_tui.export.booklet import booklet_html
from vig_tui.export.letter import draft_letter
from vig_tui.export.outcomes_csv import outcome_rows
from vig_tui.export.record import record_markdown
from vig_tui.outcomes.numbers import family_numbers
from vig_tui.outcomes.trends import family_trends
from vig_tui.services.session import FamilySession
from vig_tui.store import Store

from .journey_helpers import FIXED_DAY

REVIEW = SessionKind.SHARED_REVIEW


def rerated_in_a_continued_review(store: Store) -> FamilySession:
    """The demo family: cycle 1's review (rated 5, 28 days ago) carried on
    today, where the first question is rated again, 7."""
    record = build_demo_record(today=FIXED_DAY)
    family = FamilySession.open(store, store.create_family(record).id)
    sitting = family.meeting_to_open(REVIEW, 1)
    assert sitting.continues is not None
    question = family.record.active_questions()[0]
    family.rate_question(question.id, 7, RatingKind.REVIEW, sitting.id)
    assert len(family.record.active_questions()[0].ratings) == 3  # both kept in the record
    return family


def review_values(values: list[tuple[str, int]]) -> list[int]:
    return [value for kind, value in values if kind == "review"]


def test_the_latest_rating_of_a_continued_meeting_stands_for_it(store: Store) -> None:
    record = rerated_in_a_continued_review(store).record
    question = record.active_questions()[0]
    counted = record.counted_ratings(question)
    assert [(r.kind.value, r.value) for r in counted] == [("start", 3), ("review", 7)]
    rated = record.rated_questions()[0]
    assert rated.values() == [3, 7] and rated.latest() is counted[-1]
    # a record with no continued meeting is read as it is
    plain = build_demo_record(today=FIXED_DAY)
    assert plain.rated(plain.questions[0]) is plain.questions[0]


def test_outcomes_trends_and_service_figures_count_the_cycle_once(store: Store) -> None:
    record = rerated_in_a_continued_review(store).record
    numbers = family_numbers(record, None)
    assert review_values([(r.kind, r.value) for r in numbers.questions[0].ratings]) == [7]
    trend = next(t for t in family_trends(record, None) if t.kind == "question")
    assert [p.value for p in trend.points] == [3, 7]
    overview = service_overview([record], include_demo=True)
    assert overview.rating_lasts == [7, 6]
    _header, rows = outcome_rows([record])
    ratings = [row for row in rows if row["kind"] == "rating" and row["question_number"] == 1]
    assert review_values([(row["timepoint"], row["rating"]) for row in ratings]) == [7]


def test_letter_and_booklet_show_the_meeting_once(store: Store) -> None:
    family = rerated_in_a_continued_review(store)
    final = family.meeting_to_open(SessionKind.FINAL_MEETING, None)
    question = family.record.active_questions()[0]
    family.rate_question(question.id, 8, RatingKind.FINAL, final.id)
    family.finish_meeting(final.id)
    record: FamilyRecord = family.record
    letter = draft_letter(record).markdown
    assert "- Along the way: 3 → 7 → 8." in letter
    booklet = booklet_html(record, None, lambda _path: b"")
    assert "8 of 10" in booklet and "5 of 10" not in booklet


def test_listings_of_every_rating_mark_the_one_not_counted(store: Store) -> None:
    record = rerated_in_a_continued_review(store).record
    markdown = record_markdown(record)
    replaced = [line for line in markdown.splitlines() if REPLACED in line]
    assert len(replaced) == 1 and "5/10 (review, cycle 1)" in replaced[0]
    events = [e.title for e in build_timeline(record) if "rated" in e.title]
    assert [t for t in events if REPLACED in t] == [
        f"Helping question 1 rated 5/10 (review) — {REPLACED}"
    ]


def test_two_adults_rating_in_two_sittings_are_two_peoples_answers(store: Store) -> None:
    record = build_demo_record(today=FIXED_DAY)
    record.family.adults = [*record.family.adults, "Kai"]
    family = FamilySession.open(store, store.create_family(record).id)
    sitting = family.meeting_to_open(REVIEW, 1)
    question = family.record.active_questions()[0]
    family.course.rate_question(question.id, 8, RatingKind.REVIEW, sitting.id, "Kai")
    rated = family.record.rated(family.record.active_questions()[0])
    assert {rater: [r.value for r in rs] for rater, rs in rated.by_rater().items()} == {
        None: [3, 5],
        "Kai": [8],
    }
