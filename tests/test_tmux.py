"""The installed `vig`, driven in tmux like a person: keys in, screen out.

Walks a new family through an initial meeting with one helping question,
then one shared review of a demo clip with real libVLC (dummy outputs), and
checks what reached the store. Then kills vig mid-typing and checks that at
most the last second of typing was lost.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from vig_tui.domain import SessionKind
from vig_tui.store import Store

from .tmux_driver import CLOSING, VIG, Tmux

pytestmark = pytest.mark.tmux


def step_body(screen: str) -> str:
    """The part of the screen that changes from step to step: below the top
    bar, above the navigation, without the film player's box."""
    lines = screen.splitlines()[2:-2]
    return "\n".join(line for line in lines if not line.lstrip().startswith(("╭", "│", "╰")))


def press_until(t: Tmux, key: str, text: str, limit: int = 40) -> None:
    """Move on one step at a time, waiting for each step to show, until `text` is seen."""
    for _ in range(limit):
        screen = t.screen()
        if text in screen:
            time.sleep(0.3)  # let the step's field take the focus
            return
        before = step_body(screen)
        t.keys(key)
        deadline = time.monotonic() + 15
        while step_body(t.screen()) == before and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.2)
    t.wait_for(text, timeout=2)


def start(t: Tmux) -> None:
    t.wait_for("Protect this store")  # a new store offers a passphrase first
    t.keys("Escape")  # "not now"
    t.wait_for("Welcome to vig")


def back_to_desk(t: Tmux) -> None:
    """The practitioner's deliberate way out of the room: F2, then the word."""
    time.sleep(0.5)
    t.keys("F2")
    t.wait_for("Back to the practitioner's desk?")
    t.type("desk")
    t.keys("Enter")


def families(root: Path) -> list[dict[str, str]]:
    out = subprocess.run(
        [VIG, "--data-dir", str(root), "families", "--json"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout
    families: list[dict[str, str]] = json.loads(out)
    return families


def test_new_family_initial_meeting_and_a_shared_review(tmp_path: Path) -> None:
    root = tmp_path / "store"
    t = Tmux("vig-journey", root)
    try:
        start(t)
        t.keys("n")
        t.wait_for("A new family")
        t.type("Tmux family")
        t.wait_for("Tmux family")  # the label has its words before focus moves on
        t.keys("Tab", "Tab")
        time.sleep(0.3)
        t.type("Sam 3")
        t.wait_for("Sam 3")
        t.keys("Enter")
        t.wait_for("Next: Initial meeting")
        t.keys("Enter")
        t.wait_for("Part 1 of")
        t.type("We live with Nan")
        press_until(t, "C-n", "Your helping question")
        t.type("How can I help Sam sleep?")
        t.keys("Tab", "4", "Tab", "8")
        time.sleep(0.6)
        t.keys("C-o")
        t.wait_for("Go to a step")
        t.keys("End", "Enter")
        t.wait_for("Finish the meeting")
        t.keys("Enter")
        t.wait_for(CLOSING)  # the family's closing screen, never the dashboard
        back_to_desk(t)
        t.wait_for("Next: Cycle 1 – filming")

        # a shared review of the demo family's first clip, with real VLC
        t.keys("Escape")
        t.wait_for("1 family")
        t.keys("d")
        t.wait_for("Demo – Robin and Sam")
        t.wait_for("Next: Cycle 2")
        t.keys("r")
        t.wait_for("Continue it today")  # the demo's review was finished days ago
        t.keys("c")
        t.wait_for("Moment 1 of 2")
        t.wait_for("0:0", timeout=10)
        t.wait_for("Stage 1 of 5")  # the conversation view; Ctrl+T: one prompt at a time
        t.keys("C-t")
        t.wait_until_gone("Stage 1 of 5")  # the step-by-step view is drawn, not the conversation
        press_until(t, "C-n", "What do you notice")
        t.type("He looks so proud")  # today's sitting: the earlier words show above the box
        t.wait_for("He looks so proud")  # in the family's words box, on screen
        time.sleep(1.2)
        t.keys("Escape")  # asks first; staying has the focus, Tab moves to "Stop for now"
        t.wait_for("Stop here for now?")
        t.keys("Tab", "Enter")
        t.wait_for("were added to it and are saved")  # the closing screen of a sitting of today
        t.keys("C-q")
        deadline = time.monotonic() + 10
        while t.alive() and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        t.close()

    listed = {f["label"]: f for f in families(root)}
    assert set(listed) == {"Tmux family", "Demo – Robin and Sam"}
    assert listed["Tmux family"]["next_step"] == "Cycle 1 – filming"
    with Store.open(root, readonly=True) as store:
        record = store.read_family(listed["Tmux family"]["id"])
        demo = store.read_family(listed["Demo – Robin and Sam"]["id"])
    (question,) = record.questions
    assert question.text == "How can I help Sam sleep?"
    assert [r.value for r in question.ratings] == [4] and question.hoped_for == 8
    assert record.answer("about-you", SessionKind.INITIAL_MEETING) == "We live with Nan"
    assert record.sessions_of(SessionKind.INITIAL_MEETING)[0].completed
    words = [r.family_words for r in demo.reflections if r.prompt_id == "notice-other"]
    assert words == ["He keeps looking up at me to see if I'm watching.", "He looks so proud"]
    today = demo.sessions_of(SessionKind.SHARED_REVIEW)[-1]
    assert [r.session_id for r in demo.reflections if r.family_words == words[1]] == [today.id]


def test_killing_vig_while_typing_loses_at_most_the_last_second(tmp_path: Path) -> None:
    root = tmp_path / "store"
    t = Tmux("vig-kill", root)
    try:
        start(t)
        t.keys("n")
        t.wait_for("A new family")
        t.type("Kill test")
        t.keys("Enter")
        t.wait_for("Next: Initial meeting")
        t.keys("Enter")
        t.wait_for("Part 1 of")
        t.type("First words, typed calmly.")
        time.sleep(1.0)  # more than the autosave delay
        t.type(" and these maybe")
        pid = t.pid()
        os.kill(pid, signal.SIGKILL)
        time.sleep(0.5)
    finally:
        t.close()
    (summary,) = families(root)
    with Store.open(root) as store:  # the lock left by the killed vig is recovered
        record = store.family(summary["id"]).record
    said = record.answer("about-you", SessionKind.INITIAL_MEETING)
    assert said.startswith("First words, typed calmly.")
