"""What opening the shared review and Ctrl+N cost: counted, not timed (issue 15).

Opening the review painted the meeting empty first, then mounted the step
just after that paint and laid the whole screen out again (six layouts and
two footer builds in all); Ctrl+N from one prompt to the next laid the whole
screen out at every press, even when nothing on it changed size. These tests
count paints, layouts, footer builds and player calls; the timings live in
bench/keys.py."""

from __future__ import annotations

from typing import Any

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.visual import visualize
from textual.widget import Widget
from textual.widgets import Static

from tests.journey_helpers import (
    Players,
    add_demo,
    add_demo_reviewing_today,
    make_app,
    past_read_back,
)
from vig_tui.flows import StepKind, variant_of
from vig_tui.store import Store
from vig_tui.ui.screens.meeting import MeetingScreen
from vig_tui.ui.screens.meeting.steps.base import refill
from vig_tui.ui.widgets.footer import FooterKey, VigFooter


def count_layouts(monkeypatch: pytest.MonkeyPatch) -> list[Screen[Any]]:
    laid_out: list[Screen[Any]] = []
    original = Screen._refresh_layout

    def refresh_layout(self: Screen[Any], *args: Any, **kwargs: Any) -> None:
        laid_out.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", refresh_layout)
    return laid_out


async def settle(pilot: Any, times: int = 6) -> None:
    for _ in range(times):
        await pilot.pause()


def lines_of(widget: Static) -> int:
    """How many lines the widget's text takes at its width (as a layout measures it)."""
    return visualize(widget, widget.content).get_height(widget.styles, widget.content_size.width)  # type: ignore[arg-type]


