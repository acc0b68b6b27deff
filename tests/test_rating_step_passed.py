"""Passing a rating step records nothing nobody gave.

With two adults, the rating step asks who is rating. Its drop-down announced
its first value as it was built, and the step took that as a choice: stepping
past the rating, untouched, in a meeting carried on today recorded the earlier
sitting's number as today's rating (the timeline said "rated 5/10" though no
one had rated). In a meeting read back the same save was refused, and "Not
saved" showed in the family's view with nothing typed."""

from __future__ import annotations

from vig_tui.demo import build_demo_record
from vig_tui.store import Store
from vig_tui.ui.screens.meeting import MeetingScreen

from .journey_helpers import FIXED_DAY, make_app, past_read_back, screen_text


def two_adults(store: Store) -> str:
    record = build_demo_record(today=FIXED_DAY)
    record.family.adults = ["Robin", "Alex"]
    return store.create_family(record).id


async def pass_the_rating_steps(store: Store, answer: str) -> tuple[str, list[str]]:
    family_id = two_adults(store)
    app = make_app(store)
    shown: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_family(family_id)
        await pilot.pause()
        await pilot.press("r")
        await past_read_back(pilot, answer)
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        await pilot.press("ctrl+t")  # one question at a time: the rating steps are steps
        await pilot.pause()
        rating_steps = [i for i, s in enumerate(meeting.steps) if s.kind == "rate_question"]
        assert rating_steps
        for index in rating_steps:
            meeting.go(index)
            for _ in range(6):
                await pilot.pause()
            shown.append(screen_text(app))
    return family_id, shown


async def test_a_rating_step_passed_untouched_records_no_rating(store: Store) -> None:
    before = {q.text: len(q.ratings) for q in build_demo_record(today=FIXED_DAY).questions}
    family_id, _ = await pass_the_rating_steps(store, "c")
    after = {q.text: len(q.ratings) for q in store.family(family_id).record.questions}
    assert after == before


async def test_reading_a_meeting_back_shows_no_not_saved(store: Store) -> None:
    _, shown = await pass_the_rating_steps(store, "r")
    assert not [text for text in shown if "Not saved" in text or "not saved" in text]
