"""A film that can't be shown: the practitioner's view names the problem and
what to do; the family's view says so in plain words (no DISPLAY variables, no
paths), and F2 switches between the two."""

from __future__ import annotations

from typing import Any

from vig_tui.playback.errors import NoDisplay
from vig_tui.playback.fake import FakePlayer
from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.screens.meeting import MeetingScreen
from vig_tui.ui.widgets.player_panel import FAMILY_PROBLEM

from .journey_helpers import PACKS, add_demo, past_read_back, screen_text


class NoScreenPlayers:
    def __call__(self, sink: Any) -> FakePlayer:
        return FakePlayer(sink, hint=NoDisplay())


async def test_no_film_window_is_said_plainly_to_the_family(store: Store) -> None:
    family_id = add_demo(store)
    app = VigApp(store, packs=PACKS, player_factory=NoScreenPlayers())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.open_family(family_id)
        await pilot.pause()
        await pilot.press("r")
        await past_read_back(pilot)
        for _ in range(4):
            await pilot.pause()
        assert isinstance(app.screen, MeetingScreen) and app.together
        text = " ".join(screen_text(app).split())
        assert FAMILY_PROBLEM in text
        assert "DISPLAY" not in text and "desktop session" not in text
        await pilot.press("f2")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "DISPLAY" in text and FAMILY_PROBLEM not in text
        await pilot.press("f2")
        await pilot.pause()
        assert FAMILY_PROBLEM in " ".join(screen_text(app).split())
