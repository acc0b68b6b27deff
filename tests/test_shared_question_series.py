"""A shared helping question one adult first rated at a review: that adult's
series starts there, and nothing calls its first number "the start".

The adults rated together at the start (3), at cycle 1's review (6) and at the
end (8); at cycle 2's review Mum rated it herself (7). Her 7 is where her own
series begins, after work had begun: the letter, the booklet and the final
meeting's "first and last" say when she first rated it, and the rating step
shows each rater's own "last time" (``goals.when_first``)."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Select

from vig_tui.domain import (
    Family,
    FamilyRecord,
    HelpingQuestion,
    Rating,
    RatingKind,
    Session,
    SessionKind,
)
from vig_tui.export.booklet import booklet_html
from vig_tui.export.letter import draft_letter
from vig_tui.flows import Step, StepKind
from vig_tui.ui.screens.meeting.steps.closing import CompareView
from vig_tui.ui.screens.meeting.steps.questions import RateQuestionView
from vig_tui.ui.widgets.sized_by_layout import LaidOutText

from .journey_helpers import PACKS
from .step_fakes import FakeMeeting, OneStep

REVIEW = SessionKind.SHARED_REVIEW


def mum_joined_at_cycle_2() -> tuple[FamilyRecord, Session]:
    """The record, and its final meeting (finished)."""
    record = FamilyRecord(family=Family(label="Alder", adults=["Mum", "Dad"]))
    initial = Session(kind=SessionKind.INITIAL_MEETING, date="2026-01-10", completed=True)
    review1 = Session(kind=REVIEW, cycle=1, date="2026-02-01", completed=True)
    review2 = Session(kind=REVIEW, cycle=2, date="2026-03-01", completed=True)
    final = Session(kind=SessionKind.FINAL_MEETING, date="2026-04-01", completed=True)
    record.sessions = [initial, review1, review2, final]
    question = HelpingQuestion(text="How can we enjoy mealtimes?", session_id=initial.id)
    for value, kind, session, by in (
        (3, RatingKind.START, initial, None),
        (6, RatingKind.REVIEW, review1, None),
        (7, RatingKind.REVIEW, review2, "Mum"),
        (8, RatingKind.FINAL, final, None),
    ):
        question.ratings.append(
            Rating(value=value, kind=kind, session_id=session.id, cycle=session.cycle, by=by)
        )
    record.questions = [question]
    return record, final


def test_the_letter_says_when_an_adult_first_rated_it() -> None:
    record, _final = mum_joined_at_cycle_2()
    markdown = draft_letter(record, PACKS).markdown
    assert "- You together: **3** out of 10 at the start, **8** most recently." in markdown
    assert "- Mum: **7** out of 10 when first rated in cycle 2." in markdown
    assert "**7** out of 10 at the start" not in markdown


def test_the_booklet_labels_a_later_first_rating() -> None:
    def no_stills(_path: str) -> bytes:
        raise AssertionError("no stills here")

    record, _final = mum_joined_at_cycle_2()
    page = booklet_html(record, PACKS, no_stills)
    chart = page.split("<title>How can we enjoy mealtimes? · Mum</title>")[1].split("</svg>")[0]
    assert "When first rated in cycle 2" in chart and "At the start" not in chart


def shown(app: App[None], selector: str) -> str:
    return "\n".join(str(w.render()) for w in app.query(selector).results(LaidOutText))


async def test_first_and_last_never_call_a_later_rating_the_start() -> None:
    record, final = mum_joined_at_cycle_2()
    final.completed = False
    step = Step(key="compare", kind=StepKind.COMPARE, title="First and last")
    app = OneStep(CompareView(FakeMeeting(record, final), step))  # type: ignore[arg-type]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = shown(app, "LaidOutText")
        assert "together: first 3  →  now 8" in text
        assert "Mum: 7 when first rated in cycle 2" in text
        assert "first 7" not in text and "now 7" not in text


async def test_last_time_is_the_chosen_raters_own() -> None:
    record, final = mum_joined_at_cycle_2()
    question = record.questions[0]
    question.ratings.pop()  # the final meeting has not rated it yet
    step = Step(key="rate", kind=StepKind.RATE_QUESTION, title="Rate", question_id=question.id)
    app = OneStep(RateQuestionView(FakeMeeting(record, final), step))  # type: ignore[arg-type]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert shown(app, "#last-time").startswith("Last time: 6")  # together's own
        assert "(at the start: 3)" in shown(app, "#last-time")
        app.query_one("#who-rates", Select).value = "Mum"
        await pilot.pause()
        assert shown(app, "#last-time").startswith("Last time: 7")
        app.query_one("#who-rates", Select).value = "Dad"
        await pilot.pause()
        assert shown(app, "#last-time") == "Dad: not rated before"


def test_a_question_first_rated_at_a_review_has_no_start_in_the_letter() -> None:
    record, _final = mum_joined_at_cycle_2()
    question = record.questions[0]
    question.ratings = [r for r in question.ratings if r.kind != RatingKind.START]
    for rating in question.ratings:
        rating.by = None  # rated together, from cycle 1 on
    markdown = draft_letter(record, PACKS).markdown
    assert "- When first rated in cycle 1 you put this at **6** out of 10." in markdown
    assert "At the start you" not in markdown
