"""The end of a meeting in the room, and the practitioner's deliberate way back to the desk.

Every way out of a meeting while the family is at the laptop (finishing it,
Esc, jumping to the end) lands on :class:`ClosingScreen`: thanks, what
happens next and, when the record knows it, the date of the next meeting.
Nothing here is practitioner-only. The desk comes back only through
:class:`DeskConfirmScreen`: F2, then the word *desk* typed and Enter — more
than one stray key can give.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static

from ...domain import FamilyRecord, JourneyStage, Session
from ..text import literal
from ..widgets.footer import VigFooter
from ..widgets.header import VigHeader
from .base import VigScreen

#: What the practitioner types to leave the room.
DESK_WORD = "desk"

_NEXT_FOR_FAMILY = {
    JourneyStage.INITIAL_MEETING: "Next time we carry on with our first meeting.",
    JourneyStage.FILMING: "Next, we film a short, ordinary moment of your time together.",
    JourneyStage.CHOOSE_CLIPS: "Next, a few short moments from your film are chosen to watch "
    "together.",
    JourneyStage.SHARED_REVIEW: "Next time we watch a few moments from your film together.",
    JourneyStage.FINAL_MEETING: "Next time is our last meeting: we look back at what has changed.",
    JourneyStage.COMPLETE: "Our work together is complete. You will get a letter to keep.",
    JourneyStage.PAUSED: "We are taking a pause, and will agree together when to carry on.",
    JourneyStage.CLOSED: "Our work together has come to an end. Thank you for everything you "
    "shared.",
}


def next_for_family(record: FamilyRecord) -> str:
    """What happens next, in words for the family (no scores, no notes), from
    the journey's stage (never from the practitioner's display text)."""
    return _NEXT_FOR_FAMILY.get(record.next_step().stage, "We will agree together what comes next.")


#: what the family is told when no meeting is known (the room was left open
#: and its meeting cannot be read): true on any day
SAVED = "Everything we talked about is saved."


def spoken_day(day: date) -> str:
    """A day as the family would say it: "Tuesday 3 November 2026"."""
    return f"{day.strftime('%A')} {day.day} {day:%B %Y}"


def _day_of(session: Session) -> date | None:
    try:
        return date.fromisoformat(session.date[:10])
    except ValueError:
        return None


def what_was_kept(
    record: FamilyRecord, meeting: Session, read_only: bool = False, today: date | None = None
) -> str:
    """What the closing screen tells the family became of the meeting: true
    whether it was finished or left part-way, new or carried on from an earlier
    day (that sitting's words added, or nothing new), or only read back
    (nothing changed) — and on whatever day it is said: after vig stopped in
    the room and is opened again later, the words were not said "today"."""
    title = meeting.kind.title.lower()
    began = record.session(record.sittings(meeting.id)[0]) or meeting
    began_day = _day_of(began)
    of = f" of {spoken_day(began_day)}" if began_day is not None else ""
    if read_only:
        return f"We looked back at our {title}{of}. Nothing in it was changed."
    sat = _day_of(meeting)
    on_today = sat is None or sat == (today or date.today())
    when = "today" if on_today or sat is None else f"on {spoken_day(sat)}"
    if meeting.continues is not None:
        if not record.added_in(meeting):
            return f"We carried on our {title}{of}. Nothing new was added to it {when}."
        words = "Today's words were" if when == "today" else f"The words of {when[3:]} were"
        return f"We carried on our {title}{of}. {words} added to it and are saved."
    if meeting.completed:
        return f"That was our {title}. Everything we talked about {when} is saved."
    return f"We stopped part-way through our {title}. What we talked about {when} is saved."


def next_after(record: FamilyRecord, meeting: Session | None, read_only: bool = False) -> str:
    """What happens next, said after leaving `meeting`: one left part-way is
    carried on next time (never "next time is our last meeting" after leaving
    the last meeting half-way); otherwise the journey's next step."""
    if meeting is not None and not read_only and not meeting.completed:
        return f"Next time we carry on with our {meeting.kind.title.lower()}."
    return next_for_family(record)


def next_meeting_date(record: FamilyRecord, today: date | None = None) -> date | None:
    """The earliest meeting the record has booked after today, if any."""
    today = today or date.today()
    booked: list[date] = []
    for session in record.sessions:
        try:
            day = date.fromisoformat(session.date[:10])
        except ValueError:
            continue
        if day > today and not session.completed:
            booked.append(day)
    return min(booked) if booked else None


class ClosingScreen(VigScreen):
    """The calm end of a meeting, facing the family."""

    FAMILY_SAFE = True
    TOGETHER = True
    HELP = """\
## Thank you

The meeting is over; what was written down in it is saved.

**For the practitioner:** F2 and then typing *desk* goes back to your desk.
"""
    DEFAULT_CSS = """
    ClosingScreen #room-closing { padding: 2 4; height: 1fr; }
    ClosingScreen #room-closing Static { margin-bottom: 1; }
    """
    BINDINGS = [
        Binding("f2", "to_desk", "Practitioner", id="room.desk", priority=True),
        Binding("escape", "stay", "", show=False, id="room.stay"),
    ]

    def __init__(
        self, record: FamilyRecord | None, kept: str = SAVED, next_line: str | None = None
    ) -> None:
        """`next_line` says what happens next (the journey's next step when None)."""
        super().__init__()
        self.record = record
        self.kept = kept
        self.next_line = next_line

    def compose(self) -> ComposeResult:
        yield VigHeader()
        with Vertical(id="room-closing"):
            yield Static("Thank you", classes="title", id="room-thanks")
            yield Static(literal(self.kept), id="room-saved")
            if self.record is not None:
                next_line = self.next_line or next_for_family(self.record)
                yield Static(literal(next_line), id="room-next")
                day = next_meeting_date(self.record)
                if day is not None:
                    when = f"We meet again on {spoken_day(day)}."
                    yield Static(literal(when), id="room-date")
        yield VigFooter()

    def on_mount(self) -> None:
        label = self.record.family.label if self.record is not None else ""
        self.sub_title = label

    def action_stay(self) -> None:
        """Esc stays here: the way back to the desk is F2."""

    def action_to_desk(self) -> None:
        def chosen(go: bool | None) -> None:
            if go:
                self.vig.close_room()

        self.app.push_screen(DeskConfirmScreen(), chosen)


class DeskConfirmScreen(ModalScreen[bool]):
    """Back to the desk: the practitioner types a word, so no stray key can do it."""

    FAMILY_SAFE = True
    BINDINGS = [Binding("escape", "stay", "Stay here", id="room.confirm.stay")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="desk-confirm"):
            yield Static("Back to the practitioner's desk?", classes="dialog-title")
            yield Static(
                Text(f"Type {DESK_WORD} and press Enter. Esc stays here.", style="dim"),
            )
            yield Input(placeholder=DESK_WORD, id="desk-word")
            yield Static("", id="desk-hint")

    @on(Input.Submitted, "#desk-word")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip().lower() == DESK_WORD:
            self.dismiss(True)
        else:
            event.input.value = ""
            self.query_one("#desk-hint", Static).update(
                Text(f"To go back, type {DESK_WORD}. Esc stays here.", style="yellow")
            )

    def action_stay(self) -> None:
        self.dismiss(False)


def closing_for(left: Screen[object]) -> ClosingScreen:
    """The closing screen for a meeting being left (read from its record and
    session, and whether it was only read back)."""
    record = getattr(left, "record", None)
    meeting = getattr(left, "session", None)
    if not isinstance(record, FamilyRecord):
        return ClosingScreen(None)
    if not isinstance(meeting, Session):
        return ClosingScreen(record)
    read_only = bool(getattr(getattr(left, "family", None), "read_only", False))
    return closing_of(record, meeting, read_only)


def closing_of(record: FamilyRecord, meeting: Session, read_only: bool) -> ClosingScreen:
    """The closing screen after `meeting` (left now, or when vig stopped in the room)."""
    return ClosingScreen(
        record, what_was_kept(record, meeting, read_only), next_after(record, meeting, read_only)
    )
