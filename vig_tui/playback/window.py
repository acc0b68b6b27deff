"""Can libVLC open a film window on this display? (for ``vig doctor``)

The check plays the sample film silently in a child process: a broken display
plugin must not take vig down, and the child gets its own libVLC instance made
with the user's VIG_VLC_ARGS (the parent's may use dummy outputs).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

from vig_tui.playback import libvlc

#: How long `vig doctor` waits for a film window to open.
WINDOW_WAIT_S = 4.0


def window_opens(film: Path, environ: Mapping[str, str] | None = None) -> bool:
    """Can libVLC open a video output on this display? Plays ``film`` silently in a
    window, in a child process (a broken display plugin must not take vig down)."""
    env = dict(os.environ if environ is None else environ)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "vig_tui.playback.window", "--window-check", str(film)],
            env=env,
            capture_output=True,
            timeout=WINDOW_WAIT_S + 10,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def _window_check(film: Path) -> int:
    """The child's side of :func:`window_opens`: 0 when a video output appeared."""
    vlc = libvlc.load_vlc()
    args = [a for a in libvlc.instance_args() if not a.startswith("--aout")]
    instance = vlc.Instance([*args, "--aout=dummy"])
    if instance is None:
        return 2
    player = instance.media_player_new()
    media = instance.media_new_path(str(film))
    media.add_option(":stop-time=3")
    player.set_media(media)
    if player.play() != 0:
        return 1
    deadline = time.monotonic() + WINDOW_WAIT_S
    while time.monotonic() < deadline and not player.has_vout():
        if player.get_state() in (vlc.State.Ended, vlc.State.Error):
            break
        if player.get_time() > 1000:  # a second of film played and still no window
            break
        time.sleep(0.05)
    # No stop(): with a broken output libVLC can take many seconds to wind down,
    # and this process ends at once anyway.
    return 0 if player.has_vout() else 1


if __name__ == "__main__":  # python -m vig_tui.playback.window --window-check FILM
    if len(sys.argv) == 3 and sys.argv[1] == "--window-check":
        sys.stdout.flush()
        os._exit(_window_check(Path(sys.argv[2])))  # skip libVLC's slow teardown
    sys.exit(2)
