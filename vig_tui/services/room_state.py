"""Whether the room was left open: vig stopped while a family was at the laptop.

The room opens with a meeting and closes only by the practitioner's deliberate
act (F2, then the word *desk*). Quitting vig, closing the terminal or a crash
must not be a way round that: the next vig would open on Home, with every
family's name, in front of the family. So `room.json` in the store's folder is
written (durably) as the room opens, naming the family whose meeting opened it
(and that meeting, and whether it was only read back, so the closing screen
says truly what became of it), and removed only when the practitioner goes back
to the desk. A vig that starts while it is there opens in the room, on that
family's closing screen.

Only random hex ids and a yes/no are kept (nothing the family said). A damaged
file still means the room is open: it is read as "open, family unknown", never
as closed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..domain.ids import is_valid_id
from ..store.atomic import atomic_write, fsync_dir
from ..store.layout import ROOM_NAME
from ..store.small_file import read_small_file

__all__ = [
    "ROOM_NAME",
    "RoomLeftOpen",
    "room_closed",
    "room_left_open",
    "room_note",
    "room_opened",
]
#: what vig writes is about 50 bytes; anything much bigger is not its own
MAX_ROOM_BYTES = 4096


@dataclass(frozen=True)
class RoomLeftOpen:
    """The room was open when vig last stopped; `family_id` is None when the
    file did not name a valid family (damaged, or written by something else)."""

    family_id: str | None
    #: the meeting that opened the room (None when not known) and whether it
    #: was only read back, so the closing screen says truly what became of it
    meeting_id: str | None = None
    read_back: bool = False


def room_opened(
    root: Path, family_id: str, meeting_id: str | None = None, read_back: bool = False
) -> None:
    """Remember, durably, that the room is open with this family (and meeting).
    Raises OSError."""
    doc: dict[str, object] = {"family": family_id}
    if meeting_id is not None:
        doc.update(meeting=meeting_id, read_back=read_back)
    data = json.dumps(doc).encode()
    atomic_write(Path(root) / ROOM_NAME, data, keep_backup=False)


def room_closed(root: Path) -> None:
    """The practitioner went back to the desk: forget the open room, durably."""
    path = Path(root) / ROOM_NAME
    try:
        os.unlink(path)
    except FileNotFoundError:
        return
    fsync_dir(path.parent)


def room_left_open(root: Path) -> RoomLeftOpen | None:
    """None when the room was closed at the desk; else which family was in it."""
    path = Path(root) / ROOM_NAME
    try:
        raw = read_small_file(path, MAX_ROOM_BYTES)
    except FileNotFoundError:
        return None
    except OSError:  # unreadable, a folder, a FIFO, too big:
        return RoomLeftOpen(None)  # still open, as far as anyone can tell
    try:
        doc = json.loads(raw)
    except (ValueError, RecursionError):  # not JSON, or nested past all reason
        return RoomLeftOpen(None)
    if not isinstance(doc, dict):
        return RoomLeftOpen(None)
    family, meeting = doc.get("family"), doc.get("meeting")
    if not is_valid_id(family):
        return RoomLeftOpen(None)
    if not is_valid_id(meeting):
        return RoomLeftOpen(family)
    return RoomLeftOpen(family, meeting, doc.get("read_back") is True)


def room_note(root: Path) -> str | None:
    """A sentence for `vig doctor` when the room was left open; None when not."""
    if room_left_open(root) is None:
        return None
    return (
        f"The room was left open ({Path(root) / ROOM_NAME}): vig opens on the family's "
        "closing screen; press F2 there and type desk to go back to your desk."
    )
