"""The closing words are true in every way out of a meeting: a meeting left
part-way is carried on next time (even the final one), a meeting shown again
on a later day (vig stopped in the room, opened days later) does not say
"today", and a read-back left by Ctrl+Q still says nothing in it was changed."""

from __future__ import annotations

from datetime import date, timedelta

from vig_tui.domain import SessionKind
from vig_tui.services.session import FamilySession
from vig_tui.store import Store
from vig_tui.ui.screens.room import ClosingScreen, next_after, spoken_day, what_was_kept

from .journey_helpers import make_app, past_read_back, screen_text
from .test_closing_words import demo

FINAL = SessionKind.FINAL_MEETING
REVIEW = SessionKind.SHARED_REVIEW


def test_the_final_meeting_left_part_way_is_carried_on_next_time(store: Store) -> None:
    family = demo(store)
    final = family.meeting_to_open(FINAL, None)
    kept = what_was_kept(family.record, final)
    told = f"{kept} {next_after(family.record, final)}"
    assert "That was our final meeting" not in told and "Next time is our last" not in told
    assert told == (
        "We stopped part-way through our final meeting. What we talked about today is saved. "
        "Next time we carry on with our final meeting."
    )
    final = family.finish_meeting(final.id)
    assert what_was_kept(family.record, final).startswith("That was our final meeting.")
    assert "carry on" not in next_after(family.record, final)


def test_a_meeting_said_on_a_later_day_does_not_say_today(store: Store) -> None:
    family = demo(store)
    review = family.meeting_to_open(REVIEW, 2)
    held = date.fromisoformat(review.date[:10])
    later = held + timedelta(days=4)
    half = what_was_kept(family.record, review, today=later)
    assert "today" not in half.lower() and f"on {spoken_day(held)}" in half
    done = family.finish_meeting(review.id)
    said = what_was_kept(family.record, done, today=later)
    assert (
        said
        == f"That was our shared review. Everything we talked about on {spoken_day(held)} is saved."
    )


async def _left_by_ctrl_q(store: Store, family: FamilySession, key: str) -> None:
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_family(family.id)
        await pilot.pause()
        await pilot.press("r")
        await past_read_back(pilot, key)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def _reopened_words(store: Store) -> str:
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ClosingScreen) and app.room
        return " ".join(screen_text(app).split())


async def test_a_read_back_left_by_ctrl_q_says_so_when_vig_opens_again(store: Store) -> None:
    family = demo(store)
    await _left_by_ctrl_q(store, family, "r")
    text = await _reopened_words(store)
    assert "We looked back at our shared review" in text and "Nothing in it was changed." in text
    assert "is saved" not in text
