"""The family's course as it really runs: close, pause or reopen; add, skip or
remove cycles; date meetings and films; note a session that did not take place.

Every button calls one command of the family session (services/course.py); a
refused value or a failed save is shown in words, and nothing on screen
claims a change the disk did not take.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from ...domain import Attendance, FamilyRecord, SessionKind
from ...domain.rules.dates import parse_day
from ...domain.rules.status import Change, allowed_changes
from ...services.session import FamilySession, StoreError
from ..text import literal
from ..widgets.footer import VigFooter
from ..widgets.header import VigHeader, family_title
from ..widgets.literal_select import LiteralSelect
from .base import DATE_BOX, GuardsUnsavedChanges


class CourseForm(GuardsUnsavedChanges):
    """Shared by the course screens: run a command, say what happened; Esc with
    something typed that a Save button would keep asks before dropping it."""

    FAMILY_SAFE = False
    DEFAULT_CSS = """
    CourseForm .course-row { height: auto; }
    CourseForm .course-row Input, CourseForm .course-row Select { width: 1fr; }
    CourseForm .course-row Label { padding: 1 1 0 1; }
    CourseForm .course-row Button { margin: 0 1 0 0; }
    """

    def __init__(self, family: FamilySession) -> None:
        super().__init__()
        self.family = family

    @property
    def record(self) -> FamilyRecord:
        return self.family.record

    def value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value.strip()

    def choice(self, widget_id: str) -> str:
        value = self.query_one(f"#{widget_id}", Select).value
        return "" if value is Select.NULL else str(value)

    def say(self, message: str, ok: bool = True) -> None:
        self.query_one(".course-message", Static).update(
            Text(message, style="green" if ok else "bold red")
        )

    def run(self, done: str, command: Callable[[], object]) -> bool:
        """Run a command; on success say `done` and refresh, else say why not."""
        try:
            command()
        except ValueError as err:
            self.say(f"Not changed: {err}.", ok=False)
            return False
        except StoreError as err:
            self.say(f"Not saved: {err}", ok=False)
            return False
        self.say(done)
        self.refresh_view()
        return True

    def refresh_view(self) -> None:
        """Show the record as it now is (screens override)."""


class CourseScreen(CourseForm):
    HELP = """\
## The family's course

- **Status**: close, pause or reopen the family's involvement on a date.
  Closing suggests an erase-by date two months later, as the consent form
  promises; the films are due to be erased by then. Closing asks once first
  (it can be undone with Reopen).
- **Cycles**: *Add a cycle* adds the next one (up to 8); type a cycle's number
  to mark it as skipped (not filmed), bring a skipped one back, or remove an
  empty one (later cycles move down).
- **Dates**: change the date of a meeting or a film (YYYY-MM-DD, not in the future).
- **A session that did not take place**: note a cancelled or missed session with why;
  it shows on the timeline and in the overview.
- **Esc** goes back; a date or a missed session typed but not yet saved is
  asked about first (save it, drop it, or keep editing).
