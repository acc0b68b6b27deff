"""Which stills of a clip the family sees (in the room, the booklet and the letter).

The practitioner picks one to three stills of each clip in clip preparation.
Only when none are picked do the family's papers take the first ones taken,
and whoever makes them is told so (:attr:`FamilyStills.picked` is False).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..ids import format_ms

if TYPE_CHECKING:
    from ..media import Clip, Still

#: The most stills of one clip that go to the family.
MAX_FAMILY_STILLS = 3

#: How to pick them, said wherever the first stills are used for want of a pick
#: (Space on a still in clip preparation ticks it).
HOW_TO_PICK = "Pick them in clip preparation (Space ticks a still for the family)."


@dataclass(frozen=True)
class FamilyStills:
    stills: list[Still]
    #: True when the practitioner picked them; False when they are the first ones taken
    picked: bool


def still_outside_moment(clip: Clip, still: Still) -> bool:
    """True when the still was taken outside its clip's moment (start to end,
    both included): the player had wandered, or the clip was trimmed since."""
    return not clip.start_ms <= still.at_ms <= clip.end_ms


def outside_moment_note(clip_start_ms: int, clip_end_ms: int) -> str:
    """What the desk says beside a still taken outside its clip's moment."""
    return (
        f"outside the moment ({format_ms(clip_start_ms)}–{format_ms(clip_end_ms)}): "
        "not shown in the room or on the family's papers"
    )


def stills_of_moment(clip: Clip) -> list[Still]:
    """The one rule for what the family may be shown of a clip's stills, in the
    room and on their papers alike: those taken inside its moment, each named
    as one of the family's stills, in the order taken."""
    return [
        s
        for s in clip.stills
        if still_name_problem(s.path) is None and not still_outside_moment(clip, s)
    ]


def stills_for_room(clip: Clip) -> list[Still]:
    """The stills shown in the room for a clip (F4 in the shared review): those of
    its moment, the ones ticked for the family first, each group in the order taken."""
    usable = stills_of_moment(clip)
    return [s for s in usable if s.for_family] + [s for s in usable if not s.for_family]


def stills_for_family(clip: Clip) -> FamilyStills:
    """The stills of the family's booklet and letter: the clip's picked stills,
    in the order taken; else its first ones. Only stills of the moment go in,
    as in the room (:func:`stills_of_moment`)."""
    usable = stills_of_moment(clip)
    picked = [s for s in usable if s.for_family]
    if picked:
        return FamilyStills(picked[:MAX_FAMILY_STILLS], picked=True)
    return FamilyStills(usable[:MAX_FAMILY_STILLS], picked=False)


def too_many_picked(count: int) -> str | None:
    """Why a clip cannot have `count` stills picked for the family (None when fine)."""
    if count > MAX_FAMILY_STILLS:
        return f"pick at most {MAX_FAMILY_STILLS} stills of a clip for the family"
    return None


#: the folder inside a family's folder that holds its stills
STILLS_FOLDER = "stills"
#: the largest still kept or shown (a film frame is far smaller); a bigger one
#: would take hundreds of megabytes to decode
MAX_STILL_SIDE = 8000
MAX_STILL_PIXELS = 40_000_000
#: the picture formats a still may be in (VLC writes PNG)
STILL_FORMATS = ("PNG", "JPEG")


def still_name_problem(name: object) -> str | None:
    """Why `name` cannot be a still's name in the record (None when it can):
    a still is ``stills/<file>``, nothing else (no other folder, no ``..``,
    no absolute path, no hidden or odd file name)."""
    if not isinstance(name, str):
        return "a still's name is not text"
    parts = name.split("/")
    if (
        len(parts) != 2
        or parts[0] != STILLS_FOLDER
        or parts[1] in ("", ".", "..")
        or parts[1].startswith(".")
        or "\\" in name
        or any(ord(ch) < 32 or ord(ch) == 127 for ch in name)
    ):
        return "a still must be a file in the family's stills folder"
    return None


def picture_size_problem(width: int, height: int) -> str | None:
    """Why a picture of this size is not kept or shown as a still (None when fine)."""
    if width <= 0 or height <= 0:
        return "the picture has no size"
    if width > MAX_STILL_SIDE or height > MAX_STILL_SIDE or width * height > MAX_STILL_PIXELS:
        return (
            f"the picture is too large ({width}×{height}; "
            f"a still is at most {MAX_STILL_SIDE} pixels a side)"
        )
    return None


def still_picture_problem(data: bytes) -> str | None:
    """Why `data` is not a picture a still may be (None when it is a PNG or JPEG
    of a sane size). Only the picture's header is read; nothing is decoded."""
    import io
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as picture:
                kind, (width, height) = picture.format, picture.size
    except Exception:  # a hostile header can upset the reader in any way
        return "it is not a picture"
    if kind not in STILL_FORMATS:
        return "it is not a PNG or JPEG picture"
    return picture_size_problem(width, height)