async def test_the_review_is_painted_first_with_its_step_and_the_player_comes_after(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    family_id = add_demo(store)
    players = Players()
    app = make_app(store, players)
    first_paint: list[tuple[bool, bool, bool]] = []
    original = Screen._compositor_refresh

    def compositor_refresh(self: Screen[Any]) -> None:
        if isinstance(self, MeetingScreen) and not first_paint:
            talk = self.talk_view()
            opened = players.player is not None and any(
                call.startswith("open") for call in players.player.calls
            )
            slot = self.query_one("#player-slot")
            first_paint.append((talk is not None and talk.display, opened, bool(slot.children)))
        original(self)

    monkeypatch.setattr(Screen, "_compositor_refresh", compositor_refresh)
    built: list[VigFooter] = []
    original_work_out = VigFooter._work_out_keys

    def work_out_keys(self: VigFooter) -> tuple[FooterKey, ...]:
        built.append(self)
        return original_work_out(self)

    monkeypatch.setattr(VigFooter, "_work_out_keys", work_out_keys)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_family(family_id)
        await settle(pilot)
        await pilot.press("r")
        await past_read_back(pilot)
        await settle(pilot, 10)
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        assert meeting.step_on_screen
        # the first paint already shows the conversation, and nothing of the player
        # (no film checked, no player opened) has held it up
        assert first_paint == [(True, False, False)]
        # the player came right after, and plays the clip
        assert meeting.query("#player-slot > *")
        assert players.player is not None and any(
            call.startswith("play_clip") for call in players.player.calls
        )
        # the footer works out its keys at a paint after the bindings changed:
        # a few times as the screen opens and the focus settles, not once per change
        assert 1 <= len([f for f in built if f.screen is meeting]) <= 3
        footer = meeting.query_one(VigFooter)
        assert footer.keys() == footer._work_out_keys()
        assert app.focused is not None and app.focused.id == "talk-words"


async def step_by_step_review(pilot: Any, family_id: str) -> MeetingScreen:
    """The family's shared review, opened and switched to step-by-step (Ctrl+T)."""
    pilot.app.open_family(family_id)
    await settle(pilot)
    await pilot.press("r")
    await past_read_back(pilot)
    await settle(pilot)
    meeting = pilot.app.screen
    assert isinstance(meeting, MeetingScreen)
    await pilot.press("ctrl+t")
    await settle(pilot)
    return meeting


async def at_the_first_prompt(pilot: Any, store: Store) -> MeetingScreen:
    """The demo's review (held today) in the step-by-step view, on its first prompt."""
    meeting = await step_by_step_review(pilot, add_demo_reviewing_today(store))
    meeting.go(next(i for i, s in enumerate(meeting.steps) if s.kind == StepKind.PROMPT))
    await settle(pilot)
    return meeting


async def test_ctrl_n_from_prompt_to_prompt_lays_out_only_when_a_size_changes(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await at_the_first_prompt(pilot, store)
        laid_out = count_layouts(monkeypatch)
        presses = 0
        for _ in range(10):
            if meeting.steps[meeting.index + 1].kind != StepKind.PROMPT:
                break
            await pilot.press("ctrl+n")
            await settle(pilot, 3)
            presses += 1
            # every text of the step is whole on screen, at the height it needs
            for selector in ("#prompt-text", "#journey-title"):
                widget = meeting.query_one(selector, Static)
                assert widget.content_size.height == min(lines_of(widget), widget.size.height)
            text = meeting.query_one("#prompt-text", Static)
            assert text.content_size.height == lines_of(text)
        assert presses >= 6
        # the screen was laid out again only where something took a different size
        # (the question picker appearing), not at every press
        assert len([s for s in laid_out if s is meeting]) <= presses // 2, (laid_out, presses)


def cue_on_screen(meeting: MeetingScreen) -> bool:
    """Whether the prompt's cue can be seen: it and every box around it displayed."""
    cue = meeting.query_one("#prompt-cue")
    return all(node.display for node in cue.ancestors_with_self if isinstance(node, Widget))


async def test_a_cue_changed_in_the_family_view_is_right_when_the_practitioner_looks(
    store: Store,
) -> None:
    family_id = add_demo_reviewing_today(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await step_by_step_review(pilot, family_id)
        prompts = [i for i, s in enumerate(meeting.steps) if s.prompt is not None]
        packs = meeting.packs
        with_cue = [
            i
            for i in prompts
            if meeting.steps[i].prompt.cue(variant_of(meeting.record))  # type: ignore[union-attr]
            or meeting.steps[i].prompt.principle  # type: ignore[union-attr]
        ]
        without = [i for i in prompts if i not in with_cue]
        assert with_cue and without and packs is not None
        for index, has_cue in ((without[0], False), (with_cue[0], True), (without[0], False)):
            # moved to the step in the family's view: the cue is never seen there
            assert app.together
            meeting.go(index)
            await settle(pilot)
            assert not cue_on_screen(meeting)
            await pilot.press("f2")  # the practitioner's view: the cue exactly when there is one
            await settle(pilot)
            assert not app.together
            assert cue_on_screen(meeting) is has_cue
            await pilot.press("f2")
            await settle(pilot)
            assert not cue_on_screen(meeting)


class Texts(App[None]):
    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("one line"), id="text")
            yield Static("below", id="below")


async def test_refill_lays_out_when_the_text_needs_more_lines_and_repaints_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = Texts()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        laid_out = count_layouts(monkeypatch)
        text = app.query_one("#text", Static)
        below = app.query_one("#below", Static)
        refill(text, Text("another line"))
        await settle(pilot, 3)
        assert not laid_out
        assert str(text.render()) == "another line"
        refill(text, Text("a much longer text that takes two lines at forty columns wide"))
        await settle(pilot, 3)
        assert laid_out
        assert text.size.height == 2 and below.region.y == 2
        refill(text, Text("[bold]literal[/]"))  # shown as typed
        await settle(pilot, 3)
        assert text.size.height == 1 and below.region.y == 1
        assert "[bold]literal[/]" in str(text.render())


async def test_every_step_of_a_review_is_shown_with_one_layout_at_most(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+N through the whole review, step by step: prompts, a clip's
    "watch" step, prompts with no clip (the player goes), the rating of a
    helping question. A step of another kind than the one before was mounted,
    and Textual ends a mount twice: the second ending asked for another layout
    once the screen had laid out the new step (and so did the removal of the
    old step's widget, and the scale's size, and the footer's new keys). Now
    no step costs more than the one layout that shows it."""
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await at_the_first_prompt(pilot, store)
        laid_out = count_layouts(monkeypatch)
        per_press: dict[str, int] = {}
        while meeting.index < len(meeting.steps) - 1:
            before = len(laid_out)
            await pilot.press("ctrl+n")
            await settle(pilot, 4)
            per_press[f"{meeting.index}:{meeting.step.kind}"] = len(laid_out) - before
        kinds = {key.split(":")[1] for key in per_press}
        assert {StepKind.WATCH, StepKind.RATE_QUESTION, StepKind.PROMPT} <= kinds, kinds
        assert max(per_press.values()) <= 1, list(per_press.items())[-6:]


async def test_prompt_to_prompt_never_lays_out_twice_even_when_the_body_overflows(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 80×24 the prompt that shows the question picker is taller than the
    step's body: its scroll bar came in a layout of its own, and so did the
    picker's parts and the prompt's texts, sized again after the layout that
    showed them. Every press between a clip's prompts now lays out at most once."""
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await at_the_first_prompt(pilot, store)
        laid_out = count_layouts(monkeypatch)
        per_press: dict[str, int] = {}
        overflowed = False
        while meeting.steps[meeting.index + 1].kind == StepKind.PROMPT:
            before = len(laid_out)
            await pilot.press("ctrl+n")
            await settle(pilot, 4)
            per_press[meeting.step.key] = len(laid_out) - before
            body = meeting.query_one("#step-body")
            overflowed = overflowed or body.max_scroll_y > 0
        assert overflowed, "no prompt was taller than the body: the test shows nothing"
        assert any(key.endswith("link-to-question") for key in per_press)
        assert max(per_press.values()) <= 1, per_press
