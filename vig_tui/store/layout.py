"""Where things live in the store, and the gates in front of every path.

A family's folder is named by its id, so an id is checked (32 lowercase hex
characters) before it becomes part of a path, wherever it came from: a
bundle, a command line, a file on disk. vig never follows a symbolic link
inside its store: a link where a folder or file of ours belongs is refused
with a message naming it.

The index is a summary of the family folders, so it can always be worked out
again from them: :func:`family_folders` lists what is really there.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..domain.ids import is_valid_id
from .errors import InvalidIdError, LinkInStoreError

FAMILIES = "families"
INDEX_NAME = "index.json"
#: the room left open (a family id only; see services.room_state), never sealed
ROOM_NAME = "room.json"
RECORD_NAME = "record.json"
#: A family folder being erased is first renamed to this prefix + its id, so an
#: erasure cut short is finished on the next open instead of half-undone.
ERASING_PREFIX = ".erasing-"


def checked_id(family_id: object, where: str = "") -> str:
    """`family_id` itself when it is one of our ids; otherwise InvalidIdError."""
    if not is_valid_id(family_id):
        raise InvalidIdError(family_id, where)
    assert isinstance(family_id, str)
    return family_id


def family_folder(root: Path, family_id: object) -> Path:
    return Path(root) / FAMILIES / checked_id(family_id)


def is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def refuse_link(path: Path) -> Path:
    """`path` unchanged, unless it is a symbolic link (then LinkInStoreError)."""
    if is_link(path):
        raise LinkInStoreError(path)
    return path


def family_folders(root: Path) -> tuple[set[str], list[Path]]:
    """The ids of the family folders in the store, and whatever else is in
    `families/` that is not one (links, stray files, odd names). One directory
    read: no file in a folder is opened or stat'ed, so this stays quick at
    10,000 families."""
    ids: set[str] = set()
    strays: list[Path] = []
    base = Path(root) / FAMILIES
    try:
        entries = list(os.scandir(base))
    except FileNotFoundError:
        return ids, strays
    for entry in entries:
        name = entry.name
        if name.startswith(ERASING_PREFIX):
            continue  # finished by the next writer to open the store
        if name.startswith(".") and not entry.is_symlink():
            continue  # temporary files of an interrupted save
        if is_valid_id(name) and entry.is_dir(follow_symlinks=False):
            ids.add(name)
        else:
            strays.append(base / name)
    return ids, sorted(strays)
