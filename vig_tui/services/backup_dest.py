"""The folder a backup goes to, checked and made ready before anything is written.

The path is resolved first (links followed), so a folder that is really inside
the store is refused before any folder is created, and a link that points
nowhere (an unplugged drive) is named as such. Only the folders vig creates
are made private (0700); a folder that is already there keeps its permissions,
and whether vig may write in it is found out by writing, not by who owns it.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..store.atomic import DIR_MODE
from .backup_archive import BackupError


def _dangling_link(path: Path) -> Path | None:
    """The first part of `path` that is a link to something that is not there."""
    for part in (*reversed(path.parents), path):
        if part.is_symlink() and not part.exists():
            return part
    return None


def prepare_dest(dest: Path, root: Path) -> Path:
    """The backup folder `dest`, resolved and made (parents too) if missing.

    BackupError when it is inside the store at `root` or behind a link to
    nothing; OSError when a folder cannot be made (the caller says why)."""
    dest = Path(dest).expanduser().absolute()
    broken = _dangling_link(dest)
    if broken is not None:
        raise BackupError(
            f"Cannot use {dest} for backups: {broken} is a link to {os.readlink(broken)}, "
            "which is not there (a drive not plugged in?); plug it in or choose another folder."
        )
    resolved = dest.resolve()
    if resolved == root or resolved.is_relative_to(root):
        raise BackupError(
            f"{dest} is inside the store; back up to another disk (a USB stick, a network drive)."
        )
    missing: list[Path] = []
    part = resolved
    while not part.exists() and part != part.parent:
        missing.append(part)
        part = part.parent
    for folder in reversed(missing):
        folder.mkdir(mode=DIR_MODE)
        os.chmod(folder, DIR_MODE)  # whatever the umask: a new backup folder is private
    if not resolved.is_dir():
        raise NotADirectoryError(20, "Not a directory", str(resolved))
    return resolved
