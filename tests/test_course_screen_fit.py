"""The course screen offers only what fits the family's status, and Tab brings
each button into view at 80x24."""

from __future__ import annotations

from textual.widgets import Button, Static

from vig_tui.domain import Family
from vig_tui.store import Store
from vig_tui.ui.screens.course import CourseScreen
from vig_tui.ui.screens.course_close import CloseCourseScreen

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


async def test_course_tab_order_add_a_cycle_and_closing_asks_first(store: Store) -> None:
    """Tab goes down the screen as it reads (the first Tab once jumped to the
    erase-by date beside the first field, and typing replaced it); Add a cycle
    needs no number, and the buttons that do say which cycle they want; Close
    asks once, staying open by default."""
    repo = store.create_family(Family(label="Cedar"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_family(repo.id)
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        course = app.screen
        assert isinstance(course, CourseScreen)
        order = []
        for _ in range(3):
            await pilot.press("tab")
            await pilot.pause()
            assert app.focused is not None
            order.append(app.focused.id)
        assert order == ["status-reason", "erase-by", "close-family"]
        tops = [course.query_one(f"#{name}").region.y for name in ["status-date", *order]]
        assert tops == sorted(tops)

        before = course.record.cycle_numbers()
        course.query_one("#add-cycle", Button).press()
        await pilot.pause()
        assert course.record.cycle_numbers() == [*before, len(before) + 1]
        message = str(course.query_one("#course-message", Static).content)
        assert f"Cycle {len(before) + 1} was added" in message
        course.query_one("#skip-cycle", Button).press()
        await pilot.pause()
        assert "Which cycle to skip?" in str(course.query_one("#course-message", Static).content)

        for answer in ("escape", "close-stay", "close-go"):
            course.query_one("#close-family", Button).press()
            await pilot.pause()
            assert isinstance(app.screen, CloseCourseScreen)
            assert course.record.family.status == "active"  # nothing closed by asking
            if answer == "escape":
                await pilot.press("escape")
            else:
                app.screen.query_one(f"#{answer}", Button).press()
            await pilot.pause()
            back: object = app.screen
            assert back is course
        assert course.record.family.status == "closed"
