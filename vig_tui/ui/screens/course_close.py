"""One calm question before a family's course is closed: staying is the default.

Closing can be undone (Reopen), so a single question is enough; Enter or Esc
on its own keeps the course open.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..text import literal


class CloseCourseScreen(ModalScreen[bool]):
    """Asks before closing; dismisses True only for "Close the course"."""

    FAMILY_SAFE = False
    BINDINGS = [Binding("escape", "stay", "Keep it open", id="course.close.stay")]

    def __init__(self, label: str, day: str, erase_by: str | None) -> None:
        super().__init__()
        self.label, self.day, self.erase_by = label, day, erase_by

    def compose(self) -> ComposeResult:
        films = f" Its films are due to be erased by {self.erase_by}." if self.erase_by else ""
        with Vertical(classes="dialog", id="close-course"):
            yield Static(
                literal(f"Close {self.label}'s course on {self.day}?"), classes="dialog-title"
            )
            yield Static(Text(f"{films.strip()} You can reopen it later.".strip(), style="dim"))
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep it open", id="close-stay", variant="primary")
                yield Button("Close the course", id="close-go", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#close-stay", Button).focus()

    @on(Button.Pressed, "#close-go")
    def _close(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#close-stay")
    def action_stay(self) -> None:
        self.dismiss(False)
