"""The prompt step says the child's name when the family has one child (it
used to say "your child" even when the record knew the name)."""

from __future__ import annotations

from vig_tui.store import Store
from vig_tui.ui.screens.meeting import MeetingScreen

from .journey_helpers import add_demo, make_app, past_read_back, screen_text


async def test_the_prompt_step_says_the_childs_name(store: Store) -> None:
    family_id = add_demo(store)  # one child: Sam
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_family(family_id)
        await pilot.pause()
        await pilot.press("i")  # the initial meeting, one prompt per screen
        await past_read_back(pilot, "r")  # held days ago: read back
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        keys = [s.key for s in meeting.steps]
        meeting.go(keys.index("prompt:describe-child"))
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert "How would you describe Sam?" in text, text
        assert "How would you describe your child?" not in text
