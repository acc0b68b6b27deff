"""What the practitioner noted as they prepared a clip is in the conversation's
private column too.

A tester's tags, initiative → reception chain and micro-analysis showed in the
step-by-step view only: in the conversation (the review's default) F2 showed
an empty note and the stage's cue. They now lead the practitioner's other
notes on the moment there, and stay out of the family's view."""

from __future__ import annotations

from vig_tui.demo import build_demo_record
from vig_tui.domain import SessionKind
from vig_tui.store import Store

from .journey_helpers import FIXED_DAY, leave_meeting, make_app, region_text, screen_text
from .test_conversation_view import open_review

MICRO = "SNTmicro: mother pauses, child leads"
CHAIN = "SNTchain: looks up, is smiled at"


def family_with_prepared_clips(store: Store) -> str:
    record = build_demo_record(today=FIXED_DAY)
    review = record.sessions_of(SessionKind.SHARED_REVIEW, 1)[0]
    assert review.cycle is not None
    for clip in record.clips_for(review.cycle):
        clip.micro_note, clip.chain_note = MICRO, CHAIN
    return store.create_family(record).id


async def test_the_clips_preparation_is_in_the_private_column_and_only_there(
    store: Store,
) -> None:
    family_id = family_with_prepared_clips(store)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        meeting = await open_review(pilot, app, family_id)
        assert MICRO not in screen_text(app) and CHAIN not in screen_text(app)
        await pilot.press("f2")
        await pilot.pause()
        column = region_text(app, meeting.query_one("#talk-private").region)
        assert "From preparing the clip" in column
        assert "Micro-analysis: SNTmicro" in column and "Initiative → reception: SNTchain" in column
        await pilot.press("f2")
        await pilot.pause()
        assert "SNT" not in screen_text(app)
        await leave_meeting(pilot)


async def test_on_a_short_screen_the_preparation_is_counted_in_the_folded_line(
    store: Store,
) -> None:
    family_id = family_with_prepared_clips(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await open_review(pilot, app, family_id)
        await pilot.press("f2")
        await pilot.pause()
        column = region_text(app, meeting.query_one("#talk-private").region)
        assert "4 other notes (Tab)" in column  # three from preparing it, one written
        await pilot.press("tab")
        await pilot.pause()
        shown = region_text(app, meeting.query_one("#talk-private").region)
        assert "Your other notes on this moment" in shown  # the notes written first
        box = meeting.query_one("#talk-other")
        box.scroll_end(animate=False)  # then, scrolled on, the preparation
        await pilot.pause()
        shown = region_text(app, meeting.query_one("#talk-private").region)
        assert "SNTmicro" in shown
