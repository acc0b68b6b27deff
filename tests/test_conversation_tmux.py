"""The installed `vig` in tmux: a whole shared review of the demo family in the
conversation view at 80×24, checked on disk afterwards; and at 120×40 and
200×50, nothing on screen is cut (no line ends in a cut-off word)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from vig_tui.demo import build_demo_record
from vig_tui.domain import SessionKind
from vig_tui.store import Store

from .journey_helpers import FIXED_DAY
from .tmux_driver import Tmux

pytestmark = pytest.mark.tmux

#: what Textual draws where it had to cut text short
CUT_MARKS = ("▏", "…")


def cut_lines(screen: str, width: int) -> list[str]:
    """Lines that end in a cut word: text running into the last column (a
    letter or digit there, where a frame or a space belongs) or ending in a
    mark of something cut short."""
    cut = []
    for line in screen.splitlines():
        text = line.rstrip()
        if not text:
            continue
        if (len(text) >= width and text[-1].isalnum()) or text.endswith(CUT_MARKS):
            cut.append(line)
    return cut


@pytest.fixture
def demo_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("TMUX_TMPDIR", str(tmp_path / "tmux"))  # a tmux server of our own
    (tmp_path / "tmux").mkdir()
    root = tmp_path / "store"
    with Store.open(root) as store:
        store.create_family(build_demo_record(today=FIXED_DAY))
    yield root


def sized_tmux(name: str, root: Path, width: int, height: int) -> Tmux:
    """A tmux window of this size with vig told the same size: started from a
    test, vig does not always see the pane's size (nor later resizes), so
    COLUMNS and LINES (which it reads first) say it."""
    size = {"COLUMNS": str(width), "LINES": str(height)}
    return Tmux(name, root, width=width, height=height, extra_env=size)


def open_review(t: Tmux) -> None:
    t.wait_for("Demo")
    time.sleep(0.8)
    if "Consent" not in t.screen():  # Home lists the family: open it
        t.keys("Enter")
        t.wait_for("Consent")
    t.keys("r")
    t.wait_for("Continue it today")  # the demo's review was finished days ago
    t.keys("c")
    t.wait_for("Stage 1 of 5")
    time.sleep(0.5)  # the box for the family's words takes the focus


def wait_gone(t: Tmux, text: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while text in t.screen():
        assert time.monotonic() < deadline, f"'{text}' stayed on screen:\n{t.screen()}"
        time.sleep(0.15)


def say(t: Tmux, words: str) -> None:
    """Type the family's words and keep them (Enter); wait until the box is empty again."""
    t.type(words)
    t.wait_for(words[-12:])
    t.keys("Enter")
    wait_gone(t, "▊" + words[:12])  # the box (drawn with ▊) has let go of the words
    time.sleep(0.2)


def stage(t: Tmux, number: int) -> None:
    t.keys("C-Down")
    t.wait_for(f"Stage {number} of 5")
    time.sleep(0.3)


def quit_vig(t: Tmux) -> None:
    t.keys("C-q")
    deadline = time.monotonic() + 10
    while t.alive() and time.monotonic() < deadline:
        time.sleep(0.2)


def test_a_whole_review_as_a_conversation_at_80_by_24(demo_root: Path) -> None:
    t = sized_tmux("vig-talk", demo_root, 80, 24)
    try:
        open_review(t)
        say(t, "He looks up at me")
        t.keys("BTab", "Enter")  # the prompt picker: the first prompt of the stage
        t.wait_for("Dismiss menu")
        t.keys("Home", "Enter")
        wait_gone(t, "Dismiss menu")
        t.wait_for("What do you notice Sam doing here?")
        t.keys("Tab")
        time.sleep(0.6)
        say(t, "Looking to see if I am watching")
        stage(t, 2)
        say(t, "Proud of his tower")
        for number in (3, 4, 5):
            stage(t, number)
        say(t, "More waiting for his ideas")
        t.keys("C-n")
        t.wait_for("Moment 2 of 2")
        t.wait_for("Stage 1 of 5")
        time.sleep(0.4)
        say(t, "She waits for Sam")
        t.keys("C-n")
        t.wait_for("keep doing")
        time.sleep(0.4)
        t.type(" Singing at bedtime.")
        time.sleep(0.3)
        t.keys("C-o")
        t.wait_for("Go to a step")
        t.keys("End", "Enter")
        t.wait_for(" the meeting")  # "Finish the meeting" (or "Close", as the demo's was finished)
        time.sleep(0.3)
        t.keys("Enter")
        t.wait_for("were added to it and are saved")  # the closing screen of a review carried on
        quit_vig(t)
    finally:
        t.close()
    with Store.open(demo_root, readonly=True) as store:
        (summary,) = store.summaries()
        record = store.read_family(summary.id)
    review = record.sessions_of(SessionKind.SHARED_REVIEW)[-1]  # today's sitting
    assert review.continues is not None  # of the demo's review, finished days ago
    first, second = (c.id for c in record.clips_for(1))
    said = [
        (r.stage, r.prompt_id, r.family_words)
        for r in record.remarks(review.id, first)
        if r.stage is not None
    ]
    assert said == [
        ("seeing", None, "He looks up at me"),
        ("seeing", "notice-other", "Looking to see if I am watching"),
        ("inside", None, "Proud of his tower"),
        ("what-next", None, "More waiting for his ideas"),
    ]
    assert [(r.stage, r.family_words) for r in record.remarks(review.id, second) if r.stage] == [
        ("seeing", "She waits for Sam")
    ]
    assert review.keep_doing.endswith("Singing at bedtime.")
    assert review.completed
    assert review.progress[f"stage:{first}"] == "what-next"


@pytest.mark.parametrize("size", [(120, 40), (200, 50)])
def test_nothing_is_cut_on_wide_screens(demo_root: Path, size: tuple[int, int]) -> None:
    width, height = size
    t = sized_tmux(f"vig-talk-{width}", demo_root, width, height)
    try:
        open_review(t)
        say(t, "He keeps checking I am still there and watching him build")
        seen = [t.wait_for("He keeps checking")]
        t.keys("F2")
        seen.append(t.wait_for("PRACTITIONER VIEW"))
        stage(t, 2)
        seen.append(t.screen())
        t.keys("F2")
        wait_gone(t, "PRACTITIONER VIEW")
        t.keys("C-n")
        t.wait_for("Moment 2 of 2")
        time.sleep(0.4)
        seen.append(t.screen())
        for screen in seen:
            assert max(len(line) for line in screen.splitlines()) == width, screen
            assert cut_lines(screen, width) == [], screen
        quit_vig(t)
    finally:
        t.close()


def test_the_cut_check_sees_cut_words() -> None:
    assert cut_lines("│ fine │\n words that run on and o", 24) == [" words that run on and o"]
    assert cut_lines(" ^o All steps  f2 Swi▏", 80) == [" ^o All steps  f2 Swi▏"]
    assert cut_lines("Stage 1 of 5: What we see   \n╰──────╯", 28) == []
