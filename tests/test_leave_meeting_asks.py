"""Esc in a meeting asks before the meeting is left: one stray key (a child at
the keyboard) must not end it. The question shows in the room, in plain words
for everyone, and staying is its default answer."""

from __future__ import annotations

from vig_tui.store import Store
from vig_tui.ui.dialogs.leave_meeting import LeaveMeetingScreen
from vig_tui.ui.screens.room import ClosingScreen

from .journey_helpers import add_demo, leave_meeting, make_app, open_meeting, screen_text


async def test_esc_in_a_meeting_asks_and_staying_is_the_default(store: Store) -> None:
    family_id = add_demo(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await open_meeting(pilot, family_id, "r")
        assert app.together
        await pilot.press("escape")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, LeaveMeetingScreen), question
        text = screen_text(app)
        assert "Stop here for now?" in text
        assert "Everything said so far is kept." in text
        # Esc again stays, and so does Enter (the button with the focus)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is meeting
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is meeting
        # stopping is a deliberate answer: the family's closing screen follows
        await leave_meeting(pilot)
        assert isinstance(app.screen, ClosingScreen), app.screen


async def test_the_practitioners_view_asks_too(store: Store) -> None:
    family_id = add_demo(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await open_meeting(pilot, family_id, "r")
        await pilot.press("f2")  # the practitioner's view
        await pilot.pause()
        assert not app.together
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LeaveMeetingScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is meeting
        await leave_meeting(pilot)
        assert isinstance(app.screen, ClosingScreen), app.screen
