"""The practitioner's other notes on the moment, in the conversation's private
column: on a short terminal one line says how many there are until the box has
the focus (Tab from the note), so the note and "Said so far" keep their room;
on a tall one they are all shown."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll

from ....widgets.sized_by_layout import LaidOutText, SizedByLayout
from ..steps.base import NOT_FIRST

#: below this many rows of terminal the notes fold to one line until focused
FOLDED_BELOW_ROWS = 32
#: the box's class while folded (vig.tcss shows the summary, or the notes when focused)
FOLDED = "-folded"
#: the private column's class while folded notes are read: the stage's cue
#: gives them its room (vig.tcss)
READING = "-reading"


def summary(count: int) -> Text:
    """The folded box's one line."""
    notes = "1 other note" if count == 1 else f"{count} other notes"
    return Text.assemble((f"▸ {notes}", "bold"), (" (Tab)", "dim"))


class OtherNotesBox(VerticalScroll, SizedByLayout, can_focus=True):
    """The notes in full (`#talk-other-notes`) and their one-line summary
    (`#talk-other-summary`); which shows is the stylesheet's choice (the box's
    `-folded` class, its focus), so a focus costs one layout and no code."""

    DEFAULT_CSS = """
    OtherNotesBox { height: auto; max-height: 50%; scrollbar-gutter: stable; }
    OtherNotesBox > #talk-other-summary { display: none; }
    """

    def __init__(self, notes: Text, count: int, *, rows: int, id: str | None = None) -> None:
        super().__init__(id=id, classes=NOT_FIRST)
        self._notes, self._count = notes, count
        self.fit_to(rows)

    def fit_to(self, rows: int) -> None:
        """Folded or not, for a terminal this many rows high (a class set to
        what it already is restyles nothing)."""
        folded = rows < FOLDED_BELOW_ROWS
        self.set_class(folded, FOLDED)
        if not folded and self.parent is not None:
            self.parent.remove_class(READING)  # unfolded as they were read

    def compose(self) -> ComposeResult:
        yield LaidOutText(summary(self._count), id="talk-other-summary")
        yield LaidOutText(self._notes, id="talk-other-notes")

    def on_focus(self, event: events.Focus) -> None:
        if self.parent is not None and self.has_class(FOLDED):
            self.parent.add_class(READING)

    def on_blur(self, event: events.Blur) -> None:
        if self.parent is not None:
            self.parent.remove_class(READING)
