"""The room: the family is at the laptop.

While the room is open the app shows only what is family-safe. This module
holds the one rule each part of the app asks:

- a screen or dialog is family-safe only if its class says so
  (``FAMILY_SAFE = True``); anything else is refused while the room is open;
- a notification is family-safe only if whoever raised it said so
  (``notify(..., family_safe=True)``); the others wait for the desk.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from time import time
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from textual.css.model import CombinatorType, RuleSet, Selector, SelectorType
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.notifications import Notification
from textual.screen import Screen

from ..services.practice import StoreError
from ..services.room_state import ROOM_NAME, room_closed, room_left_open, room_opened

if TYPE_CHECKING:
    from .app import VigApp
    from .room_gate import RoomGate

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


#: The app's class while the family's view is on: the stylesheet hides
#: everything practitioner-only under it (`App.-together .private`).
TOGETHER_CLASS = "-together"


def _subject(selectors: list[Selector]) -> list[Selector]:
    """The last compound of a selector (what the rule styles), without pseudo
    classes: every node it could style, whatever its state."""
    start = max(
        (i for i, s in enumerate(selectors) if s.combinator != CombinatorType.SAME), default=0
    )
    return [replace(s, pseudo_classes=set()) for s in selectors[start:]]


def _styles(subjects: list[list[Selector]], node: DOMNode) -> bool:
    """True when one of the subjects names this node (each part of a compound
    checked on the node itself: no walk up its ancestors)."""
    return any(all(part.check(node) for part in subject) for subject in subjects)


def _names_together(selector: Selector) -> bool:
    return selector.type == SelectorType.CLASS and selector.name == TOGETHER_CLASS


#: What a rule may set and change nothing inside the node it styles.
_OWN_ONLY = frozenset({"display"})


class RoomStyles:
    """Which nodes' styles depend on the family's view, read from the stylesheet:
    the subjects of every rule that names `-together`, and what they contain
    when the rule sets more than `display` (a background, a colour: what is
    inside shows it). Switching the view restyles those nodes on the screens
    that can be seen, and nothing else; a screen that was covered takes the
    current mode when it is uncovered (`bring_up_to_date` on every change of
    screen). A rule whose subject is the app itself makes every node depend
    on the mode."""

    def __init__(self) -> None:
        self._rules: object = None
        #: subjects restyled alone / with everything inside them
        self._alone: list[list[Selector]] = []
        self._whole: list[list[Selector]] = []
        self._everything = False
        #: the mode each screen's nodes were last styled for
        self._styled: WeakKeyDictionary[Screen[Any], bool] = WeakKeyDictionary()

    def _read(self, stylesheet: Stylesheet) -> None:
        rules: list[RuleSet] = stylesheet.rules
        if rules is self._rules:
            return
        alone: list[list[Selector]] = []
        whole: list[list[Selector]] = []
        everything = False
        for rule in rules:
            own_only = set(rule.styles.get_rules()) <= _OWN_ONLY
            for selector_set in rule.selector_set:
                selectors = selector_set.selectors
                if not any(_names_together(s) for s in selectors):
                    continue
                subject = _subject(selectors)
                everything = everything or any(_names_together(s) for s in subject)
                (alone if own_only else whole).append(subject)
        self._rules, self._alone, self._whole = rules, alone, whole
        self._everything = everything

    def nodes(self, stylesheet: Stylesheet, screen: Screen[Any]) -> list[DOMNode]:
        """The nodes of a screen whose style depends on the mode."""
        self._read(stylesheet)
        if self._everything:
            return list(screen.walk_children(with_self=True))
        out: list[DOMNode] = []
        taken: DOMNode | None = None  # a node taken with everything inside it
        for node in screen.walk_children(with_self=True):
            if taken is not None and taken in node.ancestors:
                out.append(node)
            elif _styles(self._whole, node):
                taken = node
                out.append(node)
            elif _styles(self._alone, node):
                out.append(node)
        return out

    def bring_up_to_date(
        self, stylesheet: Stylesheet, stack: list[Screen[Any]], together: bool
    ) -> None:
        """Restyle the mode's nodes on each screen that can be seen (the one on
        top, and those seen through a see-through dialog) not yet styled for
        `together`."""
        for screen in reversed(stack):
            if self._styled.get(screen) is not together:
                stylesheet.update_nodes(self.nodes(stylesheet, screen), animate=False)
                self._styled[screen] = together
            if not (screen.is_modal and screen.styles.background.a < 1):
                break


@dataclass
class VigNotification(Notification):
    """A notification that says whether the family may see it."""

    family_safe: bool = False

    def renewed(self) -> VigNotification:
        """The same notification with its full time on screen from now."""
        return replace(self, raised_at=time())


# -- the room outlives vig (see services.room_state) ---------------------------------
#: Said (family-safe) when vig can't note on disk that the room is open.
ROOM_NOT_NOTED = (
    "vig could not save a note it needs ({reason}). Before closing vig, "
    "go back to the practitioner's desk."
)
QUIT_ANYWAY = "Press Ctrl+Q again to close vig anyway."


def note_room_open(app: RoomGate, meeting: Screen[Any]) -> bool:
    """The room opened with this meeting: quitting, a closed terminal or a crash
    now opens the next vig in the room, never on the list of families. False
    (said at once, in words the family may read) when that could not be saved."""
    family_id = getattr(getattr(meeting, "family", None), "id", None)
    if family_id is None:  # the closing screen knows its family by its record
        family_id = getattr(getattr(getattr(meeting, "record", None), "family", None), "id", "")
    meeting_id = getattr(meeting, "session_id", None)
    read_back = bool(getattr(getattr(meeting, "family", None), "read_only", False))
    try:
        room_opened(
            app.store.root,
            family_id if isinstance(family_id, str) else "",
            meeting_id if isinstance(meeting_id, str) else None,
            read_back,
        )
    except OSError as err:
        reason = err.strerror or type(err).__name__
        app.notify(
            ROOM_NOT_NOTED.format(reason=reason), severity="warning", timeout=15, family_safe=True
        )
        return False
    return True


def may_quit_in_the_room(app: RoomGate, meeting: Screen[Any] | None, asked: bool) -> bool:
    """Quitting in the room is safe once the room is noted on disk (the next vig
    opens in it). When it is not, and can't be now, the first Ctrl+Q says so and
    a second one (`asked`) quits anyway."""
    if room_left_open(app.store.root) is not None:
        return True
    if meeting is not None and note_room_open(app, meeting):
        return True  # (the disk had room again)
    if not asked:
        app.notify(QUIT_ANYWAY, severity="warning", timeout=10, family_safe=True)
    return asked


def forget_room(app: RoomGate) -> None:
    """The practitioner went back to the desk: the next vig opens on Home."""
    try:
        room_closed(app.store.root)
    except OSError as err:  # at the desk now: the practitioner reads it
        path = app.store.root / ROOM_NAME
        app.notify(
            f"vig could not remove {path} ({err.strerror or err}), so the next vig "
            "will open on the closing screen again. Remove it by hand.",
            severity="warning",
            timeout=20,
        )


def reopen_room_left_open(app: VigApp) -> None:
    """vig stopped while the room was open: open it again, on the closing screen
    of the family that was in it (or of no one, when that can't be read)."""
    left = room_left_open(app.store.root)
    if left is None:
        return
    from .screens.room import ClosingScreen, closing_of

    record = None
    if left.family_id is not None:
        with contextlib.suppress(StoreError):
            record = app.practice.read_family(left.family_id)
    meeting = record.session(left.meeting_id) if record and left.meeting_id else None
    app.room = True
    if record is not None and meeting is not None:
        app.push_screen(closing_of(record, meeting, left.read_back))
    else:
        app.push_screen(ClosingScreen(record))