"""
    BINDINGS = [Binding("escape", "leave", "Back", id="course.back")]

    def compose(self) -> ComposeResult:
        today = date.today().isoformat()
        yield VigHeader()
        with VerticalScroll(id="course"):
            yield Static(id="course-summary")
            yield Static("", id="course-message", classes="course-message")
            yield Static("Status", classes="section")
            # one field a row, so Tab goes down the screen as it reads
            with Horizontal(classes="course-row"):
                yield Label("On")
                yield Input(today, id="status-date", classes=DATE_BOX)
            yield Input("", id="status-reason", placeholder="Why (optional)")
            with Horizontal(classes="course-row"):
                yield Label("When closing, erase films by")
                yield Input("", id="erase-by", placeholder="YYYY-MM-DD", classes=DATE_BOX)
            with Horizontal(classes="course-row"):
                yield Button("Close the course", id="close-family", variant="warning")
                yield Button("Pause the course", id="pause-family")
                yield Button("Reopen the course", id="reopen-family")
            yield Static("Cycles", classes="section")
            yield Static(id="course-cycles")
            with Horizontal(classes="course-row"):
                yield Label("Cycle")
                yield Input(
                    "",
                    id="cycle-number",
                    placeholder="number (not needed to add one)",
                    type="integer",
                )
                yield Input("", id="cycle-reason", placeholder="Why skipped (optional)")
            with Horizontal(classes="course-row"):
                yield Button("Add a cycle", id="add-cycle")
                yield Button("Skip", id="skip-cycle")
                yield Button("Film after all", id="unskip-cycle")
                yield Button("Remove (empty only)", id="remove-cycle")
            yield Static("Dates of meetings and films", classes="section")
            with Horizontal(classes="course-row"):
                yield LiteralSelect[str]([], id="date-item", prompt="Meeting or film")
                yield Input("", id="date-value", placeholder="YYYY-MM-DD", classes=DATE_BOX)
                yield Button("Set date", id="set-date")
            yield Static("A session that did not take place", classes="section")
            with Horizontal(classes="course-row"):
                yield LiteralSelect[str](
                    [(k.title, k.value) for k in SessionKind if k != SessionKind.OTHER],
                    id="missed-kind",
                    value=SessionKind.SHARED_REVIEW.value,
                    allow_blank=False,
                )
                yield Input("", id="missed-cycle", placeholder="cycle", type="integer")
                yield Input(today, id="missed-date", classes=DATE_BOX)
                yield LiteralSelect[str](
                    [(a.label, a.value) for a in Attendance if a != Attendance.HELD],
                    id="missed-attendance",
                    value=Attendance.CANCELLED.value,
                    allow_blank=False,
                )
            with Horizontal(classes="course-row"):
                yield Input("", id="missed-reason", placeholder="Why (e.g. child unwell)")
                yield Button("Note it", id="note-missed")
        yield VigFooter()

    def on_mount(self) -> None:
        self.sub_title = family_title(self.record.family.label, "course")
        self.refresh_view()
        self.mark_saved()
        self.query_one("#status-date", Input).focus()

    # -- what Esc would drop -------------------------------------------------------------
    # Only what a Save button keeps counts: a new date for a meeting or film, and a
    # session that did not take place. Close/pause/reopen and the cycle buttons are
    # decisions, not saves, so their fields are not asked about.
    def form_values(self) -> tuple[object, ...]:
        """The date and the missed session typed but not yet in the record (None when saved)."""
        return self._date_typed(), self._missed_typed()

    def save_form(self) -> bool:
        date_typed, missed_typed = self.form_values()
        return (date_typed is None or self.set_date()) and (
            missed_typed is None or self.note_missed()
        )

    def _date_typed(self) -> tuple[str, str] | None:
        item, day = self.choice("date-item"), self.value("date-value")
        return None if not day or _as_day(day) == self._date_of(item) else (item, day)

    def _date_of(self, item: str) -> str | None:
        kind, _, item_id = item.partition(":")
        if kind == "session":
            return self.family.meeting(item_id).date
        film = next((f for f in self.record.films if f.id == item_id), None)
        return film.recorded_on if kind == "film" and film is not None else None

    def _missed_fields(self) -> tuple[SessionKind, int | None, str, Attendance, str]:
        cycle_text = self.value("missed-cycle")
        return (
            SessionKind(self.choice("missed-kind")),
            int(cycle_text) if cycle_text.isdigit() else None,
            self.value("missed-date"),
            Attendance(self.choice("missed-attendance")),
            self.value("missed-reason"),
        )

    def _missed_typed(self) -> tuple[object, ...] | None:
        kind, cycle, day, attendance, reason = self._missed_fields()
        if not reason:
            return None
        if kind not in (SessionKind.FILMING, SessionKind.SHARED_REVIEW):
            cycle = None  # as the record keeps it
        typed = (kind, cycle, _as_day(day), attendance, reason)
        noted = {
            (s.kind, s.cycle, s.date, s.attendance, s.attendance_reason)
            for s in self.record.not_held()
        }
        return None if typed in noted else typed

    def refresh_view(self) -> None:
        record = self.record
        family = record.family
        summary = Text()
        summary.append(f"Status: {family.status}", style="bold")
        if family.closed_on:
            summary.append(f" since {family.closed_on}")
        if family.paused_on:
            summary.append(f" since {family.paused_on}")
        if record.consent.erase_by:
            summary.append(f" · erase films by {record.consent.erase_by}")
        summary.append(f"\nNext: {record.next_step().text}")
        self.query_one("#course-summary", Static).update(summary)
        # only the changes the course commands accept for this status are offered
        allowed = allowed_changes(family.status)
        self.query_one("#close-family", Button).display = Change.CLOSE in allowed
        self.query_one("#pause-family", Button).display = Change.PAUSE in allowed
        self.query_one("#reopen-family", Button).display = Change.REOPEN in allowed
        lines = Text()
        for number in record.cycle_numbers():
            progress = record.cycle_progress(number)
            why = family.skip_reasons.get(str(number), "")
            lines.append(f"Cycle {number}: {progress.text()}")
            if progress.skipped and why:
                lines.append(" – ")
                lines.append(literal(why))
            lines.append("\n")
        for missed in record.not_held():
            lines.append(
                f"{missed.date} {missed.title()}: {missed.attendance.label} – ", style="dim"
            )
            lines.append(literal(missed.attendance_reason))
            lines.append("\n")
        lines.rstrip()
        self.query_one("#course-cycles", Static).update(lines)
        items = [
            (f"{s.date}  {s.title()}", f"session:{s.id}")
            for s in sorted(record.sessions, key=lambda s: (s.date, s.created_at))
            if s.held
        ] + [
            (f"{f.recorded_on or '?'}  Cycle {f.cycle} – film", f"film:{f.id}")
            for f in record.films
        ]
        select = self.query_one("#date-item", Select)
        chosen = select.value
        select.set_options(items)
        if chosen is not Select.NULL and any(v == chosen for _, v in items):
            select.value = chosen
        closing = self.query_one("#erase-by", Input)
        if not closing.value:
            with contextlib.suppress(ValueError):
                closing.value = self.family.course.suggested_erase_by(self.value("status-date"))
                self._suggested_erase_by = closing.value

    # -- status ----------------------------------------------------------------------
    #: the erase-by date vig last offered; a date the practitioner typed is theirs
    _suggested_erase_by = ""

    @on(Input.Changed, "#status-date")
    def status_date_changed(self) -> None:
        """The erase-by date follows the closing date while it is vig's own
        suggestion (empty, or as offered); one the practitioner typed stays."""
        closing = self.query_one("#erase-by", Input)
        if closing.value not in ("", self._suggested_erase_by):
            return
        try:
            suggested = self.family.course.suggested_erase_by(self.value("status-date"))
        except ValueError:
            return
        closing.value = self._suggested_erase_by = suggested

    @on(Button.Pressed, "#close-family")
    def close_family(self) -> None:
        """Asks once (staying open is the default), then closes."""
        from .course_close import CloseCourseScreen

        day, erase_by = self.value("status-date"), self.value("erase-by") or None
        reason = self.value("status-reason")

        def answered(close: bool | None) -> None:
            if not close:
                self.say("Not closed.")
                return
            done = f"Closed on {day}." + (f" Films to be erased by {erase_by}." if erase_by else "")
            self.run(done, lambda: self.family.course.close(day, erase_by, reason))

        self.app.push_screen(CloseCourseScreen(self.record.family.label, day, erase_by), answered)

    @on(Button.Pressed, "#pause-family")
    def pause_family(self) -> None:
        day = self.value("status-date")
        self.run(
            f"Paused on {day}.", lambda: self.family.course.pause(day, self.value("status-reason"))
        )

    @on(Button.Pressed, "#reopen-family")
    def reopen_family(self) -> None:
        day = self.value("status-date")
        self.run(
            f"Reopened on {day}.",
            lambda: self.family.course.reopen(day, self.value("status-reason")),
        )

    # -- cycles ----------------------------------------------------------------------
    def _cycle(self, doing: str) -> int | None:
        """The cycle a button acts on (Skip, Film after all, Remove); Add a cycle needs none."""
        text = self.value("cycle-number")
        if not text.isdigit():
            self.say(f"Which cycle to {doing}? Type its number in the Cycle box.", ok=False)
            self.query_one("#cycle-number", Input).focus()
            return None
        return int(text)

    @on(Button.Pressed, "#add-cycle")
    def add_cycle(self) -> None:
        """Adds the next cycle after the last one: no number to type."""
        number = len(self.record.cycle_numbers()) + 1
        self.run(f"Cycle {number} was added.", self.family.course.add_cycle)

    @on(Button.Pressed, "#skip-cycle")
    def skip_cycle(self) -> None:
        n = self._cycle("skip")
        if n is not None:
            reason = self.value("cycle-reason")
            self.run(f"Cycle {n} is skipped.", lambda: self.family.course.skip_cycle(n, reason))

    @on(Button.Pressed, "#unskip-cycle")
    def unskip_cycle(self) -> None:
        n = self._cycle("film after all")
        if n is not None:
            self.run(
                f"Cycle {n} is to be filmed.", lambda: self.family.course.skip_cycle(n, skip=False)
            )

    @on(Button.Pressed, "#remove-cycle")
    def remove_cycle(self) -> None:
        n = self._cycle("remove")
        if n is not None:
            self.run(f"Cycle {n} was removed.", lambda: self.family.course.remove_cycle(n))

    # -- dates -----------------------------------------------------------------------
    @on(Select.Changed, "#date-item")
    def date_item_chosen(self) -> None:
        item = self.choice("date-item")
        if item.partition(":")[0] in ("session", "film"):
            self.query_one("#date-value", Input).value = self._date_of(item) or ""

    @on(Button.Pressed, "#set-date")
    def set_date(self) -> bool:
        kind, _, item_id = self.choice("date-item").partition(":")
        day = self.value("date-value")
        if kind == "session":
            return self.run(
                f"Dated {day}.", lambda: self.family.course.set_meeting_date(item_id, day)
            )
        if kind == "film":
            return self.run(f"Dated {day}.", lambda: self.family.course.set_film_date(item_id, day))
        self.say("Choose a meeting or a film first.", ok=False)
        return False

    # -- sessions that did not take place --------------------------------------------------
    @on(Button.Pressed, "#note-missed")
    def note_missed(self) -> bool:
        kind, cycle, day, attendance, reason = self._missed_fields()
        if kind in (SessionKind.FILMING, SessionKind.SHARED_REVIEW) and cycle is None:
            self.say("Which cycle was it? Type its number.", ok=False)
            self.query_one("#missed-cycle", Input).focus()
            return False
        return self.run(
            f"Noted: {kind.title.lower()} on {day}, {attendance.label}.",
            lambda: self.family.course.note_not_held(kind, cycle, day, attendance, reason),
        )


def _as_day(text: str) -> str:
    """A typed day as the record writes it (YYYY-MM-DD), or as typed when it is none."""
    try:
        return parse_day(text).isoformat()
    except ValueError:
        return text
