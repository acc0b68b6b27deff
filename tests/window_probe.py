"""Run in a child process under Xvfb: play a clip in a real film window and take a still.

Usage: python -m tests.window_probe FILM STILL.png  — prints one JSON line.
A separate process, because libVLC's instance (and its video output) is per process
and the rest of the test session uses dummy outputs.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from vig_tui.playback.player import PlayerState
from vig_tui.playback.vlc_player import VlcPlayer


def main(film: Path, still: Path) -> dict[str, object]:
    player = VlcPlayer()
    try:
        player.open(film)
        player.play_clip(1000, 3000)
        deadline = time.monotonic() + 8
        window = False
        while time.monotonic() < deadline and not window:
            player.tick()
            window = player.state is PlayerState.PLAYING and player.has_video_output()
            time.sleep(0.02)
        player.freeze()
        player.snapshot(still)
        return {"has_vout": window, "state": str(player.state)}
    finally:
        player.close()


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]))))
