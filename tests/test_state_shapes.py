"""State is never shown by colour alone: with NO_COLOR=1 a ticked box, an
unticked box and the chosen rating still read differently on screen."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from vig_tui.ui.widgets import rating_scale
from vig_tui.ui.widgets.rating_scale import RatingScale
from vig_tui.ui.widgets.ticks import TickBox, TickList

from .journey_helpers import screen_text


class Boxes(App[None]):
    def compose(self) -> ComposeResult:
        yield TickBox("Filming at home", True, id="on")
        yield TickBox("Sharing clips", False, id="off")
        yield TickList[str](("Low mood", "mood", True), ("Worry", "worry", False), id="list")
        yield RatingScale(7, id="scale")


def line_with(text: str, label: str) -> str:
    lines = [line for line in text.splitlines() if label in line]
    assert len(lines) == 1, text
    return lines[0].strip()


async def test_ticked_and_unticked_read_differently_in_monochrome(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = Boxes()
    assert app.no_color
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        ticked, unticked = line_with(text, "Filming"), line_with(text, "Sharing")
        assert ticked.replace("Filming at home", "") != unticked.replace("Sharing clips", "")
        assert "✓" in ticked and "✓" not in unticked
        chosen, other = line_with(text, "Low mood"), line_with(text, "Worry")
        assert chosen.replace("Low mood", "") != other.replace("Worry", "")
        assert "✓" in chosen and "✓" not in other
        # unticking changes the shape, not only the colour
        app.query_one("#on", TickBox).value = False
        app.query_one("#list", TickList).deselect("mood")
        await pilot.pause()
        text = screen_text(app)
        assert "✓" not in line_with(text, "Filming") and "✓" not in line_with(text, "Low mood")


async def test_the_chosen_rating_is_marked_by_a_symbol(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = Boxes()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        assert "▸7◂" in screen_text(app)
        scale = app.query_one(RatingScale)
        scale.focus()
        await pilot.press("end")
        await pilot.pause()
        row = line_with(screen_text(app), "▸")
        assert "▸10◂" in row and "7" in row and "▸7◂" not in row
        # the numbers keep their places (" 0 " starts cell 0, "▸10◂" fills cell 10):
        # a click still picks what it is over
        assert row.index("▸10◂") == row.index("0") - 1 + 4 * 10


async def test_ten_is_typed_as_one_then_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    """A family member who types "10" gets 10 (not 1, then 0); "0" on its own, or a
    "0" long after the "1", is still 0. Every pick is reported, the last is 10."""
    clock = [100.0]
    monkeypatch.setattr(rating_scale, "monotonic", lambda: clock[0])
    picked: list[int] = []

    class Heard(Boxes):
        def on_rating_scale_changed(self, message: RatingScale.Changed) -> None:
            picked.append(message.value)

    app = Heard()
    async with app.run_test(size=(60, 12)) as pilot:
        scale = app.query_one(RatingScale)
        scale.focus()
        await pilot.press("1")
        clock[0] += 0.4
        await pilot.press("0")
        await pilot.pause()
        assert scale.value == 10 and picked == [1, 10]
        await pilot.press("0")  # a second "0" is 0
        assert scale.value == 0
        await pilot.press("1")
        clock[0] += rating_scale.TEN_TYPED_WITHIN_S + 0.5  # too late to be "10"
        await pilot.press("0")
        assert scale.value == 0
        await pilot.press("1")  # away and back in between: the "0" is 0
        scale.blur()
        scale.focus()
        await pilot.press("0")
        assert scale.value == 0
        await pilot.press("1", "right", "left")  # a move in between: the "0" is 0 again
        clock[0] += 0.1
        await pilot.press("0")
        assert scale.value == 0
