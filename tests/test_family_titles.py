"""Every screen opened from a family's dashboard says whose it is: its header
names the family (through the app's one title gate), never only "vig"."""

from __future__ import annotations

import pytest

from vig_tui.store import Store
from vig_tui.ui.widgets.header import VigHeader

from .journey_helpers import add_demo, make_app

LABEL = "Demo – Robin and Sam"
#: the dashboard's keys for the screens of the family (with a header) they open
SCREENS = {
    "p": "FilmScreen",
    "c": "ConsentScreen",
    "t": "TimelineScreen",
    "e": "LetterScreen",
    "b": "BookletScreen",
    "o": "CourseScreen",
    "a": "FamilyFactsScreen",
    "q": "QuestionsEditScreen",
    "g": "FamilyOutcomesScreen",
}


@pytest.mark.parametrize("key", sorted(SCREENS))
async def test_a_screen_of_the_family_names_the_family(store: Store, key: str) -> None:
    family_id = add_demo(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_family(family_id)
        await pilot.pause()
        await pilot.press(key)
        for _ in range(3):
            await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == SCREENS[key], screen
        header = screen.query_one(VigHeader)
        line = "".join(segment.text for segment in header.render_line(0)).strip()
        assert f"vig — {LABEL} – " in line, line
