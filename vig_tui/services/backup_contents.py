"""What a backup holds, in words, and how big it is: said the same way by the
backup screen and by `vig backup`.

The size is the archive's own, as it lies in the backup folder (compressed and
locked): the one number the practitioner can check against the folder, and the
one the screen's list of backups shows for the same file. The parts are read
from the names of the files a backup takes (`backup.store_files`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

from ..domain.rules.counts import counted
from ..domain.rules.stills import STILLS_FOLDER
from ..store.audit import AUDIT_NAME
from ..store.crypto import KEY_NAME
from ..store.layout import FAMILIES, INDEX_NAME, ROOM_NAME
from ..store.practitioner import PRACTITIONER_NAME
from ..store.profile import PROFILE_NAME
from .last_backup import STATE_NAME

#: the store's own files, each by what it is for the practitioner
_PARTS = {
    INDEX_NAME: "the list of families",
    PROFILE_NAME: "your profile",
    PRACTITIONER_NAME: "your practice log",
    AUDIT_NAME: "the audit log",
    KEY_NAME: "the store's locked key",
    STATE_NAME: "when the last backup was made",
    ROOM_NAME: "the room left open",
}


def size_text(size: int) -> str:
    """A size in bytes as people read it (decimal units, as file managers show)."""
    if size >= 100_000:
        return f"{size / 1e6:.1f} MB"
    if size >= 1_000:
        return f"{size / 1e3:.0f} KB"
    return counted(size, "byte")


def contents_text(names: Iterable[str]) -> str:
    """The parts of the store the files named (as inside the store) make up:
    "the records of 2 families, 3 stills, the list of families, your profile".
    A file's last good copy (``.bak``) counts with the file."""
    families: set[str] = set()
    stills = 0
    parts: list[str] = []
    other = 0
    for name in names:
        path = PurePosixPath(name.removesuffix(".bak"))
        if path.parts[:1] == (FAMILIES,) and len(path.parts) >= 3:
            families.add(path.parts[1])
            if path.parts[2] == STILLS_FOLDER and not name.endswith(".bak"):
                stills += 1
        elif (part := _PARTS.get(path.as_posix())) is not None:
            if part not in parts:
                parts.append(part)
        elif not name.endswith(".bak"):
            other += 1
    said = [f"the records of {counted(len(families), 'family', 'families')}"]
    if stills:
        said.append(counted(stills, "still"))
    said += [part for part in _PARTS.values() if part in parts]
    if other:
        said.append(f"{counted(other, 'other file')} of the store")
    return ", ".join(said)
