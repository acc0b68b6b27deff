"""The course screen offers only what fits the family's status, and Tab brings
each button into view at 80x24."""

from __future__ import annotations

from textual.widgets import Button

from vig_tui.domain import Family
from vig_tui.store import Store
from vig_tui.ui.screens.course import CourseScreen

from .journey_helpers import make_app


async def test_the_course_screen_offers_what_fits_and_tab_reaches_add_a_cycle(
    store: Store,
) -> None:
    repo = store.create_family(Family(label="Cedar"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_family(repo.id)
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        course = app.screen
        assert isinstance(course, CourseScreen)
        assert course.record.family.status == "active"
        assert not course.query_one("#reopen-family", Button).display
        assert course.query_one("#pause-family", Button).display
        for _ in range(12):
            await pilot.press("tab")
            await pilot.pause()
            focused = app.focused
            assert focused is not None
            assert focused.region.height > 0 and focused.region.bottom <= 24 - 1, focused
            if focused.id == "add-cycle":
                break
        assert app.focused is not None and app.focused.id == "add-cycle"
        course.query_one("#pause-family", Button).press()
        await pilot.pause()
        assert course.record.family.status == "paused"
        assert course.query_one("#reopen-family", Button).display
        assert not course.query_one("#pause-family", Button).display
