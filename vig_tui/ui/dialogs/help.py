"""Help for whichever step is on screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown, Static

GENERAL = """
---
**Anywhere:** F1 or ? shows this help · Ctrl+P finds a family or a command ·
Esc goes back · Ctrl+Q quits (everything is already saved).
"""

#: In the room the palette offers only what the family may see.
GENERAL_IN_THE_ROOM = """
---
**Anywhere:** F1 or ? shows this help · Ctrl+P lists what you can do here ·
Ctrl+Q quits (everything is already saved).
"""


class HelpScreen(ModalScreen[None]):
    FAMILY_SAFE = True
    BINDINGS = [
        Binding("escape,f1,question_mark,q", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, about: Screen[object]) -> None:
        super().__init__()
        self.text = str(getattr(about, "HELP", None) or "Use the keys shown at the bottom.")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            general = GENERAL_IN_THE_ROOM if getattr(self.app, "room", False) else GENERAL
            yield Markdown(self.text + general)
            yield Static("Press Esc to close", classes="dim")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
