"""Which stills of a clip the family gets (in the booklet and the letter).

The practitioner picks one to three stills of each clip in clip preparation.
Only when none are picked do the family's papers take the first ones taken,
and whoever makes them is told so (:attr:`FamilyStills.picked` is False).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

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


def stills_for_family(clip: Clip) -> FamilyStills:
    """The clip's picked stills, in the order taken; else its first ones."""
    picked = [s for s in clip.stills if s.for_family]
    if picked:
        return FamilyStills(picked[:MAX_FAMILY_STILLS], picked=True)
    return FamilyStills(list(clip.stills[:MAX_FAMILY_STILLS]), picked=False)


def too_many_picked(count: int) -> str | None:
    """Why a clip cannot have `count` stills picked for the family (None when fine)."""
    if count > MAX_FAMILY_STILLS:
        return f"pick at most {MAX_FAMILY_STILLS} stills of a clip for the family"
    return None
