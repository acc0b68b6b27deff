"""What switching the view (F2) and opening a screen cost: counted, not timed.

F2 used to set a class on the whole app, so every node of the meeting screen
(73 widgets and their parts) was restyled at each press, and every screen
coming back was restyled whole again. Opening the shared review mounted the
step-by-step widgets it does not show, restyled the step body as it took and
lost the focus, and rebuilt the footer once per change of bindings (seven
times). F2 also repainted every cell (the room's state was a reactive) and
its banner pushed the meeting down a line; the dashboard mounted a widget per
heading and line, and its footer built every key twice. These tests count nodes
restyled, widgets moved and mounted, full repaints and footer builds (timings
live in bench/keys.py)."""

from __future__ import annotations

from typing import Any

import pytest
from textual._compositor import Compositor
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.widget import Widget

from tests.journey_helpers import past_read_back
from vig_tui.demo import build_demo_record
from vig_tui.packs import load_packs
from vig_tui.playback.fake import FakePlayer
from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.screens.dashboard import DashboardScreen
from vig_tui.ui.screens.meeting import MeetingScreen
from vig_tui.ui.screens.meeting.conversation.view import ConversationView
from vig_tui.ui.widgets.footer import FooterKey, VigFooter
from vig_tui.ui.widgets.header import VigHeader


