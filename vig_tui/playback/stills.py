"""Saving a still: the picture at one moment of a film, written as a PNG.

The picture comes from the decoder (PyAV), not from VLC's window, so a still
can be taken in every state — paused on open, after a seek or a clip's end, or
with no window at all — and it is turned upright like the picture VLC shows.
"""

from __future__ import annotations

import os
from pathlib import Path

from vig_tui.playback.errors import CannotDecode, SnapshotFailed
from vig_tui.playback.frames import picture_at, write_png


def save_still(film: Path | None, position_ms: int, dest: Path) -> Path:
    """Write the picture at ``position_ms`` of ``film`` to ``dest`` (atomically).
    Raises ValueError when ``dest`` is beside the film, SnapshotFailed otherwise."""
    dest = Path(dest).expanduser()
    if film is not None and dest.parent.resolve() == film.parent.resolve():
        raise ValueError("stills belong in the family's folder in the store, not beside the film")
    if film is None:
        raise SnapshotFailed("no film is open")
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(f".{dest.stem}.partial.png")
    partial.unlink(missing_ok=True)
    try:
        write_png(picture_at(film, position_ms), partial)
    except (CannotDecode, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise SnapshotFailed(f"no picture could be read at this moment: {exc}") from exc
    os.replace(partial, dest)
    return dest
