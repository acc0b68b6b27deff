"""Typed playback errors, each carrying a one-line message that says what to do.

The UI shows ``str(error)`` as it is; nothing here needs a terminal.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import VigError

INSTALL_HINT = (
    "On Debian or Ubuntu: sudo apt install libvlc5 vlc-plugin-base. "
    "On other systems: install VLC from videolan.org. Then restart vig."
)


class PlaybackError(VigError):
    """Base class for everything the player can report."""

    #: A short heading the UI may show above the message.
    title = "Playback problem"


class PlayerUnavailable(PlaybackError):
    """libVLC could not be loaded, so films cannot be shown (notes still work)."""

    title = "VLC is not available"

    def __init__(self, reason: str = "") -> None:
        #: The technical cause (for `vig doctor` and logs); not part of the message.
        self.reason = reason
        super().__init__(
            "VLC could not be loaded, so films cannot play here; your notes still work. "
            f"{INSTALL_HINT}"
        )


class FilmMissing(PlaybackError):
    """The film is not at the path we have for it."""

    title = "Film not found"

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        super().__init__(
            f"The film is not at {self.path}. It may have been moved or renamed; "
            "choose its new location and vig will check it is the same film."
        )


class FilmUnreadable(PlaybackError):
    """The film exists but cannot be read (permissions, a folder, a broken disk)."""

    title = "Film cannot be read"

    def __init__(self, path: Path | str, reason: str = "") -> None:
        self.path = Path(path)
        self.reason = reason
        detail = f" ({reason})" if reason else ""
        super().__init__(
            f"The film at {self.path} cannot be read{detail}. "
            "Check the drive is connected and that you have permission to open the file."
        )


class CannotDecode(PlaybackError):
    """The file was found but its pictures cannot be read or played."""

    title = "Film cannot be played"

    def __init__(self, path: Path | str | None, reason: str = "") -> None:
        self.path = Path(path) if path is not None else None
        self.reason = reason
        where = f" {self.path}" if self.path is not None else ""
        detail = f" ({reason})" if reason else ""
        super().__init__(
            f"The film{where} cannot be played{detail}. "
            "Check that it is a video file; if it is, convert it to MP4 (H.264) and try again."
        )


class NoDisplay(PlaybackError):
    """No graphical display was found, so VLC has nowhere to show the picture."""

    title = "No screen for films"

    def __init__(self) -> None:
        super().__init__(
            "No screen to show the film on: no graphical display was found (DISPLAY and "
            "WAYLAND_DISPLAY are not set), so films cannot be shown here; vig keeps their "
            "timing without a picture. Run vig from a desktop session to watch films; "
            "notes work either way."
        )


class SnapshotFailed(PlaybackError):
    """A still could not be taken or saved."""

    title = "Still not saved"

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(
            f"The still could not be saved ({reason}). Try a moment a little earlier; if "
            "stills keep failing, check the film on the films screen (it may be damaged)."
        )
