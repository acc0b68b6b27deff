"""The folder a practitioner types into a dialog for something to be saved in.

One rule for every dialog that asks for a folder (the letter, the booklet,
the family's clips, the backups): the box must hold a whole path, starting
with ``/`` or ``~``. An empty box, or a bare name such as ``letters``, is
refused with a message that says what to type: either would otherwise land
in whatever folder vig happened to be started from, which the practitioner
never sees and may not find again, with the family's words or clips in it.
(A fallback to the folder first shown in the box was the other choice; it
was left out because the practitioner emptied that box on purpose, and a
file with a family's words should go only where they said.)

The command line is not held to this: there a relative path is the shell's
own convention and means the folder the command is run in.
"""

from __future__ import annotations

from pathlib import Path

from .deliver import ExportError


class FolderError(ExportError):
    """What was typed in a dialog's folder box is not a folder to save into."""


def typed_folder(typed: str, what: str) -> Path:
    """The whole path typed for `what` ("the letter", "the backups") to go
    into, with ``~`` expanded; FolderError, in plain words, for an empty box
    or a path that does not start with ``/`` or ``~``. Whether the folder
    exists is the caller's to check (a backup makes its folder)."""
    text = typed.strip()
    if not text:
        raise FolderError(
            f"Choose a folder for {what} first, for example ~/Documents: "
            "nothing is saved until the folder box says where."
        )
    folder = Path(text).expanduser()
    if not folder.is_absolute():
        raise FolderError(
            f"Give the whole folder path for {what}, starting with / or ~ "
            f"(not “{text}”, which would mean wherever vig was started from)."
        )
    return folder


def existing_folder(typed: str, what: str) -> Path:
    """:func:`typed_folder`, and the folder must be there already."""
    folder = typed_folder(typed, what)
    if not folder.is_dir():
        raise FolderError(
            f"There is no folder {folder}. Check the name, or make the folder first "
            "(or plug in the drive it is on)."
        )
    return folder
