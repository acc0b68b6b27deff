"""The desk shows the real course: missed sessions, skipped cycles, status
changes, attributed words and goals on the timeline; in search; counted in the overview."""

from __future__ import annotations

from datetime import date

from vig_tui.desk.overview import service_overview
from vig_tui.desk.search import SearchIndex
from vig_tui.desk.timeline import build_timeline
from vig_tui.domain import Attendance, Family, RatingKind, SessionKind, parse_children
from vig_tui.services.session import create_family
from vig_tui.store import Store

TODAY = date(2026, 3, 1)


def test_timeline_search_and_overview_show_the_course(store: Store) -> None:
    family = create_family(
        store, Family(label="Birch", adults=["Alex", "Jo"], children=parse_children("Sam 3"))
    )
    course = family.course
    initial = course.start_meeting_on(SessionKind.INITIAL_MEETING, None, "2026-01-05", TODAY)
    course.save_words(initial.id, "describe-child", None, "Jo", "Cheeky and kind")
    course.note_not_held(
        SessionKind.SHARED_REVIEW, 1, "2026-02-01", Attendance.CANCELLED, "Snowed in", TODAY
    )
    course.skip_cycle(3, "Summer holidays")
    final = family.meeting_to_open(SessionKind.FINAL_MEETING, None)
    course.set_future_goals(final.id, [("Bedtime stories every night", "Alex")])
    family.set_question_text(initial.id, 0, "How do I stop the shouting?")
    course.reword_question(family.record.questions[0].id, "How can we have calmer evenings?")
    course.close("2026-02-20", "2026-04-22", "Work finished", TODAY)

    events = build_timeline(family.record)
    titles = [e.title for e in events]
    assert "Cycle 1 – shared review – cancelled" in titles
    assert "Cycle 3 – skipped (not filmed)" in titles and "Closed" in titles
    text = "\n".join(e.text() for e in events)
    for words in ("Snowed in", "Jo: “Cheeky and kind”", "Bedtime stories every night (Alex)"):
        assert words in text

    index = SearchIndex()
    index.add(family.record)
    for query, field in (
        ("snowed", "not_held"),
        ("bedtime stories", "future_goal"),
        ("shouting", "earlier_wording"),
    ):
        assert [r.field for r in index.search(query).results] == [field], query

    overview = service_overview([family.record])
    assert overview.sessions_not_held == {"cancelled": 1}
    assert overview.cycles_skipped == 1 and overview.closed == 1
    assert overview.as_dict()["sessions_not_held"] == {"cancelled": 1}


def test_the_readable_record_export_shows_the_course(store: Store) -> None:
    from vig_tui.export.record import record_markdown

    family = create_family(
        store, Family(label="Birch", adults=["Alex", "Jo"], children=parse_children("Sam 3"))
    )
    course = family.course
    initial = course.start_meeting_on(SessionKind.INITIAL_MEETING, None, "2026-01-05", TODAY)
    question = family.set_question_text(initial.id, 0, "How do I stop the shouting?")
    assert question is not None
    course.set_question_owner(question.id, "Jo")
    course.rate_question(question.id, 4, RatingKind.START, initial.id, "Jo")
    course.reword_question(question.id, "How can we have calmer evenings?")
    course.save_words(initial.id, "describe-child", None, "Alex", "Lively")
    course.note_not_held(
        SessionKind.FILMING, 1, "2026-01-20", Attendance.CANCELLED, "Snowed in", TODAY
    )
    course.skip_cycle(2, "Away")
    course.edit_facts(referrer="Health visitor")
    course.close("2026-02-20", "2026-04-22", "Work finished", TODAY)
    text = record_markdown(family.record)
    for words in (
        f"Skipped cycles: 2, skipped {date.today().isoformat()} (Away)",
        "2026-02-20: closed (Work finished)",
        "referrer “” → “Health visitor”",
        "(Jo's question)",
        "Worded until",
        "4/10 (start, by Jo)",
        "describe-child – Alex: “Lively”",
        "(cancelled: Snowed in)",
        "Who is filmed together: parent and child",
    ):
        assert words in text, words
