"""What opening a screen costs, counted: layouts of the screen and paints of
every cell of it (timings live in bench/keys.py).

A screen used to open with three layouts and two or three whole paints:
Textual's header filled its title in after the mount and its footer built a
widget per key; each widget filled as the screen mounted sent its request for
a layout after the screen's first layout had already placed it; the screen's
own mount asked twice; and as it came up Textual painted all of it, then asked
to paint all of it again. A change of focus painted every cell as well."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from textual._compositor import Compositor
from textual.screen import Screen

from vig_tui.demo import build_demo_record
from vig_tui.domain import SessionKind
from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.screens.dashboard import DashboardScreen
from vig_tui.ui.screens.meeting import MeetingScreen
from vig_tui.ui.screens.meeting.conversation import view as conversation_view

from .journey_helpers import past_read_back
from .test_meeting_cost import count_layouts
from .test_screen_cost import make_app, settle


class Costs:
    """Layouts and whole paints of each screen, from now on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.layouts = count_layouts(monkeypatch)
        self.whole_paints = 0
        render = Compositor.render_update
        costs = self

        def render_update(compositor: Compositor, full: bool = False, **kwargs: Any) -> Any:
            if full or compositor.size.region in compositor._dirty_regions:
                costs.whole_paints += 1
            return render(compositor, full, **kwargs)

        monkeypatch.setattr(Compositor, "render_update", render_update)

    def clear(self) -> None:
        self.layouts.clear()
        self.whole_paints = 0

    def layouts_of(self, screen: Screen[Any]) -> int:
        return sum(1 for laid_out in self.layouts if laid_out is screen)


def held_today(store: Store) -> str:
    """The demo family, with its first review being held today (so `r` opens it
    without asking whether to read it back)."""
    record = build_demo_record()
    for review in record.sessions_of(SessionKind.SHARED_REVIEW, 1):
        review.completed = False
        review.date = date.today().isoformat()
    return store.create_family(record).id


async def test_the_dashboard_opens_with_one_layout_and_one_whole_paint(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    family = store.create_family(build_demo_record())
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        costs = Costs(monkeypatch)
        for _ in range(2):  # the first time, and again after Home
            costs.clear()
            app.open_family(family.id)
            await settle(pilot, 8)
            dashboard = app.screen
            assert isinstance(dashboard, DashboardScreen)
            assert costs.layouts_of(dashboard) == 1
            assert costs.whole_paints == 1
            await pilot.press("escape")
            await settle(pilot)


async def test_the_review_is_painted_whole_once_and_the_player_moves_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The player comes just after the first paint (see test_meeting_cost), in
    room kept for it: its layout repaints the player, not the screen."""
    family_id = held_today(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_family(family_id)
        await settle(pilot)
        costs = Costs(monkeypatch)
        await pilot.press("r")
        await past_read_back(pilot)
        await settle(pilot, 8)
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen) and meeting.query("#player-slot > *")
        assert costs.layouts_of(meeting) == 2
        assert costs.whole_paints == 1


async def open_review_without_its_rest(pilot: Any, family_id: str) -> None:
    """`r` from the family's dashboard, settled (the review's rest is built
    only when the test says so: see `BUILD_THE_REST_AFTER`)."""
    pilot.app.open_family(family_id)
    await settle(pilot)
    await pilot.press("r")
    await past_read_back(pilot)
    await settle(pilot, 8)


async def test_what_the_review_does_not_show_is_built_just_after_it_opens_and_lays_out_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The private column (F2) and the row linking a moment to a question (a
    later stage) are a quarter of the review's widgets, hidden as it opens:
    they are built a moment after, and coming in hidden they take no layout
    and no paint of the screen (the private note is not there at all until then)."""
    monkeypatch.setattr(conversation_view, "BUILD_THE_REST_AFTER", 600)  # not yet built
    family_id = held_today(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review_without_its_rest(pilot, family_id)
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen) and app.together
        assert not meeting.query("#talk-private, #talk-note, #talk-link-row")
        costs = Costs(monkeypatch)
        meeting.query_one(conversation_view.ConversationView).build_the_rest()
        await settle(pilot, 8)
        assert meeting.query_one("#talk-note") and meeting.query_one("#talk-link")
        assert not meeting.query_one("#talk-private").display
        assert costs.layouts_of(meeting) == 0
        assert costs.whole_paints == 0


async def test_the_rest_of_a_review_being_closed_is_not_built(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The moment after the review opens can be the moment it is closed (Esc,
    the step list): building its rest then adds nothing, and stops nothing."""
    monkeypatch.setattr(conversation_view, "BUILD_THE_REST_AFTER", 600)  # not yet built
    family_id = held_today(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review_without_its_rest(pilot, family_id)
        view = app.screen.query_one(conversation_view.ConversationView)
        view.query_one("#talk-columns").remove()  # on its way out
        view.build_the_rest()
        await settle(pilot)
        assert not view.query("#talk-note, #talk-link")
        assert app.is_running


async def test_home_comes_up_with_one_layout(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.create_family(build_demo_record())
    costs = Costs(monkeypatch)
    app: VigApp = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 8)
        home = app.screen
        assert home.query("#families")
        assert costs.layouts_of(home) == 1


async def test_moving_the_focus_paints_only_what_takes_and_loses_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.create_family(build_demo_record())
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 8)
        costs = Costs(monkeypatch)
        first = app.focused
        await pilot.press("tab")
        await settle(pilot)
        assert app.focused is not first
        await pilot.press("shift+tab")
        await settle(pilot)
        assert app.focused is first
        assert costs.whole_paints == 0
        assert costs.layouts == []
