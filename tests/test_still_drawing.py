"""How the terminal draws stills is asked once and remembered: the next time
textual-image is imported without a single question written to the terminal
(the questions are what made the screen flash inside the running app). Run in
a child process on a real pseudo-terminal, reading every byte it writes."""

from __future__ import annotations

import fcntl
import json
import os
import stat
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from vig_tui.ui.widgets.still_drawing import CACHE_ENV, remember, remembered, terminal_key

#: what textual-image writes to ask the terminal (Sixel: device attributes; cell size)
QUESTIONS = ("\x1b[c", "\x1b[16t", "\x1b_G")

CHILD = """
import contextlib, json, sys
from textual.app import App
from vig_tui.ui.widgets.still_drawing import drawing_kind

class Desk(App[None]):
    def suspend(self):  # the app stepping aside, as when it runs
        return contextlib.nullcontext()

kind = drawing_kind(Desk())
from textual_image._terminal import get_cell_size
sys.stderr.write(json.dumps([kind, list(get_cell_size())]) + "\\n")
"""


def on_a_terminal(cache: Path) -> tuple[str, list[object]]:
    """Run CHILD with a pseudo-terminal as its screen: (what it wrote there, its answer)."""
    main, side = os.openpty()
    # 24 rows, 80 columns, no pixel size given (the cell size is then asked)
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("VIG_STILLS", "TMUX")}
    env.update({CACHE_ENV: str(cache), "TERM": "xterm-256color"})
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD],
        stdin=side,
        stdout=side,
        stderr=subprocess.PIPE,
        env=env,
        text=False,
    )
    os.close(side)
    written = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        written += chunk
    os.close(main)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 0, err.decode()[-2000:]
    return written.decode("latin-1"), json.loads(err.decode().strip().splitlines()[-1])


def test_the_terminal_is_asked_once_then_never_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "terminal-pictures.json"
    written, (kind, cell) = on_a_terminal(cache)
    assert any(q in written for q in QUESTIONS)  # the first time it asks
    assert kind == "halfcell" and cache.exists()  # no Sixel answer here: half blocks
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    written, (again, cell_again) = on_a_terminal(cache)
    assert not [q for q in QUESTIONS if q in written]  # nothing asked: nothing to flash
    assert (again, cell_again) == (kind, cell)


def test_a_remembered_answer_is_used_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "terminal-pictures.json"
    monkeypatch.setenv(CACHE_ENV, str(cache))
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("TMUX", raising=False)
    remember(terminal_key(), "sixel", (9, 18))
    written, answer = on_a_terminal(cache)
    assert answer == ["sixel", [9, 18]] and not [q for q in QUESTIONS if q in written]


def test_a_damaged_cache_is_ignored_and_the_terminal_asked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "terminal-pictures.json"
    monkeypatch.setenv(CACHE_ENV, str(cache))
    for damaged in ("{not json", json.dumps({terminal_key(): {"kind": "x", "cell": [1]}})):
        cache.write_text(damaged)
        assert remembered(terminal_key()) is None
    written, (kind, _) = on_a_terminal(cache)
    assert kind == "halfcell" and any(q in written for q in QUESTIONS)
