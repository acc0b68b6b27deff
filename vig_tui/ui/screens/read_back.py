"""Asked at the desk before a meeting that can no longer be written in as it
is (finished, or begun on an earlier day) is opened again: read it back, or
continue it today as a new sitting (see ``FamilySession.meeting_to_open``)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...domain import Session
from ..text import literal

#: what the practitioner chose: read the meeting back, or carry it on today
ReadBackChoice = Literal["read", "continue"]


def day_text(iso: str) -> str:
    """2026-11-10 -> "10 November 2026" (the text as it is if it is no date)."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


def read_back_question(meeting: Session) -> tuple[str, str]:
    """The dialog's title and its plain explanation."""
    when = day_text(meeting.date)
    state = f"was finished on {when}" if meeting.completed else f"was begun on {when}"
    title = f"{meeting.title()} {state}"
    body = (
        "Read it back: it opens as it was kept, and nothing can change.\n"
        "Continue it today: a new sitting, dated today, carries on where it stopped. "
        f"What is said today is kept under today's date; the words from {when} "
        "still show, under their own date."
    )
    return title, body


class ReadBackDialog(ModalScreen[ReadBackChoice | None]):
    """Returns "read", "continue", or None to go back to the dashboard."""

    FAMILY_SAFE = False  # asked at the desk, before the family's screen opens
    BINDINGS = [
        Binding("r", "choose('read')", "Read it back", id="readback.read"),
        Binding("c", "choose('continue')", "Continue today", id="readback.continue"),
        Binding("escape", "cancel", "Back", id="readback.cancel"),
    ]

    def __init__(self, meeting: Session) -> None:
        super().__init__()
        self.meeting = meeting

    def compose(self) -> ComposeResult:
        title, body = read_back_question(self.meeting)
        with Vertical(id="read-back", classes="dialog"):
            yield Static(literal(title), classes="dialog-title")
            yield Static(body)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Read it back (r)", id="read-back-read")
                yield Button("Continue it today (c)", id="read-back-continue", variant="primary")
                yield Button("Back (Esc)", id="read-back-no")

    def on_mount(self) -> None:
        self.query_one("#read-back-read", Button).focus()

    def action_choose(self, choice: ReadBackChoice) -> None:
        self.dismiss(choice)

    @on(Button.Pressed, "#read-back-read")
    def _read(self) -> None:
        self.dismiss("read")

    @on(Button.Pressed, "#read-back-continue")
    def _continue(self) -> None:
        self.dismiss("continue")

    @on(Button.Pressed, "#read-back-no")
    def action_cancel(self) -> None:
        self.dismiss(None)
