"""The one check a film passes before anything opens it (libVLC, PyAV, a copy).

Only a regular file that can be read gets through (`regular_files`: opened
without waiting, so a named pipe typed as a film is refused at once instead of
hanging the screen that checks it).
"""

from __future__ import annotations

import os
from pathlib import Path

from vig_tui.playback.errors import FilmMissing, FilmUnreadable
from vig_tui.regular_files import open_regular


def readable_film(path: Path) -> Path:
    """The film at ``path``, once it is known to be a file that can be read.
    Raises FilmMissing or FilmUnreadable."""
    path = Path(path).expanduser()
    try:
        with os.fdopen(open_regular(path), "rb") as handle:
            handle.read(1)
    except FileNotFoundError as exc:
        raise FilmMissing(path) from exc
    except OSError as exc:
        raise FilmUnreadable(path, exc.strerror or type(exc).__name__) from exc
    return path
