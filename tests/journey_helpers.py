"""Shared helpers for the Pilot tests of the journey screens."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

from textual.app import App

from vig_tui.demo import build_demo_record
from vig_tui.packs import load_packs
from vig_tui.playback.fake import FakePlayer
from vig_tui.store import Store
from vig_tui.ui.app import VigApp

PACKS = load_packs(include_user=False)
FIXED_DAY = date(2026, 3, 2)


class Players:
    """Hands the app a FakePlayer and keeps it for the test to inspect."""

    def __init__(self) -> None:
        self.player: FakePlayer | None = None

    def __call__(self, sink: Any) -> FakePlayer:
        self.player = FakePlayer(sink)
        return self.player


def make_app(store: Store, players: Players | None = None) -> VigApp:
    return VigApp(store, packs=PACKS, player_factory=players or Players())


def add_demo(store: Store) -> str:
    return store.create_family(build_demo_record(today=FIXED_DAY)).id


_TEXT = re.compile(r'<text[^>]*?x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', re.S)


def screen_text(app: App[Any]) -> str:
    """Everything visible on screen as plain text, read from a screenshot
    (what a person at the laptop would see)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, body in _TEXT.findall(app.export_screenshot()):
        rows.setdefault(float(y), []).append((float(x), html.unescape(body)))
    lines = []
    for y in sorted(rows):
        lines.append("".join(t for _x, t in sorted(rows[y])).replace("\xa0", " ").rstrip())
    return "\n".join(lines)


async def back_to_desk(pilot: Any) -> None:
    """From the room's closing screen: the practitioner's deliberate way back
    (F2, then the word typed and Enter)."""
    from vig_tui.ui.screens.room import ClosingScreen

    assert isinstance(pilot.app.screen, ClosingScreen), pilot.app.screen
    await pilot.press("f2")
    await pilot.pause()
    await pilot.press(*"desk", "enter")
    await pilot.pause()
    await pilot.pause()
