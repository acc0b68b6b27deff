"""The installed `vig` in tmux at 80×24 and 200×50, screen by screen as a
practitioner goes (Home, the new-family form, the dashboard, the timeline,
the questions screen, the letter and its export dialog): the footer shows
help and the way out and never a key cut in half, and what each screen is
for is on it in full."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from vig_tui.demo import build_demo_record
from vig_tui.store import Store

from .tmux_driver import Tmux

pytestmark = pytest.mark.tmux

#: what each stop must show in full (the key that gets there, then the words)
STOPS: list[tuple[tuple[str, ...], list[str]]] = [
    ((), ["Demo – Robin and Sam", "Cycle 2 – filming"]),
    (("n",), ["A new family", "Children", "Referred", "Filmed", "Cycles", "Add family", "Cancel"]),
    (("Escape", "Enter"), ["Next: Cycle 2 – filming", "Cycles"]),
    (("t",), ["Initial meeting", "questionnaire  PHQ-9"]),
    (("Escape", "q"), ["A question", "Reword"]),
    (("Escape", "e"), ["Our work together"]),
    (("C-e",), ["Export the ending letter", "Folder", "File name", "Export", "Cancel"]),
]


def footer_problems(screen: str, width: int) -> list[str]:
    """What is wrong with the footer (the last line): help or the way out
    missing, or a key cut against the edge or the palette's mark."""
    line = screen.rstrip("\n").splitlines()[-1]
    keys_part = line.split("▏")[0]
    problems = []
    if "f1 Help" not in line:
        problems.append("no f1 Help")
    if "▏" in line and not keys_part.endswith(" "):
        problems.append(f"a key is cut against the palette: {keys_part[-12:]!r}")
    if "▏" not in line and len(line.rstrip()) >= width:
        problems.append(f"a key runs off the edge: {line[-12:]!r}")
    for chunk in re.split(r" {2,}", keys_part.strip()):
        if chunk and " " not in chunk:
            problems.append(f"a key without its words: {chunk!r}")
    return problems


@pytest.mark.parametrize(("width", "height"), [(80, 24), (200, 50)])
def test_nothing_the_practitioner_needs_is_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, width: int, height: int
) -> None:
    monkeypatch.setenv("TMUX_TMPDIR", str(tmp_path))  # a tmux server of its own
    root = tmp_path / "store"
    with Store.open(root) as store:
        store.create_family(build_demo_record())
    t = Tmux(f"vig-sizes-{width}", root, width=width, height=height)
    try:
        for keys, wanted in STOPS:
            for key in keys:
                time.sleep(0.4)
                t.keys(key)
            t.wait_for(wanted[0], timeout=30)
            dialog = keys and keys[-1] in ("n", "C-e")
            if not dialog:
                t.wait_for("f1 Help", timeout=20)  # the footer is drawn a moment later
            time.sleep(0.8)  # the rest of the screen settles
            screen = t.screen()
            missing = [w for w in wanted if w not in screen]
            assert not missing, f"{missing} not on screen after {keys}:\n{screen}"
            if not dialog:
                assert footer_problems(screen, width) == [], screen
    finally:
        t.close()
