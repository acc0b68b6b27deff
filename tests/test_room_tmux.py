"""The installed `vig` in tmux: finish each kind of meeting in the family's view
and look at the terminal afterwards — the closing screen, never the desk, and
none of the practitioner-only sentinels (see `room_sentinels.py`)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from vig_tui.store import Store

from .room_sentinels import OTHER_FAMILY, SENTINEL_PACK, leaks, plant
from .tmux_driver import Tmux

pytestmark = pytest.mark.tmux

DASHBOARD = "Consent"  # a heading only the family dashboard shows
MEETINGS = {"i": "initial meeting", "r": "shared review", "f": "final meeting"}


def finish_meeting(t: Tmux, key: str) -> str:
    """From the dashboard: open a meeting, jump to its end, finish it; the screen after."""
    t.keys(key)
    if "Continue it today" in t.wait_for_any("Switch view", "Continue it today"):
        t.keys("c")  # held days ago (at the desk, before the room opens): continue today
        t.wait_for("Switch view")
    t.keys("C-o")
    t.wait_for("Go to a step")
    t.keys("End", "Enter")
    # a meeting finished before offers the way out; an open one, the finish button
    t.wait_for_any("Finish the meeting", "Close the meeting")
    time.sleep(0.3)  # the button takes the focus
    t.keys("Enter")
    deadline = time.monotonic() + 20
    while True:  # every screen on the way is looked at, not only the last
        screen = t.screen()
        assert leaks(screen) == [], f"{leaks(screen)} on screen after finishing:\n{screen}"
        if on_closing(screen):
            return screen
        assert time.monotonic() < deadline, f"No closing screen. The screen was:\n{screen}"
        time.sleep(0.15)


def on_closing(screen: str) -> bool:
    """The family's closing screen: of a meeting finished, left part-way, carried on,
    or read back."""
    marks = ("That was our", "We stopped part-way", "We carried on our", "We looked back")
    return any(m in screen for m in marks)


def test_finishing_each_meeting_in_the_room_shows_nothing_private(tmp_path: Path) -> None:
    root = tmp_path / "store"
    packs = tmp_path / "config" / "packs"
    packs.mkdir(parents=True)
    (packs / "snt_scale.yaml").write_text(SENTINEL_PACK, encoding="utf-8")
    with Store.open(root) as store:
        plant(store)
    t = Tmux("vig-room", root, width=110, height=35)
    try:
        t.wait_for(OTHER_FAMILY)  # Home lists both families (this is the desk)
        time.sleep(1.0)
        t.keys("Enter")  # the first one, planted first: the room family
        assert "Room family" in t.wait_for(DASHBOARD)
        for key, meeting in MEETINGS.items():
            screen = finish_meeting(t, key)
            assert f"our {meeting}" in screen, screen
            assert leaks(screen) == [], screen
            time.sleep(1.0)  # anything held back or late would be on screen by now
            screen = t.screen()
            assert leaks(screen) == [] and on_closing(screen), screen
            t.keys("Escape")  # a stray key changes nothing
            time.sleep(0.5)
            screen = t.screen()
            assert on_closing(screen) and leaks(screen) == [], screen
            # the practitioner goes back to the desk deliberately
            t.keys("F2")
            t.wait_for("Back to the practitioner's desk?")
            t.type("desk")
            t.keys("Enter")
            t.wait_for(DASHBOARD)
    finally:
        t.close()