def count_restyles(monkeypatch: pytest.MonkeyPatch) -> list[DOMNode]:
    restyled: list[DOMNode] = []
    original = Stylesheet.apply

    def apply(self: Stylesheet, node: DOMNode, *args: Any, **kwargs: Any) -> None:
        restyled.append(node)
        original(self, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", apply)
    return restyled


def count_footer_builds(monkeypatch: pytest.MonkeyPatch) -> list[VigFooter]:
    """Each time a footer works out its keys from the screen's bindings."""
    built: list[VigFooter] = []
    original = VigFooter._work_out_keys

    def work_out_keys(self: VigFooter) -> tuple[FooterKey, ...]:
        built.append(self)
        return original(self)

    monkeypatch.setattr(VigFooter, "_work_out_keys", work_out_keys)
    return built


def depends_on_the_view(widget: Widget) -> bool:
    """What vig.tcss styles differently in the family's view: practitioner-only
    parts, family-only parts, the banner, the header and the palette's key, and
    the conversation (in the practitioner's view it makes room for the private
    note under the family's words, and the step body scrolls to it)."""
    return any(
        any(node.has_class(name) for name in ("private", "together-only", "-command-palette"))
        or node.id == "private-banner"
        or isinstance(node, (VigHeader, ConversationView))
        for node in [widget, *widget.ancestors]
    )


def make_app(store: Store) -> VigApp:
    return VigApp(store, packs=load_packs(include_user=False), player_factory=FakePlayer)


async def settle(pilot: Any, times: int = 4) -> None:
    for _ in range(times):
        await pilot.pause()


async def test_f2_restyles_only_what_the_view_changes_on_the_screen_on_top(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    family = store.create_family(build_demo_record())
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_family(family.id)
        await pilot.pause()
        dashboard = app.screen
        await pilot.press("r")
        await past_read_back(pilot)
        await settle(pilot)
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen) and app.together
        banner = meeting.query_one("#private-banner")
        assert not banner.visible
        widgets = list(meeting.walk_children(Widget, with_self=True))
        restyled = count_restyles(monkeypatch)
        for together in (False, True, False):
            restyled.clear()
            await pilot.press("f2")
            await pilot.pause()
            assert app.together is together
            assert banner.visible is not together  # the view did change
            mine = [n for n in restyled if isinstance(n, Widget)]
            assert mine, "the parts that depend on the view were restyled"
            assert all(depends_on_the_view(w) for w in mine), [
                w for w in mine if not depends_on_the_view(w)
            ]
            assert all(w.screen is meeting for w in mine)  # not the dashboard beneath
            assert len(mine) < len(widgets) // 2
        assert dashboard.is_attached


async def test_the_shared_review_opens_with_what_it_shows_and_one_footer_build(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    family = store.create_family(build_demo_record())
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_family(family.id)
        await settle(pilot)
        restyled = count_restyles(monkeypatch)
        built = count_footer_builds(monkeypatch)
        await pilot.press("r")
        await past_read_back(pilot)
        await settle(pilot, 8)
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        assert meeting.talk_view() is not None  # the conversation view, answered
        # the step-by-step widgets are mounted only when a prompt step shows
        assert not meeting.query("#prompt-view")
        assert not meeting.query_one("#step-body").focusable
        nodes = list(meeting.walk_children(with_self=True))
        on_meeting = [n for n in restyled if n in set(nodes)]
        # each node styled as it mounts, and again only where its state changed
        # (focus, a value): not the whole screen several times over
        assert len(on_meeting) <= 2 * len(nodes), (len(on_meeting), len(nodes))
        assert len([f for f in built if f.screen is meeting]) <= 2
        await pilot.press("ctrl+t")  # the step-by-step view
        await settle(pilot)
        prompt_step = next(i for i, s in enumerate(meeting.steps) if s.prompt)
        meeting.go(prompt_step)
        await settle(pilot)
        # a prompt step shows: its widgets are mounted now, and filled
        assert meeting.query_one("#prompt-view").display
        assert meeting.query("#family-words")


async def test_the_dashboard_is_filled_once_as_it_opens(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    family = store.create_family(build_demo_record())
    app = make_app(store)
    filled: list[DashboardScreen] = []
    original = DashboardScreen.refresh_view

    def refresh_view(self: DashboardScreen) -> None:
        filled.append(self)
        original(self)

    monkeypatch.setattr(DashboardScreen, "refresh_view", refresh_view)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        restyled = count_restyles(monkeypatch)
        app.open_family(family.id)
        await settle(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        assert filled == [dashboard]
        nodes = set(dashboard.walk_children(with_self=True))
        assert len([n for n in restyled if n is dashboard]) == 1  # as it mounted
        assert len([n for n in restyled if n in nodes]) <= 2 * len(nodes)
        await pilot.press("c")  # consent, and back: the dashboard is filled again
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is dashboard and filled == [dashboard, dashboard]


def screen_text(app: VigApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_f2_moves_nothing_outside_the_step_and_never_repaints_the_whole_screen(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Switching the view shows or hides what is practitioner-only and repaints
    that: the banner lies over the header's row (nothing below it moves), and
    the room's state is no reason to repaint every cell of the screen."""
    family = store.create_family(build_demo_record())
    app = make_app(store)
    full_repaints: list[bool] = []
    original = Compositor.render_update

    def render_update(self: Compositor, full: bool = False, **kwargs: Any) -> Any:
        full_repaints.append(full or self.size.region in self._dirty_regions)
        return original(self, full, **kwargs)

    async with app.run_test(size=(80, 24)) as pilot:
        app.open_family(family.id)
        await settle(pilot)
        await pilot.press("r")
        await past_read_back(pilot)
        await settle(pilot, 8)
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen) and app.together
        # a prompt of the step-by-step view (the conversation's practitioner view
        # scrolls the body to the private note: see test_f2_private_focus)
        await pilot.press("ctrl+t")
        await settle(pilot)
        body = meeting.query_one("#step-body")
        fixed = [
            w
            for w in meeting.walk_children(Widget)
            if body not in w.ancestors_with_self and not depends_on_the_view(w)
        ]
        regions = {w: w.region for w in fixed}
        assert "PRACTITIONER VIEW" not in screen_text(app)
        monkeypatch.setattr(Compositor, "render_update", render_update)
        for together in (False, True, False):
            full_repaints.clear()
            await pilot.press("f2")
            await settle(pilot)
            assert app.together is together
            assert ("PRACTITIONER VIEW" in screen_text(app)) is not together
            assert full_repaints and not any(full_repaints)
            moved = [w for w in fixed if w.region != regions[w]]
            assert not moved, moved


async def test_the_dashboard_opens_with_a_widget_per_part_and_its_keys_at_once(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A widget per part (the family with their facts, the next step, the
    questions, cycles, questionnaires, consent), each holding its heading; and
    the footer one widget that draws its keys from the first paint on."""
    family = store.create_family(build_demo_record())
    app = make_app(store)
    built = count_footer_builds(monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_family(family.id)
        await settle(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        shown = screen_text(app)
        for words in ("Demo", "Next:", "Helping questions", "Cycles", "Questionnaires"):
            assert words in shown, words
        assert len(dashboard.query_one("#dashboard").children) == 6
        widgets = list(dashboard.walk_children(Widget))
        assert len(widgets) <= 13, widgets
        # the footer is one widget, and draws its keys from the first paint on,
        # worked out at most once a paint while the focus settles as it opens
        footer = dashboard.query_one(VigFooter)
        assert not footer.children and "Next" in " ".join(footer.shown_keys)
        assert len([f for f in built if f.screen is dashboard]) <= 3


async def test_a_screen_opening_never_lays_out_the_screen_under_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new screen's first layout gives it its size; Textual then told it that
    its size had changed and laid out every screen under it again, at the size
    they already had. A real change of the terminal's size still lays out the
    screen on top and the ones under it."""
    from textual.screen import Screen

    family = store.create_family(build_demo_record())
    app = make_app(store)
    laid_out: list[tuple[Screen[Any], Any]] = []
    original = Screen._refresh_layout

    def refresh_layout(self: Screen[Any], size: Any = None, scroll: bool = False) -> None:
        laid_out.append((self, size))
        original(self, size, scroll)

    monkeypatch.setattr(Screen, "_refresh_layout", refresh_layout)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home = app.screen
        laid_out.clear()
        app.open_family(family.id)
        await settle(pilot, 8)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        assert [s for s, _size in laid_out if s is dashboard]
        assert not [s for s, _size in laid_out if s is home], "Home, under it, was laid out"
        laid_out.clear()
        body = dashboard.query_one("#dashboard")
        before = body.size.width
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert dashboard.size == (100, 30)
        assert {s for s, _size in laid_out} >= {dashboard, home}
        assert body.size.width == before + 20
