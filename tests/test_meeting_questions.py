"""Helping questions inside the meeting: each adult's question rated as theirs,
a shared one rated by whoever the family says, and a question already said
aloud carried into the question box instead of typed twice."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, Select, TextArea

from vig_tui.domain import Clip, Family, RatingKind, SessionKind
from vig_tui.services.session import FamilySession, create_family
from vig_tui.store import Store, read_record
from vig_tui.ui.journey import open_step
from vig_tui.ui.screens.meeting import MeetingScreen
from vig_tui.ui.widgets.rating_scale import RatingScale

from .journey_helpers import make_app, screen_text


def reviewed_family(store: Store, adults: list[str]) -> FamilySession:
    """A family with an agreed question each (the first adult's own, and one
    shared), their first ratings, and a first cycle ready to review."""
    family = create_family(store, Family(label="Rowan", adults=adults))
    initial = family.meeting_to_open(SessionKind.INITIAL_MEETING, None)
    own = family.set_question_text(initial.id, 0, "How can I stay calm at bedtime?")
    shared = family.set_question_text(initial.id, 1, "How can we play more?")
    assert own is not None and shared is not None
    if len(adults) > 1:
        family.course.set_question_owner(own.id, adults[0])
    family.rate_question(own.id, 3, RatingKind.START, initial.id)
    family.rate_question(shared.id, 4, RatingKind.START, initial.id)
    family.finish_meeting(initial.id)
    film = family.attach_film(1, "/films/one.mp4", "fp1", 60_000, "2026-02-01")
    family.save_clip(Clip(film_id=film.id, cycle=1, start_ms=1_000, end_ms=6_000, title="Tea"))
    return family


async def open_meeting(pilot: Any, family_id: str, kind: SessionKind, cycle: int | None) -> Any:
    app = pilot.app
    app.open_family(family_id)
    await pilot.pause()
    open_step(app, app.screen.family, kind, cycle)
    await pilot.pause()
    meeting = app.screen
    assert isinstance(meeting, MeetingScreen)
    return meeting


async def go_to(pilot: Any, meeting: MeetingScreen, key: str) -> None:
    meeting.go([s.key for s in meeting.steps].index(key))
    await pilot.pause()
    await pilot.pause()


def rating_of(store: Store, family_id: str, question_text: str) -> tuple[int, str | None]:
    record = read_record(store.family_folder(family_id))
    question = next(q for q in record.questions if q.text == question_text)
    latest = question.latest()
    assert latest is not None and latest.kind == RatingKind.REVIEW
    return latest.value, latest.by


async def test_each_adults_question_is_rated_as_theirs_and_a_shared_one_asks_who(
    store: Store,
) -> None:
    family = reviewed_family(store, ["Alex", "Jo"])
    own, shared = family.record.active_questions()
    app = make_app(store)
    async with app.run_test(size=(100, 34)) as pilot:
        meeting = await open_meeting(pilot, family.id, SessionKind.SHARED_REVIEW, 1)

        await go_to(pilot, meeting, f"rate:{own.id}")
        text = screen_text(app)
        assert "Alex's question" in text and "Who is rating" not in text
        await pilot.press("6")  # the scale has the focus
        await pilot.pause()
        assert rating_of(store, family.id, own.text) == (6, "Alex")

        await go_to(pilot, meeting, f"rate:{shared.id}")
        assert "Who is rating" in screen_text(app)
        await pilot.press("7")
        await pilot.pause()
        assert rating_of(store, family.id, shared.text) == (7, None)  # together, to begin with
        # Jo says it was theirs: the rating already given becomes Jo's
        meeting.query_one("#who-rates", Select).focus()
        await pilot.press("enter", "up", "enter")  # from Together up to Jo
        await pilot.pause()
        assert meeting.query_one("#who-rates", Select).value == "Jo"
        assert rating_of(store, family.id, shared.text) == (7, "Jo")
        meeting.query_one("#rate-again", RatingScale).focus()
        await pilot.press("8")
        await pilot.pause()
        assert rating_of(store, family.id, shared.text) == (8, "Jo")


async def test_with_one_adult_nothing_more_is_asked(store: Store) -> None:
    family = reviewed_family(store, ["Alex"])
    _own, shared = family.record.active_questions()
    app = make_app(store)
    async with app.run_test(size=(100, 34)) as pilot:
        meeting = await open_meeting(pilot, family.id, SessionKind.SHARED_REVIEW, 1)
        await go_to(pilot, meeting, f"rate:{shared.id}")
        text = screen_text(app)
        assert "Who is rating" not in text and "'s question" not in text
        await pilot.press("5")
        await pilot.pause()
        assert rating_of(store, family.id, shared.text) == (5, None)


async def test_a_question_already_said_is_carried_into_the_question_box(store: Store) -> None:
    family = create_family(store, Family(label="Sorrel", adults=["Kim"]))
    app = make_app(store)
    async with app.run_test(size=(100, 34)) as pilot:
        meeting = await open_meeting(pilot, family.id, SessionKind.INITIAL_MEETING, None)
        await go_to(pilot, meeting, "prompt:make-it-a-question")
        words = meeting.query_one("#family-words", TextArea)
        words.text = "How can I help Mo settle?\n\n  How can we   laugh more?"
        await go_to(pilot, meeting, "hq:0")
        assert meeting.query_one("#question-text", Input).value == "How can I help Mo settle?"
        await go_to(pilot, meeting, "hq:1")
        assert meeting.query_one("#question-text", Input).value == "How can we laugh more?"
        await go_to(pilot, meeting, "hq:2")
        assert meeting.query_one("#question-text", Input).value == ""
        await go_to(pilot, meeting, "hq:1")  # shown again: the saved wording, not typed again
        box = meeting.query_one("#question-text", Input)
        assert box.value == "How can we laugh more?"
        box.value = "How can we laugh together more?"
        await go_to(pilot, meeting, "hq:0")
        await go_to(pilot, meeting, "hq:1")
        assert meeting.query_one("#question-text", Input).value == (
            "How can we laugh together more?"
        )
    record = read_record(store.family_folder(family.id))
    assert [q.text for q in record.active_questions()] == [
        "How can I help Mo settle?",
        "How can we laugh together more?",
    ]


async def test_with_two_adults_each_question_is_said_to_be_someones_and_rated_as_theirs(
    store: Store,
) -> None:
    family = create_family(store, Family(label="Aspen", adults=["Alex", "Jo"]))
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        meeting = await open_meeting(pilot, family.id, SessionKind.INITIAL_MEETING, None)
        await go_to(pilot, meeting, "hq:0")
        owner = meeting.query_one("#question-owner", Select)
        assert owner.value != "Jo"  # shared, until someone says otherwise
        owner.value = "Jo"  # before anything is written: nothing to own yet
        await pilot.pause()
        await pilot.pause()
        assert any("Write the helping question first" in str(n.message) for n in app._notifications)
        assert meeting.query_one("#question-owner", Select).value != "Jo"
        assert read_record(store.family_folder(family.id)).questions == []

        meeting.query_one("#question-text", Input).value = "How can I keep my temper?"
        meeting.query_one("#question-owner", Select).value = "Jo"
        await pilot.pause()
        await pilot.pause()
        meeting.query_one("#rate-now", RatingScale).focus()
        await pilot.press("3")
        await pilot.pause()
    (question,) = read_record(store.family_folder(family.id)).questions
    assert (question.text, question.owner) == ("How can I keep my temper?", "Jo")
    first = question.first()
    assert first is not None and (first.value, first.by) == (3, "Jo")
