"""With no screen at all (no DISPLAY, no WAYLAND_DISPLAY, no VIG_VLC_ARGS), real
libVLC plays a clip without crashing and the practitioner is told why there is no
picture.

Try-out: `vig`, the demo family, `r` (shared review) ended in "Segmentation fault"
(libVLC fell back to drawing on the terminal and crashed). The tests run real
libVLC in a child process with a cleaned environment: the rest of the session
uses dummy outputs, which hide the problem.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest_playback import require_libvlc
from tests.film_factory import MadeFilm
from tests.test_conversation_tmux import demo_root, open_review
from tests.tmux_driver import Tmux

pytestmark = pytest.mark.tmux

__all__ = ["demo_root"]  # the fixture, used by name

REPO = Path(__file__).resolve().parent.parent
VIG = str(Path(sys.executable).parent / "vig")

#: Plays one clip with the app's own player, then prints what the panel is told.
PROBE = """
import json, sys, time
from pathlib import Path
from vig_tui.playback.vlc_player import VlcPlayer
player = VlcPlayer()
player.open(Path(sys.argv[1]))
player.play_clip(500, 2500)
deadline = time.monotonic() + 6
while time.monotonic() < deadline and str(player.state) != "clip-ended":
    player.tick()
    time.sleep(0.02)
print(json.dumps({"state": str(player.state), "hint": str(player.hint)}))
player.close()
"""


def _no_screen_env(tmp_path: Path) -> dict[str, str]:
    gone = ("DISPLAY", "WAYLAND_DISPLAY", "VIG_VLC_ARGS")
    env = {k: v for k, v in os.environ.items() if k not in gone}
    env["HOME"] = str(tmp_path)
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland only")
def test_a_clip_plays_without_a_screen_and_says_why_there_is_no_picture(
    tmp_path: Path, test_films: dict[str, MadeFilm]
) -> None:
    require_libvlc()  # skip (or fail under CI) when libVLC is missing
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(test_films["plain"].path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env=_no_screen_env(tmp_path),
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, f"rc={done.returncode} {done.stderr[-1500:]}"
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["state"] == "clip-ended", result
    assert result["hint"].startswith("No screen to show the film on:"), result


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland only")
def test_doctor_says_films_cannot_be_shown_without_a_screen(tmp_path: Path) -> None:
    done = subprocess.run(
        [VIG, "--data-dir", str(tmp_path / "s"), "doctor"],
        capture_output=True,
        text=True,
        timeout=60,
        env=_no_screen_env(tmp_path),
    )
    assert "No screen to show the film on" in done.stdout, done.stdout
    assert "films cannot be shown here" in done.stdout, done.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland only")
def test_vig_in_a_terminal_without_a_screen_opens_the_shared_review(demo_root: Path) -> None:
    """The try-out itself: `vig`, Enter on the demo family, r. It used to die with
    "Segmentation fault" as the clip started."""
    require_libvlc()
    no_screen = {"VIG_VLC_ARGS": "", "DISPLAY": "", "WAYLAND_DISPLAY": ""}
    t = Tmux("no-screen", demo_root, extra_env={**no_screen, "COLUMNS": "100", "LINES": "30"})
    try:
        open_review(t)
        # the family's view says it plainly; the practitioner's (F2) says why
        t.wait_for("The film can't be shown here just now")
        time.sleep(3)  # the clip plays on (without a picture)
        assert t.alive(), "vig ended"
        assert "Stage 1 of 5" in t.screen()
        t.keys("F2")
        t.wait_for("No screen to show the film on")
    finally:
        t.close()
