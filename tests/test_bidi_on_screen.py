"""Bidi overrides, isolates and direction marks are made visible on screen and on
the command line by one rule: they never reach the terminal raw."""

from __future__ import annotations

import pytest

from vig_tui.domain import EndingLetter, Family
from vig_tui.domain.printable import printable
from vig_tui.store import Store
from vig_tui.ui.screens.meeting import MeetingScreen
from vig_tui.ui.text import clean, editable, literal

from .journey_helpers import make_app, screen_text
from .test_markup_on_screen import terminal_output

HIDDEN = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068"]
HIDDEN += ["\u2069", "\u200e", "\u200f", "\u061c"]


@pytest.mark.parametrize("char", HIDDEN)
def test_the_screen_and_the_cli_make_the_same_characters_visible(char: str) -> None:
    shown = f"\\u{ord(char):04x}"
    for made_visible in (clean, editable, printable, lambda s: literal(s).plain):
        assert made_visible(f"a{char}b") == f"a{shown}b"


async def test_a_right_to_left_override_in_a_label_is_shown_not_obeyed(store: Store) -> None:
    family = store.create_family(Family(label="Ivy\u202edrow"))
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.open_family(family.id)
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert "\u202e" not in terminal_output(app)
        assert "Ivy\\u202edrow" in screen_text(app)


async def test_an_isolate_in_the_letter_is_shown_not_obeyed(store: Store) -> None:
    family = store.create_family(Family(label="Juniper"))
    family.save(EndingLetter(markdown="# Our work together\n\nDear \u2067Juniper\u2069\n"))
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.open_family(family.id)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.pause()
        out = terminal_output(app)
        assert "\u2067" not in out and "\u2069" not in out


async def test_a_notification_shows_a_direction_mark_as_text(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        app.notify("left\u200fright\u061c")
        await pilot.pause()
        assert "\u200f" not in terminal_output(app)
        assert "left\\u200fright\\u061c" in screen_text(app)
