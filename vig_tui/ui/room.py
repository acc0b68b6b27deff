"""The room: the family is at the laptop.

While the room is open the app shows only what is family-safe. This module
holds the one rule each part of the app asks:

- a screen or dialog is family-safe only if its class says so
  (``FAMILY_SAFE = True``); anything else is refused while the room is open;
- a notification is family-safe only if whoever raised it said so
  (``notify(..., family_safe=True)``); the others wait for the desk.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from time import time

from textual.notifications import Notification
from textual.screen import Screen

from ..services.practice import StoreError

#: Said (family-safe) when something is asked for that belongs at the desk.
NOT_IN_THE_ROOM = "That is for later, at the practitioner's desk."

#: The title of every "could not save" notification (at the desk and in the room).
NOT_SAVED = "Not saved"


def room_words_for(err: StoreError) -> str:
    """What the family is told when a save fails: plain words, no path, no id."""
    if err.disk_full:
        return (
            "This could not be saved: the laptop's disk is full. "
            "Your words are still on the screen."
        )
    return (
        "This could not be saved. Your words are still on the screen; "
        "the practitioner can see why at the desk."
    )


#: How many held-back notifications are kept for the desk (the latest ones).
HELD_LIMIT = 20


def is_family_safe(screen: Screen[object] | type[Screen[object]]) -> bool:
    """True when a screen (or screen class) declared itself family-safe."""
    cls = screen if isinstance(screen, type) else type(screen)
    return bool(getattr(cls, "FAMILY_SAFE", False))


def opens_room(screen: Screen[object]) -> bool:
    """True for screens the family sits in on (a meeting): showing one opens the room."""
    return bool(getattr(type(screen), "TOGETHER", False)) and is_family_safe(screen)


@dataclass
class VigNotification(Notification):
    """A notification that says whether the family may see it."""

    family_safe: bool = False

    def renewed(self) -> VigNotification:
        """The same notification with its full time on screen from now."""
        return replace(self, raised_at=time())
