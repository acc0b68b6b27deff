"""What a backup folder holds, and what the last backup chose, for the backup screen.

The archives themselves are made, checked and pruned by :mod:`.backup`; this
module only reads: the archives vig made in a folder (oldest first, with when
they were made and their size) and the folder and number kept that the last
backup used, so the screen can offer them again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .backup import DEFAULT_KEEP, archive_order, archives
from .backup_archive import BackupError
from .last_backup import read_state


@dataclass(frozen=True)
class BackupFile:
    path: Path
    #: when it was made, from its name ("2026-12-02 00:41:07"), or "" when the name is odd
    made: str
    size: int


def backups_in(folder: Path) -> list[BackupFile]:
    """The archives vig made in `folder`, oldest first (none when it is not a folder)."""
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        return []
    found = []
    for path in archives(folder):
        stamp, _count = archive_order(path)
        try:
            made = datetime.strptime(stamp, "%Y-%m-%d-%H%M%S").strftime("%Y-%m-%d %H:%M:%S")
        except ValueError:
            made = ""
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            continue
        found.append(BackupFile(path, made, size))
    return found


def last_choices(root: Path) -> tuple[Path | None, int]:
    """The folder the last backup went to and how many it kept (defaults before the first)."""
    try:
        state = read_state(root) or {}
    except BackupError:
        state = {}
    archive, keep = state.get("archive"), state.get("keep")
    folder = Path(archive).parent if isinstance(archive, str) and archive else None
    return folder, keep if isinstance(keep, int) and keep >= 1 else DEFAULT_KEEP
