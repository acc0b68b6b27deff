"""Traps at the desk on the filming screen: its keys are never typed into the
film's path, and the Recorded-on date is shown whole at 80×24."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from vig_tui.services.session import FamilySession
from vig_tui.store import Store
from vig_tui.ui.screens.clip_prep import ClipPrepScreen
from vig_tui.ui.screens.films import FilmScreen

from .journey_helpers import add_demo, make_app


async def test_screen_keys_work_at_once_and_never_type_over_the_film_path(store: Store) -> None:
    family_id = add_demo(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = FilmScreen(FamilySession.open(store, family_id), 1)
        app.push_screen(screen)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        path = screen.query_one("#film-path", Input)
        attached = path.value
        assert attached, "the demo film is attached"
        assert not isinstance(app.focused, Input), "the screen opens where its keys work"
        assert isinstance(app.focused, OptionList)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ClipPrepScreen), "p prepares clips"
        await pilot.press("escape")  # the player has the focus: Esc leaves
        await pilot.pause()
        assert app.screen_stack[-1] is screen
        assert path.value == attached

        # even in the path box, a stray key never replaces the attached path
        path.focus()
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert path.value.startswith(attached)


async def test_recorded_on_shows_the_whole_date_at_80_by_24(store: Store) -> None:
    family_id = add_demo(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = FilmScreen(FamilySession.open(store, family_id), 1)
        app.push_screen(screen)
        await pilot.pause()
        date_box = screen.query_one("#film-date", Input)
        assert len(date_box.value) == 10
        assert date_box.content_region.width >= len(date_box.value) + 1  # room for the cursor
