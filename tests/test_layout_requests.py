"""A run of layout requests is weighed request by request.

Textual hands a screen one request for a run of them that came together: the
last. vig's screen drops a request that needs no layout (a container arranged
as it is, a widget that comes in hidden); weighing only the last dropped the
layout an earlier one needed, and what it showed was never laid out."""

from __future__ import annotations

from textual import messages
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from vig_tui.store import Store
from vig_tui.ui.screens.base import VigScreen
from vig_tui.ui.widgets.sized_by_layout import ChangingColumn

from .test_screen_cost import make_app, settle


class TwoParts(VigScreen):
    def compose(self) -> ComposeResult:
        with ChangingColumn(id="box"):
            yield Static("always here")
        with Vertical():
            later = Static("shown later", id="later")
            later.display = False
            yield later


async def test_a_request_that_needs_a_layout_is_not_lost_behind_one_that_needs_none(
    store: Store,
) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = TwoParts()
        await app.push_screen(screen)
        await pilot.pause(0.3)
        await settle(pilot)
        later, box = screen.query_one("#later"), screen.query_one("#box")
        assert later not in screen._compositor.widgets  # not laid out: hidden
        # shown: it asks for a layout; the column, arranged as it is, asks
        # just after it, and Textual hands the screen the column's request
        later.display = True
        later._layout_required = False  # (its request is the one posted here)
        screen.post_message(messages.Layout(later))
        screen.post_message(messages.Layout(box))
        await settle(pilot)
        assert later in screen._compositor.widgets  # laid out, so painted
