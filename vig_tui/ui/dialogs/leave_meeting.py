"""Esc in a meeting asks before the meeting is left: a child at the keyboard or a
stray key must not end it. Shown in the room, so its words are for everyone."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class LeaveMeetingScreen(ModalScreen[bool]):
    """Dismisses with True to stop the meeting for now; staying is the default
    (the button that has the focus, and Esc)."""

    FAMILY_SAFE = True
    BINDINGS = [Binding("escape", "stay", "Keep going", id="leave_meeting.stay")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="leave-meeting"):
            yield Static("Stop here for now?", classes="dialog-title")
            yield Static("Everything said so far is kept.")
            yield Static(Text("Esc or Enter keeps going.", style="dim"))
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep going", id="leave-meeting-stay", variant="primary")
                yield Button("Stop for now", id="leave-meeting-stop")

    def on_mount(self) -> None:
        self.query_one("#leave-meeting-stay", Button).focus()

    @on(Button.Pressed, "#leave-meeting-stay")
    def action_stay(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#leave-meeting-stop")
    def _stop(self) -> None:
        self.dismiss(True)
